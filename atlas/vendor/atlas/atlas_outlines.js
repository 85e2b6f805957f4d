/* Tajik Border Atlas: outlines the browser fetches from the app (or the page embeds), with name tooltips.
 *
 * L.atlasOutlines(url, style, data, toBack, tooltips) returns an L.GeoJSON layer (atlas.markers.RemoteGeoJson):
 * every feature drawn with `style` (a feature's properties.style over it, a choropleth's fill),
 * properties.name as a tooltip (text, never HTML) unless `tooltips` is false; `data` embedded, or fetched from `url` once;
 * `toBack` puts the layer under all others whenever it arrives (the land).
 * One function here instead of the same thirty lines in the page for every layer: the map's message
 * is sent again whenever the selection changes.
 */
(function () {
  "use strict";

  L.atlasOutlines = function (url, style, data, toBack, tooltips) {
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
    function add(collection) {
      layer.addData(collection);
      if (toBack) { layer.bringToBack(); }
    }
    if (data) { add(data); }
    else { fetch(url).then(function (r) { return r.json(); }).then(add); }
    return layer;
  };
})();
