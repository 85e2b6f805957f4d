"""Choose a map centre and zoom that show a set of geometries."""

import math

import shapely

__all__ = ["view_for_bounds", "view_for_selection"]


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
