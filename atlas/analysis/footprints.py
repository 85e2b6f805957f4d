"""Where a fact counts in a spatial join: its point, or the area of a place known only to a province or wider.

A fact the article places only at a province, a region, "the border" or a
country is not at that place's representative point: it is somewhere in the
area. Counting it where its point lies would place every "Kunduz province"
fact at one spot and miss the belt or zone its province reaches into. This
module gives each such fact its area (``geodata/areas.geojson``), so that a
belt or zone counts it wherever the area touches.
"""

import geopandas as gpd
from shapely.geometry import shape

from ..map.symbols import VAGUE_WHERE_PREC

__all__ = ["area_geometries", "event_footprints", "WHOLE_COUNTRY"]

# UCDP GED where_prec 6: "an entire country". Such a fact says nothing about
# where in the country it happened; its area would touch every zone and the
# whole belt, so it takes part in no spatial count (it stays in the tables).
WHOLE_COUNTRY = 6


def area_geometries(features):
    """Return ``{place_id: shapely geometry}`` from the features :func:`atlas.map.mapdata.read_areas` returns.

    Values that are already shapely geometries are kept.
    """
    return {place_id: shape(value["geometry"]) if isinstance(value, dict) else value
            for place_id, value in (features or {}).items()}


def event_footprints(events, areas):
    """Return the mapped events, each vague one's point replaced by its place's area.

    Parameters
    ----------
    events : GeoDataFrame
        Events as loaded (``mapped``, ``where_prec``, ``place_id``, point geometry).
    areas : dict
        ``{place_id: geometry}`` in EPSG:4326 (or the GeoJSON features of
        ``geodata/areas.geojson``, see :func:`area_geometries`).

    Returns
    -------
    GeoDataFrame
        The mapped rows, same columns and CRS. A row with ``where_prec`` >=
        :data:`atlas.map.symbols.VAGUE_WHERE_PREC` whose place has an area carries
        that area (a Polygon, MultiPolygon or, for "the border", a LineString);
        every other row keeps its point. A fact known only to a whole
        country (``where_prec`` 6) gets an empty geometry: it counts in no
        belt or zone. Use it with a predicate such as ``intersects``: a vague
        fact then counts in every belt or zone its area touches, possibly in
        several zones.
    """
    mapped = events[events["mapped"]]
    shapes = area_geometries(areas)
    if mapped.empty or not shapes:
        return mapped
    areas_in_crs = gpd.GeoSeries(list(shapes.values()), index=list(shapes), crs="EPSG:4326")
    if mapped.crs is not None and areas_in_crs.crs != mapped.crs:
        areas_in_crs = areas_in_crs.to_crs(mapped.crs)
    vague = mapped["where_prec"].astype(int) >= VAGUE_WHERE_PREC
    country = mapped["where_prec"].astype(int) >= WHOLE_COUNTRY
    geometry = [None if whole else areas_in_crs[place] if is_vague and place in areas_in_crs.index else point
                for point, place, is_vague, whole in zip(mapped.geometry, mapped["place_id"], vague, country)]
    result = mapped.copy()
    result[mapped.geometry.name] = gpd.GeoSeries(geometry, index=mapped.index, crs=mapped.crs)
    return result
