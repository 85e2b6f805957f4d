"""The border belt: points just inside and just outside its width."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from atlas.analysis.belt import belt_by_year, border_belt, in_belt

# A north-south line at 69 E (the middle of UTM zone 42), so a km east is easy to place.
BORDER = gpd.GeoDataFrame({"name": ["line"]}, geometry=[LineString([(69, 36), (69, 39)])], crs="EPSG:4326")


def _east_of_line(km):
    point = gpd.GeoSeries([Point(500_000 + km * 1000, 4_150_000)], crs="EPSG:32642").to_crs("EPSG:4326").iloc[0]
    return point


def _events(points, years=None, where_prec=None):
    return gpd.GeoDataFrame(
        {"id": [f"P{i}" for i in range(len(points))], "mapped": True, "year_start": years or [1993] * len(points),
         "where_prec": pd.array(where_prec or [1] * len(points), dtype="Int64"),
         "deaths_best": pd.array([10] * len(points), dtype="Int64"), "strength": pd.array([100] * len(points), dtype="Int64")},
        geometry=points, crs="EPSG:4326",
    )


@pytest.mark.parametrize("km, inside", [(0, True), (19.9, True), (20.1, False), (-19.9, True), (-20.1, False)])
def test_points_just_inside_and_outside(km, inside):
    belt = border_belt(BORDER, 20)
    assert bool(in_belt(_events([_east_of_line(km)]), belt).iloc[0]) is inside


def test_belt_by_year_counts_events_deaths_and_strength():
    events = _events([_east_of_line(5), _east_of_line(50), _east_of_line(-3)], years=[1993, 1993, 1994],
                     where_prec=[1, 1, 4])
    table = belt_by_year(events, border_belt(BORDER, 20), (1992, 1994)).set_index("year")
    assert list(table.columns) == ["events", "exactly placed", "province or wider", "deaths", "strength"]
    assert table.loc["1992"].tolist() == [0, 0, 0, 0, 0]
    assert table.loc["1993"].tolist() == [1, 1, 0, 10, 100]
    assert table.loc["1994"].tolist() == [1, 0, 1, 10, 100]


def test_belt_by_year_counts_by_start_year_never_clipped():
    events = _events([_east_of_line(5)], years=[1992])
    table = belt_by_year(events, border_belt(BORDER, 20), (1994, 1995)).set_index("year")
    assert table["events"].to_dict() == {"before 1994": 1, "1994": 0, "1995": 0}


def test_built_in_belt_counts_vague_places(dataset):
    """Nearly every border fact is known only to a province or wider: by default they count, shown apart."""
    table = belt_by_year(dataset.events, border_belt(dataset.border, 25), dataset.years)
    assert table["events"].sum() > 0 and table["province or wider"].sum() > 0
    assert (table["events"] == table["exactly placed"] + table["province or wider"]).all()


def test_real_belt_catches_border_events(dataset):
    belt = border_belt(dataset.border, 25)
    mapped = dataset.events[dataset.events["mapped"]]
    inside = set(mapped.loc[in_belt(mapped, belt), "id"])
    assert "E060" in inside and "E057" not in inside  # the 1994 border fighting, not Moscow


def test_empty_selection():
    table = belt_by_year(_events([]), border_belt(BORDER, 20), (1993, 1994))
    assert table["events"].tolist() == [0, 0]
    assert table["year"].tolist() == ["1993", "1994"]
