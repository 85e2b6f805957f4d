"""Headline numbers and per-year counts of a selection."""

from collections import Counter

import pandas as pd

from ..data.dates import date_precision_label, format_date
from ..data.schema import LAYERS, WHERE_PRECISION
from ..exports.citation import item_link
from ..map.symbols import VAGUE_WHERE_PREC

__all__ = ["headline_numbers", "headline_text", "events_per_year", "events_per_month", "began_before", "began_before_note", "flows_table", "year_bins", "year_label", "placed_split", "placed_words", "events_table", "first_rows", "TABLE_ROWS", "describe_selection", "events_per_actor_year"]


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


def _count(n, noun):
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def headline_text(numbers):
    """Return :func:`headline_numbers` in words, as the map page's heading line says them.

    ``"1 event, 1 on the map · 125 deaths reported · largest force not given · 0 flows"``:
    a count of one is singular, and a force the article gives no figure for is
    "not given", never 0.
    """
    force = f"{numbers['largest_force']:,}" if numbers["largest_force"] else "not given"
    return (f"{_count(numbers['events'], 'event')}, {numbers['mapped']:,} on the map \u00b7 {numbers['deaths']:,} deaths"
            f" reported \u00b7 largest force {force} \u00b7 {_count(numbers['flows'], 'flow')}")


def events_per_year(events, years):
    """Return events counted by the year they begin and by layer, for every year and layer.

    An event is never moved into a year it did not begin in: one that began
    before the first chosen year (and lasts into it) is counted under
    ``"before <first year>"`` (see :func:`year_bins`).

    Parameters
    ----------
    events : DataFrame
    years : tuple of int
        First and last year chosen; every year appears, with 0 where empty.

    Returns
    -------
    DataFrame
        ``year`` (a label: ``"1993"`` or ``"before 1992"``, in order), ``layer``, ``events``.
    """
    starts = events["year_start"]
    bins = year_bins(starts, years)
    # Counted in plain Python on the two columns: a pandas groupby and reindex took 8 ms a run for 84 events.
    counts = Counter(zip((year_label(y, years[0]) for y in starts.tolist()), events["layer"].tolist()))
    return pd.DataFrame([{"year": year, "layer": layer, "events": counts.get((year, layer), 0)}
                         for year in bins for layer in LAYERS], columns=["year", "layer", "events"])


def events_per_month(events, months):
    """Return events counted by the month they begin and by layer, every month and layer included.

    Like :func:`events_per_year`, the months widen to the earliest start.
    ``months`` is ``(first, last)`` as ``YYYY-MM``; the result's ``month`` is
    the first day of the month (a Timestamp).
    """
    first, last = pd.Period(months[0], "M"), pd.Period(months[1], "M")
    starts = events["date_start"].dt.to_period("M")
    if len(events):
        first, last = min(first, starts.min()), max(last, starts.max())
    counts = events.assign(month=starts).groupby(["month", "layer"]).size()
    grid = pd.MultiIndex.from_product([pd.period_range(first, last, freq="M"), LAYERS], names=["month", "layer"])
    table = counts.reindex(grid, fill_value=0).rename("events").reset_index()
    table["month"] = table["month"].dt.to_timestamp()
    return table


def year_bins(starts, years):
    """Return the year labels of a per-year table: ``"before 1992"`` (only if some event began earlier), then each year.

    An event is never counted in a year it did not begin in: one that began
    before the first chosen year (and lasts into it) goes to ``"before <first>"``.

    Parameters
    ----------
    starts : Series of int
        The years the events begin.
    years : tuple of int
        First and last year chosen.
    """
    first, last = years
    if len(starts):
        last = max(last, int(starts.max()))
    earlier = [f"before {first}"] if len(starts) and int(starts.min()) < first else []
    return earlier + [str(year) for year in range(first, last + 1)]


