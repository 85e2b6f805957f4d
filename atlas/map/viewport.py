"""Choose a map centre and zoom that show a set of geometries."""

import math

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from .flowends import drawn_flow_lines

__all__ = ["THEATRE_FILE", "view_for_bounds", "view_for_selection", "load_theatre", "frame_for_selection", "focus_rows",
           "frame_for_view", "far_table", "bounds_of_view", "VIEW_SIZE"]


def view_for_bounds(bounds, width_px=900, height_px=600, max_zoom=9, min_zoom=3):
    """Return ``(center, zoom)`` so that ``bounds`` fit a map of the given size.

    Parameters
    ----------
    bounds : tuple of float
        ``(west, south, east, north)`` in degrees, as GeoPandas' ``total_bounds``.

    Returns
    -------
    tuple
        ``([lat, lon], zoom)`` with an integer Web Mercator zoom.
    """
    west, south, east, north = bounds

    def mercator_y(lat):
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_fraction = max(east - west, 1e-6) / 360
    lat_fraction = max(mercator_y(north) - mercator_y(south), 1e-6) / (2 * math.pi)
    zoom_x = math.log2(width_px / 256 / lon_fraction)
    zoom_y = math.log2(height_px / 256 / lat_fraction)
    zoom = int(max(min_zoom, min(max_zoom, math.floor(min(zoom_x, zoom_y) - 0.3))))
    center_y = (mercator_y(north) + mercator_y(south)) / 2
    center_lat = math.degrees(2 * math.atan(math.exp(center_y)) - math.pi / 2)
    return [round(center_lat, 4), round((west + east) / 2, 4)], zoom


def view_for_selection(events, flows, **size):
    """Return ``(center, zoom)`` showing the mapped events and the flows, or None if there are none."""
    shapes = [g for g in events.loc[events["mapped"], "geometry"] if g is not None] + list(flows.geometry)
    if not shapes:
        return None
    bounds = shapely.union_all(shapes).bounds
    return view_for_bounds(bounds, **size)


THEATRE_FILE = "theatre.geojson"
# Smallest frame, in degrees (lat, lon): one town alone opens with its region around it (about
# 290 x 300 km), not at street level; 1.4 x 1.8 showed a lone Tashkent at a 20 km scale on a 1920 slide.
MIN_FRAME_SPAN = (2.6, 3.4)


def load_theatre(geodata_dir=None, zones=None, border=None):
    """Return the theatre (Tajikistan and northern Afghanistan) as one shapely Polygon.

    Read from ``geodata/theatre.geojson`` (one Polygon feature, see
    geodata/README.md). While that file is absent, the fallback is the box
    around the zones and the border line, widened by one degree: geometry
    already documented in geodata/.
    """
    from pathlib import Path

    from shapely.geometry import box, shape

    from ..paths import GEODATA_DIR

    path = Path(geodata_dir or GEODATA_DIR) / THEATRE_FILE
    if path.exists():
        import json

        collection = json.loads(path.read_text(encoding="utf-8"))
        return shape(collection["features"][0]["geometry"])
    parts = [g for frame in (zones, border) if frame is not None for g in frame.geometry]
    if not parts:
        return box(66.0, 35.0, 75.5, 41.0)
    west, south, east, north = shapely.union_all(parts).bounds
    return box(west - 1.0, south - 1.0, east + 1.0, north + 1.0)


def _number_or_nan(value):
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else np.nan


