"""Rebuild geodata/ from Natural Earth (via npm's world-atlas) and GeoNames.

Usage::

    python scripts/build_geodata.py [--countries PATH/TO/countries-10m.json]

Without ``--countries`` the script runs ``npm pack world-atlas@2.0.2`` in a
temporary folder to fetch Natural Earth's 1:10m countries as TopoJSON.

Writes
------
geodata/countries.geojson  countries of the region, clipped and simplified
geodata/border.geojson     the Tajik-Afghan border as one line, with its length
geodata/zones.geojson      conflict zones (approximate outlines, see ``method``)
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiPoint, box
from shapely.ops import linemerge

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from atlas.gazetteer import geonames_cities, geonames_city  # noqa: E402
from atlas.paths import GEODATA_DIR  # noqa: E402

WORLD_ATLAS = "world-atlas@2.0.2"
REGION = (25.0, 25.0, 82.0, 60.0)  # west, south, east, north (degrees)
NEAR_TOLERANCE = 0.005  # degrees (~0.5 km): Tajikistan and its neighbours
FAR_TOLERANCE = 0.03  # degrees (~3 km): countries far from the border
NEAR = {"Tajikistan", "Afghanistan", "Uzbekistan", "Kyrgyzstan", "China", "Pakistan"}
HULL_BUFFER_KM = 8
GEOD = Geod(ellps="WGS84")
UTM42 = "EPSG:32642"


def _fetch_world_atlas(folder):
    subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=folder, check=True)
    tarball = next(Path(folder).glob("world-atlas-*.tgz"))
    subprocess.run(["tar", "xzf", tarball.name], cwd=folder, check=True)
    return Path(folder) / "package" / "countries-10m.json"


def _countries(path):
    world = gpd.read_file(path, layer="countries").set_crs("EPSG:4326")
    region = world[world.intersects(box(*REGION))].copy()
    region["geometry"] = [_polygonal(g) for g in region.geometry.intersection(box(*REGION))]
    tolerance = region["name"].map(lambda n: NEAR_TOLERANCE if n in NEAR else FAR_TOLERANCE)
    region["geometry"] = [
        shapely.simplify(g, t, preserve_topology=True) for g, t in zip(region.geometry, tolerance)
    ]
    region = region.rename(columns={"id": "iso_n3"})[["iso_n3", "name", "geometry"]]
    return region.sort_values("name").reset_index(drop=True), world


def _polygonal(geometry):
    """Keep the polygons of a clipped shape (clipping can leave stray lines and points)."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else geometry


def _border(world):
    tj = world.loc[world["name"] == "Tajikistan", "geometry"].iloc[0]
    af = world.loc[world["name"] == "Afghanistan", "geometry"].iloc[0]
    shared = tj.boundary.intersection(af.boundary)
    lines = [g for g in getattr(shared, "geoms", [shared]) if g.geom_type in ("LineString", "MultiLineString")]
    line = linemerge(shapely.union_all(lines))
    line = shapely.simplify(line, NEAR_TOLERANCE)
    length_km = GEOD.geometry_length(line) / 1000
    border = gpd.GeoDataFrame(
        {
            "name": ["Tajik-Afghan border"],
            "length_km": [round(length_km, 1)],
            "source": ["Natural Earth 1:10m admin-0 (world-atlas 2.0.2): shared edge of Tajikistan and Afghanistan"],
        },
        geometry=[line],
        crs="EPSG:4326",
    )
    return border, tj, af


def _hull(points, clip, buffer_km=HULL_BUFFER_KM):
    hull = gpd.GeoSeries([MultiPoint(points).convex_hull], crs="EPSG:4326").to_crs(UTM42)
    hull = hull.buffer(buffer_km * 1000).to_crs("EPSG:4326").iloc[0]
    return shapely.simplify(hull.intersection(clip), NEAR_TOLERANCE)


def _places(country, admin1):
    return [
        (r["longitude"], r["latitude"])
        for r in geonames_cities().values()
        if r["countrycode"] == country and r["admin1code"] == admin1
    ]


def _lonlat(geonameid):
    record = geonames_city(geonameid)
    return (record["longitude"], record["latitude"])


