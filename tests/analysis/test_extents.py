import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from atlas.analysis.extents import actor_extents

ACTORS = pd.DataFrame({"id": ["a", "b"], "short_name": ["A", "B"], "color": ["#111111", "#222222"]})


def _events():
    return gpd.GeoDataFrame(
        {"id": ["1", "2", "3"], "mapped": True, "year_start": [1993, 1993, 1994],
         "actor_ids": [("a",), ("a", "b"), ("b",)]},
        geometry=[Point(69, 37), Point(70, 38), Point(69, 37)], crs="EPSG:4326",
    )


def test_one_polygon_per_actor_and_year():
    extents = actor_extents(_events(), ACTORS, buffer_km=10)
    assert sorted(zip(extents["actor"], extents["year"], extents["events"])) == [
        ("a", 1993, 2), ("b", 1993, 1), ("b", 1994, 1)
    ]
    area = extents.to_crs("EPSG:32642").set_index(["actor", "year"]).area
    assert area[("b", 1994)] < area[("a", 1993)]  # a disc is smaller than a buffered hull of two points


def test_no_events_gives_an_empty_frame():
    assert actor_extents(_events().iloc[0:0], ACTORS).empty


def test_only_events_inside_the_theatre_make_an_area():
    from shapely.geometry import box

    events = pd.concat([_events(), gpd.GeoDataFrame(
        {"id": ["4"], "mapped": True, "year_start": [1993], "actor_ids": [("a",)]},
        geometry=[Point(37.6, 55.8)], crs="EPSG:4326")], ignore_index=True)  # Moscow, far outside
    theatre = box(66, 35, 75, 41)
    extents = actor_extents(events, ACTORS, buffer_km=10, within=theatre).set_index(["actor", "year"])
    assert extents.loc[("a", 1993), "events"] == 2
    assert theatre.contains(extents.loc[("a", 1993), "geometry"])
    assert actor_extents(events, ACTORS, buffer_km=10).set_index(["actor", "year"]).loc[("a", 1993), "events"] == 3