def _points(events, flows, areas=None):
    """Return ``lat, lon`` arrays of each place a selection draws, and a function giving ``names, ids`` of some of them.

    Event points first, then flows' starts, then flows' ends. Text columns are
    read only for the points asked for (the far ones): converting 100,000
    strings costs more than all the geometry.
    """
    keep = np.flatnonzero(events["mapped"].to_numpy(dtype=bool)) if "mapped" in events else np.arange(len(events))
    lat, lon = events["lat"].to_numpy(dtype=float)[keep], events["lon"].to_numpy(dtype=float)[keep]
    if areas:
        # A vague place counts at its area's label point (inside the area), not at its representative point.
        labels = {p: (f or {}).get("properties", {}) for p, f in areas.items()}
        # Looked up once per place, not once per row (100,000 rows: 60 ms in a Python loop).
        codes, places = pd.factorize(events["place_id"].take(keep))
        label_lat = np.array([_number_or_nan(labels.get(p, {}).get("label_lat")) for p in places] + [np.nan])[codes]
        label_lon = np.array([_number_or_nan(labels.get(p, {}).get("label_lon")) for p in places] + [np.nan])[codes]
        lat, lon = np.where(np.isnan(label_lat), lat, label_lat), np.where(np.isnan(label_lon), lon, label_lon)
    if areas and len(flows):
        # Where the lines are drawn: into a whole country, not to its centre (atlas.map.flowends).
        lines = drawn_flow_lines(flows, areas)
        ends = np.array([[*line.coords[0], *line.coords[-1]] for line in lines], dtype=float)
        from_lon, from_lat, to_lon, to_lat = ends.T
    else:
        from_lat, from_lon = flows["from_lat"].to_numpy(dtype=float), flows["from_lon"].to_numpy(dtype=float)
        to_lat, to_lon = flows["to_lat"].to_numpy(dtype=float), flows["to_lon"].to_numpy(dtype=float)
    lats = [lat, from_lat, to_lat]
    lons = [lon, from_lon, to_lon]
    sources = [(events["place_name"], events["id"], keep), (flows["from_name"], flows["id"], None),
               (flows["to_name"], flows["id"], None)]
    starts = np.cumsum([0] + [len(a) for a in lats])

    def text(positions):
        names, ids = [], []
        for (name_column, id_column, rows), start, stop in zip(sources, starts[:-1], starts[1:]):
            chosen = positions[(positions >= start) & (positions < stop)] - start
            if rows is not None:
                chosen = rows[chosen]
            names += name_column.take(chosen).tolist()
            ids += id_column.take(chosen).tolist()
        return np.array(names, dtype=object), np.array(ids, dtype=object)

    return np.concatenate(lats), np.concatenate(lons), text


def _placed(events, flows, theatre, areas, lat, lon):
    """Return two masks over :func:`_points`' points: inside the theatre, and far from it.

    A vague place whose area reaches into the theatre (Afghanistan, of which the
    north is in it) is neither: its symbol goes wherever the map looks inside the
    area, so it neither frames the map nor is pointed at from the edge, even when
    its label point lies outside the theatre.
    """
    inside = shapely.contains_xy(theatre, lon, lat) if len(lat) else lat.astype(bool)
    far = ~inside
    if areas and far.any():
        keep = np.flatnonzero(events["mapped"].to_numpy(dtype=bool)) if "mapped" in events else np.arange(len(events))
        candidates = np.flatnonzero(far[:len(keep)])
        reaches = _areas_reaching(areas, theatre)
        for position, place_id in zip(candidates.tolist(), events["place_id"].take(keep[candidates]).tolist()):
            if reaches.get(place_id):
                far[position] = False
    return inside, far


_REACHING = {}  # (id(areas), id(theatre)) -> (areas, theatre, {place_id: bool}); a few per process


def _areas_reaching(areas, theatre):
    # Which vague places' areas reach into the theatre, worked out once per pair of objects (both are
    # read once per process): building Afghanistan's polygon from GeoJSON on every run was about 6 %
    # of a slider move's server time. The objects are kept with the answer, so an id is never reused.
    key = (id(areas), id(theatre))
    cached = _REACHING.get(key)
    if cached is None or cached[0] is not areas or cached[1] is not theatre:
        reaches = {place_id: bool((feature or {}).get("geometry")) and shape(feature["geometry"]).intersects(theatre)
                   for place_id, feature in areas.items()}
        if len(_REACHING) >= 8:
            _REACHING.clear()
        cached = _REACHING[key] = (areas, theatre, reaches)
    return cached[2]


MAX_FAR_PLACES = 8
MAX_FAR_IDS = 50


