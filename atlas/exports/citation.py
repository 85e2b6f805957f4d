"""Citations of an item or a view, as plain text and BibTeX, from the bibliography ``data/sources.csv``.

A source record holds ``id``, ``author``, ``title``, ``journal``, ``volume``,
``year``, ``pages`` and ``url``; empty fields are left out, so a citation never
says more than the bibliography knows. Pure functions of plain values.
"""

import re

import pandas as pd

__all__ = [
    "SOURCE_FIELDS",
    "item_link",
    "source_for",
    "source_text",
    "item_citation_text",
    "view_citation_text",
    "bibtex",
    "footnote_list",
    "read_sources",
]

SOURCE_FIELDS = ("id", "author", "title", "journal", "volume", "year", "pages", "url")
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")


def _field(source, name):
    value = (source or {}).get(name, "")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def read_sources(path):
    """Read the bibliography ``data/sources.csv`` into ``{id: record}``; ``{}`` when the file is absent.

    Raises
    ------
    atlas.data.validation.DataError
        If the file exists but cannot be read as CSV (naming the file).
    """
    from pathlib import Path

    from ..data.loading import read_table

    if not Path(path).exists():
        return {}
    table = read_table(path)
    return {row["id"]: {f: row.get(f, "") for f in SOURCE_FIELDS} for row in table.to_dict("records") if row.get("id")}


def item_link(item_id, base=""):
    """Return the link that opens the map on one item: ``base + "?event=E029"`` (``?flow=`` for ``F...`` ids)."""
    kind = "flow" if str(item_id).startswith("F") else "event"
    return f"{base}?{kind}={item_id}"


def source_for(row, sources):
    """Return the source record an event or flow cites, or None.

    Parameters
    ----------
    row : mapping
        An event or flow; its ``source_id`` names a row of ``sources``. Without
        one (data older than the bibliography), the only source, if there is exactly one.
    sources : mapping of str to mapping
        Source id -> record.
    """
    source_id = _field(row, "source_id")
    if source_id:
        return sources.get(source_id)
    return next(iter(sources.values())) if len(sources) == 1 else None


def _authors(source):
    return [a.strip() for a in _field(source, "author").split(";") if a.strip()]


def _inverted(author):
    # "Jajneswar Sethi" -> "Sethi, Jajneswar"; "Sethi, Jajneswar" stays.
    if "," in author or " " not in author:
        return author
    first, last = author.rsplit(" ", 1)
    return f"{last}, {first}"


def source_text(source):
    """Return a source as one plain-text reference, only with the fields it has.

    Examples
    --------
    >>> source_text({"author": "Jajneswar Sethi", "title": "Civil War in Tajikistan"})
    'Sethi, Jajneswar. \u201cCivil War in Tajikistan.\u201d'
    """
    parts = []
    authors = _authors(source)
    if authors:
        names = [_inverted(authors[0]), *authors[1:]]
        parts.append(" and ".join(names).rstrip(".") + ".")
    title = _field(source, "title")
    if title:
        parts.append(f"\u201c{title.rstrip('.')}.\u201d")
    journal, volume, year, pages = (_field(source, f) for f in ("journal", "volume", "year", "pages"))
    venue = " ".join(p for p in (journal, volume) if p)
    if year:
        venue = f"{venue} ({year})" if venue else year
    if pages:
        venue = f"{venue}: {pages}" if venue else f"pp. {pages}"
    if venue:
        parts.append(venue + ".")
    url = _field(source, "url")
    if url:
        parts.append(url)
    return " ".join(parts)


def footnote_list(notes):
    """Return the footnote numbers of ``notes`` (strings like ``"61"`` or ``"45;46"``), sorted and unique."""
    numbers = {int(n) for note in notes for n in str(note or "").split(";") if n.strip().isdigit()}
    return sorted(numbers)


def _footnotes_words(numbers):
    if not numbers:
        return ""
    return ("footnote " if len(numbers) == 1 else "footnotes ") + ", ".join(str(n) for n in numbers)