def year_label(start, first):
    """Return the label of the year an event begins in (see :func:`year_bins`)."""
    return f"before {first}" if int(start) < first else str(int(start))


def placed_split(events):
    """Return ``(exact, vague)``: mapped events placed to a district or better, and to a province or wider.

    Vague means ``where_prec`` >= :data:`atlas.map.symbols.VAGUE_WHERE_PREC` (province or oblast, part of a country, country).
    """
    mapped = events[events["mapped"]]
    vague = int((mapped["where_prec"].astype(int) >= VAGUE_WHERE_PREC).sum())
    return len(mapped) - vague, vague


def placed_words(exact, vague):
    """Return ``"N exactly placed, M known only to a province or wider"``."""
    return f"{exact} exactly placed, {vague} known only to a province or wider"


def began_before(events, first_year):
    """Return how many events began before ``first_year`` (they last into the chosen years)."""
    return int((events["year_start"] < first_year).sum())


def began_before_note(events, years, months=None):
    """Return the per-period chart's note on events that began before the chosen years or months, or None.

    By years they are counted under ``"before <first year>"`` (:func:`events_per_year`);
    by months the chart widens to the month the earliest of them began
    (:func:`events_per_month`), so the note says that instead.

    Parameters
    ----------
    events : DataFrame
        Needs ``year_start`` and ``date_start``.
    years : (int, int)
    months : (str, str), optional
        ``("YYYY-MM", "YYYY-MM")``.
    """
    if months:
        first = pd.Period(months[0], "M")
        count = int((events["date_start"] < first.start_time).sum())
        return (f"{count} event(s) in this view began before {first.strftime('%B %Y')} and last into the chosen "
                "months: the chart begins with the month the earliest of them began.") if count else None
    count = began_before(events, years[0])
    return (f"{count} event(s) in this view began before {years[0]} and last into the chosen years: they are "
            f"counted under \u201cbefore {years[0]}\u201d, never in {years[0]}.") if count else None


def _link_column(ids, link_base):
    return [item_link(i, link_base) for i in ids]


# 500 rows are more than a reader scrolls; at 10,000 events 2,000 rows were about 900 KB of every
# slider move (benchmarks/sizes.py). The downloads hold every row.
TABLE_ROWS = 500


def first_rows(table, limit=TABLE_ROWS):
    """Return the rows of ``table`` a page shows, and a sentence saying what was left out (or None).

    A table of tens of thousands of rows was most of a slider move's bytes and
    time (Arrow, 300-400 bytes a row, resent on every move): the page shows the
    first ``limit`` rows in the table's order and says so; the downloads hold all.

    Parameters
    ----------
    table : DataFrame
    limit : int
        Most rows shown.

    Returns
    -------
    (DataFrame, str or None)
    """
    total = table.attrs.get("rows_in_selection", len(table))  # a table built from the first rows only
    if total <= limit:
        return table, None
    return table.iloc[:limit], (f"The first {limit:,} of {total:,} rows are shown here, in the table's order; "
                                "the CSV and GeoJSON downloads below hold them all.")


