"""geodata/: the base map's files keep their contract, and every vague place has its area."""

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon, box

from atlas.map.areas import AREA_KINDS, alternate_points, label_point, resolve_area
from atlas.paths import DATA_DIR, GEODATA_DIR

# file -> (budget in KiB, property names every feature carries)
CONTRACT = {
    "admin1.geojson": (450, {"id", "name", "country", "geonames_admin1"}),
    "zones.geojson": (40, {"id", "name", "aliases", "kind", "country", "valid_from", "valid_to", "precision", "method"}),
    "rivers.geojson": (60, {"name", "source"}),
    "lakes.geojson": (80, {"name", "area_km2", "source"}),
    "theatre.geojson": (2, {"id", "name", "method", "max_bounds", "relief_bounds", "relief_url"}),
    "areas.geojson": (150, {"place_id", "area_kind", "name", "source", "label_lat", "label_lon"}),
    "labels.geojson": (40, {"id", "text", "kind", "priority", "min_zoom"}),
}


def _read(name):
    return gpd.read_file(GEODATA_DIR / name)


@pytest.fixture(scope="module")
def areas():
    return _read("areas.geojson").set_index("place_id")


@pytest.fixture(scope="module")
def places():
    return pd.read_csv(DATA_DIR / "places.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_file_keeps_its_contract_and_budget(name):
    budget, properties = CONTRACT[name]
    path = GEODATA_DIR / name
    assert path.stat().st_size <= budget * 1024, f"{name}: {path.stat().st_size // 1024} KiB over its {budget} KiB budget"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert features
    for feature in features:
        assert properties <= set(feature["properties"]), (name, properties - set(feature["properties"]))


def test_relief_is_small_and_its_bounds_are_recorded():
    assert (GEODATA_DIR / "relief.png").stat().st_size <= 1_500_000
    theatre = json.loads((GEODATA_DIR / "theatre.geojson").read_text())["features"][0]["properties"]
    (south, west), (north, east) = theatre["relief_bounds"]
    assert south < north and west < east


def test_theatre_spans_tajikistan_and_northern_afghanistan():
    theatre = _read("theatre.geojson").geometry.iloc[0]
    for lon, lat in ((68.779, 38.536), (68.857, 36.729), (69.622, 40.283), (71.553, 37.490)):  # Dushanbe, Kunduz, Khujand, Khorugh
        assert theatre.contains(Point(lon, lat))
    (south, west), (north, east) = _read("theatre.geojson")["max_bounds"].iloc[0]
    assert box(west, south, east, north).contains(theatre)


def test_admin1_codes_are_geonames_codes():
    admin1 = _read("admin1.geojson")
    assert admin1["geonames_admin1"].str.fullmatch(r"[A-Z]{2}\.[0-9A-Z]{2,3}").all()
    assert {"TJ.01", "TJ.02", "TJ.03", "TJ.04", "AF.24", "AF.26"} <= set(admin1["geonames_admin1"])
    assert admin1.is_valid.all()


@pytest.mark.parametrize("name", ["Panj", "Amu Darya", "Vakhsh"])
def test_the_wars_rivers_are_there(name):
    assert name in set(_read("rivers.geojson")["name"])


@pytest.mark.parametrize("name", ["Kairakkum reservoir", "Karakul", "Sarez"])
def test_the_named_lakes_are_there(name):
    assert name in set(_read("lakes.geojson")["name"])


def test_real_units_are_zones_outlines():
    zones, admin1 = _read("zones.geojson").set_index("id"), _read("admin1.geojson").set_index("geonames_admin1")
    for zone, code in (("kunduz", "AF.24"), ("takhar", "AF.26")):
        assert zones.loc[zone, "geometry"].symmetric_difference(admin1.loc[code, "geometry"]).area < 1e-6
    khatlon = admin1.loc["TJ.02", "geometry"]
    for oblast in ("kulyab_oblast", "kurgan_tyube_oblast"):
        assert zones.loc[oblast, "geometry"].buffer(-0.01).within(khatlon)
    both = zones.loc["kulyab_oblast", "geometry"].intersection(zones.loc["kurgan_tyube_oblast", "geometry"])
    assert both.area < 1e-4  # the two 1992 oblasts do not overlap


def test_every_vague_place_has_its_area(places, areas):
    vague = places[places["where_prec"].astype(int) >= 4]
    assert set(vague["id"]) == set(areas.index)
    assert set(areas["area_kind"]) <= set(AREA_KINDS)
    for place_id, row in areas.iterrows():
        point = Point(row["label_lon"], row["label_lat"])
        if row["area_kind"] == "border":
            assert row.geometry.distance(point) < 1e-3, place_id  # label point rounded to 4 decimals
        else:
            assert row.geometry.contains(point), place_id


@pytest.mark.parametrize(
    "place_id, kind",
    [
        ("kunduz_province", "admin1"),
        ("takhar_province", "admin1"),
        ("tajik_afghan_border", "border"),
        ("afghanistan", "country"),
        ("tajikistan", "country"),
        ("khozdeh", "country"),
        ("northern_afghanistan", "region"),
        ("kulyab_oblast", "region"),
    ],
)
def test_vague_place_resolves_to_the_right_kind(areas, place_id, kind):
    assert areas.loc[place_id, "area_kind"] == kind


def test_1992_oblasts_lie_in_khatlon(areas):
    khatlon = _read("admin1.geojson").set_index("geonames_admin1").loc["TJ.02", "geometry"]
    for place_id in ("kulyab_oblast", "kulyab_kurgan_tyube", "southern_tajikistan"):
        assert khatlon.contains(Point(areas.loc[place_id, "label_lon"], areas.loc[place_id, "label_lat"])), place_id


def test_the_border_is_the_border_line(areas):
    border = _read("border.geojson").geometry.iloc[0]
    assert areas.loc["tajik_afghan_border"].geometry.geom_type in ("LineString", "MultiLineString")
    assert areas.loc["tajik_afghan_border"].geometry.hausdorff_distance(border) < 1e-6


# Tiny hand-built frames with known answers.
_CRS = "EPSG:4326"
_ADMIN1 = gpd.GeoDataFrame(
    {"geonames_admin1": ["XX.01", "XX.02", "YY.01"]},
    geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, -1, 2, 0)],
    crs=_CRS,
)
_BORDER = gpd.GeoDataFrame(geometry=[LineString([(0, 0), (2, 0)])], crs=_CRS)
_ZONES = gpd.GeoDataFrame({"id": ["west", "east"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=_CRS)
_COUNTRIES = gpd.GeoDataFrame({"iso2": ["XX", "YY"]}, geometry=[box(0, 0, 2, 1), box(0, -1, 2, 0)], crs=_CRS)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("admin1:XX.01", box(0, 0, 1, 1)),
        ("admin1:XX.01+XX.02", box(0, 0, 2, 1)),
        ("zone:east", box(1, 0, 2, 1)),
        ("country:YY", box(0, -1, 2, 0)),
        ("touching_border:XX", box(0, 0, 2, 1)),
        ("border", LineString([(0, 0), (2, 0)])),
    ],
)
def test_resolve_area(source, expected):
    assert resolve_area(source, _ADMIN1, _ZONES, _BORDER, _COUNTRIES).symmetric_difference(expected).area < 1e-9
    assert resolve_area(source, _ADMIN1, _ZONES, _BORDER, _COUNTRIES).equals(expected)


