// The seminar talk: slides over one Leaflet map that stays mounted.
// ATLAS_TALK (set by atlas/talk.py) = {map: name of the Leaflet map variable, slides: [...],
// start: first slide, parentKeys: also listen in the page holding this one}.
// Data text is only ever set with textContent.
(function () {
  "use strict";
  var C = window.ATLAS_TALK, slides = C.slides, map = window[C.map], current = -1, last = slides.length - 1;
  var chapterCount = slides.filter(function (s) { return s.kind === "chapter"; }).length;

  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // The stage: head (chapter, title), map, text, foot (source, navigation), and a cover for title/closing slides.
  var root = el("div", "talk"), stage = el("div", "talk-stage", null, root);
  root.id = "talk";
  var head = el("header", "talk-head", null, stage);
  var kicker = el("div", "talk-kicker", null, head), title = el("h1", "talk-title", null, head);
  var sub = el("div", "talk-sub", null, head);
  var mapBox = el("div", "talk-map", null, stage);
  var text = el("section", "talk-text", null, stage);
  var narrative = el("p", "talk-narrative", null, text), items = el("div", "talk-items", null, text);
  var foot = el("footer", "talk-foot", null, stage), source = el("div", "talk-source", null, foot);
  var nav = el("nav", "talk-nav", null, foot);
  var prevButton = el("button", "talk-prev", "Previous", nav), count = el("span", "talk-count", null, nav);
  var nextButton = el("button", "talk-next", "Next", nav), fullButton = el("button", "talk-full", "Full screen", nav);
  var leaveButton = C.parentKeys ? el("button", "talk-leave", "Leave present mode", nav) : null;
  var cover = el("section", "talk-cover", null, stage);
  // When one page of a chapter is still taller than its column (a phone: the narrative alone fills
  // it), the column scrolls and the quote lay under the footer with nothing to say so (a review).
  var more = el("button", "talk-more", "\u25bc More below", stage);
  more.type = "button";
  more.hidden = true;
  more.setAttribute("aria-label", "Scroll the text down: more of this slide lies below");
  // Notices about the address (from the app), as text, over the slide until dismissed.
  // It goes with "Dismiss" or at the next step: over the title, it hid the slide the lecturer moved to.
  var notices = window.ATLAS_TALK_NOTICES || [], banner = null;
  if (notices.length) {
    banner = el("div", "talk-notice", null, stage);
    banner.setAttribute("role", "alert");
    notices.forEach(function (text) { el("div", null, text, banner); });
    var dismiss = el("button", "talk-notice-close", "Dismiss", banner);
    dismiss.addEventListener("click", function () { banner.remove(); banner = null; });
  }
  document.body.insertBefore(root, document.body.firstChild);
  var mapDiv = map.getContainer();
  mapBox.appendChild(mapDiv);
  var legend = document.getElementById("atlas-legend");
  if (legend && !mapDiv.contains(legend)) {
    mapDiv.appendChild(legend);
    L.DomEvent.disableClickPropagation(legend);
    L.DomEvent.disableScrollPropagation(legend);
  }
  map.invalidateSize();
  // The selection loaded with the page was framed for the whole window; framed again for the slide's map.
  delete map._atlasFrameKey;
  // The legend was opened or folded for the whole window; on the slide the map is smaller. Open it
  // only where it leaves the chapter's places in view (the map page's rule: a map of at least
  // 1000x700 px, so at 1920x1080 but not at 1280x720); "Legend" unfolds it.
  var legendFold = legend && legend.querySelector("details");
  if (legendFold) {
    var mapSize = map.getSize();
    legendFold.open = mapSize.x >= 1000 && mapSize.y >= 700;
  }

  var groups = {};
  slides.forEach(function (s) { (s.groups || []).forEach(function (name) { groups[name] = window[name]; }); });

  function showLayers(names) {
    var wanted = {};
    (names || []).forEach(function (name) { wanted[name] = true; });
    Object.keys(groups).forEach(function (name) {
      var layer = groups[name];
      if (!layer) { return; }
      if (wanted[name] && !map.hasLayer(layer)) { map.addLayer(layer); }
      if (!wanted[name] && map.hasLayer(layer)) { map.removeLayer(layer); }
    });
  }

  // The map's own symbols (atlas_symbols.js): each chapter is a selection applied to one store, and
  // Atlas.frame flies to the chapter's frame inside the theatre, far places marked on the map's edge.
  var selectionGroup = C.carrier ? window[C.carrier] : null;
  function applySelection(payload) {
    var group = L.featureGroup();
    map.addLayer(group);
    var old = selectionGroup;
    selectionGroup = group;
    window.Atlas.select(map, group, {}, payload);
    if (old && old !== group && map.hasLayer(old)) { map.removeLayer(old); }
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function frameTo(frame, animate) {
    if (!frame) { return; }
    if (animate && !reducedMotion()) {
      map.flyTo(frame.center, frame.zoom, {duration: 1.1});
    } else {
      map.setView(frame.center, frame.zoom, {animate: false});
    }
  }

  // A chapter's cited items are shown a page at a time, like a slide's steps: Next shows the next
  // page of them before it leaves the chapter, so nothing scrolls and no quote shrinks out of reach.
  var parts = [[]], part = 0, itemsHead = null;

  function overflows() { return text.scrollHeight > text.clientHeight + 1; }

  function setItemsHead(k) {
    var n = items.querySelectorAll(".talk-item").length;
    if (!itemsHead) { return; }
    if (parts.length < 2) { itemsHead.textContent = "Cited in this chapter"; return; }
    var first = 0;
    for (var i = 0; i < k; i++) { first += parts[i].length; }
    itemsHead.textContent = "Cited in this chapter \u00b7 " + (first + 1) +
      (parts[k].length > 1 ? "\u2013" + (first + parts[k].length) : "") + " of " + n +
      (k < parts.length - 1 ? " \u00b7 more on Next" : "");
  }

  function shrinkToFit() {
    // Only one item too long for the column on its own: shrink it a little before the column scrolls.
    var scale = 1;
    items.style.fontSize = "";
    while (overflows() && scale > 0.87) {
      scale -= 0.04;
      items.style.fontSize = scale.toFixed(3) + "em";
    }
  }

  // Where the narrative alone takes over half the column (a phone held upright), it is shown with the
  // first page of cited items only: repeated on every page, it left room for one quote, below the fold,
  // and chapter 1 took six rounds of scrolling and Next (a review).
  var narrativeOnce = false;

  function paginate() {
    var boxes = [].slice.call(items.querySelectorAll(".talk-item")), page = [];
    items.style.fontSize = "";
    parts = [];
    narrative.hidden = false;
    // Measured with the longest head it can have, so the head's own height never breaks a page.
    if (itemsHead) { itemsHead.textContent = "Cited in this chapter \u00b7 00\u201300 of 00 \u00b7 more on Next"; }
    boxes.forEach(function (box) { box.hidden = true; });
    narrativeOnce = boxes.length > 0 && narrative.offsetHeight > text.clientHeight / 2;
    boxes.forEach(function (box) {
      box.hidden = false;
      if (page.length && overflows()) {
        page.forEach(function (b) { b.hidden = true; });
        parts.push(page);
        page = [];
        if (narrativeOnce) { narrative.hidden = true; }
      }
      page.push(box);
    });
    parts.push(page);
    narrative.hidden = false;
  }

  function showPart(k) {
    part = Math.max(0, Math.min(parts.length - 1, k));
    parts.forEach(function (page, i) { page.forEach(function (box) { box.hidden = i !== part; }); });
    narrative.hidden = narrativeOnce && part > 0;
    setItemsHead(part);
    items.style.fontSize = "";
    text.scrollTop = 0;
    shrinkToFit();
    updateCount();
    updateMore();
  }

  function updateMore() {
    var chapter = slides[current] && slides[current].kind === "chapter";
    more.hidden = !chapter || text.scrollHeight - text.scrollTop - text.clientHeight <= 2;
  }
  text.addEventListener("scroll", updateMore, {passive: true});
  more.addEventListener("click", function () {
    text.scrollBy({top: Math.max(40, text.clientHeight * 0.8), behavior: reducedMotion() ? "auto" : "smooth"});
  });

  function layoutItems(k) {
    paginate();
    showPart(k === "last" ? parts.length - 1 : (k || 0));
  }

  function drawItems(list) {
    items.textContent = "";
    itemsHead = null;
    if (!list.length) { return; }
    itemsHead = el("div", "talk-item-meta talk-items-head", "Cited in this chapter", items);
    list.forEach(function (item) {
      var box = el("div", "talk-item", null, items);
      box.dataset.id = item.id;
      el("div", "talk-item-head", item.id + " \u00b7 " + item.title, box);
      el("div", "talk-item-meta", item.when + " \u00b7 " + item.where, box);
      el("blockquote", "talk-quote", "\u201c" + item.quote + "\u201d", box);
      el("div", "talk-cite", "footnote " + item.footnote, box);
    });
  }

  function updateCount() {
    var chapter = slides[current] && slides[current].kind === "chapter";
    // "slide", so it is not read as the chapter number the slide's header gives ("Chapter 3 of 8").
    count.textContent = "slide " + (current + 1) + " of " + slides.length +
      (chapter && parts.length > 1 ? " \u00b7 page " + (part + 1) + " of " + parts.length : "");
    prevButton.disabled = current === 0 && (!chapter || part === 0);
    nextButton.disabled = current === last && (!chapter || part >= parts.length - 1);
  }

  function drawCover(s) {
    cover.textContent = "";
    if (s.kind === "title") {
      // A year range never breaks at its dash ("1992-" above "1997").
      el("h1", null, s.title.replace(/(\d)\u2013(\d)/g, "$1\u2060\u2013\u2060$2"), cover);
      el("p", null, s.article, cover);
      el("h2", null, "This talk covers", cover);
      var list = el("ol", null, null, cover);
      s.covers.forEach(function (line) { el("li", null, line.replace(/^\d+\.\s*/, ""), list); });
      el("h2", null, "What the data can and cannot say", cover);
      el("p", "talk-limits", s.limits, cover);
      el("p", null, s.counts, cover);
      el("div", "talk-hint", "Next: \u2192, PageDown or Space \u00b7 Previous: \u2190 or PageUp \u00b7 Full screen: F", cover);
    } else {
      el("h1", null, s.title, cover);
      el("p", null, s.article, cover);
      var notes = el("div", "talk-notes", null, cover);
      s.footnotes.forEach(function (note) {
        var row = el("div", null, null, notes);
        el("b", null, "fn " + note.number, row);
        row.appendChild(document.createTextNode(
          "chapter" + (note.chapters.length > 1 ? "s " : " ") + note.chapters.join(", ") +
          (note.items.length ? " \u00b7 " + note.items.map(function (i) { return i.split(" ")[0]; }).join(", ") : "")));
      });
    }
  }

  // The address names the slide a reload brings back: a chapter's number, none for the title slide (the
  // talk opens there without one), the last chapter for the closing slide (which has no number).
  function syncParentUrl(s) {
    if (!C.parentKeys) { return; }
    try {
      var url = new URL(window.parent.location.href);
      if (s.kind === "title") { url.searchParams.delete("chapter"); }
      else if (s.kind === "chapter") { url.searchParams.set("chapter", String(s.number)); }
      else { url.searchParams.set("chapter", String(slides[last - 1].number)); }
      window.parent.history.replaceState(window.parent.history.state, "", url.toString());
    } catch (err) { /* not allowed: the link just keeps its first chapter */ }
  }

  function show(index, wantedPart) {
    index = Math.max(0, Math.min(last, index));
    if (index === current) { return; }
    var s = slides[index], first = current < 0;
    if (!first && banner) { banner.remove(); banner = null; }  // Home, End, a jump: the lecturer has moved on
    current = index;
    root.dataset.slide = String(index);
    root.dataset.kind = s.kind;
    parts = [[]];
    part = 0;
    cover.classList.toggle("shown", s.kind !== "chapter");
    if (s.kind === "chapter") {
      kicker.textContent = "Chapter " + s.number + " of " + chapterCount;
      title.textContent = s.title;
      sub.textContent = s.subtitle;
      narrative.textContent = s.narrative;
      drawItems(s.items);
      source.textContent = s.source;
      showLayers(s.groups);
      if (s.selection && window.Atlas && window.Atlas.select) { applySelection(s.selection); }
      else { frameTo(s.frame, !first); }
      layoutItems(wantedPart);
    } else {
      drawCover(s);
      source.textContent = "";
      if (first) {
        // Behind the title slide, the map waits on the first chapter.
        var firstChapter = slides[1];
        if (firstChapter && firstChapter.kind === "chapter") {
          showLayers(firstChapter.groups);
          if (!firstChapter.selection) { frameTo(firstChapter.frame, false); }
        }
      }
    }
    updateCount();
    updateMore();
    syncParentUrl(s);
    announce();
  }

  // Next and Previous: through the pages of a chapter's cited items first, then to the next slide
  // (backwards, to the last page of the slide before, as a presenter going back expects).
  function step(direction) {
    if (banner) { banner.remove(); banner = null; }  // the lecturer has moved on
    var chapter = slides[current] && slides[current].kind === "chapter";
    if (chapter && direction > 0 && part < parts.length - 1) { showPart(part + 1); announce(); return; }
    if (chapter && direction < 0 && part > 0) { showPart(part - 1); announce(); return; }
    show(current + direction, direction < 0 ? "last" : 0);
  }

  // Other scripts (and tests) may follow the talk: "talk:slide" after every step.
  function announce() {
    document.dispatchEvent(new CustomEvent("talk:slide", {detail: {index: current, kind: slides[current].kind, part: part}}));
  }

  function parentFullscreen() {
    try { return window.frameElement && window.parent.document.fullscreenElement === window.frameElement; }
    catch (err) { return false; }
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); return; }
    if (parentFullscreen()) { window.parent.document.exitFullscreen(); return; }
    var request = root.requestFullscreen ? root.requestFullscreen() : null;
    if (request && request.catch) {
      request.catch(function () {
        // An iframe without the fullscreen permission: the page holding it can still do it.
        try { window.frameElement.requestFullscreen(); } catch (err) { /* no full screen here */ }
      });
    }
  }

  function leaveFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (parentFullscreen()) { window.parent.document.exitFullscreen(); }
  }

  function onKey(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var t = e.target || {};
    var typing = t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName || "") ||
      (t.tagName === "INPUT" && !/^(checkbox|radio|button|submit|range)$/.test(t.type || ""));
    if (typing) { return; }
    var k = e.key;
    // Enter or Space on "More below" scrolls the text, as a click does, not to the next page.
    if (t === more && (k === "Enter" || k === " ")) { return; }
    if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || k === "Enter" || (k === " " && !e.shiftKey)) {
      step(1);
    } else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || (k === " " && e.shiftKey)) {
      step(-1);
    } else if (k === "Home") {
      show(0);
    } else if (k === "End") {
      show(last);
    } else if (k === "f" || k === "F") {
      toggleFullscreen();
    } else if (k === "Escape") {
      leaveFullscreen();
      return;
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  document.addEventListener("keydown", onKey, true);
  if (C.parentKeys) {
    // In the app the talk sits in an iframe: keys pressed while the app's own page has the focus come here too.
    try {
      var parentDoc = window.parent.document;
      if (window.parent.__atlasTalkKeys) { parentDoc.removeEventListener("keydown", window.parent.__atlasTalkKeys, true); }
      var relay = function (e) {
        try {
          if (!window.frameElement || !window.frameElement.isConnected) { throw new Error("talk gone"); }
          onKey(e);
        } catch (err) {
          parentDoc.removeEventListener("keydown", relay, true);
        }
      };
      window.parent.__atlasTalkKeys = relay;
      parentDoc.addEventListener("keydown", relay, true);
    } catch (err) { /* another origin: keys work once the talk has the focus */ }
  }

  function press(button, action) {
    button.addEventListener("click", function () { action(); button.blur(); });
  }
  press(prevButton, function () { step(-1); });
  press(nextButton, function () { step(1); });
  press(fullButton, toggleFullscreen);
  if (leaveButton) {
    // Back to the app's seminar page at this chapter: a fresh load reads ?chapter= from the address.
    press(leaveButton, function () {
      leaveFullscreen();
      var url = new URL(window.parent.location.href);
      url.searchParams.delete("present");
      // A link in the app's own page: the talk's sandboxed frame may not navigate the page itself.
      var link = window.parent.document.createElement("a");
      link.href = url.toString();
      window.parent.document.body.appendChild(link);
      link.click();
    });
  }
  function resized() {
    map.invalidateSize();
    if (slides[current] && slides[current].kind === "chapter") {
      // A new size pages the items anew; the page shown is the one holding the first item shown before.
      var firstShown = (parts[part] || [])[0];
      paginate();
      var k = 0;
      parts.forEach(function (page, i) { if (page.indexOf(firstShown) >= 0) { k = i; } });
      showPart(k);
    }
    updateMore();
    fullButton.textContent = (document.fullscreenElement || parentFullscreen()) ? "Leave full screen" : "Full screen";
  }
  document.addEventListener("fullscreenchange", resized);
  window.addEventListener("resize", resized);

  window.atlasTalk = {show: show, step: step, current: function () { return current; },
    part: function () { return part; }, parts: function () { return parts.length; },
    slides: slides, toggleFullscreen: toggleFullscreen};
  show(Math.max(0, Math.min(last, C.start || 0)));
})();
