"""Hostile text for the tests: strings that are markup somewhere, a Markdown oracle, and a hostile data copy.

Every string here is what a careless or hostile URL or data file could hold;
the atlas must show each one as the text it is. ``other.invalid`` is a host
that cannot exist (RFC 2606), so a request to it can only be a failure.
"""

import html
import re
import json
import shutil
from pathlib import Path

import pandas as pd
import yaml
from markdown_it import MarkdownIt

from atlas.markup import WORD_JOINER
from atlas.paths import ARTICLE_PATH, DATA_DIR, GEODATA_DIR

# (kind, text): one row per kind of markup that Streamlit (Markdown, GFM, its own
# directives), HTML or a spreadsheet would act on.
HOSTILE = [
    ("image", "![x](http://other.invalid/p.png)"),
    ("link", "[Get the corrected syllabus](https://other.invalid/login)"),
    ("reference link", "[syllabus][r] [r]: https://other.invalid/r"),
    ("angle autolink", "<https://other.invalid/auto>"),
    ("bare url", "see http://other.invalid/bare now"),
    ("bare www", "www.other.invalid"),
    ("e-mail", "mail me@other.invalid or mailto:me@other.invalid"),
    ("html image", '<img src="http://other.invalid/i.png" onerror="alert(1)">'),
    ("html script", "<script>alert(1)</script>"),
    ("entity", "&lt;img src=x&gt; &amp;"),
    ("inline math", "$x^2$ and $$\\int_0^1 x$$"),
    ("shortcodes", ":streamlit: :smile: :material/home:"),
    ("directive", ":red[red] :blue-background[blue] :small[small]"),
    ("emphasis", "**bold** _em_ ~~gone~~ `code`"),
    ("heading", "# Heading"),
    ("list", "- item"),
    ("ordered list", "1. item"),
    ("quote", "> quoted"),
    ("table", "| a | b |"),
    ("backslashes", "a\\b \\\\ c\\'d \\[e\\]"),
    ("typography", "a -> b <- c -- d >= e"),
    ("formula", "=HYPERLINK(\"http://other.invalid\",\"x\")"),
    ("non-Latin", "Курган-Тюбе, Qŭrghonteppa, \u201cquoted\u201d \u00b2"),
]
HOSTILE_TEXTS = [text for _, text in HOSTILE]
# Parts of a hostile text that may never be live in a page (as a link, image, request).
OUTSIDE = "other.invalid"

_md = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(["linkify", "table", "strikethrough"])
_md.linkify.set({"fuzzy_link": False, "fuzzy_email": True})
_md_html = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["linkify", "table", "strikethrough"])
_md_html.linkify.set({"fuzzy_link": False, "fuzzy_email": True})
_TAG = re.compile(r"<[^>]+>")
_UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*(\$|:[a-z][a-z0-9-]*\[)")  # math or a :directive[ not escaped
_SHORTCODE = re.compile(r":[\w+-][\w+-]*:")


def render(source, allow_html=False):
    """Return the HTML a CommonMark + GFM renderer makes of ``source``."""
    return (_md_html if allow_html else _md).render(source)


def as_text(source, allow_html=False):
    """Return what a reader sees of Markdown ``source``: tags dropped, entities and joiners removed."""
    return html.unescape(_TAG.sub("", render(source, allow_html))).replace(WORD_JOINER, "").strip()


def live_markup(source, allow_html=False):
    """Return the markup that is live in Markdown ``source`` (links, images, HTML, math, shortcodes); [] if none."""
    found = []
    rendered = render(source, allow_html)
    for tag in ("<a ", "<img", "<script", "<iframe", "<h1", "<h2", "<ul", "<ol", "<table", "<del", "<em>", "<code"):
        if tag in rendered:
            found.append(f"{tag.strip('<> ')} in {rendered[:200]!r}")
    text = html.unescape(_TAG.sub("", rendered))
    for match in _SHORTCODE.finditer(text):
        found.append(f"shortcode {match.group()}")
    if not allow_html:
        for match in _UNESCAPED.finditer(source):
            found.append(f"unescaped {match.group(1)!r}")
    return found


def write_hostile_data(root):
    """Write a valid copy of the data with hostile text in every free-text field; return env vars for it.

    Titles, descriptions and quotes of events and flows, actors' names and short
    names, the story's chapter titles and narratives, and zone names and aliases
    get hostile texts (each still within the rules: <= 40 words, one line where
    a line is expected). The quotes are appended to a copy of the article, so a
    verbatim check still passes. Returns ``{"ATLAS_DATA_DIR": ..., ...}``.
    """
    root = Path(root)
    data, geodata = root / "data", root / "geodata"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(GEODATA_DIR, geodata)
    quotes = []

    def rewrite_csv(name, columns):
        frame = pd.read_csv(data / name, dtype=str, keep_default_na=False)
        for i in range(len(frame)):
            for j, column in enumerate(columns):
                frame.loc[i, column] = f"{HOSTILE_TEXTS[(i + j) % len(HOSTILE_TEXTS)]} {frame.loc[i, 'id']}"
        if "source_quote" in frame:
            quotes.extend(frame["source_quote"])
        frame.to_csv(data / name, index=False)

    rewrite_csv("events.csv", ["title", "description", "source_quote"])
    rewrite_csv("flows.csv", ["title", "description", "source_quote"])
    rewrite_csv("actors.csv", ["short_name", "name"])
    story = yaml.safe_load((data / "story.yaml").read_text(encoding="utf-8"))
    for i, chapter in enumerate(story["chapters"]):
        chapter["title"] = HOSTILE_TEXTS[i % len(HOSTILE_TEXTS)]
        chapter["narrative"] = "\n\n".join(HOSTILE_TEXTS[i:i + 3]) + "\n"
    (data / "story.yaml").write_text(yaml.safe_dump(story, allow_unicode=True, sort_keys=False), encoding="utf-8")
    zones_path = geodata / "zones.geojson"
    zones = json.loads(zones_path.read_text(encoding="utf-8"))
    for i, feature in enumerate(zones["features"]):
        feature["properties"]["name"] = HOSTILE_TEXTS[(i + 1) % len(HOSTILE_TEXTS)]
        feature["properties"]["aliases"] = HOSTILE_TEXTS[(i + 2) % len(HOSTILE_TEXTS)].replace(";", ",")
    zones_path.write_text(json.dumps(zones, ensure_ascii=False), encoding="utf-8")
    article = root / "article.txt"
    source = Path(ARTICLE_PATH)
    original = source.read_text(encoding="utf-8") if source.exists() else ""
    article.write_text(original + "\n\n" + "\n\n".join(quotes) + "\n", encoding="utf-8")
    return {"ATLAS_DATA_DIR": str(data), "ATLAS_GEODATA_DIR": str(geodata), "ATLAS_ARTICLE": str(article)}
