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


def test_back_and_forward_step_through_chapters_and_filters(watched_page, app_url):
    """Back had rewritten the address at once: the chapter (or the years) on screen stayed, so Back did nothing."""
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=1")
    heading = page.locator("h1").first
    heading.wait_for(timeout=60_000)
    for number in (2, 3):
        page.get_by_role("button", name="Next").click()
        page.wait_for_function(f"() => location.search.includes('chapter={number}')", timeout=30_000)
    page.go_back()
    page.wait_for_function("() => document.querySelector('h1').textContent.startsWith('2.')", timeout=30_000)
    page.go_forward()
    page.wait_for_function("() => document.querySelector('h1').textContent.startsWith('3.')", timeout=30_000)
    assert "chapter=3" in page.url
    # The map page's years too: Back returns to the years before the slider moved.
    page.goto(f"{app_url}/?years=1993")
    thumb = page.get_by_role("slider").first
    thumb.wait_for(timeout=60_000)
    thumb.focus()
    page.keyboard.press("ArrowLeft")  # the first handle: 1992-1993
    page.wait_for_function("() => location.search.includes('years=1992-1993')", timeout=30_000)
    moved = page.url
    page.go_back()
    page.wait_for_function("() => /years=1993(&|$)/.test(location.search)", timeout=30_000)
    # (Streamlit's handles are <input type=range>: a check on [role=slider] found none and passed on nothing.)
    page.wait_for_function("""() => { const v = [...document.querySelectorAll('.st-key-years input[type=range]')]
        .map(s => s.value); return v.length === 2 && v.every(x => x === '1993'); }""", timeout=30_000)
    page.wait_for_timeout(1500)  # had the app rewritten the address, it would have done so by now
    assert "years=1993" in page.url and "1992" not in page.url and page.url != moved


