"""Where each actor was active, year by year: the hull of its events' points, buffered."""

import geopandas as gpd
import shapely

__all__ = ["EXTENT_CRS", "actor_extents"]

EXTENT_CRS = "EPSG:32642"


def actor_extents(events, actors, buffer_km=25, within=None):
    """Return one polygon per actor and year: the convex hull of its mapped events, buffered.

    A single event gives a disc of ``buffer_km``; the hull is drawn in UTM 42N.
    With ``within`` (a shapely geometry in EPSG:4326, e.g. the theatre from
    :func:`atlas.map.viewport.load_theatre`) only events whose point it covers count:
    one summit in Moscow would otherwise stretch an actor's area across Central Asia.

    Returns
    -------
    GeoDataFrame (EPSG:4326)
        ``actor``, ``name``, ``color``, ``year``, ``events``, geometry.
    """
    mapped = events[events["mapped"]]
    if within is not None:
        mapped = mapped[mapped.geometry.covered_by(within)]
    mapped = mapped.to_crs(EXTENT_CRS)
    rows = []
    names = dict(zip(actors["id"], actors["short_name"]))
    colors = dict(zip(actors["id"], actors["color"]))
    exploded = mapped.assign(actor=mapped["actor_ids"]).explode("actor").dropna(subset=["actor"])
    for (actor, year), group in exploded.groupby(["actor", "year_start"]):
        hull = shapely.MultiPoint(group.geometry.to_list()).convex_hull.buffer(buffer_km * 1000)
        rows.append({"actor": actor, "name": names.get(actor, actor), "color": colors.get(actor, "#555555"),
                     "year": int(year), "events": len(group), "geometry": hull})
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=EXTENT_CRS) if rows else gpd.GeoDataFrame(
        {"actor": [], "name": [], "color": [], "year": [], "events": []}, geometry=[], crs=EXTENT_CRS)
    return frame.to_crs("EPSG:4326")