def _far_items(lat, lon, names, ids):
    """Group far points by place (to about 100 m): the ``MAX_FAR_PLACES`` with most items, most first."""
    groups = {}
    keys = zip(np.round(lat, 3).tolist(), np.round(lon, 3).tolist())
    for key, y, x, name, item_id in zip(keys, lat.tolist(), lon.tolist(), names.tolist(), ids.tolist()):
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = {"lat": y, "lon": x, "name": name, "ids": {}}
        entry["ids"][item_id] = None  # an ordered set: a flow with both ends here counts once
    ordered = sorted(groups.values(), key=lambda e: -len(e["ids"]))[:MAX_FAR_PLACES]  # stable: first seen first
    return [{"lat": e["lat"], "lon": e["lon"], "name": e["name"], "count": len(e["ids"]),
             "ids": list(e["ids"])[:MAX_FAR_IDS]} for e in ordered]


def far_table(events, flows, theatre, areas=None):
    """Return every point outside the theatre, for the browser to group far items as :func:`frame_for_selection` does.

    The map predicts a year change from the records it holds (``atlas_years.js``)
    and needs the far items of any selection without asking the server.

    Parameters
    ----------
    events : DataFrame
        The mapped events in the map store's order (``id``, ``place_id``, ``place_name``, ``lat``, ``lon``).
    flows : DataFrame
        The flows in the store's order.
    theatre : shapely Polygon
        From :func:`load_theatre`.
    areas : dict, optional
        ``{place_id: feature}``: a vague place counts at its label point.

    Returns
    -------
    dict
        ``events``, ``from`` and ``to`` (the flows' two ends): lists of
        ``[row, group, name, lat, lon]`` for each point outside the theatre,
        ``row`` its position in the store, ``group`` its place (points within
        about 100 m share one), lat/lon in degrees (EPSG:4326); and ``limits``,
        ``[MAX_FAR_PLACES, MAX_FAR_IDS]``.
    """
    lat, lon, text = _points(events, flows, areas)
    far = np.flatnonzero(_placed(events, flows, theatre, areas, lat, lon)[1])
    names, _ = text(far)
    keys = zip(np.round(lat[far], 3).tolist(), np.round(lon[far], 3).tolist())
    groups, table = {}, {"events": [], "from": [], "to": [], "limits": [MAX_FAR_PLACES, MAX_FAR_IDS]}
    starts = (0, len(events), len(events) + len(flows))
    for position, key, name, y, x in zip(far.tolist(), keys, names.tolist(), lat[far].tolist(), lon[far].tolist()):
        part = 2 if position >= starts[2] else 1 if position >= starts[1] else 0
        row = position - starts[part]
        table[("events", "from", "to")[part]].append([row, groups.setdefault(key, len(groups)), name, y, x])
    return table


def frame_for_selection(events, flows, theatre, areas=None, key=None):
    """Return where the map should look for a selection: inside the theatre, far items apart.

    Parameters
    ----------
    events, flows : DataFrame
        The selection (events need ``id``, ``place_id``, ``place_name``, ``lat``, ``lon``).
    theatre : shapely Polygon
        From :func:`load_theatre`.
    areas : dict, optional
        ``{place_id: feature}``: a vague place counts at its label point.
    key : optional
        Changes when the map should fly to the frame again (a chapter, a click on "Fit").

    Returns
    -------
    dict
        ``bbox`` ``[[south, west], [north, east]]`` inside the theatre (the
        whole theatre when nothing selected lies in it), ``theatre`` (its
        bounds, for the map's bounds), ``far``: one entry per place outside
        the theatre, ``{"lat", "lon", "name", "count", "ids"}``, most items first
        order, and ``key``. At most ``MAX_FAR_PLACES`` places (those with
        most items) and ``MAX_FAR_IDS`` ids each, so the payload stays small.
    """
    lat, lon, text = _points(events, flows, areas)
    inside, far = _placed(events, flows, theatre, areas, lat, lon)
    inside_lat, inside_lon = lat[inside], lon[inside]
    far_items = _far_items(lat[far], lon[far], *text(np.flatnonzero(far)))
    t_west, t_south, t_east, t_north = theatre.bounds
    if len(inside_lat):
        south, north = float(inside_lat.min()), float(inside_lat.max())
        west, east = float(inside_lon.min()), float(inside_lon.max())
        # A margin, so symbols at the edge are not cut, and a floor, so one town is not at street level.
        grow_lat = max(0.0, MIN_FRAME_SPAN[0] - (north - south)) / 2 + max(0.15, (north - south) * 0.08)
        grow_lon = max(0.0, MIN_FRAME_SPAN[1] - (east - west)) / 2 + max(0.15, (east - west) * 0.08)
        south, north = max(t_south, south - grow_lat), min(t_north, north + grow_lat)
        west, east = max(t_west, west - grow_lon), min(t_east, east + grow_lon)
    else:
        west, south, east, north = t_west, t_south, t_east, t_north
    return {
        "bbox": [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]],
        "theatre": [[round(t_south, 4), round(t_west, 4)], [round(t_north, 4), round(t_east, 4)]],
        "far": far_items,
        "key": key,
    }