def item_citation_text(row, source, link=""):
    """Return the citation of one event or flow: its quote, the source with the footnote, the atlas record.

    Parameters
    ----------
    row : mapping
        ``id``, ``title``, ``source_note``, ``source_quote``.
    source : mapping or None
        Its record in ``data/sources.csv``; None gives the footnote alone.
    link : str
        The item's link (see :func:`item_link`), or ``""``.
    """
    footnotes = _footnotes_words(footnote_list([_field(row, "source_note")]))
    reference = source_text(source) if source else ""
    lines = []
    quote = _field(row, "source_quote")
    if quote:
        lines.append(f"\u201c{quote}\u201d")
    cited = " ".join(p for p in (reference, footnotes[:1].upper() + footnotes[1:] + "." if footnotes else "") if p)
    if cited:
        lines.append(cited)
    kind = "flow" if str(_field(row, "id")).startswith("F") else "event"
    record = f"Tajik Border Atlas, {kind} {_field(row, 'id')}: {_field(row, 'title')}."
    lines.append(f"{record} {link}".strip())
    return "\n".join(lines)


def view_citation_text(subtitle, events, flows, sources, link=""):
    """Return the citation of a view: what it selects, its link, and each source with the footnotes used.

    ``events`` and ``flows`` are the selected rows (``source_note`` and, when
    the bibliography is in place, ``source_id``); ``sources`` maps id -> record.
    """
    # Each distinct (source, footnote) pair once: a view of 100,000 events cites a handful.
    rows = [*_citing_pairs(events), *_citing_pairs(flows)]
    lines = [f"Tajik Border Atlas: {subtitle} ({len(events)} event(s), {len(flows)} flow(s)). {link}".strip()]
    by_source = {}
    for row in rows:
        source = source_for(row, sources)
        key = _field(source, "id") if source else ""
        by_source.setdefault(key, (source, []))[1].append(_field(row, "source_note"))
    for source, notes in by_source.values():
        footnotes = _footnotes_words(footnote_list(notes))
        reference = source_text(source) if source else "A source not in the bibliography."
        lines.append(f"Source: {reference}" + (f" {footnotes[:1].upper() + footnotes[1:]}." if footnotes else ""))
    return "\n".join(lines)


def _citing_pairs(frame):
    columns = [c for c in ("source_id", "source_note") if c in frame]
    if not columns:
        return [{}] if len(frame) else []
    return frame[columns].drop_duplicates().to_dict("records")


def _bibtex_escape(text):
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), text)


def _bibtex_key(source, suffix=""):
    authors = _authors(source)
    surname = _inverted(authors[0]).split(",")[0] if authors else ""
    base = re.sub(r"[^A-Za-z0-9]", "", surname).lower() or re.sub(r"[^A-Za-z0-9_]", "", _field(source, "id")) or "source"
    year = _field(source, "year")
    key = base + (re.sub(r"\D", "", year) if year else "")
    return key + (f"_{suffix}" if suffix else "")


def bibtex(source, row=None, link=""):
    """Return a BibTeX entry for a source, or for one item of it (footnote and atlas record in ``note``).

    ``@article`` when the record names a journal, ``@misc`` otherwise; empty
    fields are left out. Text is escaped for BibTeX (``&``, ``%``, ``{`` ...).
    """
    kind = "article" if _field(source, "journal") else "misc"
    suffix = re.sub(r"[^A-Za-z0-9]", "", _field(row, "id")) if row is not None else ""
    fields = []
    authors = _authors(source)
    if authors:
        fields.append(("author", " and ".join(_inverted(a) for a in authors)))
    title = _field(source, "title")
    if title:
        fields.append(("title", "{" + _bibtex_escape(title) + "}"))
    for name in ("journal", "volume", "year"):
        if _field(source, name):
            fields.append((name, _bibtex_escape(_field(source, name))))
    pages = _field(source, "pages")
    if pages:
        fields.append(("pages", re.sub(r"\s*[-\u2013]+\s*", "--", pages)))
    url = _field(source, "url")
    if url:
        fields.append(("url", url.replace("}", "%7D").replace("{", "%7B")))
    if row is not None:
        footnotes = _footnotes_words(footnote_list([_field(row, "source_note")]))
        note = f"{footnotes[:1].upper() + footnotes[1:]}; " if footnotes else ""
        record = f"Tajik Border Atlas, {'flow' if suffix.startswith('F') else 'event'} {_field(row, 'id')}"
        note += record + (f", {link}" if link else "")
        fields.append(("note", _bibtex_escape(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{_bibtex_key(source, suffix)},\n{body}\n}}"
