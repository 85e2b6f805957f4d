"""Drive the seminar page with AppTest: every chapter, next/previous, ?chapter=N, bad numbers."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT

PAGE = str(ROOT / "views" / "seminar.py")


def _page(chapter=None):
    at = AppTest.from_file(PAGE, default_timeout=60)
    if chapter is not None:
        at.query_params["chapter"] = chapter
    return at.run()


@pytest.mark.parametrize("number", range(1, 9))
def test_every_chapter_renders(number):
    at = _page(str(number))
    assert not at.exception
    assert at.title[0].value.startswith(f"{number}\\. ")
    assert not at.warning


def test_next_and_previous_move_through_chapters():
    at = _page()
    assert at.title[0].value.startswith("1\\. ")
    at.button(key="next_chapter").click().run()
    at.button(key="next_chapter").click().run()
    assert at.title[0].value.startswith("3\\. ")
    assert at.query_params["chapter"] in ("3", ["3"])
    at.button(key="previous_chapter").click().run()
    assert at.title[0].value.startswith("2\\. ")


def test_chapter_list_jumps():
    at = _page()
    at.selectbox(key="chapter").set_value(7).run()
    assert at.title[0].value.startswith("7\\. ")


@pytest.mark.parametrize("bad", ["0", "99", "abc", "-1"])
def test_unknown_chapter_gives_a_notice_and_chapter_one(bad):
    at = _page(bad)
    assert not at.exception
    assert at.title[0].value.startswith("1\\. ")
    assert "no chapter" in at.warning[0].value


def test_present_mode_from_the_url_shows_the_talk_alone():
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["chapter"] = "3"
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert not at.title  # the talk draws its own title, inside its frame
    assert not at.toggle  # left with the talk's own button, which keeps the chapter


def test_present_toggle_turns_present_mode_on():
    at = _page("2")
    at.toggle(key="present").set_value(True).run()
    assert not at.exception
    assert at.query_params["present"] in ("1", ["1"])
    assert not at.title


def test_the_whole_talk_downloads():
    at = _page("1")
    labels = [button.label for button in at.get("download_button")]
    assert "Download the talk (HTML)" in labels and "Download the talk (PDF)" in labels


def test_filters_in_a_seminar_link_are_named_and_dropped():
    """``/Seminar?chapter=5&years=1992&layers=camp`` showed chapter 5 and kept years and layers in the link, unsaid."""
    at = _page("5")
    at.query_params["years"] = "1992"
    at.query_params["layers"] = "camp"
    at.run()
    assert not at.exception
    assert at.title[0].value.startswith("5\\. ")
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert len(shown) == 1 and "Ignored \u201cyears\u201d, \u201clayers\u201d" in shown[0]
    assert "each chapter sets its own years" in shown[0]
    assert dict(at.query_params) in ({"chapter": "5"}, {"chapter": ["5"]})
    at.button(key="next_chapter").click().run()
    assert not at.warning  # said once


def test_filters_in_a_present_link_are_named_inside_the_talk():
    at = AppTest.from_file(PAGE, default_timeout=60)
    for name, value in (("chapter", "5"), ("present", "1"), ("years", "1992")):
        at.query_params[name] = value
    at.run()
    assert not at.exception and not at.warning  # a warning above the talk would push the slide down
    talk = next(e for e in at.main if getattr(e, "type", None) == "iframe")
    assert "Ignored \u201cyears\u201d" in talk.proto.srcdoc


def test_an_ignored_present_value_leaves_the_address():
    at = _page("3")
    at.query_params["present"] = "2"
    at.run()
    assert not at.exception
    assert [w for w in at.warning if "present" in w.value]
    assert "present" not in at.query_params and at.title[0].value.startswith("3\\. ")
