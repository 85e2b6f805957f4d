"""Where a flow's line is drawn: into a whole country, not to its centre point.

A flow the article gives only as going to (or coming from) a whole country
("arms to Tajikistan") has that country's representative point as its end in
the data. Drawn there, the line made a claim the article does not: Tajikistan's
point lies near the border bend at Kalai-Khumb, and Moscow's arms and credits
looked as if they went to the Afghan front. Drawn, the line stops where it
enters the country (starts where it leaves it); the data, the popups and the
exports' GeoJSON keep the place as the article gives it.
"""

import shapely
from shapely.geometry import Point, shape
from shapely.ops import substring

__all__ = ["ACROSS", "clip_to_country", "clip_flows", "country_areas", "drawn_flow_lines"]

ACROSS = 0.1  # a share of the line's length, each side of the border between two neighbouring countries


def _crossings(line, area):
    """Distances along ``line`` (its units) where it crosses ``area``'s boundary."""
    points = shapely.get_coordinates(line.intersection(area.boundary))
    return sorted(line.project(Point(x, y)) for x, y in points)


def clip_to_country(line, start=None, end=None):
    """Return ``line`` from where it leaves ``start`` to where it enters ``end``.

    Parameters
    ----------
    line : shapely LineString
        The flow, from its start to its end (any planar CRS: degrees in EPSG:4326
        for the web map, metres for the figure).
    start, end : shapely Polygon or MultiPolygon, optional
        The whole countries its ends stand for. An end is moved only if it lies
        in its country and the other end does not (a flow inside one country
        keeps its line). Between two neighbouring countries, both whole, the
        line becomes an arrow across their border where it first crosses it,
        ``ACROSS`` of its length each side.

    Returns
    -------
    shapely LineString
        ``line`` itself when nothing is to be cut, or the cut would leave
        (almost) nothing.
    """
    if line is None or line.is_empty or line.length == 0:
        return line
    first_point, last_point = Point(line.coords[0]), Point(line.coords[-1])
    if start is not None and end is not None and start.intersects(end) and start.covers(first_point) and end.covers(last_point):
        # Between two neighbours known only as countries: an arrow across their border where the line
        # crosses it first, ACROSS of the line's length each side (cut at both borders, the line had run
        # a hundred kilometres along the Panj).
        crossings = _crossings(line, start)
        if crossings:
            reach = line.length * ACROSS
            return substring(line, max(0.0, crossings[0] - reach), min(line.length, crossings[0] + reach))
        return line
    begin, finish = 0.0, line.length
    if start is not None and start.covers(first_point) and not start.covers(last_point):
        crossings = _crossings(line, start)
        begin = crossings[0] if crossings else begin  # where it first leaves
    if end is not None and end.covers(last_point) and not end.covers(first_point):
        crossings = [d for d in _crossings(line, end) if d > begin]
        finish = crossings[-1] if crossings else finish  # where it enters for good
    if (begin, finish) == (0.0, line.length) or finish - begin < line.length * 1e-3:
        return line
    return substring(line, begin, finish)


_COUNTRIES = {}  # id(areas) -> (areas, {place_id: polygon}); a few per process


def country_areas(areas):
    """Return ``{place_id: shapely polygon}`` of the whole-country areas in ``areas`` (``{place_id: GeoJSON feature}``).

    Worked out once per ``areas`` object (read once per process).
    """
    if not areas:
        return {}
    cached = _COUNTRIES.get(id(areas))
    if cached is None or cached[0] is not areas:
        polygons = {place_id: shape(feature["geometry"]) for place_id, feature in areas.items()
                    if (feature or {}).get("geometry")
                    and (feature.get("properties") or {}).get("area_kind") == "country"}
        if len(_COUNTRIES) >= 8:
            _COUNTRIES.clear()
        cached = _COUNTRIES[id(areas)] = (areas, polygons)
    return cached[1]


def drawn_flow_lines(flows, areas):
    """Return the lines the map draws for ``flows`` (EPSG:4326): cut at a whole country's border.

    Parameters
    ----------
    flows : GeoDataFrame
        With ``from_place_id``, ``to_place_id`` and line geometries.
    areas : dict or None
        ``{place_id: GeoJSON feature}`` (:func:`atlas.map.mapdata.read_areas`).

    Returns
    -------
    list of shapely LineString
        One per row, in order.
    """
    countries = country_areas(areas)
    if not countries:
        return list(flows.geometry)
    # Remembered per line: these countries are read once per process, and every rerun asks again.
    return [_clipped(countries, line, a, b) for line, a, b in zip(flows.geometry, flows["from_place_id"], flows["to_place_id"])]


def clip_flows(flows, countries):
    """Return ``flows``' lines cut by :func:`clip_to_country` at the countries ``{place_id: polygon}`` (the lines' CRS).

    Not remembered: for a caller with its own countries each time (the figure's, in metres).
    """
    return [clip_to_country(line, countries.get(a), countries.get(b))
            for line, a, b in zip(flows.geometry, flows["from_place_id"], flows["to_place_id"])]


_CLIPPED = {}  # (id(countries), from, to, line's WKB) -> (countries, line drawn), for drawn_flow_lines


def _clipped(countries, line, start, end):
    if countries.get(start) is None and countries.get(end) is None:
        return line
    key = (id(countries), start, end, line.wkb)
    cached = _CLIPPED.get(key)
    if cached is None or cached[0] is not countries:
        if len(_CLIPPED) >= 10_000:
            _CLIPPED.clear()
        cached = _CLIPPED[key] = (countries, clip_to_country(line, countries.get(start), countries.get(end)))
    return cached[1]
