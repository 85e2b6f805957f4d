"""A belt of chosen width on both sides of the border, and what falls inside it."""

import geopandas as gpd
import pandas as pd

from ..map.symbols import VAGUE_WHERE_PREC
from .summary import year_bins, year_label

__all__ = ["BELT_CRS", "border_belt", "in_belt", "belt_by_year"]

# UTM zone 42N: the Tajik-Afghan border (67-75 E) lies in or next to it.
BELT_CRS = "EPSG:32642"


def border_belt(border, width_km):
    """Return the belt of ``width_km`` on each side of the border as a one-row GeoDataFrame (EPSG:4326)."""
    belt = border.to_crs(BELT_CRS).buffer(width_km * 1000).union_all()
    return gpd.GeoDataFrame({"width_km": [width_km]}, geometry=[belt], crs=BELT_CRS).to_crs("EPSG:4326")


def in_belt(events, belt):
    """Return a boolean mask: the event's geometry touches the belt (its edge included).

    A point counts when it lies inside or on the edge; an area (a vague fact's
    footprint, see :func:`atlas.analysis.footprints.event_footprints`) when any part of it does.
    """
    shape = belt.to_crs(events.crs).geometry.iloc[0]
    return pd.Series([geometry is not None and shape.intersects(geometry) for geometry in events.geometry],
                     index=events.index, dtype=bool)


def belt_by_year(events, belt, years):
    """Return, per year, the events, deaths and troop or fighter figures inside the belt.

    Events count in the year they begin, never clipped into the first chosen
    year (earlier ones under ``"before <first>"``, see :func:`atlas.analysis.summary.year_bins`); ``exactly placed``
    and ``province or wider`` split the events by ``where_prec``. A vague
    fact counts where its geometry touches the belt: pass the events'
    footprints (:func:`atlas.analysis.footprints.event_footprints`) and it counts
    wherever its province's, region's or country's area touches; pass points
    and it counts where its representative point lies. Deaths and strength
    add the article's figures where it gives them.

    Returns
    -------
    DataFrame
        ``year`` (a label), ``events``, ``exactly placed``, ``province or wider``, ``deaths``, ``strength`` (whole numbers).
    """
    inside = events[events["mapped"]]
    inside = inside[in_belt(inside, belt)]
    vague = inside["where_prec"].astype(int) >= VAGUE_WHERE_PREC
    labels = [year_label(y, years[0]) for y in inside["year_start"]]
    table = inside.assign(exact=~vague, vague=vague, year=labels).groupby("year").agg(
        events=("id", "size"), exact=("exact", "sum"), vague=("vague", "sum"), deaths=("deaths_best", "sum"),
        strength=("strength", "sum"),
    )
    table = table.reindex(year_bins(inside["year_start"], years), fill_value=0)
    table.index.name = "year"
    table = table.rename(columns={"exact": "exactly placed", "vague": "province or wider"})
    return table.astype(int).reset_index()
