import folium
import pytest

from atlas.analysis.map_layers import (
    BELT_COLOR,
    CHOROPLETH_COLORS,
    analysis_key,
    actor_extent_layer,
    belt_layer,
    choropleth_color,
    zone_choropleth_layer,
)
from atlas.analysis.belt import border_belt
from atlas.analysis.extents import actor_extents
from atlas.paths import ROOT

VENDOR = ROOT / "atlas" / "vendor" / "atlas"


@pytest.mark.parametrize(
    "value, maximum, index",
    [(0, 10, 0), (1, 10, 1), (10, 10, 4), (5, 10, 2), (3, 0, 0), (1, 1, 4)],
)
def test_choropleth_color(value, maximum, index):
    assert choropleth_color(value, maximum) == CHOROPLETH_COLORS[index]


def _render(group):
    m = folium.Map(tiles=None)
    group.add_to(m)
    return m.get_root().render()


def test_layers_render_with_names_and_escaped_text(dataset):
    zones = dataset.zones.copy()
    zones.loc[0, "name"] = "<b>Kunduz</b>"
    html = _render(zone_choropleth_layer(zones, {"kunduz": (3, 0)}))
    # Written as JSON data (< as \u003c), shown by the browser with textContent: never markup.
    assert "<b>Kunduz</b>" not in html and "\\u003cb\\u003eKunduz" in html
    assert "L.atlasOutlines(" in html
    outlines = (VENDOR / "atlas_outlines.js").read_text(encoding="utf-8")
    assert "label.textContent = feature.properties.name" in outlines and "innerHTML" not in outlines
    assert belt_layer(border_belt(dataset.border, 25)).layer_name == "Border belt (25 km each side)"
    assert "IRP / UTO, 1993" in _render(actor_extent_layer(actor_extents(dataset.events, dataset.actors)))


@pytest.mark.parametrize("width_km, most, belt_text, zone_text", [
    (25, 27, "25 km each side", "light 0 to dark 27"),
    (7.5, 0, "7.5 km each side", "light 0 to dark 0"),
])
def test_analysis_key_names_the_belt_the_zones_and_the_actors_with_their_look(width_km, most, belt_text, zone_text):
    belt, zones, actors = analysis_key(width_km, most)
    assert BELT_COLOR in belt[0] and "dashed" in belt[0] and belt_text in belt[1]
    assert all(color in zones[0] for color in CHOROPLETH_COLORS) and zone_text in zones[1]
    assert "25 km" in actors[1] and "side's colour" in actors[1]
