"""The base map: drawn from geodata/, every asset served by the app, no CDN."""

import hashlib
import re

import pytest

from atlas.map.assets import (ASSETS, BUNDLE, GEODATA_URL, LOCAL_URL, STYLE_BUNDLE, bundle_path, install_static_assets,
                               install_vendor_assets, style_bundle_path)
from atlas.map.basemap import base_map, legend_html, zone_label
from atlas.map.labels import place_labels
from atlas.paths import ROOT


@pytest.fixture(scope="module")
def html(dataset):
    return base_map(dataset).get_root().render()


def test_no_asset_comes_from_the_internet(html):
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources, "the map loads no script at all?"
    assert all(src.startswith(LOCAL_URL) for src in sources), sources


def test_only_optional_tile_layers_name_other_hosts(html):
    hosts = set(re.findall(r"https?://([^/\"'\s]+)", html))
    assert hosts <= {"tile.openstreetmap.org", "{s}.tile.opentopomap.org", "www.openstreetmap.org", "openstreetmap.org"}, hosts
    assert "show: false" in html or '"show": false' in html or html.count("tile_layer") >= 2


def test_outlines_come_from_the_app(html):
    assert f"{GEODATA_URL}/countries.geojson" in html
    assert f"{GEODATA_URL}/border.geojson" in html


def test_embedded_map_carries_its_outlines(dataset):
    html = base_map(dataset, embed=True).get_root().render()
    assert GEODATA_URL not in html
    assert "Tajikistan" in html


def test_labels_come_from_the_app_and_are_placed_by_the_local_placer(html):
    assert f"{LOCAL_URL}/{bundle_path()}" in html
    assert f"{GEODATA_URL}/labels.geojson" in html and "L.atlasLabels(" in html


def test_embedded_map_carries_its_labels_and_relief(dataset):
    html = base_map(dataset, embed=True).get_root().render()
    assert '"text": "Kulyab oblast (1992)"' in html and '"subtext": "Kulob"' in html
    assert "data:image/png;base64," in html


def test_base_layers_are_drawn_and_framed(html):
    for name in ("admin1.geojson", "rivers.geojson", "lakes.geojson", "relief.png"):
        assert f"{GEODATA_URL}/{name}" in html
    # The frame and the relief are drawn by the bundle's functions, not by code sent with every run.
    assert "L.atlasFrame(" in html and "L.atlasRelief(" in html
    script = (ROOT / "atlas" / "vendor" / "atlas" / "atlas_outlines.js").read_text(encoding="utf-8")
    assert "L.atlasFrame = function" in script and "setMaxBounds" in script and "L.control.scale" in script
    assert "L.atlasRelief = function" in script and "L.imageOverlay" in script


def test_each_base_layer_is_added_to_the_map_once(html):
    # folium adds a shown layer itself; a template that added it too sent every line twice.
    for name in re.findall(r"var (remote_geo_json_\w+|base_labels_\w+|relief_\w+) = ", html):
        assert html.count(f"{name}.addTo(") == 1, name


def test_the_map_itself_limits_the_zoom(html):
    # folium gives min_zoom/max_zoom only to a tile layer it makes; with tiles=None the wheel reached zoom 52.
    options = re.search(r"L\.map\(\s*\"map_[0-9a-f]+\",\s*(\{.*?\})\s*\);", html, re.S).group(1)
    assert re.search(r'"maxZoom": 12\b', options) and re.search(r'"minZoom": 3\b', options)


@pytest.mark.parametrize(
    "labels, obstacles, expected",
    [
        # A higher-priority label wins a collision, whatever the input order.
        ([{"priority": 4, "candidates": [(0, 0, 50, 10)]}, {"priority": 2, "candidates": [(10, 5, 50, 10)]}], [], [None, (10, 5, 50, 10)]),
        # The loser takes its next free candidate.
        ([{"priority": 1, "candidates": [(0, 0, 50, 10)]}, {"priority": 5, "candidates": [(40, 0, 20, 10), (60, 0, 20, 10)]}], [],
         [(0, 0, 50, 10), (60, 0, 20, 10)]),
        # Touching boxes do not collide.
        ([{"priority": 1, "candidates": [(0, 0, 50, 10)]}, {"priority": 1, "candidates": [(50, 0, 20, 10)]}], [], [(0, 0, 50, 10), (50, 0, 20, 10)]),
        # No label under a symbol.
        ([{"priority": 1, "candidates": [(0, 0, 50, 10), (0, 20, 50, 10)]}], [(5, 5, 16, 16)], [None]),
        # A placed label's dot is kept free too.
        ([{"priority": 1, "candidates": [(0, 0, 50, 10)], "keep": [(100, 0, 6, 6)]}, {"priority": 2, "candidates": [(98, 2, 20, 10)]}], [],
         [(0, 0, 50, 10), None]),
        # A town whose dot would fall on a label placed before it stays unnamed, however free its text's place.
        ([{"priority": 3, "candidates": [(0, 0, 80, 12)]}, {"priority": 4, "candidates": [(200, 0, 40, 10)], "keep": [(30, 4, 6, 6)]}], [],
         [(0, 0, 80, 12), None]),
        # A reserved dot (a capital's, a data town's) moves an area's name off it, so both are shown.
        ([{"priority": 2, "candidates": [(0, 0, 80, 12), (0, 14, 80, 12)]},
          {"priority": 4, "candidates": [(40, 40, 40, 10)], "keep": [(30, 4, 6, 6)], "reserve": True}], [],
         [(0, 14, 80, 12), (40, 40, 40, 10)]),
        # A label never covers its own dot: the next candidate is taken.
        ([{"priority": 4, "candidates": [(0, 0, 40, 10), (50, 0, 40, 10)], "keep": [(20, 2, 6, 6)]}], [], [(50, 0, 40, 10)]),
    ],
)
def test_place_labels(labels, obstacles, expected):
    assert place_labels(labels, obstacles) == expected