def events_table(events, actors, reasons=None, link_base="", limit=None):
    """Return the selection as a readable table for the page.

    Dates are in words at their own precision; the place says how precisely it
    is known in words (``where_prec`` spelled out). ``reasons`` (aligned with
    ``events``, from :func:`atlas.view.search.match_reasons`) adds a ``matched``
    column; ``link`` is each event's own link (``?event=E029`` after ``link_base``).
    With ``limit``, only the first ``limit`` rows are built (the table's
    ``attrs["rows_in_selection"]`` keeps the selection's size for :func:`first_rows`).
    """
    total = len(events)
    if limit is not None and total > limit:
        events = events.iloc[:limit]
        reasons = None if reasons is None else list(reasons)[:limit]
    names = dict(zip(actors["id"], actors["short_name"]))
    table = pd.DataFrame(
        {
            "id": events["id"],
            "title": events["title"],
            "date": [format_date(s, e, p) for s, e, p in zip(events["date_start"], events["date_end"], events["date_prec"])],
            "place": events["place_name"].where(events["mapped"], "(no place in the article)"),
            "footnote": events["source_note"].str.replace(";", ", "),
            "quote": events["source_quote"],
            "place known to": [WHERE_PRECISION[int(p)] if m else "" for p, m in zip(events["where_prec"], events["mapped"])],
            "date known to": [date_precision_label(p) for p in events["date_prec"]],
            "layer": events["layer"],
            "actors": events["actor_ids"].map(lambda ids: ", ".join(names.get(i, i) for i in ids)),
            "deaths": events["deaths_best"],
            "strength": events["strength"],
            "link": _link_column(events["id"], link_base),
        }
    )
    if reasons is not None:
        table.insert(1, "matched", list(reasons))
    table = table.reset_index(drop=True)
    table.attrs["rows_in_selection"] = total
    return table


def flows_table(flows, actors, reasons=None, link_base=""):
    """Return the selected flows as a readable table, like :func:`events_table`."""
    names = dict(zip(actors["id"], actors["short_name"]))
    table = pd.DataFrame(
        {
            "id": flows["id"],
            "title": flows["title"],
            "date": [format_date(s, e, p) for s, e, p in zip(flows["date_start"], flows["date_end"], flows["date_prec"])],
            "from": flows["from_name"],
            "to": flows["to_name"],
            "footnote": flows["source_note"].str.replace(";", ", "),
            "quote": flows["source_quote"],
            "date known to": [date_precision_label(p) for p in flows["date_prec"]],
            "type": flows["flow_type"],
            "actors": flows["actor_ids"].map(lambda ids: ", ".join(names.get(i, i) for i in ids)),
            "magnitude": flows["magnitude"],
            "unit": flows["magnitude_unit"],
            "link": _link_column(flows["id"], link_base),
        }
    )
    if reasons is not None:
        table.insert(1, "matched", list(reasons))
    return table.reset_index(drop=True)


def describe_selection(selection, actors, all_actor_ids, all_layers):
    """Return a selection's years, actors, layers and search in words, for titles of exports.

    ``None`` for actors or layers, or all of them chosen, reads "all actors" / "all layers".
    """
    first, last = selection.years
    years = str(first) if first == last else f"{first}\u2013{last}"
    names = dict(zip(actors["id"], actors["short_name"]))
    if selection.actors is None or set(all_actor_ids) <= set(selection.actors):
        who = "all actors"
    else:
        chosen = [a for a in all_actor_ids if a in selection.actors]
        who = ", ".join(names.get(a, "no actor named") for a in chosen) or "no actors"
    if selection.layers is None or set(all_layers) <= set(selection.layers):
        layers = "all layers"
    else:
        layers = ", ".join(layer for layer in all_layers if layer in selection.layers) or "no layers"
    text = f"{years} \u00b7 {who} \u00b7 {layers}"
    return text + (f" \u00b7 search: {selection.text.strip()}" if selection.text.strip() else "")


def events_per_actor_year(events, actors, years):
    """Return events per actor and the year they begin (never a clipped one), long form, by short name.

    Every year label of :func:`year_bins` appears for every actor named, with 0 where empty.
    """
    names = dict(zip(actors["id"], actors["short_name"]))
    exploded = events.assign(actor=events["actor_ids"]).explode("actor").dropna(subset=["actor"])
    bins = year_bins(events["year_start"], years)
    exploded = exploded.assign(year=[year_label(y, years[0]) for y in exploded["year_start"]])
    counts = exploded.groupby(["actor", "year"]).size()
    grid = pd.MultiIndex.from_product([sorted(set(exploded["actor"])), bins], names=["actor", "year"])
    table = counts.reindex(grid, fill_value=0).rename("events").reset_index()
    table["actor"] = table["actor"].map(lambda a: names.get(a, a))
    return table
