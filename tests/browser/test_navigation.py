"""The sidebar names the three pages, whichever page a link opens first on a fresh server."""

import pytest

from atlas.devserver import start_app
from tests.browser.conftest import ARTIFACTS

EXPECTED = ["Map", "Seminar", "Analysis"]


@pytest.fixture
def fresh_app_url(request):
    # The fault showed only in a server's first session: a running server had
    # already learnt the pages from an earlier visit to "/".
    ARTIFACTS.mkdir(exist_ok=True)
    name = request.node.callspec.id.strip("/").split("?")[0]
    with open(ARTIFACTS / f"streamlit-first-{name}.log", "w") as log:
        process, url = start_app(log=log)
        yield url
        process.terminate()
        process.wait(timeout=20)


def _sidebar_labels(page):
    page.wait_for_selector('[data-testid="stSidebarNav"] a', timeout=60_000)
    return page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "els => els.map(e => e.innerText.trim())")


@pytest.mark.parametrize("path", ["/Analysis", "/Seminar?chapter=3"])
def test_sidebar_names_the_pages_when_a_link_opens_a_page_first(fresh_app_url, watched_page, path):
    # (fresh_app_url first: the page is closed before its server stops.)
    # With the page scripts in a `pages/` folder beside app.py, Streamlit fell back to
    # its old automatic navigation here: the sidebar said "app, Seminar, Analysis, map".
    page, _ = watched_page
    page.goto(f"{fresh_app_url}{path}")
    assert _sidebar_labels(page) == EXPECTED
    page.goto(fresh_app_url)
    assert _sidebar_labels(page) == EXPECTED


def test_the_filters_follow_the_reader_from_map_to_analysis_and_back(watched_page, app_url):
    # Going to Analysis by the sidebar emptied the actors and layers (/Analysis?actors=none&layers=none).
    page, _ = watched_page
    page.goto(f"{app_url}/?years=1993&layers=camp")
    page.wait_for_selector('[data-testid="stSidebarNav"] a', timeout=60_000)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Analysis", exact=True).click()
    page.wait_for_function("() => location.pathname.endsWith('/Analysis') && location.search.includes('years=1993')",
                           timeout=30_000)
    assert "layers=camp" in page.url and "actors=none" not in page.url
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Map", exact=True).click()
    page.wait_for_function("() => !location.pathname.endsWith('/Analysis') && location.search.includes('years=1993')",
                           timeout=30_000)
    assert "layers=camp" in page.url
