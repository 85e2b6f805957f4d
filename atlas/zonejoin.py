"""Events joined to the conflict zones, and a zone x year table."""

import geopandas as gpd
import pandas as pd

__all__ = ["events_in_zones", "zone_year_table", "zone_totals"]


def events_in_zones(events, zones):
    """Return one row per (event, zone) where the event's point intersects the zone, edge included.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``zone_id``, ``zone``, ``year``, ``deaths``.
    """
    mapped = events[events["mapped"]]
    joined = gpd.sjoin(mapped[["id", "year_start", "deaths_best", "geometry"]], zones[["id", "name", "geometry"]],
                       how="inner", predicate="intersects", lsuffix="event", rsuffix="zone")
    return pd.DataFrame(
        {
            "id": joined["id_event"],
            "zone_id": joined["id_zone"],
            "zone": joined["name"],
            "year": joined["year_start"],
            "deaths": joined["deaths_best"].fillna(0).astype(int),
        }
    ).reset_index(drop=True)


def zone_year_table(joined, zones, years):
    """Return events and deaths for every zone and year (zeros included), long form."""
    grid = pd.MultiIndex.from_product([zones["name"], range(years[0], years[1] + 1)], names=["zone", "year"])
    table = joined.groupby(["zone", "year"]).agg(events=("id", "size"), deaths=("deaths", "sum"))
    return table.reindex(grid, fill_value=0).astype(int).reset_index()


def zone_totals(joined, zones):
    """Return ``{zone id: (events, deaths)}`` for every zone, zeros included."""
    grouped = joined.groupby("zone_id").agg(events=("id", "size"), deaths=("deaths", "sum"))
    return {zone_id: (int(grouped["events"].get(zone_id, 0)), int(grouped["deaths"].get(zone_id, 0)))
            for zone_id in zones["id"]}
