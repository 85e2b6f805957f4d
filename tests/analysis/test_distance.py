"""Distances to the border and sides, on tiny hand-built geometries and on real events."""

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

from atlas.analysis.distance import border_distances, distance_to_line_km, side_of_border

# A "border" along the equator from 0 to 10 E; "north" and "south" countries on each side.
LINE = LineString([(0, 0), (10, 0)])
COUNTRIES = gpd.GeoDataFrame(
    {"name": ["Tajikistan", "Afghanistan", "Elsewhere"]},
    geometry=[box(0, 0, 10, 5), box(0, -5, 10, 0), box(10, -5, 20, 5)],
    crs="EPSG:4326",
)
ONE_DEGREE_OF_LATITUDE_KM = 110.574  # at the equator, WGS 84


@pytest.mark.parametrize(
    "point, km",
    [
        (Point(5, 1), ONE_DEGREE_OF_LATITUDE_KM),
        (Point(5, -0.5), ONE_DEGREE_OF_LATITUDE_KM / 2),
        (Point(5, 0), 0.0),
        (Point(11, 0), 111.32),  # one degree of longitude beyond the end, at the equator
    ],
)
def test_distance_on_known_geometry(point, km):
    distance = distance_to_line_km(gpd.GeoSeries([point], crs="EPSG:4326"), LINE).iloc[0]
    assert distance == pytest.approx(km, abs=0.6)  # densified to 1 km: within half a step


def test_distance_refuses_projected_points():
    with pytest.raises(ValueError):
        distance_to_line_km(gpd.GeoSeries([Point(500000, 0)], crs="EPSG:32642"), LINE)


@pytest.mark.parametrize(
    "point, side",
    [(Point(5, 1), "Tajik side"), (Point(5, -1), "Afghan side"), (Point(15, 1), "Elsewhere"), (Point(40, 40), "outside the map")],
)
def test_side(point, side):
    assert side_of_border(gpd.GeoSeries([point], crs="EPSG:4326"), COUNTRIES).iloc[0] == side


@pytest.fixture(scope="module")
def distances(dataset):
    return border_distances(dataset.events, dataset.border, dataset.countries).set_index("id")


def _utm_distance(dataset, lon, lat):
    # An independent method: planar distance in UTM zone 42N.
    border = dataset.border.to_crs("EPSG:32642").geometry.iloc[0]
    point = gpd.GeoSeries([Point(lon, lat)], crs="EPSG:4326").to_crs("EPSG:32642").iloc[0]
    return border.distance(point) / 1000


@pytest.mark.parametrize(
    "event_id, side",
    [("E047", "Tajik side"), ("E004", "Tajik side"), ("E021", "Afghan side")],  # Dushanbe, Nurek, Taloqan
)
def test_three_real_events_agree_with_an_independent_method(dataset, distances, event_id, side):
    row = dataset.events.set_index("id").loc[event_id]
    expected = _utm_distance(dataset, float(row["lon"]), float(row["lat"]))
    assert distances.loc[event_id, "distance_km"] == pytest.approx(expected, rel=0.01, abs=0.6)
    assert distances.loc[event_id, "side"] == side


def test_border_wide_facts_are_on_the_border(distances):
    assert distances.loc["E060", "side"] == "on the border"
    assert distances.loc["E060", "distance_km"] < 1


def test_moscow_is_far(distances):
    # Moscow to the border: about 3,000 km (the article says the border lies 1,450 km from Russian territory).
    assert 2900 < distances.loc["E057", "distance_km"] < 3200
    assert distances.loc["E057", "side"] == "Russia"


def test_median_by_layer_and_year():
    import pandas as pd

    from atlas.analysis.distance import median_by_layer

    distances = pd.DataFrame({"layer": ["incident", "incident", "incident", "camp"], "year": [1993, 1993, 1993, 1995],
                              "distance_km": [1.0, 5.0, 100.0, 40.0]})
    table = median_by_layer(distances, (1993, 1995)).set_index(["layer", "year"])
    assert table.loc[("incident", "1993"), "median_km"] == 5.0 and table.loc[("incident", "1993"), "events"] == 3
    assert table.loc[("camp", "1995"), "median_km"] == 40.0
    assert table.loc[("incident", "1994"), "events"] == 0 and pd.isna(table.loc[("incident", "1994"), "median_km"])


def test_a_fact_known_only_to_a_whole_country_has_no_distance(dataset, distances):
    # Its country's centre point lies 7 km from the Panj (Tajikistan) or 389 km away
    # (Afghanistan): as a distance it would tell a reader "on the border" or "far away".
    whole = dataset.events[dataset.events["mapped"] & (dataset.events["where_prec"] == 6)]["id"]
    assert len(whole) > 0
    assert distances.loc[whole, "distance_km"].isna().all()
    assert (distances.loc[whole, "side"] == "whole country: no distance").all()
    others = distances.drop(index=whole)
    assert others["distance_km"].notna().all()


def test_medians_leave_out_events_without_a_distance():
    import pandas as pd

    from atlas.analysis.distance import median_by_layer

    distances = pd.DataFrame({"layer": ["incident"] * 3, "year": [1993] * 3, "distance_km": [1.0, 3.0, float("nan")]})
    row = median_by_layer(distances, (1993, 1993)).set_index(["layer", "year"]).loc[("incident", "1993")]
    assert row["median_km"] == 2.0 and row["events"] == 2


@pytest.mark.parametrize("layers, listed, expected", [
    (["incident"], [("diplomacy", 5.0)], "**Listed, not averaged in**: Diplomacy"),
    (["incident"], [("incident", float("nan")), ("incident", float("nan"))],
     "**Listed, not averaged in**: 2 known only to a whole country (no distance)"),
    (["incident"], [("diplomacy", 5.0), ("incident", float("nan"))],
     "**Listed, not averaged in**: Diplomacy; 1 known only to a whole country (no distance)"),
])
def test_listed_apart_heading(layers, listed, expected):
    import pandas as pd

    from atlas.analysis.distance import listed_apart_heading

    table = pd.DataFrame(listed, columns=["layer", "distance_km"])
    assert listed_apart_heading(table, layers) == expected


@pytest.mark.parametrize("km, text", [(0.24, "0.2"), (1234.56, "1,234.6"), (float("nan"), "")])
def test_km_text_is_blank_where_there_is_no_distance(km, text):
    from atlas.analysis.distance import km_text

    assert km_text([km]).tolist() == [text]
