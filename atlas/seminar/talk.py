"""The seminar talk as one HTML page: a title slide, one slide per chapter, a closing slide.

The map's records are in the page once and each chapter is a selection of
them; a small script (``talk.js``) applies it, flies the map to the chapter's
frame, shows the chapter's cited items a page at a time (Next steps through
them before it leaves the chapter, so nothing scrolls at projector sizes) and
handles the keys of a presentation remote. The same page serves two uses:

* ``talk_html(..., embed=True)``: one self-contained file (scripts, styles,
  outlines inlined) that opens from disk with no network;
* ``talk_html(..., embed=False)``: the app's present mode, which points at the
  app's own copies of Leaflet and the outlines (``/app/static``).

Text from the data travels as JSON and is put into the page with
``textContent`` by the script, so it always shows as text.
"""

import json
import re
from pathlib import Path

from ..map.assets import inline_assets
from ..map.basemap import base_map
from ..map.layers import selection_group, zone_highlight_group
from ..map.mapdata import build_store, read_areas, selection_payload
from ..map.popups import CITATION
from ..map.viewport import frame_for_view, load_theatre
from ..paths import GEODATA_DIR
from ..view.filters import select_events, select_flows
from .chapters import chapter_items, chapter_subtitle
from .story import narrative_footnotes
from .story import chapter_selection

__all__ = ["ARTICLE", "AUTHOR", "LIMITS", "article_reference", "talk_slides", "chapter_footnotes", "talk_html", "with_notices"]

ARTICLE = "Civil War in Tajikistan: Its Impact on Tajik-Russia Relations"
AUTHOR = "Jajneswar Sethi"
LIMITS = (
    "Everything shown comes from one article: places and dates are only as precise as its text "
    "(vague places are drawn as areas), figures are the article's own, and what it does not mention is not on the map."
)
_HERE = Path(__file__).resolve().parent


def _numbers(text):
    return [int(n) for n in re.findall(r"\d+", text)]


def chapter_footnotes(chapter, items):
    """Return the footnote numbers a chapter cites, sorted: those in its narrative and its items'.

    Parameters
    ----------
    chapter : atlas.seminar.story.Chapter
    items : list of dict
        From :func:`atlas.seminar.chapters.chapter_items` (``footnote`` is ``"36, 37"`` text).
    """
    found = set(narrative_footnotes(chapter.narrative))
    for item in items:
        found.update(_numbers(str(item["footnote"])))
    return sorted(found)


def _reference(row):
    parts = [str(row.get("author") or "").strip(), f"\u201c{str(row.get('title') or '').strip()}\u201d"]
    parts += [str(row.get(c) or "").strip() for c in ("journal", "volume", "year", "pages")]
    return ", ".join(p for p in parts if p and p != "\u201c\u201d")


def article_reference(dataset):
    """Return the article(s) the data come from, as a reference line (from data/sources.csv when present)."""
    sources = getattr(dataset, "sources", None)
    if sources is not None and len(sources):
        return "; ".join(_reference(row) for row in sources.fillna("").to_dict("records"))
    return f"{AUTHOR}, \u201c{ARTICLE}\u201d"


def _frame(chapter):
    # The chapter's own view from data/story.yaml, if it gives one (else its selection's frame decides).
    if chapter.center is None:
        return None
    return {"center": [float(c) for c in chapter.center], "zoom": int(chapter.zoom)}


def _expected_markers(events):
    return sorted(events.loc[events["mapped"], "id"])


def talk_slides(dataset, story):
    """Return the talk as plain data: a title slide, one slide per chapter, a closing slide.

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
    story : list of atlas.seminar.story.Chapter

    Returns
    -------
    list of dict
        Each with ``kind`` (``"title"``, ``"chapter"`` or ``"closing"``) and its
        text; chapter slides also carry ``number``, ``frame``, ``items``,
        ``footnotes`` and ``markers`` (the ids of the events the map draws).
    """
    first, last = dataset.years
    mapped = int(dataset.events["mapped"].sum())
    title = {
        "kind": "title",
        "title": "The Tajik civil war and the Tajik-Afghan border, 1992\u20131997",
        "article": article_reference(dataset),
        "covers": [f"{c.number}. {c.title}" for c in story],
        "limits": LIMITS,
        "counts": (f"{len(dataset.events)} events ({mapped} with a place) and {len(dataset.flows)} flows, "
                   f"{first}\u2013{last}, each with its footnote and a quote from the article."),
    }
    slides = [title]
    cited = {}
    for chapter in story:
        selection = chapter_selection(chapter)
        events = select_events(dataset.events, selection)
        items = chapter_items(chapter, dataset)
        footnotes = chapter_footnotes(chapter, items)
        for number in footnotes:
            cited.setdefault(number, {"chapters": [], "items": []})["chapters"].append(chapter.number)
        for item in items:
            for number in _numbers(str(item["footnote"])):
                cited[number]["items"].append(f"{item['id']} {item['title']}")
        slides.append({
            "kind": "chapter",
            "number": chapter.number,
            "title": chapter.title,
            "subtitle": chapter_subtitle(chapter, dataset.actors),
            "narrative": chapter.narrative,
            "items": [{k: str(v) for k, v in item.items()} for item in items],
            "footnotes": footnotes,
            "source": f"Source: {CITATION}, footnotes {', '.join(map(str, footnotes))}." if footnotes
            else f"Source: {CITATION}.",
            "frame": _frame(chapter),
            "markers": _expected_markers(events),
        })
    slides.append({
        "kind": "closing",
        "title": "Footnotes the chapters cite",
        "article": f"All from {article_reference(dataset)}.",
        "footnotes": [
            {"number": number, "chapters": sorted(set(entry["chapters"])), "items": sorted(set(entry["items"]))}
            for number, entry in sorted(cited.items())
        ],
    })
    return slides


