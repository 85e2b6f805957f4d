"""Hostile URLs and hostile data in Chromium: no request leaves the machine, no link or image comes from input.

The ``watched_page`` fixture aborts and records every request to another host
and fails the test if there was one; here each page is also searched, frames
included, for links and images pointing away and for notices that hold any
link or image at all.
"""

import os
from unittest import mock
from urllib.parse import quote, urlencode

import pytest

from atlas.devserver import start_app
from atlas.markup import WORD_JOINER
from tests.hostile import HOSTILE_TEXTS, OUTSIDE, write_hostile_data

from .conftest import ARTIFACTS, map_frame

NOTICE = '[data-testid="stAlert"]'
CASES = [
    ("/", {"years": "![x](http://other.invalid/p.png)"}, "![x](http://other.invalid/p.png)"),
    ("/Seminar", {"chapter": "[Get the corrected syllabus](https://other.invalid/login)"},
     "[Get the corrected syllabus](https://ot"),
    ("/Analysis", {"belt": '<img src="http://other.invalid/i.png">'}, '<img src="http://other.invalid/i.png">'),
    ("/", {"actors": ":streamlit: $x^2$ www.other.invalid", "q": "![q](http://other.invalid/q.png)"},
     ":streamlit: $x^2$ www.other.invalid"),
    ("/Seminar", {"chapter": "\u00b2"}, "\u201c\u00b2\u201d"),
    ("/Analysis", {"belt": "\u00b2", "layers": "http://other.invalid/bare"}, "\u201c\u00b2\u201d"),
    ("/", {"years": "9" * 5000}, "\u201c999999999"),
]


def _away(page):
    """Return links and images, in the page and its frames, that point to another host."""
    found = []
    for frame in page.frames:
        try:
            found += frame.eval_on_selector_all(
                "a[href], img[src], image, link[href], iframe[src]",
                f"""els => els.map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('xlink:href') || '')
                              .filter(u => u.includes({OUTSIDE!r}))""",
            )
        except Exception:  # a frame that went away while we looked
            continue
    return found


def _notices(page):
    """Return (text, number of links and images inside) for each notice on the page."""
    return page.eval_on_selector_all(
        NOTICE, "els => els.map(e => [e.innerText, e.querySelectorAll('a, img, svg image, iframe').length])"
    )


@pytest.mark.parametrize("path, params, shown", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_hostile_parameters(watched_page, app_url, path, params, shown):
    page, watch = watched_page
    page.goto(f"{app_url}{path}?{urlencode(params, quote_via=quote)}")
    page.locator(NOTICE).first.wait_for(timeout=60_000)
    map_frame(page)  # the page has run to its map
    page.wait_for_timeout(500)
    notices = _notices(page)
    assert notices and all(count == 0 for _, count in notices), notices
    assert any(shown in text.replace(WORD_JOINER, "") for text, _ in notices), notices
    assert not any("Traceback" in text or "/work/" in text for text, _ in notices)
    assert _away(page) == []
    assert page.locator('[data-testid="stException"]').count() == 0
    assert watch.outside_requests == []


@pytest.fixture(scope="module")
def hostile_app_url(tmp_path_factory):
    env = write_hostile_data(tmp_path_factory.mktemp("hostile"))
    ARTIFACTS.mkdir(exist_ok=True)
    with mock.patch.dict(os.environ, env), open(ARTIFACTS / "streamlit-hostile.log", "w") as log:
        process, url = start_app(log=log)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize(
    "path", ["/?actors=russia,irp_uto,ru_border&q=" + quote(HOSTILE_TEXTS[5]), "/Seminar?chapter=1",
             "/Seminar?chapter=2", "/Analysis?actors=russia,irp_uto"],
    ids=["map", "seminar-1", "seminar-2", "analysis"],
)
def test_hostile_data(watched_page, hostile_app_url, path):
    page, watch = watched_page
    page.goto(f"{hostile_app_url}{path}")
    frame = map_frame(page)
    page.wait_for_timeout(1500)
    # Open every tooltip and popup the map holds: their HTML is where outside text would turn into requests.
    frame.evaluate("""() => { window.map.eachLayer(l => {
        try { if (l.getTooltip && l.getTooltip()) { l.openTooltip(); } } catch (e) {}
        if (l.getPopup && l.getPopup()) { l.openPopup(); }
    }); }""")
    if "Seminar" in path:
        # Open the chapter list: its options are the hostile titles (Streamlit shows options as plain text).
        page.locator('[data-testid="stSelectbox"] [role="combobox"]').first.click()
        page.locator('[role="option"]').first.wait_for(timeout=10_000)
        assert page.locator('[role="option"] a, [role="option"] img').count() == 0
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, "the hostile copy must be valid data"
    assert _away(page) == []
    assert watch.outside_requests == []
