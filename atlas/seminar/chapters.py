"""Text for the seminar page and the talk: a chapter's subtitle and the items it cites."""

from ..data.dates import format_date
from ..map.popups import place_text

__all__ = ["chapter_subtitle", "chapter_items"]


def _years(years):
    return str(years[0]) if years[0] == years[1] else f"{years[0]}\u2013{years[1]}"


def chapter_subtitle(chapter, actors):
    """Return the years and filters a chapter shows, in words."""
    names = dict(zip(actors["id"], actors["short_name"]))
    who = "all actors" if chapter.actors is None else ", ".join(names.get(a, a) for a in chapter.actors)
    what = "all layers" if chapter.layers is None else "layers: " + ", ".join(chapter.layers)
    return f"{_years(chapter.years)} \u00b7 {who} \u00b7 {what}"


def chapter_items(chapter, dataset):
    """Return the events and flows a chapter highlights, in its order, with what a lecturer cites.

    Returns
    -------
    list of dict
        ``id``, ``title``, ``when``, ``where``, ``quote`` and ``footnote`` (plain text).
    """
    events = dataset.events.set_index("id")
    flows = dataset.flows.set_index("id")
    items = []
    for item_id in chapter.highlight_events:
        if item_id in events.index:
            row = events.loc[item_id]
            where = place_text({**row.to_dict(), "place_id": row["place_id"]})
        else:
            row = flows.loc[item_id]
            where = f"from {row['from_name']} to {row['to_name']}"
        items.append(
            {
                "id": item_id,
                "title": row["title"],
                "when": format_date(row["date_start"], row["date_end"], row["date_prec"]),
                "where": where,
                "quote": row["source_quote"],
                "footnote": row["source_note"].replace(";", ", "),
            }
        )
    return items