def focus_rows(events, flows, highlight=()):
    """Return the (events, flows) a view frames: its highlighted items if any are in it, else all of it."""
    if not len(highlight):
        return events, flows  # indexing a GeoDataFrame even to nothing copies every column (6 ms a run)
    chosen_events, chosen_flows = events[events["id"].isin(list(highlight))], flows[flows["id"].isin(list(highlight))]
    return (chosen_events, chosen_flows) if len(chosen_events) + len(chosen_flows) else (events, flows)


# The map a story's center and zoom are read on (px): about a chapter's map on a laptop.
VIEW_SIZE = (800, 560)
_MAX_MERCATOR_LAT = 85.0511


def bounds_of_view(center, zoom, size=VIEW_SIZE):
    """Return the bounds ``[[south, west], [north, east]]`` (degrees) a web map of ``size`` px shows at ``center``, ``zoom``.

    Web Mercator (EPSG:3857) as Leaflet draws it: 256 px for the world at zoom
    0. A chapter's ``center`` and ``zoom`` (data/story.yaml) become these bounds,
    which a map of any size then fits, so a phone shows the same area as a laptop.

    Parameters
    ----------
    center : (float, float)
        Latitude and longitude in degrees.
    zoom : int
    size : (int, int)
        Width and height in px.
    """
    world = 256 * 2 ** zoom
    lat = max(-_MAX_MERCATOR_LAT, min(_MAX_MERCATOR_LAT, float(center[0])))
    y = world / 2 - world / (2 * math.pi) * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def latitude(py):
        return math.degrees(2 * math.atan(math.exp((world / 2 - py) * 2 * math.pi / world)) - math.pi / 2)

    half_lon = size[0] / 2 / world * 360
    south, north = latitude(min(world, y + size[1] / 2)), latitude(max(0, y - size[1] / 2))
    west, east = max(-180.0, float(center[1]) - half_lon), min(180.0, float(center[1]) + half_lon)
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def frame_for_view(dataset, events, flows, theatre, areas=None, highlight=(), key=None, view=None):
    """Return the frame of one view as the map page, the talk and the HTML export use it.

    :func:`frame_for_selection` of the view's :func:`focus_rows`, plus
    ``extent``: the countries' bounds ``[[south, west], [north, east]]`` in
    degrees (EPSG:4326), beyond which the map has no base map to show. With
    ``view``, ``(center, zoom)`` a lecturer chose for a chapter, the frame's
    ``bbox`` is what that view shows (:func:`bounds_of_view`); far places
    stay marked on the map's edge wherever they fall outside it.
    """
    frame = frame_for_selection(*focus_rows(events, flows, highlight), theatre, areas, key=key)
    if view is not None and view[0] is not None:
        frame["bbox"] = bounds_of_view(view[0], view[1])
    west, south, east, north = dataset.countries.total_bounds
    frame["extent"] = [[round(float(south), 3), round(float(west), 3)], [round(float(north), 3), round(float(east), 3)]]
    return frame
