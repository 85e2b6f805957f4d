"""Check the files of geodata/ before anything is drawn or served from them.

The base map's files (border, countries, zones, the theatre) and the areas and
labels it draws have rules of their own (geodata/README.md); every other GeoJSON, JSON or PNG file in the folder (admin-1
outlines, rivers, relief, labels, ...) must at least be what its name says, in
WGS 84 degrees, because :func:`atlas.map.assets.install_geodata` serves every file
that passed to the browser.
"""

import dataclasses
import json
import math
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import shape

from .csvfile import control_problems, decode_text
from .validation import Problem, check_zones, shorten

__all__ = ["SERVED_SUFFIXES", "REQUIRED_FILES", "read_json", "check_geojson", "check_geodata_folder"]

# Files of geodata/ the browser may fetch, by how their name ends. Add a suffix here
# (and a check in _check_other_file) to serve a new kind of file.
SERVED_SUFFIXES = (".geojson", ".json", ".png")
REQUIRED_FILES = ("border.geojson", "countries.geojson", "zones.geojson", "theatre.geojson")
AREA_KINDS = ("admin1", "border", "country", "region")
LABEL_KINDS = ("country", "zone", "capital", "data_town", "town")
# A file of this folder, named plainly: never a path (a relief at /etc/hostname went into an export) or an address.
_PLAIN_PNG_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*\.png")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_WGS84_NAMES = ("CRS84", "EPSG::4326", "EPSG:4326")


def read_json(path, file):
    """Return ``(value, problems)``: the parsed JSON of ``path``, or None and problems naming the line."""
    value, _, problems = _read_json_text(path, file)
    return value, problems


def _read_json_text(path, file):
    path = Path(path)
    if path.is_dir():
        return None, "", [Problem(file, None, "", "", "is a folder, not a file", rule="R01")]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, "", [Problem(file, None, "", "", "file not found", rule="R01")]
    except OSError as error:
        return None, "", [Problem(file, None, "", "", f"cannot be read ({error.strerror})", rule="R01")]
    text, problems = decode_text(raw, file)
    if text is None:
        return None, "", problems
    if not text.strip():
        return None, text, [Problem(file, None, "", "", "is empty", rule="R30")]
    try:
        return json.loads(text, parse_constant=_refuse_constant), text, []
    except ValueError as error:
        line = getattr(error, "lineno", None)
        reason = getattr(error, "msg", str(error))
        return None, text, [*control_problems(text, file),
                            Problem(file, line, "", "", f"is not valid JSON: {reason}", rule="R30")]


_FEATURE = re.compile(r'"type"\s*:\s*"Feature"')


def _on_lines(problems, text, count):
    """Give problems counted by feature the physical line of their feature, when each feature starts its own line.

    geodata/README.md promises one feature a line; the mapping is used only when
    the file has exactly one ``"type": "Feature"`` on each of ``count`` lines.
    """
    lines = [number for number, line in enumerate(text.split("\n"), start=1) if _FEATURE.search(line)]
    if len(lines) != count or any(len(_FEATURE.findall(line)) > 1 for line in text.split("\n")):
        return problems
    placed = []
    for problem in problems:
        if problem.unit == "feature" and problem.line is not None and 1 <= problem.line <= count:
            number = problem.line
            problem = dataclasses.replace(problem, line=lines[number - 1], unit="line",
                                          row_id=problem.row_id or str(number),
                                          id_label=problem.id_label if problem.row_id else "feature")
        placed.append(problem)
    return placed


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def _crs_problem(data, file):
    crs = data.get("crs")
    if crs is None:
        return []
    name = str(((crs or {}).get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if any(n in name for n in _WGS84_NAMES):
        return []
    return [Problem(file, None, "", "crs", f"{shorten(name or crs)} is not WGS 84 longitude/latitude (EPSG:4326)",
                    rule="R31")]


def check_geojson(data, file):
    """Check a parsed GeoJSON value: a FeatureCollection of features with geometries in degrees.

    Returns
    -------
    features : list of dict
        The features whose geometry could be read (empty when the file is unusable).
    geometries : list
        A shapely geometry (or None) for each feature.
    problems : list of Problem
    """
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        return [], [], [Problem(file, None, "", "", f"is a {shorten(kind)}, not a GeoJSON FeatureCollection",
                                rule="R30")]
    features = data.get("features")
    if not isinstance(features, list) or not features:
        return [], [], [Problem(file, None, "", "features", "holds no features (an empty FeatureCollection)",
                                rule="R30")]
    problems = _crs_problem(data, file)
    geometries = []
    for number, feature in enumerate(features, start=1):
        feature_id = ""
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            feature_id = str(feature["properties"].get("id", "") or feature["properties"].get("name", ""))[:40]
        where = dict(file=file, line=number, row_id=feature_id, unit="feature")
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(**where, column="", message="is not a GeoJSON Feature", rule="R30"))
            geometries.append(None)
            continue
        if feature.get("properties") is not None and not isinstance(feature.get("properties"), dict):
            problems.append(Problem(**where, column="properties", message="is not a mapping", rule="R30"))
        geometry = feature.get("geometry")
        if geometry is None:
            geometries.append(None)
            continue
        try:
            geometries.append(shape(geometry))
        except Exception as error:  # shapely raises several kinds for malformed coordinates
            problems.append(Problem(**where, column="geometry", message=f"cannot be read as a geometry: "
                                    f"{shorten(str(error), 80)}", rule="R30"))
            geometries.append(None)
    readable = [g for g in geometries if g is not None and not g.is_empty]
    if readable:
        bounds = shapely.bounds(np.array(readable, dtype=object))
        wrong = ~np.isfinite(bounds).all(axis=1) | (np.abs(bounds[:, [0, 2]]) > 180).any(axis=1) \
            | (np.abs(bounds[:, [1, 3]]) > 90).any(axis=1)
        if wrong.any():
            positions = [i for i, g in enumerate(geometries) if g is not None and not g.is_empty]
            numbers = [positions[i] + 1 for i in np.flatnonzero(wrong)]
            largest = np.nanmax(np.abs(bounds[wrong]))
            shown = ", ".join(map(str, numbers[:10])) + (" ..." if len(numbers) > 10 else "")
            problems.append(Problem(file, None, "", "geometry",
                                    f"coordinates are not WGS 84 degrees (values up to {largest:,.0f}; "
                                    f"a file in metres or another CRS?) in feature(s) {shown}", rule="R31"))
    return features, geometries, problems


def _check_border(features, geometries, file):
    if len(features) != 1:
        return [Problem(file, None, "", "", f"holds {len(features)} features; the border is one line", rule="R32")]
    where = dict(file=file, line=1, row_id="", unit="feature")
    problems = []
    geometry = geometries[0]
    if geometry is None or geometry.geom_type not in ("LineString", "MultiLineString"):
        kind = "no geometry" if geometry is None else f"a {geometry.geom_type}"
        problems.append(Problem(**where, column="geometry", message=f"is {kind}, not a line", rule="R32"))
    length = (features[0].get("properties") or {}).get("length_km")
    if isinstance(length, bool) or not isinstance(length, (int, float)) or not math.isfinite(length) or length <= 0:
        problems.append(Problem(**where, column="length_km", message=f"{shorten(length)} is not a positive number "
                                "of kilometres", rule="R32"))
    return problems


def _check_countries(features, file):
    problems = []
    for number, feature in enumerate(features, start=1):
        name = (feature.get("properties") or {}).get("name") if isinstance(feature, dict) else None
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(file, number, "", "name", "is empty or missing", unit="feature", rule="R33"))
    return problems


