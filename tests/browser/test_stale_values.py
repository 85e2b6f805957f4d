"""No run undoes what the server has just set with values the browser sent before it had the answer.

Every run carries every widget value the browser holds when it asks. Sent before
the browser has the server's last answer, those values are older than the server's
(``ui.filters._undo_stale_values``): in a run the page asks for itself (the drawn
map's report) any filter, in a reader's run the months the server made whole. Here
the report is held back in the page and the server's answers on the websocket, so
each race is run the same way every time.
"""

from urllib.parse import parse_qs, urlparse

from .conftest import HeldServer

# In the page (not the map's frame): the map's "drawn" report is kept until released.
HOLD_REPORT = """
if (window === window.top) {
  window.__held = []; window.__holding = true;
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (window.__holding && data && data.type === "streamlit:setComponentValue" && data.value && data.value.drawn) {
      event.stopImmediatePropagation();
      window.__held.push(event);
    }
  }, true);
  window.__release = () => {
    window.__holding = false;
    for (const e of window.__held.splice(0)) {
      window.dispatchEvent(new MessageEvent("message", {data: e.data, origin: e.origin, source: e.source}));
    }
  };
}
"""
SLIDER_VALUES = "key => [...document.querySelectorAll(`.st-key-${key} input[type=range]`)].map(s => s.value)"


def _address(page):
    return {name: values[-1] for name, values in parse_qs(urlparse(page.url).query).items()}


def _settled(page, seconds=2.0):
    page.wait_for_timeout(seconds * 1000)  # had a late run changed the view, it would have by now


def _answered(page):
    """Wait until the page has the answer to its last run (a loaded machine can take seconds)."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)


def _moved_with_the_report_held(page, app_url):
    """Open ``/?years=1993`` with the drawn map's report held, move to 1992-1993 and wait for the answer."""
    server = HeldServer(page)
    page.add_init_script(HOLD_REPORT)
    page.goto(f"{app_url}/?years=1993")
    page.wait_for_function("() => window.__held && window.__held.length > 0", timeout=60_000)
    thumb = page.locator(".st-key-years input[type=range]").first
    thumb.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('years=1992-1993')", timeout=30_000)
    _answered(page)
    return server


def _assert_back_shown(page):
    page.wait_for_function(f"() => ({SLIDER_VALUES})('years').every(v => v === '1993')", timeout=30_000)
    _settled(page)
    assert _address(page).get("years") == "1993", page.url
    assert page.evaluate(SLIDER_VALUES, "years") == ["1993", "1993"]


def _move_left_with_the_answer_held(page, server):
    server.held = True
    thumb = page.locator(".st-key-years input[type=range]").first
    thumb.focus()
    page.keyboard.press("ArrowLeft")


def _assert_whole_years_1992_1993(page):
    page.wait_for_function("() => location.search.includes('years=1992-1993')", timeout=30_000)
    _settled(page)
    assert "months" not in _address(page), page.url
    months = page.locator(".st-key-months [data-testid='stSliderThumbValue']").all_inner_texts()
    assert months[:1] == ["1992-01"], months


def test_the_drawn_map_s_report_before_back_s_own_request_does_not_undo_back(watched_page, app_url):
    # An order a loaded machine can give: the report reaches the server first (and shows
    # the address), then Back's own request.
    page, _ = watched_page
    server = _moved_with_the_report_held(page, app_url)
    server.held = server.requests_held = True
    page.go_back()
    page.wait_for_function("() => location.search.includes('years=1993') && !location.search.includes('1992')")
    page.evaluate("() => window.__release()")
    for _ in range(100):
        if len(server.requests) >= 2:
            break
        page.wait_for_timeout(50)
    assert len(server.requests) >= 2, "Back's request and the report were not both held: the test would prove nothing"
    server.send_requests([1, 0], page, gap_ms=1500)  # the report first
    server.release()
    _assert_back_shown(page)


def test_the_drawn_map_s_report_after_a_year_move_keeps_the_whole_years(watched_page, app_url):
    # The report sent before the browser had the months made whole for 1992-1993 carried
    # the month slider's old range (1993-01..1993-12), and the view shrank to it.
    page, _ = watched_page
    server = HeldServer(page)
    page.add_init_script(HOLD_REPORT)
    page.goto(f"{app_url}/?years=1993")
    page.wait_for_function("() => window.__held && window.__held.length > 0", timeout=60_000)
    # The filters come with the run after the first map: here the rest's timer (the report is held),
    # as on a machine where the map takes longer to draw than the timer waits.
    page.locator(".st-key-years input[type=range]").first.wait_for(state="attached", timeout=60_000)
    _answered(page)
    _move_left_with_the_answer_held(page, server)
    _settled(page, 2.5)  # the server has run the move; its answer is held
    page.evaluate("() => window.__release()")
    _settled(page, 2.5)
    server.release()
    _assert_whole_years_1992_1993(page)


def test_a_move_made_before_the_last_answer_keeps_the_whole_years(watched_page, app_url):
    # A fast reader's next move (here the play speed, a click elsewhere) carried the month
    # slider's range for the years before, which stayed as a narrowing:
    # ?years=1992-1993&months=1993-01..1993-12 (a fresh helper saw it after fast key presses).
    page, _ = watched_page
    server = HeldServer(page)
    page.goto(f"{app_url}/?years=1993")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)
    speed = page.locator(".st-key-play_speed").get_by_text("2\u00d7", exact=True)
    speed.wait_for(timeout=60_000)
    _answered(page)  # the page is whole
    _move_left_with_the_answer_held(page, server)
    _settled(page, 2.0)  # the server has run the move; its answer is held
    speed.click()
    _settled(page, 2.0)
    server.release()
    _assert_whole_years_1992_1993(page)


def test_back_right_after_a_second_move_is_followed(watched_page, app_url):
    # Back pressed before the server had answered the reader's second move: the run carried that
    # move's years, unlike the ones last written, and was taken for a reader's move, so Back did
    # nothing. Streamlit marks a Back or Forward run (is_history_navigation): the address decides.
    page, _ = watched_page
    server = HeldServer(page)
    page.goto(f"{app_url}/?years=1994")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)
    _answered(page)
    thumb = page.locator(".st-key-years input[type=range]").first
    thumb.focus()
    page.keyboard.press("ArrowLeft")  # 1993-1994
    page.wait_for_function("() => location.search.includes('years=1993-1994')", timeout=30_000)
    _answered(page)
    server.held = True
    page.keyboard.press("ArrowLeft")  # 1992-1994, its answer held
    _settled(page, 1.5)
    page.go_back()  # to years=1994
    _settled(page, 2.0)
    server.release()
    page.wait_for_function(f"() => ({SLIDER_VALUES})('years').every(v => v === '1994')", timeout=30_000)
    _settled(page)
    assert _address(page).get("years") == "1994", page.url
