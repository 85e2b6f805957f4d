"""Choose a map centre and zoom that show a set of geometries."""

import math

import shapely

__all__ = ["THEATRE_FILE", "view_for_bounds", "view_for_selection", "load_theatre", "frame_for_selection"]


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
# Smallest frame, in degrees: one town alone opens at a readable zoom, not at street level.
MIN_FRAME_SPAN = (1.4, 1.8)


def load_theatre(geodata_dir=None, zones=None, border=None):
    """Return the theatre (Tajikistan and northern Afghanistan) as one shapely Polygon.

    Read from ``geodata/theatre.geojson`` (one Polygon feature, see
    geodata/README.md). While that file is absent, the fallback is the box
    around the zones and the border line, widened by one degree: geometry
    already documented in geodata/.
    """
    from pathlib import Path

    from shapely.geometry import box, shape

    from .paths import GEODATA_DIR

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


def _points(events, flows, areas=None):
    """Return arrays ``lat, lon, name, id`` of each place a selection draws: event points and flow ends."""
    import numpy as np

    # Plain arrays, masked: filtering a GeoDataFrame copies its geometry, ten times the cost of all the rest.
    keep = events["mapped"].to_numpy(dtype=bool) if "mapped" in events else slice(None)
    lat, lon = events["lat"].to_numpy(dtype=float)[keep], events["lon"].to_numpy(dtype=float)[keep]
    place_ids = events["place_id"].to_numpy(dtype=object)[keep]
    if areas:
        # A vague place counts at its area's label point (inside the area), not at its representative point.
        labels = {p: f.get("properties", {}) for p, f in areas.items()}
        lat = np.array([labels.get(p, {}).get("label_lat", y) for p, y in zip(place_ids, lat)], dtype=float)
        lon = np.array([labels.get(p, {}).get("label_lon", x) for p, x in zip(place_ids, lon)], dtype=float)
    parts = [(lat, lon, events["place_name"].to_numpy(dtype=object)[keep], events["id"].to_numpy(dtype=object)[keep])]
    for end in ("from", "to"):
        parts.append((flows[f"{end}_lat"].to_numpy(dtype=float), flows[f"{end}_lon"].to_numpy(dtype=float),
                      flows[f"{end}_name"].to_numpy(dtype=object), flows["id"].to_numpy(dtype=object)))
    return [np.concatenate([part[i] for part in parts]) for i in range(4)]


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
        the theatre, ``{"lat", "lon", "name", "count", "ids"}``, in first-seen
        order, and ``key``.
    """
    lat, lon, names, ids = _points(events, flows, areas)
    inside = shapely.contains_xy(theatre, lon, lat) if len(lat) else lat.astype(bool)
    inside_lat, inside_lon, far = lat[inside], lon[inside], {}
    for y, x, name, item_id in zip(lat[~inside], lon[~inside], names[~inside], ids[~inside]):
        entry = far.setdefault((round(y, 3), round(x, 3)), {"lat": float(y), "lon": float(x), "name": name, "ids": []})
        if item_id not in entry["ids"]:
            entry["ids"].append(item_id)
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
    far_items = [{**entry, "count": len(entry["ids"])} for entry in far.values()]
    return {
        "bbox": [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]],
        "theatre": [[round(t_south, 4), round(t_west, 4)], [round(t_north, 4), round(t_east, 4)]],
        "far": far_items,
        "key": key,
    }
