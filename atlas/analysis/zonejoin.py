"""Events joined to the conflict zones, and a zone x year table."""

import geopandas as gpd
import pandas as pd

from ..map.symbols import VAGUE_WHERE_PREC
from .summary import year_bins, year_label

__all__ = ["events_in_zones", "zone_year_table", "zone_totals"]


def events_in_zones(events, zones):
    """Return one row per (event, zone) where the event's geometry intersects the zone, edge included.

    Given footprints (:func:`atlas.analysis.footprints.event_footprints`), a vague fact
    counts in every zone its area touches, so it may count in several zones.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``zone_id``, ``zone``, ``year``, ``deaths``, ``vague`` (placed only to a province or wider).
    """
    mapped = events[events["mapped"]]
    joined = gpd.sjoin(mapped[["id", "year_start", "deaths_best", "where_prec", "geometry"]], zones[["id", "name", "geometry"]],
                       how="inner", predicate="intersects", lsuffix="event", rsuffix="zone")
    return pd.DataFrame(
        {
            "id": joined["id_event"],
            "zone_id": joined["id_zone"],
            "zone": joined["name"],
            "year": joined["year_start"],
            "deaths": joined["deaths_best"].fillna(0).astype(int),
            "vague": (joined["where_prec"].astype(int) >= VAGUE_WHERE_PREC).astype(bool),
        }
    ).reset_index(drop=True)


def zone_year_table(joined, zones, years):
    """Return events (split by how precisely placed) and deaths for every zone and year, zeros included, long form.

    Years are labels (:func:`atlas.analysis.summary.year_bins`): an event that began
    before the first chosen year is counted under ``"before <first>"``, never in that year.

    Returns
    -------
    DataFrame
        ``zone``, ``year``, ``events``, ``exactly placed``, ``province or wider``, ``deaths``.
    """
    bins = year_bins(joined["year"], years)
    grid = pd.MultiIndex.from_product([zones["name"], bins], names=["zone", "year"])
    vague = joined["vague"] if "vague" in joined else pd.Series(False, index=joined.index)
    labelled = joined.assign(exact=~vague.astype(bool), vague=vague.astype(bool),
                             year=[year_label(y, years[0]) for y in joined["year"]])
    table = labelled.groupby(["zone", "year"]).agg(
        events=("id", "size"), exact=("exact", "sum"), vague=("vague", "sum"), deaths=("deaths", "sum"))
    table = table.reindex(grid, fill_value=0).astype(int).reset_index()
    return table.rename(columns={"exact": "exactly placed", "vague": "province or wider"})[
        ["zone", "year", "events", "exactly placed", "province or wider", "deaths"]]


def zone_totals(joined, zones):
    """Return ``{zone id: (events, deaths)}`` for every zone, zeros included."""
    grouped = joined.groupby("zone_id").agg(events=("id", "size"), deaths=("deaths", "sum"))
    return {zone_id: (int(grouped["events"].get(zone_id, 0)), int(grouped["deaths"].get(zone_id, 0)))
            for zone_id in zones["id"]}
