/* Tajik Border Atlas: many exact points on one canvas, aggregated where too dense to read.
 *
 * Used by atlas_symbols.js above Atlas.DOM_LIMIT selected points. Each redraw
 * projects the selected rows once, bins them in CELL-pixel squares and draws a
 * cell's symbols one by one when it holds at most CELL_MAX, else one disc with
 * the count (aggregation). Everything is one pass over the rows: 10,000 points
 * at one place cost what 10,000 spread out do. Clicking a disc zooms in two
 * levels (or, at the last zoom, lists its first facts); clicking a symbol opens
 * its popup.
 */
(function () {
  "use strict";
  var Atlas = (window.Atlas = window.Atlas || {});
  var CELL = 28, CELL_MAX = 4, LIST_MAX = 30;

  Atlas.CanvasPoints = L.Layer.extend({
    initialize: function (state) {
      this._state = state;
      this._rows = [];
      this._highlight = {};
      this._drawn = [];   // [x, y, size, row] of single symbols drawn
      this._cells = [];   // [x, y, radius, rows] of aggregate discs
    },

    setRows: function (rows, highlight) {
      this._rows = rows;
      this._highlight = highlight || {};
      if (this._map) { this._redraw(); }
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "atlas-canvas leaflet-zoom-hide");
      // Its own pane, over the outlines (400, filled land included) and under the markers (600).
      var pane = map.getPane("atlasCanvas") || map.createPane("atlasCanvas");
      pane.style.zIndex = 450;
      pane.style.pointerEvents = "none";
      pane.appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._redraw, this);
      map.on("click", this._onClick, this);
      map.on("mousemove", this._onHover, this);
      this._redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._redraw, this);
      map.off("click", this._onClick, this);
      map.off("mousemove", this._onHover, this);
      this._drawn = [];
      this._cells = [];
    },

    _redraw: function () {
      var map = this._map;
      if (!map) { return; }
      var size = map.getSize(), ratio = window.devicePixelRatio || 1, canvas = this._canvas;
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var records = this._state.records, ev = records.events, cols = Math.ceil(size.x / CELL) + 1;
      var cells = new Map(), margin = 24;
      for (var i = 0; i < this._rows.length; i++) {
        var row = this._rows[i];
        var p = map.latLngToContainerPoint([ev.lat[row], ev.lon[row]]);
        if (p.x < -margin || p.y < -margin || p.x > size.x + margin || p.y > size.y + margin) { continue; }
        var key = Math.floor((p.y + margin) / CELL) * (cols + 4) + Math.floor((p.x + margin) / CELL);
        var cell = cells.get(key);
        if (!cell) { cell = { xs: [], ys: [], rows: [] }; cells.set(key, cell); }
        cell.xs.push(p.x); cell.ys.push(p.y); cell.rows.push(row);
      }
      var drawn = [], discs = [], self = this;
      cells.forEach(function (cell) {
        if (cell.rows.length <= CELL_MAX) {
          for (var j = 0; j < cell.rows.length; j++) {
            var r = cell.rows[j], s = ev.size[r];
            self._shape(ctx, ev.layer[r], cell.xs[j], cell.ys[j], s, records.sides[ev.side[r]].color, self._highlight[ev.id[r]]);
            drawn.push([cell.xs[j], cell.ys[j], s, r]);
          }
        } else {
          var sx = 0, sy = 0;
          for (var k = 0; k < cell.rows.length; k++) { sx += cell.xs[k]; sy += cell.ys[k]; }
          var x = sx / cell.rows.length, y = sy / cell.rows.length;
          var radius = Math.min(22, 9 + 2.2 * Math.log(cell.rows.length));
          ctx.beginPath();
          ctx.arc(x, y, radius, 0, 2 * Math.PI);
          ctx.fillStyle = "rgba(40,40,40,0.78)";
          ctx.fill();
          ctx.lineWidth = 2;
          ctx.strokeStyle = "#ffffff";
          ctx.stroke();
          ctx.fillStyle = "#ffffff";
          ctx.font = "bold 11px sans-serif";
          ctx.textAlign = "center";
          ctx.textBaseline = "middle";
          var n = cell.rows.length;
          ctx.fillText(n >= 10000 ? Math.round(n / 1000) + "k" : String(n), x, y);
          discs.push([x, y, radius, cell.rows]);
        }
      });
      this._drawn = drawn;
      this._cells = discs;
    },

    _shape: function (ctx, layer, x, y, size, color, highlighted) {
      var h = size / 2 - 1;
      ctx.beginPath();
      if (layer === 0) { ctx.arc(x, y, h, 0, 2 * Math.PI); }
      else if (layer === 1) { ctx.rect(x - h + 1, y - h + 1, 2 * h - 2, 2 * h - 2); }
      else if (layer === 2) { ctx.moveTo(x, y - h); ctx.lineTo(x + h, y + h); ctx.lineTo(x - h, y + h); ctx.closePath(); }
      else { ctx.moveTo(x, y - h); ctx.lineTo(x + h, y); ctx.lineTo(x, y + h); ctx.lineTo(x - h, y); ctx.closePath(); }
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = highlighted ? 3 : 1.2;
      ctx.strokeStyle = highlighted ? "#000000" : "#ffffff";
      ctx.stroke();
    },

    _hit: function (point) {
      var i;
      for (i = this._cells.length - 1; i >= 0; i--) {
        var c = this._cells[i];
        if (Math.abs(point.x - c[0]) <= c[2] && Math.abs(point.y - c[1]) <= c[2]) { return { cell: c }; }
      }
      for (i = this._drawn.length - 1; i >= 0; i--) {
        var d = this._drawn[i];
        if (Math.abs(point.x - d[0]) <= d[2] / 2 + 2 && Math.abs(point.y - d[1]) <= d[2] / 2 + 2) { return { row: d[3] }; }
      }
      return null;
    },

    _onHover: function (e) {
      this._map.getContainer().classList.toggle("atlas-pointer", !!this._hit(e.containerPoint));
    },

    _onClick: function (e) {
      var hit = this._hit(e.containerPoint), map = this._map, state = this._state;
      if (!hit) { return; }
      if (hit.cell && map.getZoom() < map.getMaxZoom()) {
        map.setView(map.containerPointToLatLng([hit.cell[0], hit.cell[1]]), Math.min(map.getMaxZoom(), map.getZoom() + 2));
        return;
      }
      var rows = hit.cell ? hit.cell[3] : [hit.row];
      Atlas.openFacts(state, e.latlng, rows.slice(0, LIST_MAX), rows.length);
    },

    boxes: function () {
      var ids = this._state.records.events.id;
      var out = this._drawn.map(function (d) { return { x: d[0] - d[2] / 2, y: d[1] - d[2] / 2, w: d[2], h: d[2], id: ids[d[3]] }; });
      this._cells.forEach(function (c) { out.push({ x: c[0] - c[2], y: c[1] - c[2], w: 2 * c[2], h: 2 * c[2], id: "" }); });
      return out;
    },
  });
})();
