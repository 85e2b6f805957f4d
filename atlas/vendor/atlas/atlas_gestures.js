/* Tajik Border Atlas: a map in a page lets the page scroll (leaflet-gesture-handling).
 *
 * A map made with the option gestureHandling (atlas.map.basemap.base_map(gestures=True)) moves with
 * two fingers or ctrl + wheel, and shows how over itself; one finger or the wheel alone scroll the
 * page, which on a phone the map otherwise filled, leaving only a strip below it to scroll by.
 * In full screen there is no page to scroll: the map takes every gesture again.
 */
(function () {
  "use strict";
  L.Map.addInitHook(function () {
    if (!this.options.gestureHandling || !this.gestureHandling) { return; }
    var map = this;
    map.on("enterFullscreen", function () { map.gestureHandling.disable(); });
    map.on("exitFullscreen", function () { map.gestureHandling.enable(); });
  });
})();