def test_back_returns_the_analysis_belt_and_exact_switch(watched_page, app_url):
    # Back changed the address to belt=25 but the belt stayed at 30: the page read ?belt= once per session.
    page, _ = watched_page
    page.goto(f"{app_url}/Analysis?belt=25")
    thumb = page.locator(".st-key-belt_km input[type=range]")
    thumb.wait_for(state="attached", timeout=60_000)
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('belt=30')", timeout=30_000)
    page.get_by_text("Only places known exactly").click()
    page.wait_for_function("() => location.search.includes('exact=1')", timeout=30_000)
    page.go_back()
    page.wait_for_function("() => !location.search.includes('exact=1')", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('.st-key-exact_only input').checked", timeout=30_000)
    page.go_back()
    page.wait_for_function("() => location.search.includes('belt=25')", timeout=30_000)
    page.wait_for_function("() => document.querySelector('.st-key-belt_km input[type=range]').value === '25'", timeout=30_000)
    page.wait_for_timeout(1500)  # had the app rewritten the address, it would have done so by now
    assert "belt=25" in page.url


def test_filters_set_on_the_map_outlive_a_seminar_visit_with_chapter_changes(watched_page, app_url):
    # Re-assigning the kept widgets only on a page change lost them: Map (a layer removed) -> Seminar ->
    # Next, Next -> Map came back to all years and all layers (a helper's review).
    page, _ = watched_page
    page.goto(f"{app_url}/?years=1993-1994")
    layers = page.locator(".st-key-layers")
    layers.get_by_role("button").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the first runs' answers
    layers.get_by_role("button").first.click()  # the first chip's x: Incidents
    page.wait_for_function("() => location.search.includes('layers=')", timeout=30_000)
    page.wait_for_timeout(1000)
    kept = page.url.split("?", 1)[1]
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Seminar", exact=True).click()
    page.wait_for_function("() => location.pathname.endsWith('/Seminar')", timeout=30_000)
    for number in (2, 3):
        page.get_by_role("button", name="Next").click()
        page.wait_for_function(f"() => location.search.includes('chapter={number}')", timeout=30_000)
    nav.get_by_text("Map", exact=True).click()
    page.wait_for_function("() => !location.pathname.endsWith('/Seminar') && location.search.includes('years=')",
                           timeout=30_000)
    page.wait_for_timeout(1000)
    assert page.url.split("?", 1)[1] == kept


def test_an_opened_item_stays_in_the_address_across_pages_and_closes_on_analysis(watched_page, app_url):
    # After Map -> Analysis the notice still said "Showing event E029" but the address had lost
    # event=E029, so a copied address did not reproduce the screen; Analysis had no way to close it.
    page, _ = watched_page
    page.goto(f"{app_url}/?event=E029")
    page.get_by_text("Showing event E029").wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Analysis", exact=True).click()
    page.wait_for_function("() => location.pathname.endsWith('/Analysis')", timeout=30_000)
    page.get_by_text("outlined on the map").wait_for(timeout=30_000)
    page.wait_for_function("() => new URLSearchParams(location.search).get('event') === 'E029'", timeout=30_000)
    page.locator(".st-key-close_link_notice button:visible").click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('event')", timeout=30_000)
    page.get_by_text("Showing event E029").wait_for(state="detached", timeout=30_000)
    page.reload()  # the address no longer opens it
    page.locator("iframe").first.wait_for(timeout=60_000)
    page.wait_for_timeout(2000)
    assert page.get_by_text("Showing event E029").count() == 0


def _slider_values(page, key):
    return page.eval_on_selector_all(f".st-key-{key} [data-testid='stSliderThumbValue']", "els => els.map(e => e.innerText)")


def _wait_for_years(page, first, last):
    page.wait_for_function(f"""() => {{ const v = [...document.querySelectorAll('.st-key-years input[type=range]')]
        .map(s => s.value); return v.length === 2 && v[0] === '{first}' && v[1] === '{last}'; }}""", timeout=30_000)


def test_back_returns_to_the_unfiltered_view(watched_page, app_url):
    # Back from /?years=1993-1997 to / changed the address only: the slider and the map stayed on 1993-1997.
    page, _ = watched_page
    page.goto(app_url)
    thumb = page.locator(".st-key-years input[type=range]").first
    thumb.wait_for(state="attached", timeout=60_000)
    page.locator("iframe").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the first runs' answers
    thumb.focus()
    page.keyboard.press("ArrowRight")  # the first handle: 1993-1997
    page.wait_for_function("() => location.search.includes('years=1993-1997')", timeout=30_000)
    page.go_back()
    page.wait_for_function("() => !location.search.includes('years=')", timeout=30_000)
    _wait_for_years(page, 1992, 1997)
    page.go_forward()
    page.wait_for_function("() => location.search.includes('years=1993-1997')", timeout=30_000)
    _wait_for_years(page, 1993, 1997)


def test_a_years_move_that_widens_the_months_is_one_step_back(watched_page, app_url):
    # A years move that made narrowed months whole wrote the address twice (years, then months): two
    # history entries, and Back stopped between them on the new years with the old months.
    page, _ = watched_page
    page.goto(f"{app_url}/?years=1993&months=1993-02..1993-05")
    thumb = page.locator(".st-key-years input[type=range]").first
    thumb.wait_for(state="attached", timeout=60_000)
    page.locator("iframe").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    entries = page.evaluate("history.length")
    thumb.focus()
    page.keyboard.press("ArrowLeft")  # 1992-1993, the months whole again
    page.wait_for_function("() => location.search.includes('years=1992-1993') && !location.search.includes('months')",
                           timeout=30_000)
    page.wait_for_timeout(1500)  # a second write would have come by now
    assert page.evaluate("history.length") == entries + 1
    page.go_back()
    page.wait_for_function("() => location.search.includes('months=1993-02..1993-05')", timeout=30_000)
    _wait_for_years(page, 1993, 1993)
    page.wait_for_function("""() => [...document.querySelectorAll(".st-key-months [data-testid='stSliderThumbValue']")]
        .map(e => e.innerText).join() === '1993-02,1993-05'""", timeout=30_000)
    assert "years=1993" in page.url and "1992" not in page.url


def test_map_to_analysis_is_one_entry_besides_streamlit_s_own(watched_page, app_url):
    # The Analysis page's first run wrote the filters, then the belt: /Analysis, /Analysis?years=1994,
    # /Analysis?years=1994&belt=25, and the first Back on Analysis changed nothing on screen.
    page, _ = watched_page
    page.goto(f"{app_url}/?years=1994")
    page.locator(".st-key-years input[type=range]").first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(1500)  # the first runs' answers
    entries = page.evaluate("history.length")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Analysis", exact=True).click()
    page.wait_for_function("() => location.pathname.endsWith('/Analysis') && location.search.includes('belt=')",
                           timeout=30_000)
    page.wait_for_timeout(1500)  # a second write would have come by now
    assert page.evaluate("history.length") == entries + 2  # Streamlit's entry for the page, and ours
    assert "years=1994" in page.url
