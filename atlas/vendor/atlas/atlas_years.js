/* Tajik Border Atlas: a move of the year slider drawn at once.
 *
 * The Map page's selection carries payload.years = {slider, range, events, flows, far}: as bitsets,
 * the rows that every filter but the years and months selects. This module watches the page's year
 * slider (the Streamlit widget whose key is `slider`, in the document around the map's frame) and,
 * when a handle moves, draws the rows whose years (the records' y0..y1) overlap the slider's, with
 * their far items and on-map key, before the server has run the page again (about a tenth of a
 * second later on a laptop, seconds when thirty readers share it). The server's selection follows
 * and is drawn only where it differs from the prediction (atlas_symbols.js compares the two), so a
 * wrong prediction costs time, never truth.
 * Without the page around the frame (a standalone file, another origin) nothing is predicted.
 */
(function () {
  "use strict";
  var Atlas = (window.Atlas = window.Atlas || {});
  // Per map state: the slider's element and its observer, kept off the state (it is a plain record of the map).
  var watchers = new WeakMap();

  function encodeBits(rows, count) {
    var bytes = new Uint8Array(Math.ceil(count / 8)), text = "";
    rows.forEach(function (row) { bytes[row >> 3] |= 128 >> (row & 7); });
    for (var i = 0; i < bytes.length; i += 4096) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
    }
    return btoa(text);
  }

  function overlapping(rows, y0, y1, range) {
    return rows.filter(function (row) { return y0[row] <= range[1] && y1[row] >= range[0]; });
  }

  // As atlas.map.mapdata's side key: every row's first actor of one side, or no key.
  function predictKey(records, rows) {
    var codes = records.events.actor, actors = records.actors;
    if (!rows.length || !codes || !actors) { return null; }
    var seen = {}, colors = {}, names = {};
    for (var i = 0; i < rows.length; i++) {
      var code = codes[rows[i]];
      if (code < 0) { return null; }
      seen[code] = true;
    }
    Object.keys(seen).forEach(function (code) {
      var actor = actors[code];
      colors[actor[1]] = actor[2];
      names[actor[0]] = true;
    });
    var sides = Object.keys(colors);
    if (sides.length !== 1) { return null; }
    return { side: sides[0], color: colors[sides[0]], actors: Object.keys(names).sort() };
  }

  // As atlas.map.viewport's far items: events' points, then flows' starts, then their ends, grouped by
  // place, the places with most items first (ties: first seen first), a few ids each.
  // With focus ids (rows the frame looks at) among the rows, only those count, as in viewport.focus_rows.
  function predictFar(records, rows, flowRows, focus) {
    var far = records.far;
    if (!far) { return null; }
    if (focus && focus.length) {
      var wanted = {};
      focus.forEach(function (id) { wanted[id] = true; });
      var focusedRows = rows.filter(function (row) { return wanted[records.events.id[row]]; });
      var focusedFlows = flowRows.filter(function (row) { return wanted[records.flows.id[row]]; });
      if (focusedRows.length || focusedFlows.length) { rows = focusedRows; flowRows = focusedFlows; }
    }
    var chosenEvents = {}, chosenFlows = {}, groups = {}, order = [];
    rows.forEach(function (row) { chosenEvents[row] = true; });
    flowRows.forEach(function (row) { chosenFlows[row] = true; });
    function add(entry, id) {
      var group = groups[entry[1]];
      if (!group) {
        group = groups[entry[1]] = { lat: entry[3], lon: entry[4], name: entry[2], ids: [], seen: {} };
        order.push(group);
      }
      if (!group.seen[id]) { group.seen[id] = true; group.ids.push(id); }
    }
    far.events.forEach(function (e) { if (chosenEvents[e[0]]) { add(e, records.events.id[e[0]]); } });
    far.from.forEach(function (e) { if (chosenFlows[e[0]]) { add(e, records.flows.id[e[0]]); } });
    far.to.forEach(function (e) { if (chosenFlows[e[0]]) { add(e, records.flows.id[e[0]]); } });
    order.sort(function (a, b) { return b.ids.length - a.ids.length; });
    return order.slice(0, far.limits[0]).map(function (g) {
      return { lat: g.lat, lon: g.lon, name: g.name, count: g.ids.length, ids: g.ids.slice(0, far.limits[1]) };
    });
  }

  function sliderBox(name) {
    try {
      if (window.parent === window) { return null; }
      return window.parent.document.querySelector(".st-key-" + name);
    } catch (error) {
      return null;  // another origin: no prediction
    }
  }

  function sliderRange(box) {
    // Streamlit draws each handle as an <input type="range"> (older versions: an ARIA slider).
    var values = Array.prototype.map.call(box.querySelectorAll('input[type="range"], [role="slider"]'), function (thumb) {
      return Number(thumb.tagName === "INPUT" ? thumb.value : thumb.getAttribute("aria-valuenow"));
    }).filter(function (value) { return isFinite(value); });
    return values.length ? [Math.min.apply(null, values), Math.max.apply(null, values)] : null;
  }

  function predict(state) {
    // What the prediction keeps (highlight, frame key, extent) comes from the server's latest word.
    var info = state.years, applied = state.server || state.applied, watcher = watchers.get(state);
    if (!info || !applied || !state.applied || !watcher) { return; }
    var range = sliderRange(watcher.box);
    if (!range || range.join("-") === state.yearsShown) { return; }
    state.yearsShown = range.join("-");
    if (range.join("-") === info.range.join("-") && state.server) {
      // Back on the server's own years: its selection is the truth (its months, its highlight), not a prediction.
      Atlas.applySelection(state, state.server);
      return;
    }
    var records = state.records;
    if (!info.rows) {
      info.rows = Atlas.decodeBits(info.events, records.events.id.length);
      info.flowRows = Atlas.decodeBits(info.flows, records.flows.id.length);
    }
    var rows = overlapping(info.rows, records.events.y0, records.events.y1, range);
    var flowRows = overlapping(info.flowRows, records.flows.y0, records.flows.y1, range);
    var payload = {};
    Object.keys(applied).forEach(function (name) { payload[name] = applied[name]; });
    payload.events = encodeBits(rows, records.events.id.length);
    payload.flows = encodeBits(flowRows, records.flows.id.length);
    var key = predictKey(records, rows);
    if (key) { payload.key = key; } else { delete payload.key; }
    var far = applied.frame ? predictFar(records, rows, flowRows, info.focus) : null;
    if (far) {
      payload.frame = {};
      Object.keys(applied.frame).forEach(function (name) { payload.frame[name] = applied.frame[name]; });
      payload.frame.far = far;
    }
    payload.predicted = range;
    state.predictions = (state.predictions || 0) + 1;
    Atlas.applySelection(state, payload);
  }

  /* Called with every selection the server sends, before it is drawn (atlas_symbols.js). Returns true when
   * the selection is for years the slider has left already (the reader moved on while the server ran):
   * it is kept as the server's word but not drawn, and the slider's present years are predicted instead. */
  Atlas.watchYears = function (state, payload) {
    var info = payload.years;
    state.years = info || null;
    state.server = payload;
    state.yearsShown = info ? info.range.join("-") : null;
    var box = info ? sliderBox(info.slider) : null, watcher = watchers.get(state);
    if ((watcher && watcher.box) !== box) {
      if (watcher) { watcher.observer.disconnect(); watchers.delete(state); }
      if (box) { watch(state, box); }
    }
    var now = box && state.applied ? sliderRange(box) : null;
    if (!now || now.join("-") === state.yearsShown) { return false; }
    state.stale = (state.stale || 0) + 1;
    predict(state);
    return true;
  };

  function watch(state, box) {
    var observer = new MutationObserver(function () { predict(state); });
    observer.observe(box, { attributes: true, attributeFilter: ["value", "aria-valuenow"], subtree: true });
    watchers.set(state, { box: box, observer: observer });
    // The observer lives on the page around the frame: it must not outlive this map.
    window.addEventListener("pagehide", function () { observer.disconnect(); });
  }

  Atlas.encodeBits = encodeBits;
})();