def _asset(name):
    return (_HERE / name).read_text(encoding="utf-8")


def _json_for_script(value):
    # Inside <script>, "</" could end the element early; JSON allows the escaped form.
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _chapter_rows(dataset, chapter):
    selection = chapter_selection(chapter)
    return select_events(dataset.events, selection), select_flows(dataset.flows, selection)


def _zone_groups(m, dataset, chapter):
    if not chapter.highlight_zones:
        return []
    group = zone_highlight_group(dataset.zones, chapter.highlight_zones)
    group.add_to(m)
    return [group.get_name()]


def _add_selections(m, dataset, story, slides, geodata_dir):
    """Each chapter as a selection of one store of records (atlas.map.mapdata), framed as on the map page."""
    areas = read_areas(geodata_dir)
    theatre = load_theatre(geodata_dir, dataset.zones, dataset.border)
    store = build_store(dataset.events, dataset.flows, dataset.actors, areas)
    for chapter, slide in zip(story, slides[1:-1]):
        events, flows = _chapter_rows(dataset, chapter)
        # A new key per chapter: the map flies to the chapter's frame inside the theatre, far places on its edge.
        frame = frame_for_view(dataset, events, flows, theatre, areas, chapter.highlight_events,
                               key=f"chapter-{chapter.number}", view=(chapter.center, chapter.zoom))
        mapped = events.loc[events["mapped"], ["id"]]
        slide["selection"] = selection_payload(store, mapped, flows, chapter.highlight_events, chapter.highlight_zones,
                                               frame)
        slide["groups"] = _zone_groups(m, dataset, chapter)
    # One selection layer brings the map's symbol scripts and the records into the page;
    # the talk then applies each chapter's selection to the same map (Atlas.select).
    events, flows = _chapter_rows(dataset, story[0])
    carrier = selection_group(store, events, flows, dataset.actors, story[0].highlight_events,
                              story[0].highlight_zones, slides[1]["selection"].get("frame"))
    carrier.add_to(m)
    return {"carrier": carrier.get_name()}


def talk_html(dataset, story, embed=True, start=0, parent_keys=False, geodata_dir=None, notices=()):
    """Return the talk as one HTML page.

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
    story : list of atlas.seminar.story.Chapter
    embed : bool
        True: a self-contained file (scripts, styles and outlines inlined; opens
        from ``file://`` with no network). False: the app's present mode, which
        loads them from the app (``/app/static``).
    start : int
        The slide shown first: 0 is the title slide, ``n`` chapter ``n``.
    geodata_dir : path-like, optional
        Where the theatre and the areas of vague places are (geodata/ by default).
    parent_keys : bool
        Also listen to keys in the page that holds this one (the app, where
        the talk sits in an iframe), and keep its ``?chapter=`` current.
    notices : sequence of str
        Messages about the address (a chapter that does not exist ...), shown
        as text in a banner on the slide until dismissed.

    Returns
    -------
    str
        A complete HTML document.
    """
    slides = talk_slides(dataset, story)
    view = {"location": story[0].center, "zoom": story[0].zoom} if story[0].center is not None else {}
    m = base_map(dataset, embed=embed, **view)  # the first chapter's selection then frames it
    config = {"map": m.get_name(), "slides": slides, "start": int(start), "parentKeys": bool(parent_keys),
              **_add_selections(m, dataset, story, slides, Path(geodata_dir or GEODATA_DIR))}
    page = m.get_root().render()
    if embed:
        page = inline_assets(page)
    style = f"<style>{_asset('talk.css')}</style>"
    script = f"<script>var ATLAS_TALK = {_json_for_script(config)};\n{_asset('talk.js')}</script>"
    page = page.replace("</head>", style + "\n</head>", 1)
    page = page.replace("<title>", "<title>Tajik Border Atlas \u00b7 seminar talk", 1) if "<title>" in page else \
        page.replace("<head>", "<head>\n<title>Tajik Border Atlas \u00b7 seminar talk</title>", 1)
    return with_notices(page.rstrip().removesuffix("</html>") + "\n" + script + "\n</html>\n", notices)


def with_notices(page, notices):
    """Return a talk page (from :func:`talk_html`) that shows ``notices`` in a banner until dismissed.

    Added to the finished page, so a page cached once serves every address
    (a notice quotes the visitor's own value and must not key a cache). The
    notices travel as JSON and are shown with ``textContent``, as text.
    """
    notices = [str(n) for n in notices]
    if not notices:
        return page
    script = f"<script>var ATLAS_TALK_NOTICES = {_json_for_script(notices)};</script>\n"
    return page.replace("<script>var ATLAS_TALK = ", script + "<script>var ATLAS_TALK = ", 1)