def _zones(tj, af, border_line):
    kulob, bokhtar = _lonlat(1221194), _lonlat(1220747)
    khatlon = _places("TJ", "02")
    # Khatlon joined the two oblasts in 1992; each place goes to the nearer centre.
    nearer_kulob = [p for p in khatlon if _dist2(p, kulob) < _dist2(p, bokhtar)]
    nearer_bokhtar = [p for p in khatlon if _dist2(p, kulob) >= _dist2(p, bokhtar)]
    valley = LineString([_lonlat(1220888), _lonlat(1221740), _lonlat(1221802)])
    valley = gpd.GeoSeries([valley], crs="EPSG:4326").to_crs(UTM42).buffer(20_000).to_crs("EPSG:4326").iloc[0]
    belt = gpd.GeoSeries([border_line], crs="EPSG:4326").to_crs(UTM42).buffer(40_000).to_crs("EPSG:4326").iloc[0]
    gbao = _hull(_places("TJ", "01"), tj).intersection(belt)
    rows = [
        dict(
            id="kunduz",
            name="Kunduz province",
            aliases="Kunduz;Qunduz",
            kind="province",
            country="AF",
            valid_from="",
            valid_to="",
            method=_hull_method("admin1 24 (Kunduz)", "Afghanistan"),
            geometry=_hull(_places("AF", "24"), af),
        ),
        dict(
            id="takhar",
            name="Takhar province",
            aliases="Takhar;Taloqan;Toloqan;Talukan",
            kind="province",
            country="AF",
            valid_from="",
            valid_to="",
            method=_hull_method("admin1 26 (Takhar)", "Afghanistan"),
            geometry=_hull(_places("AF", "26"), af),
        ),
        dict(
            id="kulyab_oblast",
            name="Kulyab oblast (1992)",
            aliases="Kulyab;Kulob;Kŭlob;Khatlon (east)",
            kind="oblast",
            country="TJ",
            valid_from="",
            valid_to="1992",
            method=_hull_method("Khatlon (admin1 02) nearer to Kulob than to Bokhtar", "Tajikistan"),
            geometry=_hull(nearer_kulob, tj),
        ),
        dict(
            id="kurgan_tyube_oblast",
            name="Kurgan-Tyube oblast (1992)",
            aliases="Kurgan-Tyube;Bokhtar;Qurghonteppa;Khatlon (west)",
            kind="oblast",
            country="TJ",
            valid_from="",
            valid_to="1992",
            method=_hull_method("Khatlon (admin1 02) nearer to Bokhtar than to Kulob", "Tajikistan"),
            geometry=_hull(nearer_bokhtar, tj),
        ),
        dict(
            id="garm",
            name="Garm / Karategin valley",
            aliases="Garm;Rasht;Gharm;Karategin;Qarotegin",
            kind="valley",
            country="TJ",
            valid_from="",
            valid_to="",
            method="approximate: 20 km either side of the line Obigarm - Rasht (Garm) - Vahdat (Jirgatol), "
            "GeoNames places, in UTM 42N, clipped to Tajikistan",
            geometry=shapely.simplify(valley.intersection(tj), NEAR_TOLERANCE),
        ),
        dict(
            id="gbao_border",
            name="GBAO border sector",
            aliases="GBAO;Gorno-Badakhshan;Kuhistoni Badakhshon;Khorog;Khorugh",
            kind="border sector",
            country="TJ",
            valid_from="",
            valid_to="",
            method=_hull_method("GBAO (admin1 01)", "Tajikistan")
            + ", within 40 km of the Tajik-Afghan border",
            geometry=shapely.simplify(gbao, NEAR_TOLERANCE),
        ),
    ]
    zones = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    zones["precision"] = "approximate"
    return zones


def _hull_method(what, country):
    return (
        f"approximate: convex hull of the GeoNames cities500 places of {what}, "
        f"buffered {HULL_BUFFER_KM} km in UTM 42N, clipped to {country} (Natural Earth 1:10m)"
    )


def _dist2(a, b):
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _write(frame, name):
    path = GEODATA_DIR / name
    frame.to_file(path, driver="GeoJSON", COORDINATE_PRECISION=4, WRITE_BBOX="NO")
    # Rewrite compactly: one feature a line keeps diffs readable and files small.
    data = json.loads(path.read_text())
    data.pop("name", None)
    text = '{"type": "FeatureCollection", "features": [\n'
    text += ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in data["features"])
    path.write_text(text + "\n]}\n")
    print(f"wrote {path.relative_to(GEODATA_DIR.parent)} ({path.stat().st_size // 1024} KiB)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=Path, help="Natural Earth countries-10m.json (TopoJSON)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        source = args.countries or _fetch_world_atlas(folder)
        countries, world = _countries(source)
    border, tj, af = _border(world)
    zones = _zones(tj, af, border.geometry.iloc[0])
    _write(countries, "countries.geojson")
    _write(border, "border.geojson")
    _write(zones, "zones.geojson")
    print(f"Tajik-Afghan border: {border['length_km'].iloc[0]} km")


if __name__ == "__main__":
    main()
