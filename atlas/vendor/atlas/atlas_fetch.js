/* Tajik Border Atlas: the map's JSON files, each asked for once, packed where the app packed them.
 *
 * Atlas.fetchJson(url) returns a promise of the parsed file, the same promise for every caller
 * (outlines, place names, the selection's records and popup text). A file the app serves from its
 * static folder has a gzip twin, <url>.gz (atlas.map.assets.write_with_gzip_twin), which the app's
 * static route sends as it is: the server would otherwise compress the file again on every request
 * (0.14 s of its time for 100,000 events' records). The twin is unpacked here with the browser's
 * DecompressionStream; without one, or if the twin fails, the file itself is fetched.
 *
 * Loaded twice on a first map: first in the frame's early script (atlas.map.early), which asks for
 * the map's files while the other scripts load, then in the bundle; the second keeps the first.
 */
(function () {
  "use strict";
  var Atlas = (window.Atlas = window.Atlas || {});
  if (Atlas.fetchJson) { return; }
  var cache = {};

  function plain(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("the map's data file is missing: " + url); }
      return r.json();
    });
  }

  function packed(url) {
    return fetch(url + ".gz", { credentials: "same-origin" }).then(function (r) {
      if (!r.ok || !r.body) { throw new Error("no packed copy of " + url); }
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json();
    });
  }

  Atlas.fetchJson = function (url) {
    if (!cache[url]) {
      var twin = window.DecompressionStream && /^\/app\/static\/[^?#]+\.(json|geojson)$/.test(url);
      cache[url] = twin ? packed(url).catch(function () { return plain(url); }) : plain(url);
    }
    return cache[url];
  };
})();
