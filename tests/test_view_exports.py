"""A download that cannot be made is reported on the page, not lost in a silent no-op."""

import pytest
from streamlit.testing.v1 import AppTest

import ui
from atlas.paths import ROOT


def _fail():
    raise ValueError("$x^{$ could not parse")


def test_a_failing_maker_is_recorded_and_still_raises():
    failures = {}
    with pytest.raises(ValueError):
        ui.reported(_fail, "figure (PNG)", failures)()
    assert failures == {"figure (PNG)": "ValueError"}
    assert ui.reported(lambda: b"png", "figure (PNG)", failures)() == b"png"
    assert failures == {}  # a later success clears it


@pytest.mark.parametrize("page, stem", [("app.py", "atlas-map"), ("views/seminar.py", "atlas-chapter-1")])
def test_the_page_shows_the_failure(page, stem):
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.session_state[f"export_failures_{stem}"] = {"figure (PNG)": "ValueError"}
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("figure \\(PNG\\) of this view could not be made \\(ValueError\\)" in e for e in errors), errors
    assert not any("/work/" in e or "Traceback" in e for e in errors)
