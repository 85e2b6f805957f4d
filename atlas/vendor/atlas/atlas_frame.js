/* Tajik Border Atlas: framing. The map looks at the selection inside the theatre,
 * flies there smoothly when the frame changes (a chapter, "Fit map to selection"),
 * keeps the view inside the base map, and points at far items from the map's edge.
 *
 * payload.frame = {bbox: [[s, w], [n, e]], theatre: [[s, w], [n, e]],
 *                  extent: [[s, w], [n, e]] (where the base map has land),
 *                  far: [{lat, lon, name, count, ids}], key}
 * The map flies to bbox when key differs from the last one applied (the first
 * time it jumps there without animation). Far items get a labelled chip on the
 * edge of the map, pointing at them, with their count; a click flies there.
 */
(function () {
  "use strict";
  var Atlas = (window.Atlas = window.Atlas || {});
  var EDGE = 8;
  var SYMBOL_ROOM = 12;  // px: half the largest exact symbol

  // The title box of an exported map (atlas.exports) lies over the map's top.
  function heading(map) {
    var box = map.getContainer().ownerDocument.querySelector(".atlas-export-heading");
    return box && box.offsetHeight ? box : null;
  }

  function padding(map) {
    var size = map.getSize(), head = heading(map);
    var top = head ? head.offsetTop + head.offsetHeight + 8 : 20;
    // Room for the legend and controls without shrinking a phone's map to nothing.
    return { paddingTopLeft: [Math.min(50, size.x * 0.08), top], paddingBottomRight: [Math.min(30, size.x * 0.05), 20] };
  }

  function setBounds(map, frame) {
    if (!frame.extent || map._atlasExtent === JSON.stringify(frame.extent)) { return; }
    map._atlasExtent = JSON.stringify(frame.extent);
    var extent = L.latLngBounds(frame.extent);
    map.setMaxBounds(extent);
    map.options.maxBoundsViscosity = 1.0;
    function limitZoom() {
      // The farthest zoom at which the view still lies inside the base map: no grey beyond it.
      var zoom = map.getBoundsZoom(extent, true);
      map.setMinZoom(Math.max(3, Math.ceil(zoom)));
    }
    limitZoom();
    map.on("resize", limitZoom);
  }

  function edgeLayer(map) {
    if (map._atlasEdge) { return map._atlasEdge; }
    var box = L.DomUtil.create("div", "atlas-edge-layer", map.getContainer());
    L.DomEvent.disableClickPropagation(box);
    map._atlasEdge = { box: box, items: [], chips: [] };
    // Again once a selection is drawn: the legend and the symbols a chip must avoid come after the frame.
    map.on("move zoom resize moveend atlas:selected", function () { placeChips(map); });
    // And when a stylesheet arrives or a chip changes size (a font): the controls and chips of a selection
    // drawn before Leaflet's stylesheet were measured unstyled, and a chip stayed over the zoom buttons.
    // (A load event does not bubble: it is caught on its way down.)
    document.addEventListener("load", function (e) {
      if (e.target && e.target.tagName === "LINK") { placeChips(map); }
    }, true);
    if (window.ResizeObserver) {
      // The chips (a font arriving) and the corners of controls (the zoom buttons grew by a pixel after
      // the last placement in CI, and a chip stayed one pixel over them).
      var watch = map._atlasEdge.watch = new ResizeObserver(function () { placeChips(map); });
      map._atlasEdge.corners = [].slice.call(map.getContainer().querySelectorAll(".leaflet-control-container > div"));
      map._atlasEdge.corners.forEach(function (corner) { watch.observe(corner); });
    }
    // An open popup is what the reader looks at: the chips step aside.
    map.on("popupopen", function () { box.classList.add("atlas-behind-popup"); });
    map.on("popupclose", function () { box.classList.remove("atlas-behind-popup"); });
    return map._atlasEdge;
  }

  // A chip must not sit under a control (zoom and full-screen buttons, scale bar, legend, an export's
  // title box), on a symbol or on another chip (two far places in one direction): try places along its edge, nearest
  // first (down or up a side edge, right or left along the top or bottom), and take the first clear of all.
  function freeSpot(map, placed, fixed, at, w, h, onSideEdge) {
    var size = map.getSize(), container = map.getContainer(), origin = container.getBoundingClientRect();
    var boxes = placed.concat(fixed);
    if (heading(map)) {
      // The title box spans the top: a chip there goes just below it.
      var r = heading(map).getBoundingClientRect(), bottom = r.bottom - origin.top;
      if (at[1] < bottom) { at = [at[0], Math.max(at[1], bottom + 4)]; }
      boxes.push({ x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height });
    }
    var step = onSideEdge ? h + 4 : w + 4;
    for (var k = 0; k <= 16; k++) {
      var shift = (k % 2 ? 1 : -1) * Math.ceil(k / 2) * step;
      var left = onSideEdge ? at[0] : at[0] + shift, top = onSideEdge ? at[1] + shift : at[1];
      if (left < 0 || top < 0 || left + w > size.x || top + h > size.y) { continue; }
      if (!boxes.some(function (b) { return left < b.x + b.w && left + w > b.x && top < b.y + b.h && top + h > b.y; })) {
        return [left, top];
      }
    }
    return [Math.max(0, Math.min(at[0], size.x - w)), Math.max(0, Math.min(at[1], size.y - h))];
  }

  // What a chip must not cover, read once per placement (reading boxes between chip moves forced a layout each):
  // the controls, and the symbols from Leaflet's positions (a chip over Afghanistan's own symbol took its click).
  function fixedBoxes(map) {
    return Atlas.controlBoxes(map).concat(Atlas.symbolBoxes ? Atlas.symbolBoxes(map) : []);
  }

  function placeChips(map) {
    var edge = map._atlasEdge, size = map.getSize(), centre = size.divideBy(2), placed = [];
    if (!edge.items.length) { return; }
    var fixed = fixedBoxes(map);
    edge.items.forEach(function (item, i) {
      var chip = edge.chips[i], latlng = L.latLng(item.lat, item.lon), p = map.latLngToContainerPoint(latlng);
      // In view only with room for its whole symbol: a point on the map's edge showed half a symbol
      // (Almaty's, at the top of the Analysis map) and no chip to name it.
      var inside = p.x >= SYMBOL_ROOM && p.y >= SYMBOL_ROOM && p.x <= size.x - SYMBOL_ROOM && p.y <= size.y - SYMBOL_ROOM;
      if (inside) { if (chip.style.display !== "none") { chip.style.display = "none"; } return; }
      if (chip.style.display) { chip.style.display = ""; }
      var dx = p.x - centre.x, dy = p.y - centre.y;
      var rect = chip.getBoundingClientRect(), w = Math.ceil(rect.width) || 90, h = Math.ceil(rect.height) || 22;
      var sx = dx ? (centre.x - w / 2 - EDGE) / Math.abs(dx) : Infinity, sy = dy ? (centre.y - h / 2 - EDGE) / Math.abs(dy) : Infinity;
      var t = Math.min(sx, sy, 1);
      var left = centre.x + dx * t - w / 2, top = centre.y + dy * t - h / 2;
      var shifted = freeSpot(map, placed, fixed, [left, top], w, h, sx <= sy);
      shifted = [Math.round(shifted[0]), Math.round(shifted[1])];
      placed.push({ x: shifted[0], y: shifted[1], w: w, h: h });
      // Written only when changed: placed again on every stylesheet, move and selection, an unchanged chip
      // is left alone (no style write, no layout).
      var x = shifted[0] + "px", y = shifted[1] + "px", turn = "rotate(" + (Math.atan2(dy, dx) * 180 / Math.PI).toFixed(0) + "deg)";
      if (chip.style.left !== x) { chip.style.left = x; }
      if (chip.style.top !== y) { chip.style.top = y; }
      if (chip.firstChild.style.transform !== turn) { chip.firstChild.style.transform = turn; }
    });
  }

  function showFar(map, far) {
    var edge = edgeLayer(map);
    edge.box.textContent = "";
    if (edge.watch) {  // the chips replaced are not watched (nor kept) any longer; the corners still are
      edge.watch.disconnect();
      edge.corners.forEach(function (corner) { edge.watch.observe(corner); });
    }
    edge.items = far || [];
    edge.chips = edge.items.map(function (item) {
      var chip = L.DomUtil.create("button", "atlas-edge-marker", edge.box);
      chip.type = "button";
      chip.setAttribute("data-ids", item.ids.join(" "));
      var arrow = L.DomUtil.create("span", "atlas-edge-arrow", chip);
      arrow.textContent = "\u27a4";
      var label = L.DomUtil.create("span", "atlas-edge-label", chip);
      label.textContent = item.name + " \u00b7 " + item.count;
      chip.title = item.name + ": " + item.count + (item.count === 1 ? " item" : " items") + " outside the theatre; click to fly there";
      if (edge.watch) { edge.watch.observe(chip); }
      L.DomEvent.on(chip, "click", function (e) {
        L.DomEvent.stop(e);
        map.flyTo([item.lat, item.lon], Math.max(map.getMinZoom(), 5), { duration: 1.0 });
      });
      return chip;
    });
    placeChips(map);
  }

  Atlas.frame = function (map, frame) {
    if (!frame) { return; }
    setBounds(map, frame);
    showFar(map, frame.far);
    var key = JSON.stringify(frame.key === undefined ? null : frame.key);
    if (map._atlasFrameKey === key) { return; }
    var first = map._atlasFrameKey === undefined;
    map._atlasFrameKey = key;
    var bbox = L.latLngBounds(frame.bbox), options = padding(map);
    if (first) { map.fitBounds(bbox, L.extend({ animate: false }, options)); }
    else { map.flyToBounds(bbox, L.extend({ duration: 0.9 }, options)); }
  };

  Atlas.afterSelect = Atlas.afterSelect || [];
  Atlas.afterSelect.push(function (state, payload) { Atlas.frame(state.map, payload.frame); });
})();