def _number(value):
    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)


def _bounds_problem(value):
    """Return why ``value`` is not ``[[south, west], [north, east]]`` in degrees, or None."""
    try:
        (south, west), (north, east) = value
    except (TypeError, ValueError):
        return f"{shorten(value)} is not [[south, west], [north, east]]"
    if not all(map(_number, (south, west, north, east))):
        return f"{shorten(value)} is not [[south, west], [north, east]] in numbers"
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        return (f"{shorten(value)} is not [[south, west], [north, east]] with south below north (-90..90) and "
                "west of east (-180..180)")
    return None


def _point_problem(lat, lon):
    return None if _number(lat) and _number(lon) and -90 <= lat <= 90 and -180 <= lon <= 180 else \
        f"{shorten([lat, lon])} is not a point in degrees (latitude -90..90, longitude -180..180)"


def _check_theatre(features, geometries, file, folder):
    if len(features) != 1:
        return [Problem(file, None, "", "", f"holds {len(features)} features; the theatre is one polygon", rule="R37")]
    where = dict(file=file, line=1, row_id="theatre", unit="feature", rule="R37")
    problems = []
    if geometries[0] is None or geometries[0].geom_type not in ("Polygon", "MultiPolygon"):
        kind = "no geometry" if geometries[0] is None else f"a {geometries[0].geom_type}"
        problems.append(Problem(**where, column="geometry", message=f"is {kind}, not a polygon"))
    properties = features[0].get("properties") or {}
    for name in ("max_bounds", "relief_bounds"):
        why = _bounds_problem(properties.get(name))
        if why:
            problems.append(Problem(**where, column=name, message=why))
    relief = properties.get("relief_url")
    if not (isinstance(relief, str) and _PLAIN_PNG_NAME.fullmatch(relief) and (Path(folder) / relief).is_file()):
        problems.append(Problem(**where, column="relief_url", message=f"{shorten(relief)} is not the name of a PNG "
                                "file in this folder (a plain name such as relief.png: no path, no address)"))
    return problems


def _each_feature(features, geometries, file, id_key, rule):
    """Yield ``(properties, geometry, where)`` per feature; ``where`` holds a :class:`Problem`'s place and rule."""
    for number, (feature, geometry) in enumerate(zip(features, geometries), start=1):
        properties = feature.get("properties") or {}
        row_id = properties.get(id_key)
        yield properties, geometry, dict(file=file, line=number, row_id=row_id[:40] if isinstance(row_id, str) else "",
                                         unit="feature", rule=rule)


def _no_text(value):
    return not isinstance(value, str) or not value.strip()


