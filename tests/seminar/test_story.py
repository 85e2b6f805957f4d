"""The seminar story: shipped chapters are valid; a broken one is named by chapter and field."""

import pytest
import yaml

from atlas.paths import DATA_DIR
from atlas.seminar.story import chapter_selection, load_story
from atlas.data.validation import DataError


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
    from atlas.view.filters import select_events

    for chapter in load_story(dataset):
        assert len(select_events(dataset.events, chapter_selection(chapter))) > 0, chapter.title


# One row per bad chapter field: (field, value, expected message fragment, rule).
BAD_CHAPTERS = [
    ("highlight_events", ["E999"], "unknown event or flow 'E999'", "R43"),
    ("highlight_events", [7], "is not an id written as text", "R41"),
    ("highlight_zones", ["atlantis"], "unknown zone 'atlantis'", "R43"),
    ("actors", ["martians"], "unknown actor 'martians'", "R43"),
    ("actors", "martians", "must be a list of actor ids or 'all'", "R41"),
    ("layers", ["battles"], "unknown layer 'battles'", "R43"),
    ("years", [1990, 1993], "must lie within the data's", "R41"),
    ("years", [1995, 1993], "must lie within", "R41"),
    ("years", "1993", "must be [first, last]", "R41"),
    ("years", [True, 1993], "must be [first, last]", "R41"),
    ("years", [1993.5, 1994], "must be [first, last]", "R41"),
    ("zoom", 40, "whole number from 2 to 12", "R41"),
    ("zoom", True, "whole number from 2 to 12", "R41"),
    ("zoom", "7", "whole number from 2 to 12", "R41"),
    ("center", "Dushanbe", "must be [lat, lon]", "R42"),
    ("center", [38.5], "must be [lat, lon]", "R42"),
    ("center", [91.0, 69.0], "latitude -90..90", "R42"),
    ("center", [38.0, 181.0], "longitude -180..180", "R42"),
    ("center", [float("nan"), 69.0], "must be finite", "R42"),
    ("center", [float("inf"), 69.0], "must be finite", "R42"),
    ("center", ["38", "69"], "must be [lat, lon]", "R42"),
    ("center", None, "zoom and center go together", "R42"),  # a zoom alone: nothing to centre it on
    ("zoom", None, "center and zoom go together", "R42"),
    ("title", "", "is empty", "R41"),
    ("title", 1993, "must be text, not int", "R41"),
    ("title", ["a", "b"], "must be text, not list", "R41"),
    ("narrative", {"a": 1}, "must be text, not dict", "R41"),
    ("hightlight_events", ["E001"], "is not a chapter field", "R41"),
    ("narrative", "The border burns (fn 999) (fn 0) (fn 36).", "cites footnote 0, 999; the article's footnotes are 1-73",
     "R41"),
]


@pytest.mark.parametrize("field, value, message, rule", BAD_CHAPTERS)
def test_broken_chapter_is_named(dataset, raw_story, tmp_path, field, value, message, rule):
    raw = yaml.safe_load(yaml.safe_dump(raw_story))
    if field in ("center", "zoom"):  # the two go together: the other one given and valid
        raw["chapters"][2].update(center=[38.0, 69.0], zoom=7)
    raw["chapters"][2][field] = value
    path = tmp_path / "story.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_story(dataset, path)
    problem = error.value.problems[0]
    assert problem.row_id == "3" and problem.column == field and message in problem.message, problem
    assert problem.rule == rule
    # The physical line of the field in the file, not the chapter's number.
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].lstrip(" -").startswith(f"{field}:"), (problem.line, lines[problem.line - 1])
    assert "chapter 3" in str(problem) and f"line {problem.line}" in str(problem)


_BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
) + "chapters: *i\n"

# One row per broken story file: (bytes, expected message fragment, rule).
BAD_STORY_FILES = [
    (b"chapters: []", "non-empty list", "R40"),
    (b"chapters: [", "not valid YAML", "R40"),
    (b"- just\n- a list\n", "non-empty list", "R40"),
    (b"chapters:\n  - 42\n", "is not a mapping of fields", "R40"),
    (b"title: x\nchapters:\n  - title: \xff\xfe broken\n", "is not UTF-8 text: byte 0xff on line 3", "R02"),
    (b"chapters:\n  - title: a\x00b\n", "control character U+0000", "R03"),
    (_BILLION_LAUGHS.encode(), "aliases (*name) are not allowed", "R40"),
    (b"base: &base {zoom: 5}\nchapters:\n  - <<: *base\n    title: x\n", "aliases (*name) are not allowed", "R40"),
    (b"chapters:\n" + b"  - title: x\n" * 80_000, "a story is at most", "R40"),
    (None, "is a folder, not a file", "R01"),
    # YAML keeps the last of two equal keys and drops the first without a word (a tester's inputs, 2026-12-05).
    (b"chapters:\n  - title: a\nchapters:\n  - title: b\n", "is given twice in one mapping (lines 1 and 3)", "R40"),
    (b"chapters:\n  - title: a\n    years: [1993, 1993]\n    years: [1992, 1992]\n", "is given twice", "R40"),
    (b"chapterz:\n  - title: a\nchapters:\n  - title: a\n", "is not a story field", "R40"),
]


def test_a_key_given_twice_in_a_chapter_names_the_chapter(dataset, tmp_path):
    path = tmp_path / "story.yaml"
    path.write_text("chapters:\n  - title: a\n  - title: b\n    zoom: 6\n    zoom: 7\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_story(dataset, path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}, line 5 (chapter 2), column 'zoom': is given twice in one mapping (lines 4 and 5): "
        "YAML would keep only the second [R40]"]


@pytest.mark.parametrize("content, message, rule", BAD_STORY_FILES)
def test_broken_file(dataset, tmp_path, content, message, rule):
    path = tmp_path / "story.yaml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(DataError) as error:
        load_story(dataset, path)
    assert any(message in p.message and p.rule == rule for p in error.value.problems), error.value.problems


def test_alias_error_names_the_line(dataset, tmp_path):
    path = tmp_path / "story.yaml"
    path.write_text(_BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_story(dataset, path)
    assert error.value.problems[0].line == 2  # the first alias


def test_a_wrong_center_and_a_wrong_zoom_are_both_named(dataset, raw_story, tmp_path):
    raw = yaml.safe_load(yaml.safe_dump(raw_story))
    raw["chapters"][2].update(center="Dushanbe", zoom=40)
    path = tmp_path / "story.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_story(dataset, path)
    assert sorted((p.column, p.rule) for p in error.value.problems) == [("center", "R42"), ("zoom", "R41")]