def test_place_labels_keeps_labels_in_view():
    assert place_labels([{"priority": 1, "candidates": [(-5, 0, 20, 10), (0, 0, 20, 10)]}], view=(0, 0, 100, 100)) == [(0, 0, 20, 10)]


def test_zone_label():
    assert zone_label({"name": "Garm / Karategin valley", "aliases": "Garm;Rasht;Gharm"}) == "Garm / Karategin valley \u00b7 Rasht"


def test_legend_lists_layers_and_actors(dataset, html):
    # The map's legend is a Leaflet control drawn by atlas_legend.js (tests/browser); this is the figure's text.
    legend = legend_html(dataset.actors)
    for text in ("Incidents", "Troop deployments", "Training camps", "Diplomacy", "Tajik-Afghan border", "IRP / UTO"):
        assert text in legend


def test_fullscreen_control_is_local(html):
    assert f"{LOCAL_URL}/{style_bundle_path()}" in html
    assert "L.control.fullscreen" in html


def test_the_map_loads_one_stylesheet_holding_every_style_and_its_images(html, tmp_path):
    # Five stylesheets and two images had taken a browser's six connections ahead of the map's data.
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == [f"{LOCAL_URL}/{style_bundle_path()}"]
    install_vendor_assets(tmp_path)
    styles = (tmp_path / "vendor" / style_bundle_path()).read_text(encoding="utf-8")
    starts = [styles.index(f"/* {ASSETS[name][1]} */") for name in STYLE_BUNDLE]
    assert starts == sorted(starts) and starts[0] == 0
    for rule in (".leaflet-container", ".leaflet-gesture-handling", ".fullscreen-icon", ".atlas-legend"):
        assert rule in styles
    urls = re.findall(r"url\((['\"]?)([^)'\"]+)\1\)", styles)
    # No image fetched from anywhere (Leaflet's "#default#VML" is an old IE behaviour, a fragment, not a file).
    assert urls and all(url.startswith(("data:image/", "#")) for _, url in urls)
    digest = hashlib.sha256(styles.encode("utf-8")).hexdigest()[:16]
    assert style_bundle_path() == f"atlas/atlas-map-{digest}.css"


@pytest.mark.parametrize("gestures, written", [(True, '"gestureHandling": true'), (False, None)])
def test_a_map_in_a_page_leaves_the_page_its_scrolling(dataset, gestures, written):
    # leaflet-gesture-handling (in the bundle): one finger or the wheel scroll the page, two fingers or ctrl move the map.
    html = base_map(dataset, gestures=gestures).get_root().render()
    assert f"{LOCAL_URL}/{style_bundle_path()}" in html
    assert (written in html) if written else ("gestureHandling" not in html)


def test_installed_assets_exist(tmp_path):
    paths = install_static_assets(tmp_path)
    assert all(p.exists() for p in paths)
    assert (tmp_path / "vendor" / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert (tmp_path / "geodata" / "countries.geojson").exists()


def test_the_map_loads_one_script_holding_leaflet_and_the_plugins_in_order(html, tmp_path):
    # streamlit-folium loads scripts one after another: one file, not eight round trips.
    assert re.findall(r'<script src="([^"]+)"', html) == [f"{LOCAL_URL}/{bundle_path()}"]
    install_vendor_assets(tmp_path)
    bundle = (tmp_path / "vendor" / bundle_path()).read_text(encoding="utf-8")
    starts = [bundle.index(f"/* {ASSETS[name][1]} */") for name in BUNDLE]
    assert starts == sorted(starts) and starts[0] == 0
    assert "L.atlasLabels" in bundle and "Atlas.select" in bundle and "jQuery" not in bundle
    assert 'addInitHook("addHandler","gestureHandling"' in bundle  # the plugin, before atlas_gestures.js uses it
    # Named by its content: a browser or another app process holding an older bundle never mixes it with this page.
    assert re.fullmatch(r"atlas/atlas-map-[0-9a-f]{16}\.js", bundle_path())
    assert bundle_path().split("-")[-1] == hashlib.sha256(bundle.encode("utf-8")).hexdigest()[:16] + ".js"


def test_a_plain_folium_map_keeps_jquery_for_its_popups():
    import folium

    from atlas.map.assets import use_local_assets

    m = use_local_assets(folium.Map(tiles=None))
    folium.CircleMarker((38, 70), popup="<b>x</b>").add_to(m)
    html = m.get_root().render()
    assert "$(`" in html  # folium builds an HTML popup with jQuery
    assert re.findall(r'<script src="([^"]+)"', html) == [f"{LOCAL_URL}/{bundle_path()}", f"{LOCAL_URL}/jquery/jquery.min.js"]


def test_legend_can_start_folded(dataset):
    assert "<details open>" in legend_html(dataset.actors)
    assert "<details open>" not in legend_html(dataset.actors, expanded=False).split("Actor colours")[0]


def test_admin1_lines_know_the_box_they_were_clipped_to(html):
    # Where the view reaches past it the browser hides them: the clip's straight edge along 46°N showed.
    assert 'admin1.geojson", {"color": "#8c8275"' in html
    assert "[[28.0, 52.0], [46.0, 82.0]]);" in html
