"""Popup HTML for events and flows: what, when, where, who, how many, and the cited quote.

Every piece of text from the data is HTML-escaped here, so a title such as
``<script>`` shows as text.
"""

from html import escape

import pandas as pd

from ..data.dates import date_precision_phrase, format_date

__all__ = ["CITATION", "event_popup_html", "flow_popup_html", "place_text", "figures_text", "actor_names"]

CITATION = 'Sethi, "Civil War in Tajikistan: Its Impact on Tajik-Russia Relations"'


def _given(value):
    return value is not None and not pd.isna(value) and value != ""


_WHERE_PHRASES = {
    1: "exact place",
    2: "near a named place",
    3: "known only to the district",
    4: "known only to the province or oblast",
    5: "known only to part of a country, or between places",
    6: "known only to the whole country",
    7: "over water or in airspace",
}


def place_text(row):
    """Return the place as the article names it, its modern name and how precise it is.

    For example ``"Kulyab (Kulyab oblast (1992)) \u2014 known only to the province or oblast"``;
    the words follow UCDP GED's ``where_prec`` (1-7).
    """
    if not row.get("place_id"):
        return "no place given in the article (not mapped)"
    text = row["place_name"]
    modern = row.get("place_modern", "")
    if modern and modern.casefold() != text.casefold():
        # A GeoNames place has a modern name; a derived one is a region the gazetteer describes.
        text += f" (today {modern})" if str(row.get("geonameid") or "").strip() else f" ({modern})"
    # In words: "where_prec 4" read as jargon to first-time readers, and "precision 6 of 7"
    # as a ranking. The code itself is in the table's CSV (where_prec).
    return f"{text} \u2014 {_WHERE_PHRASES[int(row['where_prec'])]}"


def figures_text(row):
    """Return deaths and strength in words, or ``""`` when the article gives none."""
    parts = []
    low, best, high = (row.get(c) for c in ("deaths_low", "deaths_best", "deaths_high"))
    if _given(best):
        deaths = f"{int(best):,} killed"
        if _given(low) and _given(high) and int(low) != int(high):
            deaths += f" (range {int(low):,}\u2013{int(high):,})"
        elif _given(low) and not _given(high) and int(low) == int(best):
            deaths = f"at least {int(low):,} killed"
        parts.append(deaths)
    if _given(row.get("wounded")):
        parts.append(f"{int(row['wounded']):,} wounded")
    if _given(row.get("strength")):
        parts.append(f"strength {int(row['strength']):,}")
    if _given(row.get("magnitude")):
        parts.append(f"{int(row['magnitude']):,} {row.get('magnitude_unit') or ''}".strip())
    return "; ".join(parts)


def actor_names(actor_ids, actors):
    """Return the short names of ``actor_ids``; unknown ids are shown as they are.

    ``actors`` is the actors table or, faster for many rows, a dict id -> short name.
    """
    names = actors if isinstance(actors, dict) else dict(zip(actors["id"], actors["short_name"]))
    return [names.get(actor_id, actor_id) for actor_id in actor_ids]


def _common_html(row, actors, where):
    date = format_date(row["date_start"], row["date_end"], row["date_prec"])
    lines = [
        f'<div class="atlas-popup" data-id="{escape(row["id"])}">',
        f"<h4>{escape(row['title'])}</h4>",
        f'<p class="atlas-when"><b>When:</b> {escape(date)} '
        f'<span class="atlas-prec">({escape(date_precision_phrase(row["date_prec"]))})</span></p>',
        f'<p class="atlas-where"><b>Where:</b> {escape(where)}</p>',
    ]
    names = actor_names(row["actor_ids"], actors)
    lines.append(f"<p><b>Actors:</b> {escape(', '.join(names)) if names else 'none named in the article'}</p>")
    figures = figures_text(row)
    if figures:
        lines.append(f"<p><b>Figures:</b> {escape(figures)}</p>")
    lines += [
        f'<p class="atlas-description">{escape(row["description"])}</p>',
        f'<blockquote class="atlas-quote">\u201c{escape(row["source_quote"])}\u201d</blockquote>',
        f'<p class="atlas-cite">{escape(CITATION)}, footnote {escape(row["source_note"].replace(";", ", "))}</p>',
        "</div>",
    ]
    return "\n".join(lines)


def event_popup_html(row, actors):
    """Return the popup HTML of one event.

    Parameters
    ----------
    row : mapping
        One row of the events table (a dict or a pandas Series).
    actors : pandas.DataFrame or dict
        The actors table, or a dict id -> short name.

    Returns
    -------
    str
    """
    return _common_html(row, actors, place_text(row))


def flow_popup_html(row, actors):
    """Return the popup HTML of one flow."""
    where = f"from {row['from_name']} to {row['to_name']}"
    return _common_html(row, actors, where)
