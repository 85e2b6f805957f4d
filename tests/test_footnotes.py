"""Every footnote of the article, 1-73, is accounted for: a row, a chapter or a documented exclusion."""

import re

import pytest
import yaml

from atlas import schema
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
