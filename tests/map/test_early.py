"""The early script that asks for a map's files while its scripts load (atlas.map.early)."""

from urllib.parse import unquote

import pytest

from atlas.map.early import early_fetch_link, fetched_on_load

SCRIPT = ('var a = L.atlasOutlines("/app/static/geodata/countries.geojson", {"color": "#777"});\n'
          'var r = L.atlasRelief(map_1, "/app/static/geodata/relief.png", [[28.0, 52.0], [45.0, 80.0]], 0.8);\n'
          'var l = L.atlasLabels("/app/static/geodata/labels.geojson", null);')
SELECTION = 'Atlas.select(map_1,g,{"url":"/app/static/mapdata/atlas-0123.json","text_url":"/app/static/mapdata/atlas-0123-text.json"},[]);'


@pytest.mark.parametrize("scripts, expected", [
    ((SCRIPT,), ["/app/static/geodata/countries.geojson", "/app/static/geodata/relief.png", "/app/static/geodata/labels.geojson"]),
    # The popup text waits for the first hover or click (67 MB at 100,000 events).
    ((SELECTION,), ["/app/static/mapdata/atlas-0123.json"]),
    ((SCRIPT, SCRIPT), ["/app/static/geodata/countries.geojson", "/app/static/geodata/relief.png", "/app/static/geodata/labels.geojson"]),
    ((None, ""), []),
    # Another host's address, a script, an address with a query: none is a served data file.
    (('L.x("https://example.org/a.geojson"); L.y("/app/static/vendor/x.js"); L.z("/app/static/a.json?x=1");',), []),
])
def test_fetched_on_load_names_the_served_files_a_map_asks_for_at_once(scripts, expected):
    assert fetched_on_load(*scripts) == expected


def _script(link):
    prefix = "data:text/javascript;charset=utf-8,"
    assert link.startswith(prefix)
    return unquote(link[len(prefix):])


def test_the_early_script_preloads_the_scripts_first_then_asks_for_data_images_and_styles():
    link = early_fetch_link(["/app/static/geodata/countries.geojson", "/app/static/geodata/relief.png"],
                            ["/app/static/vendor/atlas/atlas-map-1.css"], ["/app/static/vendor/atlas/atlas-map-1.js"])
    script = _script(link)
    assert "Atlas.fetchJson = function" in script  # atlas_fetch.js itself, kept by the bundle's copy
    order = [script.index(url) for url in ("atlas-map-1.js", "countries.geojson", "relief.png", "atlas-map-1.css")]
    assert order == sorted(order)
    assert "'preload'" in script and "'stylesheet'" in script and "new Image()" in script


@pytest.mark.parametrize("urls, stylesheets", [
    ([], []),
    (["https://example.org/a.geojson", "//example.org/b.json"], ["https://cdn.example.org/leaflet.css"]),
])
def test_nothing_to_ask_the_app_for_gives_no_script(urls, stylesheets):
    assert early_fetch_link(urls, stylesheets, ["https://cdn.example.org/leaflet.js"]) is None


def test_the_early_script_never_names_another_host():
    link = early_fetch_link(["/app/static/geodata/a.geojson", "https://example.org/b.geojson"],
                            ["https://cdn.example.org/c.css"], ["https://cdn.example.org/d.js", "/app/static/vendor/e.js"])
    script = _script(link)
    assert "example.org" not in script
    assert "/app/static/geodata/a.geojson" in script and "/app/static/vendor/e.js" in script


def test_the_bundles_fetch_module_keeps_the_early_scripts_requests():
    from atlas.map.assets import _bundle_content

    assert b"if (Atlas.fetchJson) { return; }" in _bundle_content()
