/* Tajik Border Atlas: outlines the browser fetches from the app (or the page embeds), with name tooltips.
 *
 * L.atlasOutlines(url, style, data, toBack, tooltips, extent) returns an L.GeoJSON layer (atlas.markers.RemoteGeoJson):
 * every feature drawn with `style` (a feature's properties.style over it, a choropleth's fill),
 * properties.name as a tooltip (text, never HTML) unless `tooltips` is false; `data` embedded, or fetched from `url` once;
 * `toBack` puts the layer under all others whenever it arrives (the land).
 * One function here instead of the same thirty lines in the page for every layer: the map's message
 * is sent again whenever the selection changes.
 */
(function () {
  "use strict";
  var Atlas = window.Atlas;  // atlas_fetch.js, earlier in the bundle

  L.atlasOutlines = function (url, style, data, toBack, tooltips, extent) {
    var layer = L.geoJson(null, {
      // Without a tooltip an outline answers nothing: let clicks and hovers fall through to the map.
      interactive: tooltips !== false,
      style: function (feature) {
        return Object.assign({}, style, (feature.properties || {}).style || {});
      },
      onEachFeature: function (feature, shape) {
        if (tooltips !== false && feature.properties && feature.properties.name) {
          var label = document.createElement("span");
          label.textContent = feature.properties.name;
          // "auto": on the pointer's inner side, so a long name near the map's right edge is not cut off.
          shape.bindTooltip(label, { sticky: true, direction: "auto" });
        }
      }
    });
    // `extent` ([[south, west], [north, east]]): the outlines were clipped to it, so where the view
    // reaches past it they are hidden, as the relief fades, instead of showing the clip's straight edge.
    var fit = function () {};
    if (extent) {
      var covers = L.latLngBounds(extent), map = null;
      fit = function () {
        if (!map) { return; }
        var show = covers.contains(map.getBounds());
        layer.eachLayer(function (l) { if (l._path) { l._path.style.display = show ? "" : "none"; } });
      };
      layer.on("add", function () { map = layer._map; map.on("moveend zoomend resize", fit); fit(); });
      layer.on("remove", function () { if (map) { map.off("moveend zoomend resize", fit); } map = null; });
    }
    function add(collection) {
      layer.addData(collection);
      if (toBack) { layer.bringToBack(); }
      fit();
    }
    if (data) { add(data); }
    // Asked at once (deferring the outlines behind the selection's records drew the symbols sooner, but a
    // selection drawn before Leaflet's stylesheet then left a far-place chip over the zoom buttons in CI).
    else { Atlas.fetchJson(url).then(add); }
    return layer;
  };

  // Natural Earth's shaded relief over `bounds` ([[south, west], [north, east]]), multiplied over the land in
  // its own pane (atlas.map.basemap._Relief). Here, not in the page: the map's message is sent on every run.
  L.atlasRelief = function (map, url, bounds, opacity) {
    if (!map.getPane("atlasRelief")) {
      var pane = map.createPane("atlasRelief"), covers = L.latLngBounds(bounds);
      pane.style.zIndex = 410;  // over the land and outlines (400), multiplied, under labels and symbols
      pane.style.pointerEvents = "none";
      pane.style.transition = "opacity .3s";
      // The relief covers Central Asia only, its edges feathered (atlas_base.css): where the view lies mostly
      // past it (Moscow, a continent zoomed out) it fades. Not as soon as the view reaches past it: a desktop's
      // wider view at the theatre's zoom did, and showed no relief at all (a newcomer's report, 2026-12-05).
      var fit = function () {
        var view = map.getBounds(), south = Math.max(view.getSouth(), covers.getSouth()),
          north = Math.min(view.getNorth(), covers.getNorth()), west = Math.max(view.getWest(), covers.getWest()),
          east = Math.min(view.getEast(), covers.getEast());
        var inside = north > south && east > west ? (north - south) * (east - west) : 0;
        var share = inside / ((view.getNorth() - view.getSouth()) * (view.getEast() - view.getWest()) || 1);
        pane.style.opacity = share >= 0.5 ? 1 : 0;
      };
      map.on("moveend zoomend resize", fit);
      map.whenReady(fit);
    }
    return L.imageOverlay(url, bounds, {pane: "atlasRelief", opacity: opacity, interactive: false,
                                        className: "atlas-relief"});
  };

  // Keep the view inside the base map (atlas.map.basemap._Frame): max bounds, and a minimum zoom at which
  // the view fits inside them; the scale bar bottom right.
  L.atlasFrame = function (map, bounds) {
    var floor = map.getMinZoom();
    bounds = L.latLngBounds(bounds);
    map.setMaxBounds(bounds);
    map.options.maxBoundsViscosity = 1.0;
    function fit() { map.setMinZoom(Math.max(floor, map.getBoundsZoom(bounds, true))); }
    map.on("resize", fit);
    fit();
    L.control.scale({position: "bottomright", imperial: false, maxWidth: 120}).addTo(map);
  };
})();
