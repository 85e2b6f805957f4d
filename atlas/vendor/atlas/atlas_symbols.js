/* Tajik Border Atlas: the map's symbols, drawn once and shown or hidden per selection.
 *
 * The records (every mapped event, every flow, the areas of vague places) come
 * once from a static JSON file (or are embedded in a standalone page). Each
 * filter change calls Atlas.select(map, group, config, payload) with a bitset
 * of the selected rows; symbols are created the first time a row is selected
 * and kept, so a change only adds and removes layers. Popups are built on click
 * from the cached text with DOM nodes and textContent: never HTML from data.
 *
 * Up to DOM_LIMIT (300) exact points are SVG markers (class atlas-marker, data-id);
 * above that they are drawn on one canvas (atlas_canvas.js), aggregated where
 * too dense to read. Several exact facts at one place stack on the place with
 * a count and spread on click (spiderfy). Vague facts (where_prec >= 4) are
 * drawn as their area with one symbol and the number of facts.
 *
 * API for other modules and tests:
 *   window.atlasShown(map)        ids of the events and flows drawn now
 *   window.atlasSymbolBoxes(map)  screen boxes {x, y, w, h, id} of the drawn symbols
 *                                 (container pixels), obstacles for label placement
 */
(function () {
  "use strict";
  var Atlas = (window.Atlas = window.Atlas || {});
  // Above this many exact points one canvas draws them: at 1,000 events SVG markers made a move
  // about 330 ms, the canvas about 165 ms (benchmarks/sizes.py, same run).
  Atlas.DOM_LIMIT = 300;
  Atlas.LIST_MAX = 50;  // facts listed in one popup
  var SHAPES = ["circle", "square", "triangle", "diamond"];
  var HIGHLIGHT = "#000000";
  var MIXED = "#555555";  // an area holding facts of several sides: no one side's colour
  var fetchJson = Atlas.fetchJson;  // atlas_fetch.js

  function decodeBits(text, count) {
    var raw = atob(text || ""), rows = [];
    for (var byte = 0; byte < raw.length; byte++) {
      var value = raw.charCodeAt(byte);
      if (!value) { continue; }
      for (var bit = 0; bit < 8; bit++) {
        if (value & (128 >> bit)) {
          var row = byte * 8 + bit;
          if (row < count) { rows.push(row); }
        }
      }
    }
    return rows;
  }
  Atlas.decodeBits = decodeBits;

  /* Same offsets as atlas.symbols.spider_offsets (tests compare them). */
  function spiderOffsets(count, size) {
    size = size || 16;
    var out = [], i;
    if (count <= 1) { for (i = 0; i < count; i++) { out.push([0, 0]); } return out; }
    if (count <= 8) {
      var radius = Math.max(size * 1.6, size * 1.4 * count / (2 * Math.PI)), step = 2 * Math.PI / count;
      for (i = 0; i < count; i++) { out.push([round1(radius * Math.sin(i * step)), round1(-radius * Math.cos(i * step))]); }
      return out;
    }
    var scale = size / 16, leg = 11 * scale, angle = 0;
    for (i = 0; i < count; i++) {
      angle += 28 * scale / leg + i * 0.0005;
      out.push([round1(leg * Math.cos(angle)), round1(leg * Math.sin(angle))]);
      leg += 2 * Math.PI * 5 * scale / angle;
    }
    return out;
  }
  function round1(v) { return Math.round(v * 10) / 10; }
  Atlas.spiderOffsets = spiderOffsets;

  function svgNS(tag, attrs) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (var k in attrs) { el.setAttribute(k, attrs[k]); }
    return el;
  }

  /* One symbol as an SVG element: shape by layer, fill by side; ids set as attributes, never parsed. */
  function symbolSvg(shape, size, color, highlighted, id) {
    var sw = highlighted ? 3 : 1.5, half = size / 2, inset = sw;
    var svg = svgNS("svg", { width: size, height: size, viewBox: "0 0 " + size + " " + size,
      fill: color, stroke: highlighted ? HIGHLIGHT : "#ffffff", "stroke-width": sw });
    svg.setAttribute("class", "atlas-symbol" + (highlighted ? " atlas-highlight" : ""));
    if (id !== undefined) { svg.setAttribute("data-id", id); }
    var el;
    if (shape === "circle") { el = svgNS("circle", { cx: half, cy: half, r: half - inset }); }
    else if (shape === "square") { el = svgNS("rect", { x: inset + 1, y: inset + 1, width: size - 2 * inset - 2, height: size - 2 * inset - 2 }); }
    else if (shape === "triangle") { el = svgNS("polygon", { points: half + "," + inset + " " + (size - inset) + "," + (size - inset) + " " + inset + "," + (size - inset) }); }
    else { el = svgNS("polygon", { points: half + "," + inset + " " + (size - inset) + "," + half + " " + half + "," + (size - inset) + " " + inset + "," + half }); }
    svg.appendChild(el);
    return svg;
  }
  Atlas.symbolSvg = symbolSvg;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  /* ---------- popups, built from the cached text ---------- */

  // The item's own address on the app (?event=E029), to open or copy from the popup.
  // Only where the map runs inside the app: a standalone file has no app to link to.
  function itemHref(link) {
    try {
      var top = window.top.location;
      if (link && top.protocol.indexOf("http") === 0) { return top.origin + "/" + link; }
    } catch (e) { /* another origin above us: no link */ }
    return null;
  }

  function factBlock(text, row, heading) {
    var box = el("div", "atlas-fact");
    box.appendChild(el(heading || "h4", null, text.title[row]));
    var when = el("p", "atlas-when"); when.appendChild(el("b", null, "When: ")); when.appendChild(document.createTextNode(text.when[row]));
    var where = el("p", "atlas-where"); where.appendChild(el("b", null, "Where: ")); where.appendChild(document.createTextNode(text.where[row]));
    var who = el("p", "atlas-actors"); who.appendChild(el("b", null, "Actors: ")); who.appendChild(document.createTextNode(text.actors[row]));
    box.appendChild(when); box.appendChild(where); box.appendChild(who);
    if (text.figures[row]) {
      var fig = el("p"); fig.appendChild(el("b", null, "Figures: ")); fig.appendChild(document.createTextNode(text.figures[row]));
      box.appendChild(fig);
    }
    box.appendChild(el("p", "atlas-description", text.description[row]));
    box.appendChild(el("blockquote", "atlas-quote", "\u201c" + text.quote[row] + "\u201d"));
    box.appendChild(el("p", "atlas-cite", text.cite[row]));
    var href = itemHref(text.link && text.link[row]);
    if (href) {
      var line = el("p", "atlas-item-link"), a = el("a", null, "Link to this item");
      a.href = href;  // built from the item's id, which the loader checks against ^E[0-9]{3,}$ / ^F[0-9]{3,}$
      // A new tab: the map's frame is sandboxed without top navigation, so "_top" did nothing on a click.
      a.target = "_blank";
      a.rel = "noopener";
      a.title = "Opens the map on this item in a new tab; copy it to cite or share";
      line.appendChild(a);
      box.appendChild(line);
    }
    return box;
  }

  // How far the map's corner controls reach in (px): a popup is panned clear of them, never opened under them.
  function controlInsets(map) {
    var container = map.getContainer(), box = container.getBoundingClientRect();
    function reach(selector, side) {
      var corner = container.querySelector(selector), r = corner && corner.getBoundingClientRect();
      if (!r || !r.width) { return 0; }
      return side === "left" ? r.right - box.left : side === "right" ? box.right - r.left : r.bottom - box.top;
    }
    return { left: reach(".leaflet-top.leaflet-left", "left"), right: reach(".leaflet-top.leaflet-right", "right"),
      top: Math.max(reach(".leaflet-top.leaflet-left", "top"), reach(".leaflet-top.leaflet-right", "top")) };
  }

  function popupOptions(map) {
    var size = map.getSize(), inset = controlInsets(map);
    var left = Math.max(10, inset.left + 6), top = Math.max(10, inset.top + 6), right = 10, bottom = 24;
    // Leaflet's popup adds about 44 px around its content: the whole popup fits between the controls.
    var width = Math.max(140, Math.min(380, size.x - left - right - 44));
    return { maxWidth: width, minWidth: Math.min(220, width), maxHeight: Math.max(140, Math.min(Math.round(size.y * 0.7), size.y - top - bottom - 50)),
      autoPanPaddingTopLeft: [left, top], autoPanPaddingBottomRight: [right, bottom], className: "atlas-popup-wrap" };
  }

  function openPopup(state, latlng, build) {
    var map = state.map;
    loadText(state).then(function (text) {
      var content = build(text);
      // On a touch screen the tap that opens a popup opens the symbol's tooltip too (Leaflet), and no
      // pointer leaves to close it: it stayed over the map beside the popup that says more.
      map.eachLayer(function (layer) {
        var tooltip = layer.getTooltip && layer.getTooltip();  // isTooltipOpen() throws on a layer without one
        if (tooltip && tooltip.isOpen()) { layer.closeTooltip(); }
      });
      L.popup(popupOptions(map)).setLatLng(latlng).setContent(content).openOn(map);
    });
  }

  function eventPopup(state, row) {
    return function (text) {
      var box = el("div", "atlas-popup");
      box.setAttribute("data-id", state.records.events.id[row]);
      box.appendChild(factBlock(text.events, row));
      return box;
    };
  }

  // What an area stands for, in words ("(admin1)" in a popup's first line read as jargon).
  var AREA_WHERE = {
    admin1: "somewhere in the province",
    border: "somewhere along the border",
    country: "somewhere in the whole country",
    region: "somewhere in the region",
  };

  function areaPopup(state, area, rows) {
    return function (text) {
      var box = el("div", "atlas-popup atlas-area-popup");
      var n = rows.length;
      box.appendChild(el("h4", null, area.name + ": " + n + (n === 1 ? " fact" : " facts")));
      box.appendChild(el("p", "atlas-prec", "The article places " + (n === 1 ? "it" : "them") + " only " +
        (AREA_WHERE[area.kind] || "somewhere in this area") + ", not at a point."));
      rows.slice(0, Atlas.LIST_MAX).forEach(function (row) {
        var fact = factBlock(text.events, row, "h5");
        fact.setAttribute("data-id", state.records.events.id[row]);
        box.appendChild(fact);
      });
      if (n > Atlas.LIST_MAX) {
        box.appendChild(el("p", "atlas-prec", "The first " + Atlas.LIST_MAX + " of " + n + " are listed; narrow the filters to see the others."));
      }
      return box;
    };
  }

  /* A popup listing several facts (a dense cell on the canvas), or one fact's popup. */
  Atlas.openFacts = function (state, latlng, rows, total) {
    if (rows.length === 1) { openPopup(state, latlng, eventPopup(state, rows[0])); return; }
    openPopup(state, latlng, function (text) {
      var box = el("div", "atlas-popup atlas-list-popup");
      box.appendChild(el("h4", null, total + " facts here" + (total > rows.length ? " (the first " + rows.length + " listed; zoom in for the rest)" : "")));
      rows.forEach(function (row) {
        var fact = factBlock(text.events, row, "h5");
        fact.setAttribute("data-id", state.records.events.id[row]);
        box.appendChild(fact);
      });
      return box;
    });
  };

  function loadText(state) {
    if (!state.textPromise) {
      state.textPromise = state.config.text ? Promise.resolve(state.config.text) : fetchJson(state.config.text_url);
    }
    return state.textPromise;
  }

  function tooltipFor(state, kind, row) {
    return function () {
      var span = el("span");
      if (state.text) { span.textContent = state.text[kind].title[row]; }
      else {
        span.textContent = "\u2026";
        loadText(state).then(function (text) { state.text = text; span.textContent = text[kind].title[row]; });
      }
      return span;
    };
  }

  /* ---------- state per map ---------- */

  function stateOf(map, config) {
    if (map._atlas && map._atlas.key === (config.url || "inline")) { return map._atlas; }
    if (map._atlas) { map._atlas.clear(); }
    var state = {
      key: config.url || "inline", map: map, config: config, records: null, text: null, textPromise: null,
      points: L.layerGroup(), areas: L.layerGroup(), flows: L.layerGroup(), badges: L.layerGroup(),
      markers: {}, flowLayers: {}, areaLayers: {}, badgeCache: {}, shownEvents: [], shownFlows: [], shownAreas: [],
      stacks: [], spider: null, canvas: null, visible: true, group: null, applied: null,
    };
    state.clear = function () {
      [state.points, state.areas, state.flows, state.badges].forEach(function (layer) { map.removeLayer(layer); });
      if (state.canvas) { map.removeLayer(state.canvas); }
    };
    state.ready = (config.records ? Promise.resolve(config.records) : fetchJson(config.url)).then(function (records) {
      state.records = records;
      return state;
    });
    map.on("click zoomstart", function () { unspiderfy(state); });
    // moveend, not only zoomend: a chapter's flight at the same zoom, or a pan, can take a symbol's point out of view.
    map.on("moveend load", function () { placeAreaSymbols(state); });
    map._atlas = state;
    return state;
  }

  function setVisible(state, visible) {
    var map = state.map, layers = [state.areas, state.flows, state.points, state.badges];
    if (state.canvas) { layers.push(state.canvas); }
    layers.forEach(function (layer) {
      if (visible && !map.hasLayer(layer)) { map.addLayer(layer); }
      if (!visible && map.hasLayer(layer)) { map.removeLayer(layer); }
    });
    state.visible = visible;
  }

  /* ---------- exact points as SVG markers ---------- */

  function markerFor(state, row, highlighted) {
    var key = row + (highlighted ? "h" : "");
    var marker = state.markers[key];
    if (marker) { return marker; }
    var ev = state.records.events, size = ev.size[row] + (highlighted ? 4 : 0);
    var color = state.records.sides[ev.side[row]].color;
    var icon = L.divIcon({ html: symbolSvg(SHAPES[ev.layer[row]], size, color, highlighted, ev.id[row]),
      iconSize: [size, size], iconAnchor: [size / 2, size / 2],
      className: "atlas-marker atlas-" + state.records.layers[ev.layer[row]] });
    marker = L.marker([ev.lat[row], ev.lon[row]], { icon: icon, zIndexOffset: highlighted ? 1000 : 0, keyboard: false });
    marker._atlasRow = row;
    marker._atlasSize = size;
    marker.bindTooltip(tooltipFor(state, "events", row), { direction: "top", offset: [0, -size / 2] });
    marker.on("click", function (e) {
      L.DomEvent.stopPropagation(e);
      if (marker._atlasStack && marker._atlasStack.rows.length > 1 && state.spider !== marker._atlasStack) {
        spiderfy(state, marker._atlasStack);
      } else {
        openPopup(state, marker.getLatLng(), eventPopup(state, row));
      }
    });
    state.markers[key] = marker;
    return marker;
  }

  function unspiderfy(state) {
    var stack = state.spider;
    if (!stack) { return; }
    stack.markers.forEach(function (m) { m.setLatLng(stack.latlng); });
    if (stack.legs) { state.map.removeLayer(stack.legs); }
    if (stack.badge) { stack.badge.setOpacity(1); }
    state.map.getContainer().classList.remove("atlas-spiderfied");
    state.spider = null;
  }

  function spiderfy(state, stack) {
    unspiderfy(state);
    var map = state.map, centre = map.latLngToLayerPoint(stack.latlng);
    var offsets = spiderOffsets(stack.markers.length, 16 * 1.4), legs = [];
    stack.markers.forEach(function (m, i) {
      var spot = map.layerPointToLatLng(centre.add([offsets[i][0], offsets[i][1]]));
      m.setLatLng(spot);
      legs.push([stack.latlng, spot]);
    });
    stack.legs = L.polyline(legs, { color: "#222", weight: 1, opacity: 0.6, interactive: false }).addTo(map);
    if (stack.badge) { stack.badge.setOpacity(0); }
    map.getContainer().classList.add("atlas-spiderfied");
    state.spider = stack;
  }

  function drawPoints(state, rows, highlight) {
    var ev = state.records.events, wanted = {}, stacks = {}, order = [];
    rows.forEach(function (row) {
      var marker = markerFor(state, row, highlight[ev.id[row]]);
      wanted[L.stamp(marker)] = marker;
      var key = ev.lat[row] + "," + ev.lon[row];
      if (!stacks[key]) { stacks[key] = { latlng: L.latLng(ev.lat[row], ev.lon[row]), rows: [], markers: [] }; order.push(key); }
      stacks[key].rows.push(row);
      stacks[key].markers.push(marker);
    });
    // Remove what is no longer selected, add what is new: linear in the change.
    state.points.eachLayer(function (layer) { if (!wanted[L.stamp(layer)]) { state.points.removeLayer(layer); } });
    for (var id in wanted) { if (!state.points.hasLayer(wanted[id])) { state.points.addLayer(wanted[id]); } }
    var badges = {};
    state.stacks = order.map(function (key) {
      var stack = stacks[key];
      // Largest under, smallest on top, so every size shows at the place.
      stack.markers.sort(function (a, b) { return b._atlasSize - a._atlasSize || a._atlasRow - b._atlasRow; });
      stack.markers.forEach(function (m, i) {
        m._atlasStack = stack;
        // Touch the DOM only where the order changed: a move re-stacks only what it added.
        var z = (m._atlasBaseZ === undefined ? (m._atlasBaseZ = m.options.zIndexOffset) : m._atlasBaseZ) + i;
        if (m.options.zIndexOffset !== z) { m.setZIndexOffset(z); }
      });
      if (stack.rows.length > 1) {
        // One badge per place, kept between moves; only its number changes.
        var badge = state.badgeCache[key];
        if (!badge) {
          var count = el("span", "atlas-stack-count");
          // The number is what a reader clicks ("5 facts here"): it spreads the stack like its symbols do.
          badge = state.badgeCache[key] = L.marker(stack.latlng, { icon: L.divIcon({ html: count, className: "atlas-stack",
            iconSize: [18, 18], iconAnchor: [-4, 18] }), keyboard: false, zIndexOffset: 2000 });
          badge._atlasCount = count;
          badge.on("click", function (e) {
            L.DomEvent.stopPropagation(e);
            if (badge._atlasStack && state.spider !== badge._atlasStack) { spiderfy(state, badge._atlasStack); }
          });
        }
        badge._atlasStack = stack;
        badge._atlasCount.title = stack.rows.length + " facts here: click to spread them";
        if (badge._atlasCount.textContent !== String(stack.rows.length)) { badge._atlasCount.textContent = String(stack.rows.length); }
        badge.setOpacity(1);
        stack.badge = badge;
        badges[L.stamp(badge)] = badge;
      }
      return stack;
    });
    state.badges.eachLayer(function (layer) { if (!badges[L.stamp(layer)]) { state.badges.removeLayer(layer); } });
    for (var b in badges) { if (!state.badges.hasLayer(badges[b])) { state.badges.addLayer(badges[b]); } }
  }

  /* ---------- vague places as areas ---------- */

  // [[side index, count], ...] in the sides' order: the area's facts by side of their first actor.
  function sideCounts(ev, rows) {
    var counts = {};
    rows.forEach(function (r) { counts[ev.side[r]] = (counts[ev.side[r]] || 0) + 1; });
    return Object.keys(counts).map(Number).sort(function (a, b) { return a - b; }).map(function (s) { return [s, counts[s]]; });
  }

  /* The ring of an area's symbol: one dashed circle in its side's colour or, when the facts belong to
   * several sides, one arc per side in proportion to its facts (a mixed area is never given one side). */
  function areaRing(records, counts, size, lit) {
    var r = size / 2 - 2, c = size / 2, g = svgNS("g", {}), total = 0, start = -Math.PI / 2;
    counts.forEach(function (sc) { total += sc[1]; });
    if (counts.length === 1) {
      g.appendChild(svgNS("circle", { cx: c, cy: c, r: r, fill: "#ffffff", "fill-opacity": 0.9,
        stroke: lit ? HIGHLIGHT : records.sides[counts[0][0]].color, "stroke-width": lit ? 4 : 3, "stroke-dasharray": "4 2" }));
      return g;
    }
    g.appendChild(svgNS("circle", { cx: c, cy: c, r: r, fill: "#ffffff", "fill-opacity": 0.9, stroke: "none" }));
    counts.forEach(function (sc) {
      var sweep = 2 * Math.PI * sc[1] / total, end = start + sweep;
      var x0 = c + r * Math.cos(start), y0 = c + r * Math.sin(start), x1 = c + r * Math.cos(end), y1 = c + r * Math.sin(end);
      var arc = svgNS("path", { d: "M" + x0.toFixed(2) + " " + y0.toFixed(2) + " A" + r + " " + r + " 0 " + (sweep > Math.PI ? 1 : 0) +
        " 1 " + x1.toFixed(2) + " " + y1.toFixed(2), fill: "none", stroke: records.sides[sc[0]].color, "stroke-width": 3.5, "stroke-dasharray": "4 2" });
      arc.setAttribute("data-side", records.sides[sc[0]].name);
      g.appendChild(arc);
      start = end;
    });
    if (lit) { g.appendChild(svgNS("circle", { cx: c, cy: c, r: r + 1, fill: "none", stroke: HIGHLIGHT, "stroke-width": 1.5 })); }
    return g;
  }

  function drawAreas(state, rowsByArea, highlight) {
    state.shownAreas = [];
    var records = state.records, ev = records.events, wanted = {};
    Object.keys(rowsByArea).forEach(function (index) {
      var area = records.areas[index], rows = rowsByArea[index];
      var counts = sideCounts(ev, rows);
      // Facts of several sides: the outline in the neutral grey, the symbol's ring split by side.
      var color = counts.length === 1 ? records.sides[counts[0][0]].color : MIXED;
      var lit = rows.some(function (r) { return highlight[ev.id[r]]; });
      var signature = rows.length + ":" + lit + ":" + color + ":" + rows.reduce(function (h, r) { return (h * 31 + r) | 0; }, 7);
      var cached = state.areaLayers[index];
      if (!cached || cached.signature !== signature) {
        if (cached) { state.areas.removeLayer(cached.group); }
        cached = state.areaLayers[index] = { signature: signature, group: buildArea(state, area, rows, color, lit, counts) };
      }
      wanted[index] = true;
      if (!state.areas.hasLayer(cached.group)) { state.areas.addLayer(cached.group); }
      state.shownAreas.push(cached.group._atlasShown);
    });
    Object.keys(state.areaLayers).forEach(function (index) {
      if (!wanted[index] && state.areas.hasLayer(state.areaLayers[index].group)) { state.areas.removeLayer(state.areaLayers[index].group); }
    });
  }

  function buildArea(state, area, rows, color, lit, counts) {
    var ev = state.records.events, group = L.layerGroup();
    if (area.geometry) {
      // The border as a highlight along its line; a whole country as its outline; a province or region tinted.
      var line = /LineString/.test(area.geometry.type), country = area.kind === "country";
      L.geoJSON(area.geometry, {
        interactive: false,
        style: line ? { color: color, weight: 12, opacity: 0.35, lineCap: "round", className: "atlas-area atlas-area-border" }
          : country ? { color: color, weight: 3, opacity: 0.7, dashArray: "8 5", fill: false, className: "atlas-area atlas-area-country" }
          : { color: color, weight: 1.5, dashArray: "5 4", fillColor: color, fillOpacity: 0.16, className: "atlas-area" },
      }).addTo(group);
    }
    var ids = rows.map(function (r) { return ev.id[r]; });
    var size = 24 + Math.min(12, Math.round(4 * Math.log(rows.length)));
    var svg = svgNS("svg", { width: size, height: size, viewBox: "0 0 " + size + " " + size });
    svg.setAttribute("class", "atlas-symbol atlas-area-symbol" + (lit ? " atlas-highlight" : ""));
    svg.setAttribute("data-ids", ids.join(" "));
    if (counts.length > 1) { svg.setAttribute("data-sides", counts.map(function (sc) { return state.records.sides[sc[0]].name + ":" + sc[1]; }).join(";")); }
    svg.appendChild(areaRing(state.records, counts, size, lit));
    var label = svgNS("text", { x: size / 2, y: size / 2 + 4, "text-anchor": "middle", fill: "#111", "font-size": rows.length >= 1000 ? 9 : 12,
      "font-weight": "bold", "font-family": "sans-serif" });
    label.textContent = String(rows.length);
    svg.appendChild(label);
    var latlng = L.latLng(area.label[0], area.label[1]);
    var spots = [latlng].concat((area.alternates || []).map(function (a) { return L.latLng(a[0], a[1]); }));
    var marker = L.marker(latlng, { icon: L.divIcon({ html: svg, iconSize: [size, size], iconAnchor: [size / 2, size / 2], className: "atlas-marker atlas-area-marker" }),
      zIndexOffset: lit ? 1500 : 500, keyboard: false });
    // A text node: a place name from the data is never read as HTML.
    // A country's ring stands at one point of it, which read as a local place ("14 facts in the Pamirs").
    var where = area.kind === "country" ? " placed only somewhere in the country (the symbol marks no spot)"
      : area.kind === "border" ? " placed only along the border" : " placed only in this area";
    marker.bindTooltip(el("span", null, area.name + ": " + rows.length + (rows.length === 1 ? " fact" : " facts") + where),
      { direction: "top" });
    marker.on("click", function (e) { L.DomEvent.stopPropagation(e); openPopup(state, marker.getLatLng(), areaPopup(state, area, rows)); });
    marker.addTo(group);
    var polygon = area.geometry && /Polygon/.test(area.geometry.type) ? area.geometry : null;
    group._atlasShown = { marker: marker, ids: ids, size: size, spots: spots, polygon: polygon };
    return group;
  }

  /* An area's symbol stands anywhere in its area: where another symbol covers its first point at this
   * zoom (two rings on each other near Bokhtar), it takes the first of its other points inside the area
   * that is clear, else the least covered. Exact places never move. Linear in symbols x areas; run after a selection and a zoom. */
  // A symbol's box in container pixels, from Leaflet's position (no DOM read, so no forced layout).
  function boxAt(map, latlng, size) {
    var p = map.latLngToContainerPoint(latlng);
    return { x: p.x - size / 2, y: p.y - size / 2, w: size, h: size };
  }

  // The boxes of the exact places' symbols, as SVG markers or on the canvas.
  function pointBoxes(state) {
    var out = [];
    state.points.eachLayer(function (m) { if (m._atlasSize) { out.push(boxAt(state.map, m.getLatLng(), m._atlasSize)); } });
    if (state.canvas && state.map.hasLayer(state.canvas)) { out = out.concat(state.canvas.boxes()); }
    return out;
  }

  /* The map's controls (zoom, layers, legend, scale) in container pixels. Read from the DOM only when
   * something that moves them changed: which controls there are, their classes (a layer list opened),
   * an unfolded legend, the zoom (the scale bar's width), the map's size, or a corner's size (seen by a
   * ResizeObserver). Read on every selection, right after the symbols changed, it forced a layout each time. */
  function controlBoxes(map) {
    var container = map.getContainer(), controls = container.querySelectorAll(".leaflet-control");
    var size = map.getSize(), key = [size.x, size.y, map.getZoom()];
    controls.forEach(function (c) {
      var details = c.querySelector("details");
      key.push(c.className, details ? details.open : "");
    });
    key = key.join("|");
    if (map._atlasControlBoxes && map._atlasControlKey === key) { return map._atlasControlBoxes; }
    var origin = container.getBoundingClientRect(), boxes = [];
    controls.forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) { boxes.push({ x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height }); }
    });
    if (!map._atlasControlWatch && window.ResizeObserver && window.MutationObserver) {
      // A control added or resized after the symbols were placed (the legend comes after the frame, and it
      // unfolds): place them again. Each control is watched itself: the legend is absolutely placed, so its
      // corner does not change size with it.
      var again = function () {
        map._atlasControlBoxes = null;
        if (map._atlas) { placeAreaSymbols(map._atlas); }
      };
      var sizes = new ResizeObserver(again);
      var watchAll = function () { container.querySelectorAll(".leaflet-control").forEach(function (c) { sizes.observe(c); }); };
      var added = new MutationObserver(function () { watchAll(); again(); });
      container.querySelectorAll(".leaflet-control-container > div").forEach(function (corner) { added.observe(corner, { childList: true }); });
      watchAll();
      map._atlasControlWatch = sizes;
    }
    map._atlasControlBoxes = boxes;
    map._atlasControlKey = key;
    return boxes;
  }
  Atlas.controlBoxes = controlBoxes;

  var VIEW_MARGIN = 4;  // px: a symbol this close to the map's edge counts as cut
  var VIEW_GRID = 36;  // px: the step of the points tried inside an area's visible part

  // Whether [lng, lat] lies inside a GeoJSON Polygon or MultiPolygon (even-odd over every ring, holes too).
  function inPolygon(geometry, lng, lat) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates, inside = false;
    for (var p = 0; p < polygons.length; p++) {
      for (var r = 0; r < polygons[p].length; r++) {
        var ring = polygons[p][r];
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
          if ((yi > lat) !== (yj > lat) && lng < (xj - xi) * (lat - yi) / (yj - yi) + xi) { inside = !inside; }
        }
      }
    }
    return inside;
  }
  Atlas.inPolygon = inPolygon;

  // The far places' chips on the map's edge (atlas_frame.js), in container pixels: a symbol moved into
  // the view must not go under one (a chip over a symbol takes its click).
  function chipBoxes(map) {
    var edge = map._atlasEdge;
    if (!edge) { return []; }
    return edge.chips.filter(function (c) { return c.style.display !== "none" && c.offsetWidth; }).map(function (c) {
      return { x: c.offsetLeft, y: c.offsetTop, w: c.offsetWidth, h: c.offsetHeight };
    });
  }

  // Points of the view inside an area, on a grid, nearest its own first point first: where none of the
  // area's fixed points is in view (Afghanistan's, south of a chapter's map of the north), its symbol
  // stands in the part of the area the reader sees. A chapter's highlighted meeting at Khozdeh, known
  // only to be in Afghanistan, was drawn below the map's edge, and nothing pointed at it.
  function viewSpots(map, shown) {
    var size = map.getSize(), inset = shown.size / 2 + VIEW_MARGIN, home = map.latLngToContainerPoint(shown.spots[0]), out = [];
    for (var y = inset; y <= size.y - inset; y += VIEW_GRID) {
      for (var x = inset; x <= size.x - inset; x += VIEW_GRID) {
        var latlng = map.containerPointToLatLng([x, y]);
        if (inPolygon(shown.polygon, latlng.lng, latlng.lat)) { out.push({ latlng: latlng, d: (x - home.x) * (x - home.x) + (y - home.y) * (y - home.y) }); }
      }
    }
    return out.sort(function (a, b) { return a.d - b.d; }).map(function (s) { return s.latlng; });
  }

  function placeAreaSymbols(state) {
    var map = state.map;
    if (!map._loaded || !state.shownAreas || !state.shownAreas.length) { return; }
    var taken = pointBoxes(state), controls = controlBoxes(map), size = map.getSize();
    var view = { x: VIEW_MARGIN, y: VIEW_MARGIN, w: size.x - 2 * VIEW_MARGIN, h: size.y - 2 * VIEW_MARGIN };
    function box(latlng, size) { return boxAt(map, latlng, size); }
    function overlap(a, b) {
      var w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x), h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      return w > 0 && h > 0 ? w * h : 0;
    }
    function covered(b) {  // px² of b under symbols already placed or the controls
      return taken.reduce(function (sum, t) { return sum + overlap(b, t); }, 0);
    }
    state.shownAreas.forEach(function (shown) {
      // The first clear point wholly in view and off the controls (a ring cut in half by the edge of a seminar
      // chapter's map read as a broken symbol; one under the legend took no click); if none is clear, the
      // least covered by other symbols; if none is in view, the least covered wholly out of view (it comes
      // into view whole when the reader pans there); else the least cut.
      var spot = null, least = Infinity, away = null, leastAway = Infinity, cut = shown.spots[0], leastCut = Infinity;
      for (var i = 0; i < shown.spots.length && least > 0; i++) {
        var b = box(shown.spots[i], shown.size), under = covered(b), seen = overlap(b, view);
        if (seen === 0) { if (under < leastAway) { leastAway = under; away = shown.spots[i]; } continue; }
        var hidden = seen < b.w * b.h || controls.some(function (c) { return overlap(b, c) > 0; });
        if (hidden) { if (seen < leastCut) { leastCut = seen; cut = shown.spots[i]; } continue; }
        if (under < least) { least = under; spot = shown.spots[i]; }
      }
      if (!spot && least === Infinity && shown.polygon) {  // none of its points wholly in view and clear of the controls
        var inView = viewSpots(map, shown), blocked = controls.concat(chipBoxes(map));
        for (var k = 0; k < inView.length && least > 0; k++) {
          var v = box(inView[k], shown.size), hiddenBy = blocked.some(function (c) { return overlap(v, c) > 0; });
          if (hiddenBy) { continue; }
          var vUnder = covered(v);
          if (vUnder < least) { least = vUnder; spot = inView[k]; }
        }
      }
      spot = spot || away || cut;
      if (!shown.marker.getLatLng().equals(spot)) { shown.marker.setLatLng(spot); }
      taken.push(box(spot, shown.size));
    });
  }
  Atlas.placeAreaSymbols = placeAreaSymbols;

  /* The symbols' boxes in container pixels, from Leaflet's positions: no DOM read, so no forced layout
   * (atlas_frame.js asks for them on every selection to keep its chips off the symbols). */
  Atlas.symbolBoxes = function (map) {
    var state = map._atlas;
    if (!state || !map._loaded || state.visible === false) { return []; }
    return pointBoxes(state).concat((state.shownAreas || []).map(function (shown) {
      return boxAt(map, shown.marker.getLatLng(), shown.size);
    }));
  };

  /* ---------- flows ---------- */

  var ARROW_BACK = 0.3;  // Web Mercator px at zoom 0 (~37 km at the border's latitude): the most a head stands before a line's end

  function bearing(a, b) {
    function y(lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI; }
    return Math.atan2(b[1] - a[1], y(b[0]) - y(a[0])) * 180 / Math.PI;
  }

  function flowLayer(state, row, highlighted) {
    var key = row + (highlighted ? "h" : "");
    if (state.flowLayers[key]) { return state.flowLayers[key]; }
    var fl = state.records.flows, color = fl.color[row], weight = fl.weight[row], points = fl.points[row];
    var line = L.polyline(points, { color: highlighted ? HIGHLIGHT : color, weight: weight + (highlighted ? 3 : 0), opacity: 0.85,
      dashArray: highlighted ? null : "8 6", className: "atlas-flow atlas-flow-" + fl.type[row] + (highlighted ? " atlas-highlight" : "") });
    line.bindTooltip(tooltipFor(state, "flows", row), { sticky: true });
    line.on("click", function (e) {
      L.DomEvent.stopPropagation(e);
      openPopup(state, e.latlng, function (text) {
        var box = el("div", "atlas-popup");
        box.setAttribute("data-id", fl.id[row]);
        box.appendChild(factBlock(text.flows, row));
        return box;
      });
    });
    var a = points[points.length - 2], b = points[points.length - 1], size = 14 + Math.round(weight);
    // 85 % along the last segment as Leaflet draws it (Web Mercator): along latitude and longitude it fell
    // beside long lines (17-21 px beside Moscow's, an arrowhead on no line in Uzbekistan).
    // And never more than ARROW_BACK before the end: on a line from Russia the head stood 300 km short of the
    // Tajik border the line ends at, off the map, and the line seemed to stop nowhere.
    var crs = L.CRS.EPSG3857, pa = crs.latLngToPoint(L.latLng(a), 0), pb = crs.latLngToPoint(L.latLng(b), 0);
    var along = pb.subtract(pa), length = Math.sqrt(along.x * along.x + along.y * along.y);
    var back = Math.min(0.15 * length, ARROW_BACK);
    var tip = crs.pointToLatLng(length ? pb.subtract(along.multiplyBy(back / length)) : pb, 0);
    var arrow = svgNS("svg", { width: size, height: size, viewBox: "0 0 10 10" });
    arrow.setAttribute("style", "transform: rotate(" + bearing(a, b).toFixed(1) + "deg)");
    arrow.setAttribute("data-flow", fl.id[row]);
    arrow.appendChild(svgNS("polygon", { points: "5,0 10,10 5,7.5 0,10", fill: color, stroke: "#ffffff", "stroke-width": 0.8 }));
    var head = L.marker(tip, { icon: L.divIcon({ html: arrow, iconSize: [size, size], iconAnchor: [size / 2, size / 2], className: "atlas-arrow" }),
      interactive: false, keyboard: false });
    var group = L.layerGroup([line, head]);
    group._atlasId = fl.id[row];
    state.flowLayers[key] = group;
    return group;
  }

  function drawFlows(state, rows, highlight) {
    var wanted = {}, fl = state.records.flows;
    rows.forEach(function (row) { var g = flowLayer(state, row, highlight[fl.id[row]]); wanted[L.stamp(g)] = g; });
    state.flows.eachLayer(function (layer) { if (!wanted[L.stamp(layer)]) { state.flows.removeLayer(layer); } });
    for (var id in wanted) { if (!state.flows.hasLayer(wanted[id])) { state.flows.addLayer(wanted[id]); } }
    state.shownFlows = rows.map(function (r) { return fl.id[r]; });
  }

  /* ---------- applying a selection ---------- */

  // What a payload draws: two that agree here draw the same map (the frame's bbox counts only when its key changes).
  function drawing(payload) {
    var frame = payload.frame || {};
    return JSON.stringify([payload.events, payload.flows, payload.highlight || [], payload.zones || [], payload.key || null,
      frame.far || [], frame.key === undefined ? null : frame.key, frame.extent || null]);
  }

  function apply(state, payload) {
    if (state.applied && drawing(state.applied) === drawing(payload)) {
      // The same map (a rerun that changed something else, or a year move atlas_years.js drew already):
      // nothing is drawn again.
      state.applied = payload;
      state.unchanged = (state.unchanged || 0) + 1;
      return;
    }
    if (state.applied && state.applied.predicted && !payload.predicted) { state.corrections = (state.corrections || 0) + 1; }
    var started = performance.now();
    var records = state.records, ev = records.events;
    var highlight = {};
    (payload.highlight || []).forEach(function (id) { highlight[id] = true; });
    var rows = decodeBits(payload.events, ev.id.length), exact = [], byArea = {};
    rows.forEach(function (row) {
      var area = ev.area[row];
      if (area >= 0) { (byArea[area] = byArea[area] || []).push(row); } else { exact.push(row); }
    });
    unspiderfy(state);
    if (exact.length > Atlas.DOM_LIMIT && Atlas.CanvasPoints) {
      state.points.clearLayers();
      state.badges.clearLayers();
      state.stacks = [];
      if (!state.canvas) { state.canvas = new Atlas.CanvasPoints(state); }
      state.canvas.setRows(exact, highlight);
      if (state.visible && !state.map.hasLayer(state.canvas)) { state.map.addLayer(state.canvas); }
    } else {
      if (state.canvas && state.map.hasLayer(state.canvas)) { state.map.removeLayer(state.canvas); }
      if (state.canvas) { state.canvas.setRows([], highlight); }
      drawPoints(state, exact, highlight);
    }
    state.shownEvents = exact.map(function (r) { return ev.id[r]; });
    drawAreas(state, byArea, highlight);
    placeAreaSymbols(state);
    drawFlows(state, decodeBits(payload.flows, records.flows.id.length), highlight);
    state.applied = payload;
    state.applyMs = performance.now() - started;  // read by benchmarks
    if (Atlas.afterSelect) { Atlas.afterSelect.forEach(function (fn) { fn(state, payload); }); }
    state.map.fire("atlas:selected", { shown: state.shownEvents.length });
  }

  Atlas.applySelection = apply;

  // Tell the page, once per frame, that the map is drawn: the component protocol's "setComponentValue"
  // message to the page around streamlit-folium's frame (as streamlit-folium's own script sends its values).
  // The page then runs again and draws what it left below the map (ui.show_map).
  function reportDrawn() {
    if (window.__atlasDrawnReported || window.parent === window) { return; }
    window.__atlasDrawnReported = true;
    requestAnimationFrame(function () {
      setTimeout(function () {
        window.parent.postMessage({ isStreamlitMessage: true, type: "streamlit:setComponentValue",
          value: { drawn: true }, dataType: "json" }, "*");
      }, 0);
    });
  }

  /* Called by the page's selection layer on every filter change. */
  Atlas.select = function (map, group, config, payload) {
    // streamlit-folium keeps every feature group it ever added in window.feature_group;
    // the replaced ones are already off the map, so drop them and let them be collected.
    if (window.feature_group) { window.feature_group = window.feature_group.filter(function (l) { return map.hasLayer(l); }); }
    var state = stateOf(map, config);
    state.group = group;
    state.pending = payload;
    // The first frame at once, before the outlines and the records arrive: drawn at the base map's view
    // and then framed, every outline, symbol and label was laid out twice (about 90 ms of a first map).
    if (Atlas.frame && map._atlasFrameKey === undefined && payload.frame) { Atlas.frame(map, payload.frame); }
    group.on("add", function () { if (state.group === group) { setVisible(state, true); } });
    group.on("remove", function () {
      // Replaced by a newer selection, or switched off in the layer control?
      setTimeout(function () { if (!map.hasLayer(state.group)) { setVisible(state, false); } }, 0);
    });
    return state.ready.then(function () {
      if (state.pending !== payload) { return; }  // a newer selection arrived while loading
      if (!state.visible && map.hasLayer(group)) { setVisible(state, true); }
      if (state.visible) { [state.areas, state.flows, state.points, state.badges].forEach(function (l) { if (!map.hasLayer(l)) { map.addLayer(l); } }); }
      // A selection for years the slider has left is not drawn (atlas_years.js draws the present ones).
      if (!(Atlas.watchYears && Atlas.watchYears(state, payload))) { apply(state, payload); }
      if (config.reportDrawn) { reportDrawn(); }
    }).catch(function (error) {
      var box = el("div", "atlas-error", "The map's symbols could not be loaded: " + error.message);
      map.getContainer().appendChild(box);
    });
  };

  window.atlasShown = function (map) {
    map = map || window.map;
    var state = map && map._atlas;
    if (!state || !state.visible) { return { events: [], flows: [] }; }
    var events = state.shownEvents.slice();
    state.shownAreas.forEach(function (a) { events = events.concat(a.ids); });
    return { events: events, flows: state.shownFlows.slice() };
  };

  window.atlasSymbolBoxes = function (map) {
    map = map || window.map;
    var state = map && map._atlas, boxes = [];
    if (!state || !state.visible) { return boxes; }
    function push(latlng, size, id) {
      var p = map.latLngToContainerPoint(latlng);
      boxes.push({ x: p.x - size / 2, y: p.y - size / 2, w: size, h: size, id: id });
    }
    state.points.eachLayer(function (m) { push(m.getLatLng(), m._atlasSize, state.records.events.id[m._atlasRow]); });
    state.shownAreas.forEach(function (a) { push(a.marker.getLatLng(), a.size, a.ids.join(" ")); });
    if (state.canvas && map.hasLayer(state.canvas)) { boxes = boxes.concat(state.canvas.boxes()); }
    return boxes;
  };
})();
