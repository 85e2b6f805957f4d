"""A vague fact counts in the belt or a zone where its AREA touches it; an exact one where its point lies."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from atlas.analysis.belt import belt_by_year, border_belt, in_belt
from atlas.analysis.footprints import area_geometries, event_footprints
from atlas.analysis.zonejoin import events_in_zones, zone_totals, zone_year_table

UTM = "EPSG:32642"  # metres; x = 500,000 is 69 E, the middle of the zone
BORDER = gpd.GeoDataFrame({"name": ["line"]}, geometry=[LineString([(69, 36), (69, 39)])], crs="EPSG:4326")


def _in_degrees(geometry):
    return gpd.GeoSeries([geometry], crs=UTM).to_crs("EPSG:4326").iloc[0]


def _east(km, north_km=4150):
    return _in_degrees(Point(500_000 + km * 1000, north_km * 1000))


def _strip(west_km, east_km, south_km=4100, north_km=4200):
    """A rectangle from ``west_km`` to ``east_km`` east of the border line (negative: west of it)."""
    return _in_degrees(box(500_000 + west_km * 1000, south_km * 1000, 500_000 + east_km * 1000, north_km * 1000))


# place id -> area: "near" reaches to 10 km from the line, "far" starts 30 km from it
AREAS = {"near": _strip(10, 60), "far": _strip(30, 60), "both_zones": _strip(-40, 40)}


def _events(rows):
    """rows: (id, where_prec, place_id, km east of the line)."""
    return gpd.GeoDataFrame(
        {"id": [r[0] for r in rows], "mapped": True, "year_start": 1993,
         "where_prec": pd.array([r[1] for r in rows], dtype="Int64"), "place_id": [r[2] for r in rows],
         "deaths_best": pd.array([0] * len(rows), dtype="Int64"), "strength": pd.array([0] * len(rows), dtype="Int64")},
        geometry=[_east(r[3]) for r in rows], crs="EPSG:4326",
    )


EVENTS = _events([
    ("exact_out", 1, "town", 50),        # point 50 km east: outside a 20 km belt
    ("vague_near", 4, "near", 50),       # same point, but its province reaches to 10 km: inside
    ("vague_far", 4, "far", 50),         # its province starts 30 km out: outside
    ("vague_no_area", 5, "unknown", 5),  # no area known: its point counts, 5 km out
    ("exact_in", 1, "town", -5),         # point 5 km west: inside
])


@pytest.mark.parametrize("event_id, geom_type", [("exact_out", "Point"), ("vague_near", "Polygon"),
                                                 ("vague_far", "Polygon"), ("vague_no_area", "Point"),
                                                 ("exact_in", "Point")])
def test_only_vague_facts_with_an_area_take_it(event_id, geom_type):
    footprints = event_footprints(EVENTS, AREAS).set_index("id")
    assert footprints.crs == EVENTS.crs
    assert footprints.loc[event_id, "geometry"].geom_type == geom_type


def test_belt_counts_a_vague_fact_where_its_area_touches():
    belt = border_belt(BORDER, 20)
    inside = in_belt(event_footprints(EVENTS, AREAS), belt)
    assert dict(zip(EVENTS["id"], inside)) == {
        "exact_out": False, "vague_near": True, "vague_far": False, "vague_no_area": True, "exact_in": True}
    # measured at the points, vague_near would be missed
    assert not in_belt(EVENTS, belt).iloc[1]


def test_belt_table_keeps_exact_and_vague_apart():
    table = belt_by_year(event_footprints(EVENTS, AREAS), border_belt(BORDER, 20), (1993, 1993)).set_index("year")
    assert table.loc["1993", ["events", "exactly placed", "province or wider"]].tolist() == [3, 1, 2]


ZONES = gpd.GeoDataFrame(
    {"id": ["west", "east"], "name": ["West zone", "East zone"]},
    geometry=[_strip(-100, 0), _strip(0, 100)], crs="EPSG:4326",
)


def test_a_vague_fact_counts_in_every_zone_its_area_touches():
    events = _events([("spread", 4, "both_zones", 20), ("exact", 1, "town", 20), ("edge", 4, "near", 50)])
    joined = events_in_zones(event_footprints(events, AREAS), ZONES)
    assert sorted(zip(joined["id"], joined["zone_id"])) == [
        ("edge", "east"), ("exact", "east"), ("spread", "east"), ("spread", "west")]
    assert zone_totals(joined, ZONES) == {"west": (1, 0), "east": (3, 0)}
    table = zone_year_table(joined, ZONES, (1993, 1993)).set_index("zone")
    assert table.loc["East zone", ["events", "exactly placed", "province or wider"]].tolist() == [3, 1, 2]
    assert table.loc["West zone", ["events", "exactly placed", "province or wider"]].tolist() == [1, 0, 1]


def test_no_areas_leaves_the_points():
    assert event_footprints(EVENTS, {}).geometry.geom_type.eq("Point").all()


def test_unmapped_rows_are_left_out():
    events = EVENTS.assign(mapped=[True, False, True, True, True])
    assert list(event_footprints(events, AREAS)["id"]) == ["exact_out", "vague_far", "vague_no_area", "exact_in"]


def test_geojson_features_are_read_as_shapes():
    feature = {"type": "Feature", "properties": {"place_id": "p"},
               "geometry": {"type": "Polygon", "coordinates": [[[69, 37], [70, 37], [70, 38], [69, 37]]]}}
    assert area_geometries({"p": feature})["p"].area == pytest.approx(0.5)


def test_built_in_belt_counts_vague_facts_by_area(dataset):
    """With the shipped areas, a 25 km belt holds at least as many facts as measured at the points."""
    from atlas.map.mapdata import read_areas

    belt = border_belt(dataset.border, 25)
    by_area = belt_by_year(event_footprints(dataset.events, read_areas()), belt, dataset.years)
    # Facts known only to a whole country count nowhere by area (their point is only a stand-in).
    below_country = dataset.events[dataset.events["where_prec"].fillna(0).astype(int) < 6]
    by_point = belt_by_year(below_country, belt, dataset.years)
    assert by_area["province or wider"].sum() >= by_point["province or wider"].sum() > 0
    assert (by_area["exactly placed"] == by_point["exactly placed"]).all()


def test_a_whole_country_fact_counts_nowhere():
    import geopandas as gpd
    from shapely.geometry import Point, box

    from atlas.analysis.footprints import event_footprints

    events = gpd.GeoDataFrame(
        {"id": ["E001", "E002"], "mapped": [True, True], "where_prec": [6, 4], "place_id": ["tj", "khatlon"]},
        geometry=[Point(71, 38.5), Point(69, 37.5)], crs="EPSG:4326")
    areas = {"tj": box(67, 36.5, 75, 41), "khatlon": box(68, 37, 70, 38.5)}
    footprints = event_footprints(events, areas)
    zone = gpd.GeoDataFrame({"id": ["z"]}, geometry=[box(68.5, 37.2, 69.5, 38)], crs="EPSG:4326")
    joined = gpd.sjoin(footprints[footprints.geometry.notna()], zone, predicate="intersects")
    assert list(joined["id_left"]) == ["E002"]
    assert footprints.set_index("id").geometry["E001"] is None
