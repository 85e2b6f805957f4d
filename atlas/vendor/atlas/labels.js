/* Tajik Border Atlas: base-map labels placed by priority, never overlapping each other or a symbol.
 *
 * L.atlasLabels(url, data, options) draws the points of geodata/labels.geojson
 * (properties text, subtext, kind, priority, min_zoom) in their own pane.
 * After every move, zoom, resize or layer change it places them greedily: by
 * priority (country, zone, capital, data town, town), each label takes the
 * first of its candidate positions that stays in the view and overlaps no
 * label or dot placed before it and no obstacle (symbols: .atlas-marker,
 * .atlas-symbol, .atlas-area-symbol, .atlas-arrow, .atlas-stack, the edge
 * markers; the map's controls and legend); a label with no free position is hidden.
 * L.atlasLabels.place is that core, a pure function, exposed for tests.
 */
(function () {
    "use strict";

    var OBSTACLES = ".atlas-marker, .atlas-symbol, .atlas-area-symbol, .atlas-arrow, .atlas-stack, .atlas-edge-marker, " +
        ".leaflet-control, .atlas-legend, .atlas-export-heading";
    var CENTRED = {country: true, zone: true};
    var GAPS = [4, 12];  // pixels between a town's dot and its label, nearest tried first

    function overlaps(a, b) {
        return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    }

    function inside(box, view) {
        return box.x >= view.x && box.y >= view.y && box.x + box.w <= view.x + view.w && box.y + box.h <= view.y + view.h;
    }

    /* labels: [{priority, order, candidates: [{x, y, w, h}, ...], keep: [{x, y, w, h}]}]
     * (keep: boxes that come with the label once placed, such as its dot; reserve: true holds
     * them free of every other label from the start).
     * Returns, in the input order, the chosen candidate of each label or null. */
    function place(labels, obstacles, view) {
        var order = labels.map(function (_, i) { return i; });
        order.sort(function (i, j) {
            return (labels[i].priority - labels[j].priority) || ((labels[i].order || 0) - (labels[j].order || 0)) || (i - j);
        });
        var taken = [], chosen = new Array(labels.length).fill(null), reserved = [];
        // The dots of reserved labels (capitals, the data's towns) are held from the start, so a
        // country's or zone's name is nudged off them rather than leaving the place unnamed.
        labels.forEach(function (label, i) {
            if (label.reserve) { (label.keep || []).forEach(function (box) { reserved.push({box: box, owner: i}); }); }
        });
        order.forEach(function (i) {
            var label = labels[i], keep = label.keep || [];
            // A town's dot cannot move: on a label placed before it (a higher priority), the town stays unnamed.
            if (keep.some(function (k) { return taken.some(function (t) { return overlaps(k, t); }); })) { return; }
            for (var k = 0; k < label.candidates.length; k++) {
                var box = label.candidates[k];
                if (view && !inside(box, view)) { continue; }
                if (obstacles.some(function (o) { return overlaps(box, o); })) { continue; }
                if (taken.some(function (t) { return overlaps(box, t); })) { continue; }
                if (keep.some(function (own) { return overlaps(box, own); })) { continue; }
                if (reserved.some(function (r) { return r.owner !== i && overlaps(box, r.box); })) { continue; }
                chosen[i] = box;
                taken.push(box);
                keep.forEach(function (extra) { taken.push(extra); });
                return;
            }
        });
        return chosen;
    }

    function candidates(p, w, h, kind) {
        if (CENTRED[kind]) {
            // Area names: centred on their point, or nudged when that is taken; a zone's only a little,
            // so its name stays inside it (a country is large enough to move further).
            var nudges = kind === "country" ? [[0, 0], [0, -1.6], [0, 1.6], [-0.6, 0], [0.6, 0], [0, -3.2], [0, 3.2]]
                                            : [[0, 0], [0, -0.8], [0, 0.8], [-0.3, 0], [0.3, 0]];
            return nudges.map(function (d) {
                return {x: p.x - w / 2 + d[0] * w, y: p.y - h / 2 + d[1] * h, w: w, h: h};
            });
        }
        var out = [];
        GAPS.forEach(function (g) {
            out.push({x: p.x + g, y: p.y - h / 2, w: w, h: h});          // right
            out.push({x: p.x - g - w, y: p.y - h / 2, w: w, h: h});      // left
            out.push({x: p.x - w / 2, y: p.y - g - h, w: w, h: h});      // above
            out.push({x: p.x - w / 2, y: p.y + g, w: w, h: h});          // below
        });
        return out;
    }

    // Put a label (or its town's dot) at a container point, or hide it (no point); write only what changes.
    function show(map, el, point) {
        if (!point) {
            if (el.style.display !== "none") { el.style.display = "none"; }
            return;
        }
        var at = map.containerPointToLayerPoint(point), was = el._leaflet_pos;
        if (!was || was.x !== at.x || was.y !== at.y) { L.DomUtil.setPosition(el, at); }
        if (el.style.display === "none") { el.style.display = ""; }
    }

    var AtlasLabels = L.Layer.extend({
        options: {pane: "atlasLabels", delay: 40},

        initialize: function (url, data, options) {
            L.setOptions(this, options);
            this._url = url;
            this._data = data;
            this._items = [];
        },

        onAdd: function (map) {
            if (!map.getPane(this.options.pane)) {
                var pane = map.createPane(this.options.pane);
                pane.style.zIndex = 550;  // over outlines and relief, under symbols (600) and popups
                pane.style.pointerEvents = "none";
            }
            this._container = L.DomUtil.create("div", "atlas-labels", map.getPane(this.options.pane));
            map.on("zoomend moveend resize layeradd layerremove overlayadd overlayremove", this._schedule, this);
            // A new selection is drawn in one go: its labels step aside in the same frame, not a moment later.
            map.on("atlas:selected", this._updateNow, this);
            map.on("zoomstart", this._hideAll, this);
            var self = this;
            if (this._data) {
                this._build(this._data);
            } else {
                window.Atlas.fetchJson(this._url).then(function (data) {  // atlas_fetch.js
                    self._data = data;
                    if (self._map) { self._build(data); }
                });
            }
        },

        onRemove: function (map) {
            map.off("zoomend moveend resize layeradd layerremove overlayadd overlayremove", this._schedule, this);
            map.off("atlas:selected", this._updateNow, this);
            map.off("zoomstart", this._hideAll, this);
            clearTimeout(this._timer);
            L.DomUtil.remove(this._container);
            this._items = [];
        },

        _build: function (data) {
            var container = this._container;
            this._items = data.features.map(function (feature, index) {
                var p = feature.properties, kind = p.kind;
                var el = L.DomUtil.create("div", "atlas-base-label atlas-label-" + kind, container);
                var text = L.DomUtil.create("span", "", el);
                text.textContent = p.text;  // text, never HTML
                if (p.subtext) {
                    L.DomUtil.create("br", "", el);
                    L.DomUtil.create("small", "", el).textContent = p.subtext;
                }
                el.setAttribute("data-kind", kind);
                el.setAttribute("data-priority", p.priority);
                el.style.display = "none";
                var dot = null;
                if (!CENTRED[kind]) {
                    dot = L.DomUtil.create("div", "atlas-town-dot atlas-dot-" + kind, container);
                    dot.style.display = "none";
                }
                var c = feature.geometry.coordinates;
                var anchors = [L.latLng(c[1], c[0])].concat((p.alternates || []).map(function (a) { return L.latLng(a[1], a[0]); }));
                return {latlng: anchors[0], anchors: anchors, el: el, dot: dot, kind: kind, priority: +p.priority,
                        minZoom: +(p.min_zoom || 0), order: index, size: null};
            });
            this._schedule();
        },

        _hideAll: function () {
            this._container.style.visibility = "hidden";
        },

        _updateNow: function () {
            clearTimeout(this._timer);
            this._update();
        },

        _schedule: function () {
            clearTimeout(this._timer);
            this._timer = setTimeout(L.bind(this._update, this), this.options.delay);
        },

        _obstacles: function () {
            var map = this._map, origin = map.getContainer().getBoundingClientRect(), own = this._container;
            var out = [];
            // The whole document: the legend may sit over the map without being inside its container.
            document.querySelectorAll(OBSTACLES).forEach(function (el) {
                if (own.contains(el) || el.offsetParent === null) { return; }
                var r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) { return; }
                out.push({x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height});
            });
            // Symbols drawn on a canvas have no element: atlas_canvas.js gives their boxes.
            if (map._atlas && map._atlas.canvas && map.hasLayer(map._atlas.canvas)) { out = out.concat(map._atlas.canvas.boxes()); }
            return out;
        },

        _update: function () {
            var map = this._map;
            if (!map || !this._items.length) { return; }
            var zoom = map.getZoom(), size = map.getSize();
            var view = {x: 0, y: 0, w: size.x, h: size.y};
            var active = this._items.filter(function (item) { return zoom >= item.minZoom; });
            // Measure once: the text does not change with the zoom.
            active.forEach(function (item) {
                if (!item.size) {
                    item.el.style.visibility = "hidden";
                    item.el.style.display = "";
                    item.size = [item.el.offsetWidth, item.el.offsetHeight];
                    item.el.style.display = "none";
                    item.el.style.visibility = "";
                }
            });
            var labels = active.map(function (item) {
                var p = map.latLngToContainerPoint(item.latlng);
                item.point = p;
                var keep = item.dot ? [{x: p.x - 3, y: p.y - 3, w: 6, h: 6}] : [];
                var boxes = [];
                item.anchors.forEach(function (anchor) {
                    boxes = boxes.concat(candidates(map.latLngToContainerPoint(anchor), item.size[0], item.size[1], item.kind));
                });
                return {priority: item.priority, order: item.order, candidates: boxes, keep: keep,
                        reserve: item.kind === "capital" || item.kind === "data_town"};
            });
            var chosen = place(labels, this._obstacles(), view);
            this._items.forEach(function (item) { item.next = null; });
            active.forEach(function (item, i) {
                var box = chosen[i];
                if (box) { item.next = {label: [box.x, box.y], dot: [item.point.x - 3, item.point.y - 3]}; }
            });
            // Only what moved is written: a layout that comes out the same (a selection elsewhere on
            // the map, a control added again) touches no element, so nothing is styled or painted again.
            this._items.forEach(function (item) {
                show(map, item.el, item.next && item.next.label);
                if (item.dot) { show(map, item.dot, item.next && item.next.dot); }
            });
            if (this._container.style.visibility) { this._container.style.visibility = ""; }
        }
    });

    L.AtlasLabels = AtlasLabels;
    L.atlasLabels = function (url, data, options) { return new AtlasLabels(url, data, options); };
    L.atlasLabels.place = place;
    L.atlasLabels.overlaps = overlaps;
})();