def test_zone_boundary_is_a_strip_along_the_shared_edge():
    strip = resolve_area("zone_boundary:west+east:10", _ADMIN1, _ZONES, _BORDER, _COUNTRIES)
    assert strip.contains(Point(1.05, 0.5)) and not strip.contains(Point(0.5, 0.5))


@pytest.mark.parametrize("source", ["admin1:ZZ.09", "zone:nowhere", "country:QQ", "province:XX"])
def test_resolve_area_names_what_is_missing(source):
    with pytest.raises(ValueError, match=source.split(":")[0]):
        resolve_area(source, _ADMIN1, _ZONES, _BORDER, _COUNTRIES)


def test_label_point_lies_inside_a_concave_area():
    horseshoe = Polygon([(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)])
    assert not horseshoe.contains(horseshoe.centroid)
    assert horseshoe.contains(label_point(horseshoe))


def test_alternate_points_lie_in_the_parts_north_south_west_and_east():
    square = box(0, 0, 4, 4)  # degrees; its label point is the centre (2, 2)
    centre = label_point(square)
    points = alternate_points(square, centre)
    # Each half is a 4 x 2 (or 2 x 4) rectangle: its pole of inaccessibility lies 1 degree from its long sides.
    north, south, west, east = points
    assert round(north.y, 2) == 3 and round(south.y, 2) == 1 and round(west.x, 2) == 1 and round(east.x, 2) == 3
    assert all(1 <= round(v, 6) <= 3 for v in (north.x, south.x, west.y, east.y))
    # A sliver under 15 % of the area gives no point: the label point near the south edge.
    assert len(alternate_points(square, Point(2, 0.2))) == 3
    assert all(square.contains(p) for p in points)


def test_alternate_points_of_a_line_are_a_quarter_and_three_quarters_along():
    line = LineString([(0, 0), (8, 0)])
    assert [(p.x, p.y) for p in alternate_points(line, label_point(line))] == [(2, 0), (6, 0)]


def test_every_zone_name_has_a_second_place_inside_the_zone():
    # A vague fact's symbol sits on the zone's label point (both its pole of inaccessibility):
    # without another place, "Kulyab oblast (1992)" vanished in the chapter on the attack into Kulyab.
    zones = _read("zones.geojson").set_index("id").geometry
    labels = json.loads((GEODATA_DIR / "labels.geojson").read_text(encoding="utf-8"))["features"]
    for feature in (f for f in labels if f["properties"]["kind"] == "zone"):
        zone = zones[feature["properties"]["id"].removeprefix("zone-")]
        alternates = feature["properties"]["alternates"]
        assert alternates, feature["properties"]["text"]
        for lon, lat in alternates:
            assert zone.contains(Point(lon, lat)) and [lon, lat] != feature["geometry"]["coordinates"]
