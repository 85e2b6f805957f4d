"""The base map: drawn from geodata/, every asset served by the app, no CDN."""

import re

import pytest

from atlas.assets import GEODATA_URL, LOCAL_URL, install_static_assets
from atlas.basemap import base_map, legend_html, zone_label


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


def test_zones_are_labelled_with_historic_and_modern_names(dataset, html):
    for name, other in (("Kurgan-Tyube oblast (1992)", "Bokhtar"), ("Kulyab oblast (1992)", "Kulob")):
        assert f"{name}\\u003cbr\\u003e\\u003csmall\\u003e{other}" in html
    assert html.count("atlas-zone-label") >= len(dataset.zones)


def test_zone_label():
    assert zone_label({"name": "Garm / Karategin valley", "aliases": "Garm;Rasht;Gharm"}) == "Garm / Karategin valley \u00b7 Rasht"


def test_legend_lists_layers_and_actors(dataset, html):
    # The map's legend is a Leaflet control drawn by atlas_legend.js (tests/browser); this is the figure's text.
    legend = legend_html(dataset.actors)
    for text in ("Incidents", "Troop deployments", "Training camps", "Diplomacy", "Tajik-Afghan border", "IRP / UTO"):
        assert text in legend


def test_fullscreen_control_is_local(html):
    assert f"{LOCAL_URL}/leaflet.fullscreen/Control.FullScreen.js" in html
    assert "L.control.fullscreen" in html


def test_installed_assets_exist(tmp_path):
    paths = install_static_assets(tmp_path)
    assert all(p.exists() for p in paths)
    assert (tmp_path / "vendor" / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert (tmp_path / "geodata" / "countries.geojson").exists()


def test_legend_can_start_folded(dataset):
    assert "<details open>" in legend_html(dataset.actors)
    assert "<details open>" not in legend_html(dataset.actors, expanded=False).split("Actor colours")[0]
