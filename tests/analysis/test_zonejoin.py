"""The spatial join of events to zones: points exactly on, inside and outside an edge."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from atlas.analysis.zonejoin import events_in_zones, zone_totals, zone_year_table

ZONES = gpd.GeoDataFrame({"id": ["z"], "name": ["Zone"]}, geometry=[box(69, 37, 70, 38)], crs="EPSG:4326")


def _events(points, where_prec=1, year=1993):
    return gpd.GeoDataFrame(
        {"id": [f"P{i}" for i in range(len(points))], "mapped": True, "year_start": year,
         "where_prec": pd.array([where_prec] * len(points), dtype="Int64"),
         "deaths_best": pd.array([5] * len(points), dtype="Int64")},
        geometry=points, crs="EPSG:4326",
    )


@pytest.mark.parametrize(
    "point, joined",
    [(Point(69.5, 37.5), True), (Point(70, 37.5), True), (Point(69, 37), True), (Point(70.0001, 37.5), False)],
)
def test_on_inside_outside(point, joined):
    assert (len(events_in_zones(_events([point]), ZONES)) == 1) is joined


def test_zone_year_table_has_every_year():
    joined = events_in_zones(_events([Point(69.5, 37.5), Point(69.6, 37.6)]), ZONES)
    table = zone_year_table(joined, ZONES, (1992, 1994)).set_index("year")
    assert table.loc["1993", "events"] == 2 and table.loc["1993", "deaths"] == 10
    assert table.loc["1992", "events"] == 0


def test_zone_year_table_splits_vague_and_counts_by_start_year():
    joined = pd.concat([events_in_zones(_events([Point(69.5, 37.5)], where_prec=4, year=1992), ZONES),
                        events_in_zones(_events([Point(69.6, 37.6)], where_prec=1, year=1995), ZONES)])
    table = zone_year_table(joined, ZONES, (1994, 1995)).set_index("year")
    assert list(table.index) == ["before 1994", "1994", "1995"]
    assert table.loc["before 1994", ["events", "exactly placed", "province or wider"]].tolist() == [1, 0, 1]
    assert table.loc["1995", ["events", "exactly placed", "province or wider"]].tolist() == [1, 1, 0]
    assert pd.api.types.is_integer_dtype(table["events"])


def test_built_in_zone_counts_include_vague_places(dataset):
    table = zone_year_table(events_in_zones(dataset.events, dataset.zones), dataset.zones, dataset.years)
    assert table["events"].sum() > 0 and table["province or wider"].sum() > 0


def test_real_join(dataset):
    joined = events_in_zones(dataset.events, dataset.zones)
    assert ("E029", "kulyab_oblast") in set(zip(joined["id"], joined["zone_id"]))


def test_zone_totals_include_empty_zones():
    zones = gpd.GeoDataFrame({"id": ["z", "empty"], "name": ["Zone", "Empty"]},
                             geometry=[box(69, 37, 70, 38), box(60, 30, 61, 31)], crs="EPSG:4326")
    joined = events_in_zones(_events([Point(69.5, 37.5), Point(69.6, 37.6)]), zones)
    assert zone_totals(joined, zones) == {"z": (2, 10), "empty": (0, 0)}
