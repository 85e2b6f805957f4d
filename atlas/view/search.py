"""Find events and flows by any word the article or the gazetteer uses for them.

One search covers titles, descriptions, quotes, actors (name, short name and
the aliases in ``data/actors.csv``), places (the article's spelling, the modern
name and the historic names in ``data/places.csv``) and footnote numbers
(``fn 61``). Matching ignores case and diacritics (``Kŭlob`` = ``Kulob``),
typographic quotes and hyphens, and says for every row why it matched.
"""

import re
import unicodedata
from functools import lru_cache

import pandas as pd

__all__ = ["normalize", "footnote_query", "match_reasons", "search_mask", "matching_names"]

_FOOTNOTE = re.compile(r"^(?:fn|footnote|note|n)\.?\s*(\d{1,3})$")
# Typographic marks a reader does not type: curly quotes and apostrophes, dashes, hyphens.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "`": "'", "\u201c": '"', "\u201d": '"',
    "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ", "_": " ",
})


@lru_cache(maxsize=65536)
def normalize(text):
    """Return ``text`` folded for matching: no diacritics, case, typographic quotes, hyphens or extra spaces.

    Examples
    --------
    >>> normalize("Kŭlob")
    'kulob'
    >>> normalize("Kurgan-Tyube")
    'kurgan tyube'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().translate(_FOLD).split())


def footnote_query(text):
    """Return the footnote number a query such as ``"fn 61"`` or ``"footnote 61"`` asks for, or None."""
    match = _FOOTNOTE.match(normalize(text))
    return int(match.group(1)) if match else None


def _split(value):
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _names(table, name_columns, display_column):
    """Return ``{id: (display name, [(normalized, original), ...])}`` from actors or places."""
    result = {}
    if table is None:
        return result
    for row in table.to_dict("records"):
        spellings = []
        for column in name_columns:
            for name in _split(row.get(column, "")):
                if normalize(name) not in [n for n, _ in spellings]:
                    spellings.append((normalize(name), name))
        result[row["id"]] = (row.get(display_column) or row["id"], spellings)
    return result


def _matched_spelling(query, display, spellings):
    """Return the reason text when ``query`` occurs in one of an actor's or place's spellings.

    The spelling named is the closest one: the query itself, else the shortest holding it.
    """
    found = [(normalized, original) for normalized, original in spellings if query in normalized]
    if not found:
        return None
    normalized, original = min(found, key=lambda s: (s[0] != query, len(s[0])))
    if normalize(display) == normalized:
        return display
    return f"{display} (as {original})"


def _row_place_ids(row):
    ids = [row.get("place_id"), row.get("from_place_id"), row.get("to_place_id"), *_split(row.get("via_place_ids"))]
    return [i for i in ids if i and isinstance(i, str)]


def _field_reasons(row, query, actors, places):
    reasons = []
    for column, label in (("title", "title"), ("description", "description"), ("source_quote", "quote")):
        if query in normalize(row.get(column) or ""):
            reasons.append(label)
    place_hit = False
    for place_id in _row_place_ids(row):
        if place_id in places:
            hit = _matched_spelling(query, *places[place_id])
            if hit:
                reasons.append(f"place {hit}")
                place_hit = True
    if not place_hit:
        for column in ("place_name", "place_modern", "from_name", "to_name"):
            value = row.get(column) or ""
            if isinstance(value, str) and query in normalize(value):
                reasons.append(f"place {value}")
                break
    for actor_id in row.get("actor_ids") or ():
        if actor_id in actors:
            hit = _matched_spelling(query, *actors[actor_id])
            if hit:
                reasons.append(f"actor {hit}")
    return reasons


def _footnotes(row):
    return {int(n) for n in _split(row.get("source_note")) if n.isdigit()}


def match_reasons(frame, text, actors=None, places=None):
    """Return, for every row, why it matches the search ``text`` (``""`` when it does not).

    The whole text is looked for in each field; if it is found in none, a row
    still matches when every word of it is found in some field. ``fn 61``
    (or ``footnote 61``) finds the rows citing footnote 61.

    Parameters
    ----------
    frame : DataFrame
        Events or flows as loaded (``title``, ``description``, ``source_quote``,
        ``source_note``, ``actor_ids`` and the place columns; missing ones are skipped).
    text : str
        What the reader typed.
    actors, places : DataFrame, optional
        ``data/actors.csv`` (``id``, ``name``, ``short_name``, ``aliases``) and
        ``data/places.csv`` (``id``, ``name``, ``aliases``); without them only the
        row's own text is searched.

    Returns
    -------
    pandas.Series of str
        Aligned with ``frame``: reasons joined by ``"; "``, e.g.
        ``"actor Jamiat-e-Islami (as Masood)"``, ``"quote"``, ``"footnote 61"``.
        An empty search gives ``""`` for every row although every row matches
        it: use :func:`search_mask` for the mask.
    """
    query = normalize(text)
    if not query:
        return pd.Series("", index=frame.index, dtype=object)
    footnote = footnote_query(text)
    if footnote is not None:
        reasons = [f"footnote {footnote}" if footnote in _footnotes(row) else "" for row in frame.to_dict("records")]
        return pd.Series(reasons, index=frame.index, dtype=object)
    actor_names = _names(actors, ("short_name", "name", "aliases"), "short_name")
    place_names = _names(places, ("name", "aliases"), "name")
    words = query.split(" ")
    reasons = []
    for row in frame.to_dict("records"):
        found = _field_reasons(row, query, actor_names, place_names)
        if not found and len(words) > 1:
            per_word = [_field_reasons(row, word, actor_names, place_names) for word in words]
            if all(per_word):
                found = [f"{word}: {', '.join(hits)}" for word, hits in zip(words, per_word)]
        reasons.append("; ".join(dict.fromkeys(found)))
    return pd.Series(reasons, index=frame.index, dtype=object)


def search_mask(frame, text, actors=None, places=None):
    """Return a boolean mask of the rows matching ``text``; all True for an empty search."""
    if not normalize(text):
        return pd.Series(True, index=frame.index)
    return match_reasons(frame, text, actors, places) != ""


def matching_names(text, actors=None, places=None):
    """Return the actors and places whose names or aliases hold ``text``, as ``["place Panj (as Pyandzh)", ...]``.

    Lets an empty result say that the name is known although nothing selected is tied to it.
    """
    query = normalize(text)
    if not query or footnote_query(text) is not None:
        return []
    found = []
    for kind, names in (("actor", _names(actors, ("short_name", "name", "aliases"), "short_name")),
                        ("place", _names(places, ("name", "aliases"), "name"))):
        for display, spellings in names.values():
            hit = _matched_spelling(query, display, spellings)
            if hit:
                found.append(f"{kind} {hit}")
    return found
