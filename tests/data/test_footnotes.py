"""Every footnote of the article, 1-73, is accounted for: a row, a chapter or a documented exclusion."""

import re

import pytest
import yaml

from atlas.data import schema
from atlas.data.quotes import normalise_text
from atlas.paths import DATA_DIR

_EXCLUDED_LINE = re.compile(r"^- fn (\d+): (.{10,})$")
_CHAPTER_NOTE = re.compile(r"\bfn (\d+)\b")


def _excluded():
    """Return {footnote: reason} from the list of excluded footnotes in data/README.md."""
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("### Footnotes left out", 1)[1].split("\n#", 1)[0]
    found = {}
    for line in section.splitlines():
        match = _EXCLUDED_LINE.match(line.strip())
        if match:
            found[int(match.group(1))] = match.group(2)
    return found


def _cited_by_rows(dataset):
    notes = set()
    for frame in (dataset.events, dataset.flows):
        for value in frame["source_note"]:
            notes |= {int(part) for part in value.split(";")}
    return notes


def _cited_by_chapters():
    story = yaml.safe_load((DATA_DIR / "story.yaml").read_text(encoding="utf-8"))
    return {int(n) for chapter in story["chapters"] for n in _CHAPTER_NOTE.findall(chapter["narrative"])}


@pytest.mark.parametrize("footnote", range(1, schema.MAX_FOOTNOTE + 1))
def test_footnote_is_accounted_for(dataset, footnote):
    assert (
        footnote in _cited_by_rows(dataset) or footnote in _cited_by_chapters() or footnote in _excluded()
    ), f"footnote {footnote}: no row, chapter or exclusion in data/README.md accounts for it"


def test_excluded_footnotes_are_not_also_cited_by_rows(dataset):
    # An exclusion says the article's passage gives nothing to map; a row citing it contradicts that.
    assert set(_excluded()) & _cited_by_rows(dataset) == set()


def test_the_exclusion_list_is_read():
    assert len(_excluded()) >= 10


def _with_footnote_marks(article_text):
    """Return the article's text normalised, each footnote number written ``[[fn N]]``."""
    lines = [line for line in article_text.splitlines() if line.strip()]
    marked = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        # A number alone on its line is a footnote, unless a superscript ordinal follows ("201" + "st").
        if re.fullmatch(r"\s*\d{1,2}\s*", line) and not re.match(r"\s*(st|nd|rd|th)\b", following):
            marked.append(f" [[fn {line.strip()}]] ")
        else:
            marked.append(line)
    return normalise_text("\n".join(marked))


@pytest.mark.parametrize("table", ["events", "flows"])
def test_each_row_cites_the_first_footnote_after_its_quote(dataset, article_text, table):
    # The footnote that closes the passage is the first one after the quote; a row whose
    # passage has none of its own cites the next one and says so in its description.
    text = _with_footnote_marks(article_text)
    wrong = []
    for row in getattr(dataset, table).itertuples():
        words = normalise_text(row.source_quote).split()
        pattern = r"\s*(?:\[\[fn \d+\]\]\s*)?".join(re.escape(word) for word in words)
        found = re.search(pattern, text)
        following = re.search(r"\[\[fn (\d+)\]\]", text[found.end():]) if found else None
        if not following or following.group(1) != row.source_note.split(";")[-1]:
            wrong.append((row.id, row.source_note, following.group(1) if following else None))
    assert wrong == []
