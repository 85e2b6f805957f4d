"""The seminar story: shipped chapters are valid; a broken one is named by chapter and field."""

import pytest
import yaml

from atlas.paths import DATA_DIR
from atlas.story import chapter_selection, load_story
from atlas.validation import DataError


@pytest.fixture(scope="module")
def raw_story():
    return yaml.safe_load((DATA_DIR / "story.yaml").read_text(encoding="utf-8"))


def test_story_has_the_articles_arc(dataset):
    story = load_story(dataset)
    assert len(story) >= 8
    titles = " ".join(c.title for c in story)
    for word in ("1992", "Kunduz", "Tashkent", "201st", "14 July 1993", "1994", "peace", "Taliban"):
        assert word in titles
    assert all("(fn " in c.narrative for c in story)


def test_every_chapter_shows_something(dataset):
    from atlas.filters import select_events

    for chapter in load_story(dataset):
        assert len(select_events(dataset.events, chapter_selection(chapter))) > 0, chapter.title


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("highlight_events", ["E999"], "unknown event or flow 'E999'"),
        ("highlight_zones", ["atlantis"], "unknown zone 'atlantis'"),
        ("actors", ["martians"], "unknown actor 'martians'"),
        ("layers", ["battles"], "unknown layer 'battles'"),
        ("years", [1990, 1993], "must lie within the data's 1992-1997"),
        ("years", [1995, 1993], "must lie within"),
        ("years", "1993", "must be [first, last]"),
        ("zoom", 40, "whole number from 2 to 12"),
        ("center", "Dushanbe", "must be [lat, lon]"),
        ("title", "", "is empty"),
    ],
)
def test_broken_chapter_is_named(dataset, raw_story, tmp_path, field, value, message):
    raw = yaml.safe_load(yaml.safe_dump(raw_story))
    raw["chapters"][2][field] = value
    path = tmp_path / "story.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_story(dataset, path)
    problem = error.value.problems[0]
    assert problem.line == 3 and problem.column == field and message in problem.message
    assert "chapter 3" in str(problem)


@pytest.mark.parametrize("text, message", [("chapters: []", "non-empty list"), ("chapters: [", "not valid YAML")])
def test_broken_file(dataset, tmp_path, text, message):
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_story(dataset, path)
