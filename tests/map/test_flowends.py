"""Where a flow's line is drawn: into a whole country, not to its centre (atlas.map.flowends)."""

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

from atlas.map.flowends import ACROSS, clip_flows, clip_to_country, country_areas, drawn_flow_lines

# Two neighbouring "countries" sharing the edge x = 10, and one far away.
WEST, EAST, FAR = box(0, 0, 10, 10), box(10, 0, 20, 10), box(40, 0, 50, 10)


@pytest.mark.parametrize("line, start, end, expected", [
    # From a town outside to a whole country: it stops where it enters.
    (LineString([(30, 5), (15, 5)]), None, EAST, [(30, 5), (20, 5)]),
    # From a whole country to a town outside: it starts where it leaves.
    (LineString([(15, 5), (30, 5)]), EAST, None, [(20, 5), (30, 5)]),
    # From one whole country to a far one: both ends cut.
    (LineString([(45, 5), (15, 5)]), FAR, EAST, [(40, 5), (20, 5)]),
    # Between neighbours, both whole: an arrow across their border, ACROSS of the length each side.
    (LineString([(5, 5), (15, 5)]), WEST, EAST, [(10 - 10 * ACROSS, 5), (10 + 10 * ACROSS, 5)]),
    # An exact place at each end (no country given): as it was.
    (LineString([(5, 5), (15, 5)]), None, None, [(5, 5), (15, 5)]),
    # Both ends inside the one country: as it was.
    (LineString([(12, 5), (18, 5)]), EAST, EAST, [(12, 5), (18, 5)]),
    # A turn on the way is kept.
    (LineString([(30, 5), (30, 8), (15, 8)]), None, EAST, [(30, 5), (30, 8), (20, 8)]),
])
def test_clip_to_country(line, start, end, expected):
    assert [tuple(round(c, 6) for c in point) for point in clip_to_country(line, start, end).coords] == expected


def _feature(geometry, kind):
    return {"type": "Feature", "properties": {"area_kind": kind}, "geometry": geometry.__geo_interface__}


def test_only_whole_countries_cut_a_line():
    # A province's line still ends at its label point inside it (it is the area drawn there).
    areas = {"east": _feature(EAST, "country"), "west": _feature(WEST, "admin1")}
    assert set(country_areas(areas)) == {"east"}
    assert country_areas(areas) is country_areas(areas)  # once per areas object
    flows = gpd.GeoDataFrame({"from_place_id": ["town", "west"], "to_place_id": ["east", "east"]},
                             geometry=[LineString([(30, 5), (15, 5)]), LineString([(5, 5), (15, 5)])], crs="EPSG:4326")
    lines = drawn_flow_lines(flows, areas)
    assert list(lines[0].coords) == [(30, 5), (20, 5)]
    assert list(lines[1].coords) == [(5, 5), (10, 5)]  # from a province into the whole country next door
    assert drawn_flow_lines(flows, None) == list(flows.geometry)
    assert clip_flows(flows, {}) == list(flows.geometry)


def test_the_built_in_flows_to_tajikistan_stop_at_its_border(dataset):
    from atlas.map.mapdata import read_areas

    areas = read_areas()
    tajikistan = country_areas(areas)["tajikistan"]
    for (_, row), line in zip(dataset.flows.iterrows(), drawn_flow_lines(dataset.flows, areas)):
        if row["from_place_id"] == "russia" and row["to_place_id"] == "tajikistan":
            # Moscow's arms and credits had pointed at the Afghan front (Tajikistan's point is on the Panj).
            assert tajikistan.boundary.distance(gpd.points_from_xy([line.coords[-1][0]], [line.coords[-1][1]])[0]) < 1e-6
            assert line.coords[-1][0] < 69.5  # it enters from the north-west, far from the Panj
