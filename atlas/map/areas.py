"""Geometries that stand for vague places: an admin-1 unit, the border line, a country, a region.

A fact the article places only at a province, "the border" or a country is
drawn as that area, not as a point. Which area stands for which place is data
(``geodata/area_sources.csv``); this module turns one source expression into
its geometry and a point inside it for the area's symbol and label.
"""

import geopandas as gpd
import shapely
from shapely.geometry import LineString, MultiLineString, box
from shapely.ops import polylabel

from ..data.geocheck import AREA_KINDS  # the data contract owns the closed list

__all__ = ["AREA_KINDS", "SOURCE_FORMS", "resolve_area", "label_point", "alternate_points"]

SOURCE_FORMS = {
    "admin1:CODE[+CODE...]": "the union of admin-1 units by GeoNames code (admin1.geojson `geonames_admin1`)",
    "zone:ID": "a zone's outline (zones.geojson `id`)",
    "border": "the Tajik-Afghan border line (border.geojson)",
    "country:ISO2": "a country's outline (countries.geojson, ISO 3166-1 alpha-2)",
    "touching_border:ISO2": "the admin-1 units of a country that touch the Tajik-Afghan border",
    "zone_boundary:ID+ID:KM": "a strip KM kilometres either side of the boundary two zones share, clipped to them",
}


def resolve_area(source, admin1, zones, border, countries):
    """Return the geometry (EPSG:4326) a source expression names.

    Parameters
    ----------
    source : str
        One of the forms in :data:`SOURCE_FORMS`, e.g. ``"admin1:AF.24"``.
    admin1, zones, border, countries : GeoDataFrame
        In EPSG:4326; ``admin1`` with ``geonames_admin1``, ``zones`` with
        ``id``, ``countries`` with ``iso2``.

    Returns
    -------
    shapely geometry
        A (Multi)Polygon, or a (Multi)LineString for ``border``.

    Raises
    ------
    ValueError
        When the form is unknown or names a unit the files lack.
    """
    form, _, argument = source.partition(":")
    if form == "border":
        return shapely.union_all(list(border.geometry))
    if form == "admin1":
        return _union(admin1, "geonames_admin1", argument.split("+"), source)
    if form == "zone":
        return _union(zones, "id", [argument], source)
    if form == "country":
        return _union(countries, "iso2", [argument], source)
    if form == "touching_border":
        line = shapely.union_all(list(border.geometry))
        units = admin1[(admin1["geonames_admin1"].str.startswith(argument + ".")) & admin1.intersects(line.buffer(0.01))]
        if units.empty:
            raise ValueError(f"{source!r}: no admin-1 unit of {argument} touches the border")
        return shapely.union_all(list(units.geometry))
    if form == "zone_boundary":
        ids, _, km = argument.rpartition(":")
        first, second = (_union(zones, "id", [i], source) for i in ids.split("+"))
        edge = first.boundary.intersection(second.boundary)
        centre = edge.centroid
        local = f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m"  # metres true near the edge
        strip = gpd.GeoSeries([edge], crs="EPSG:4326").to_crs(local).buffer(float(km) * 1000).to_crs("EPSG:4326")
        return strip.iloc[0].intersection(first.union(second))
    raise ValueError(f"{source!r}: unknown area source; use one of {', '.join(SOURCE_FORMS)}")


def _union(frame, column, keys, source):
    rows = frame[frame[column].isin(keys)]
    missing = set(keys) - set(rows[column])
    if missing:
        raise ValueError(f"{source!r}: no {column} {', '.join(sorted(missing))}")
    return shapely.union_all(list(rows.geometry))


def label_point(geometry):
    """Return a point inside the area for its symbol and label.

    Polygons: the pole of inaccessibility of the largest part (polylabel), which
    unlike a centroid is never outside. Lines: the point halfway along.
    """
    if isinstance(geometry, (LineString, MultiLineString)):
        line = shapely.ops.linemerge(geometry) if isinstance(geometry, MultiLineString) else geometry
        longest = max(getattr(line, "geoms", [line]), key=lambda part: part.length)
        return longest.interpolate(0.5, normalized=True)
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    return polylabel(largest, tolerance=0.005)


def alternate_points(geometry, point, share=0.15):
    """Return other points inside an area for its symbol or name, when the first is taken.

    Parameters
    ----------
    geometry : shapely geometry (EPSG:4326)
        The area: polygons, or a line (the border).
    point : shapely.geometry.Point
        Its first point (:func:`label_point`).
    share : float
        Polygon parts smaller than this share of the area are skipped.

    Returns
    -------
    list of shapely.geometry.Point
        Polygons: the label points of the parts north, south, west and east of
        ``point`` (in that order, each inside the area). Lines: the points a
        quarter and three quarters along the longest part.
    """
    if isinstance(geometry, (LineString, MultiLineString)):
        line = shapely.ops.linemerge(geometry) if isinstance(geometry, MultiLineString) else geometry
        longest = max(getattr(line, "geoms", [line]), key=lambda part: part.length)
        return [longest.interpolate(f, normalized=True) for f in (0.25, 0.75)]
    west, south, east, north = geometry.bounds
    halves = (box(west, point.y, east, north), box(west, south, east, point.y),
              box(west, south, point.x, north), box(point.x, south, east, north))
    out = []
    for half in halves:
        part = geometry.intersection(half)
        if not part.is_empty and part.area >= share * geometry.area:
            out.append(label_point(part))
    return out
