/* Tajik Border Atlas: the legend, a Leaflet control inside the map container
 * (so full screen keeps it), folded unless the map is large (open, it would
 * cover the subject and the popups of a laptop-sized map), dark text on its own light
 * box whatever the page's theme. When every selected fact's first actor is of
 * one side, a key names those actors (payload.key = {side, color, actors}).
 *
 * config.legend = {layers: [label by layer], flows: [[family: types, colour]], expanded}
 */
(function () {
  "use strict";
  var Atlas = (window.Atlas = window.Atlas || {});
  var SHAPES = ["circle", "square", "triangle", "diamond"];
  // Open at first only on a map at least this large (px): on a 1280x720 screen the open
  // legend covered about a third of the map's width and most of its height.
  var ROOMY = {x: 1000, y: 700};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function row(parent, symbol, text) {
    var line = el("div", "atlas-legend-row");
    line.appendChild(symbol);
    line.appendChild(el("span", null, text));
    parent.appendChild(line);
    return line;
  }

  function lineSymbol(color, width, dash, opacity) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", 24);
    svg.setAttribute("height", 12);
    var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    [["x1", 0], ["y1", 6], ["x2", 24], ["y2", 6], ["stroke", color], ["stroke-width", width], ["stroke-opacity", opacity || 1]]
      .forEach(function (a) { line.setAttribute(a[0], a[1]); });
    if (dash) { line.setAttribute("stroke-dasharray", dash); }
    svg.appendChild(line);
    return svg;
  }

  function areaSymbol(color) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", 24);
    svg.setAttribute("height", 16);
    svg.innerHTML = '<rect x="1" y="1" width="22" height="14" fill-opacity="0.15" stroke-dasharray="4 3"/>' +
      '<circle cx="12" cy="8" r="6" fill="#fff" stroke-width="2" stroke-dasharray="3 2"/>';
    svg.firstChild.setAttribute("fill", color);
    svg.firstChild.setAttribute("stroke", color);
    svg.lastChild.setAttribute("stroke", color);
    return svg;
  }

  function mixedSymbol(records) {
    // The first two sides' colours in halves, as atlas_symbols.js splits an area's ring.
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", 24);
    svg.setAttribute("height", 16);
    svg.innerHTML = '<circle cx="12" cy="8" r="6" fill="#fff"/><path d="M12 2 A6 6 0 0 1 12 14" fill="none" stroke-width="3" stroke-dasharray="3 2"/>' +
      '<path d="M12 14 A6 6 0 0 1 12 2" fill="none" stroke-width="3" stroke-dasharray="3 2"/>';
    svg.childNodes[1].setAttribute("stroke", records.sides[0].color);
    svg.childNodes[2].setAttribute("stroke", records.sides[1].color);
    return svg;
  }

  function highlightSymbol() {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", 24);
    svg.setAttribute("height", 16);
    svg.innerHTML = '<circle cx="12" cy="8" r="5.5" fill="#777" stroke="#000" stroke-width="2.5"/>';
    return svg;
  }

  function build(map, records, config) {
    var legend = config.legend || {};
    var box = el("div", "atlas-legend");
    box.id = "atlas-legend";
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    var details = el("details");
    var size = map.getSize();
    var roomy = size.x >= ROOMY.x && size.y >= ROOMY.y;
    details.open = legend.expanded !== false && roomy;
    details.appendChild(el("summary", null, "Legend"));
    box.appendChild(details);
    var key = el("div", "atlas-key");
    key.style.display = "none";
    box.appendChild(key);

    function section(title, columns) {
      details.appendChild(el("h5", null, title));
      var grid = el("div", "atlas-legend-grid" + (columns ? " atlas-legend-2col" : ""));
      details.appendChild(grid);
      return grid;
    }
    var sides = section("Colour: side of the first actor", true);
    sides.className += " atlas-legend-3col";
    records.sides.forEach(function (side) { row(sides, Atlas.symbolSvg("circle", 12, side.color, false), side.name); });
    var shapes = section("Shape: kind of fact (incidents sized by deaths)", true);
    (legend.layers || records.layers).forEach(function (label, i) {
      row(shapes, Atlas.symbolSvg(SHAPES[i], 13, "#777777", false), label);
    });
    var where = el("details", "atlas-legend-more");
    where.appendChild(el("summary", null, "Where: stacks, areas, far places"));
    details.appendChild(where);
    var places = el("div", "atlas-legend-grid");
    where.appendChild(places);
    var stack = row(places, Atlas.symbolSvg("circle", 13, "#777777", false), "several facts at one place: click to spread them");
    var badge = el("span", "atlas-stack-count atlas-legend-badge", "3");
    stack.insertBefore(badge, stack.lastChild);
    row(places, areaSymbol("#777777"), "known only as a province, region or country: its area, one symbol with the number of facts");
    row(places, mixedSymbol(records), "an area with facts of several sides: outlined in grey, its ring split by side");
    row(places, highlightSymbol(), "thick black outline: highlighted (a chapter's subject, rows selected in the table)");
    row(places, lineSymbol("#777777", 10, null, 0.35), "known only as \u201cthe border\u201d");
    row(places, el("span", "atlas-disc-sample", "42"), "too many to draw one by one: their number; click to zoom in");
    row(places, el("span", "atlas-edge-sample", "\u27a4 Moscow \u00b7 7"), "far away: click to fly there");
    var lines = el("details", "atlas-legend-more");
    lines.appendChild(el("summary", null, "Lines: flows, border, zones"));
    details.appendChild(lines);
    (legend.flows || []).forEach(function (flow) { row(lines, lineSymbol(flow[1], 3, "6 4"), "flow, " + flow[0]); });
    row(lines, el("span", null, "\u27a4"), "a flow's arrow: its direction");
    row(lines, lineSymbol("#111111", 4), "Tajik-Afghan border");
    row(lines, lineSymbol("#3b5b92", 2, "4 3"), "conflict zone");
    return { box: box, details: details, key: key };
  }

  function showKey(legend, key) {
    legend.key.textContent = "";
    if (!key) { legend.key.style.display = "none"; return; }
    legend.key.style.display = "";
    legend.key.appendChild(Atlas.symbolSvg("circle", 12, key.color, false));
    legend.key.appendChild(el("b", null, " " + key.side + ": "));
    legend.key.appendChild(document.createTextNode(key.actors.join(", ")));
  }

  Atlas.legend = function (state, payload) {
    var map = state.map;
    if (!map._atlasLegend) {
      var parts = build(map, state.records, state.config);
      var Control = L.Control.extend({ options: { position: "bottomleft" }, onAdd: function () { return parts.box; } });
      parts.control = new Control();
      map.addControl(parts.control);
      map._atlasLegend = parts;
    }
    showKey(map._atlasLegend, payload.key);
  };

  Atlas.afterSelect = Atlas.afterSelect || [];
  Atlas.afterSelect.push(Atlas.legend);
})();
