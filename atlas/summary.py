"""Headline numbers and per-year counts of a selection."""

import pandas as pd

from .schema import LAYERS

__all__ = ["headline_numbers", "events_per_year", "events_table"]


def headline_numbers(events, flows):
    """Return the numbers shown above the table.

    Deaths and strength add up only what the article states; rows without a
    figure add nothing.
    """
    return {
        "events": len(events),
        "mapped": int(events["mapped"].sum()),
        "incidents": int((events["layer"] == "incident").sum()),
        "deaths": int(events["deaths_best"].fillna(0).sum()),
        "largest_force": int(events["strength"].max()) if events["strength"].notna().any() else 0,
        "flows": len(flows),
    }


def events_per_year(events, years):
    """Return events counted by the year they begin and by layer, for every year and layer.

    Parameters
    ----------
    events : DataFrame
    years : tuple of int
        First and last year of the chart; every year appears, with 0 where empty.
    """
    first, last = years
    starts = events["year_start"].clip(lower=first)
    counts = events.assign(year=starts).groupby(["year", "layer"]).size()
    grid = pd.MultiIndex.from_product([range(first, last + 1), LAYERS], names=["year", "layer"])
    return counts.reindex(grid, fill_value=0).rename("events").reset_index()


def events_table(events, actors, format_date):
    """Return the selection as a readable table for the page."""
    names = dict(zip(actors["id"], actors["short_name"]))
    return pd.DataFrame(
        {
            "id": events["id"],
            "layer": events["layer"],
            "title": events["title"],
            "date": [format_date(s, e, p) for s, e, p in zip(events["date_start"], events["date_end"], events["date_prec"])],
            "place": events["place_name"].where(events["mapped"], "(no place given)"),
            "where_prec": events["where_prec"],
            "actors": events["actor_ids"].map(lambda ids: ", ".join(names.get(i, i) for i in ids)),
            "deaths": events["deaths_best"],
            "strength": events["strength"],
            "footnote": events["source_note"],
            "quote": events["source_quote"],
        }
    ).reset_index(drop=True)
