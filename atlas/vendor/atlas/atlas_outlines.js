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
    else { fetch(url).then(function (r) { return r.json(); }).then(add); }
    return layer;
  };
})();