def _check_areas(features, geometries, file):
    problems = []
    for properties, geometry, where in _each_feature(features, geometries, file, "place_id", "R38"):
        for name in ("place_id", "name"):
            if _no_text(properties.get(name)):
                problems.append(Problem(**where, column=name, message="is empty or missing"))
        if properties.get("area_kind") not in AREA_KINDS:
            problems.append(Problem(**where, column="area_kind", message=f"{shorten(properties.get('area_kind'))} is "
                                    f"not one of {', '.join(AREA_KINDS)}"))
        why = _point_problem(properties.get("label_lat"), properties.get("label_lon"))
        if why:
            problems.append(Problem(**where, column="label_lat", message=f"label_lat, label_lon {why}"))
        if geometry is None or geometry.is_empty:
            problems.append(Problem(**where, column="geometry", message="is missing: the area to draw"))
    return problems


def _check_labels(features, geometries, file):
    problems = []
    for properties, geometry, where in _each_feature(features, geometries, file, "id", "R39"):
        if geometry is None or geometry.geom_type != "Point":
            problems.append(Problem(**where, column="geometry", message="is not a point"))
        if _no_text(properties.get("text")):
            problems.append(Problem(**where, column="text", message="is empty or missing"))
        if properties.get("kind") not in LABEL_KINDS:
            problems.append(Problem(**where, column="kind", message=f"{shorten(properties.get('kind'))} is not one "
                                    f"of {', '.join(LABEL_KINDS)}"))
        priority = properties.get("priority")
        if not (_number(priority) and priority == int(priority) and 1 <= priority <= 5):
            problems.append(Problem(**where, column="priority", message=f"{shorten(priority)} is not a whole number 1-5"))
        if not (_number(properties.get("min_zoom")) and 0 <= properties["min_zoom"] <= 20):
            problems.append(Problem(**where, column="min_zoom", message=f"{shorten(properties.get('min_zoom'))} is "
                                    "not a zoom level 0-20"))
        if properties.get("subtext") is not None and not isinstance(properties["subtext"], str):
            problems.append(Problem(**where, column="subtext", message="is not text"))
        alternates = properties.get("alternates", [])
        if alternates is not None and not (isinstance(alternates, list) and all(
                isinstance(a, list) and len(a) == 2 and _point_problem(a[1], a[0]) is None for a in alternates)):
            problems.append(Problem(**where, column="alternates", message=f"{shorten(alternates)} is not a list of "
                                    "[lon, lat] points in degrees"))
    return problems


_CHECKS = {"areas.geojson": _check_areas, "labels.geojson": _check_labels}


def _zones_frame(features, geometries):
    properties = [dict(f.get("properties") or {}) if isinstance(f, dict) else {} for f in features]
    return gpd.GeoDataFrame(properties, geometry=list(geometries), crs="EPSG:4326")


def _check_other_file(path, file):
    suffix = path.suffix.lower()
    if suffix == ".png":
        try:
            head = path.read_bytes()[:8]
        except OSError as error:
            return [Problem(file, None, "", "", f"cannot be read ({error.strerror})", rule="R01")]
        if head != _PNG_SIGNATURE:
            return [Problem(file, None, "", "", "is not a PNG image", rule="R36")]
        return []
    data, text, problems = _read_json_text(path, file)
    if data is None or suffix == ".json":
        return [dataclasses.replace(p, rule="R36" if p.rule == "R30" else p.rule) for p in problems]
    features, geometries, problems = check_geojson(data, file)
    if path.name in _CHECKS and features:
        problems += _CHECKS[path.name](features, geometries, file)
    return _on_lines(problems, text, len(features))


def check_geodata_folder(folder, display_name=str):
    """Check every file of a geodata folder that the map may use or serve.

    Parameters
    ----------
    folder : path-like
    display_name : callable
        Turns a path into the name used in messages.

    Returns
    -------
    served : list of pathlib.Path
        The files that passed and may be served (suffixes in :data:`SERVED_SUFFIXES`).
    problems : list of Problem
    """
    folder = Path(folder)
    if not folder.is_dir():
        return [], [Problem(display_name(folder), None, "", "", "folder not found", rule="R01")]
    problems, served = [], []
    for name in REQUIRED_FILES:
        path = folder / name
        file = display_name(path)
        data, text, found = _read_json_text(path, file)
        if data is None:
            problems += found
            continue
        features, geometries, found = check_geojson(data, file)
        if not features:
            problems += found
            continue
        if name == "border.geojson":
            found += _check_border(features, geometries, file)
        elif name == "countries.geojson":
            found += _check_countries(features, file)
        elif name == "theatre.geojson":
            found += _check_theatre(features, geometries, file, folder)
        elif not any(p.rule == "R30" for p in found):
            found += check_zones(_zones_frame(features, geometries), file)
        found = _on_lines(found, text, len(features))
        problems += found
        if not found:
            served.append(path)
    for path in sorted(folder.iterdir()):
        if path.name in REQUIRED_FILES or path.suffix.lower() not in SERVED_SUFFIXES or path.name.startswith("."):
            continue
        found = _check_other_file(path, display_name(path))
        problems += found
        if not found:
            served.append(path)
    return served, problems
