"""A move of the year slider is drawn by the map itself, before the server answers (atlas_years.js)."""

import pytest

from atlas.view.filters import Selection, select_events

from .conftest import HeldServer, map_frame, wait_for_markers


def _expected(dataset, **selection):
    selection.setdefault("years", dataset.years)
    events = select_events(dataset.events, Selection(**selection), dataset.actors, dataset.places)
    return set(events.loc[events["mapped"], "id"])


def _counts(frame):
    return frame.evaluate("() => { const s = window.map._atlas; return {predicted: s.predictions || 0, "
                          "unchanged: s.unchanged || 0, corrected: s.corrections || 0}; }")


@pytest.mark.parametrize(
    "query, selection, keys, years",
    [
        # The first handle one year right, then the second one back to 1995.
        ("", {}, ["ArrowRight"], (1993, 1997)),
        ("", {}, ["End"], (1997, 1997)),
        # Layers and months narrowed: the months give way to the slider's whole years, the layers stay.
        ("?months=1993-02..1993-05&layers=incident,deployment", {"layers": frozenset({"incident", "deployment"})},
         ["ArrowLeft"], (1992, 1993)),
        # A search stays too.
        ("?years=1992-1993&q=Kulyab", {"text": "Kulyab"}, ["ArrowRight"], (1993, 1993)),
    ],
)
def test_a_year_move_is_drawn_while_the_server_is_still_silent(watched_page, app_url, dataset, query, selection, keys, years):
    page, _ = watched_page
    server = HeldServer(page)
    page.goto(app_url + query)
    frame = map_frame(page)
    page.wait_for_timeout(1500)  # the first runs' answers
    thumb = page.get_by_role("slider").first
    thumb.focus()
    server.held = True
    for key in keys:
        thumb.press(key)
    expected = _expected(dataset, years=years, **selection)
    wait_for_markers(page, frame, expected, timeout=10)  # nothing from the server has reached the page
    for _ in range(100):  # the server did answer; its answer is held
        if server.queue:
            break
        page.wait_for_timeout(100)
    assert server.queue, "the websocket was not intercepted: the test would prove nothing"
    before = _counts(frame)
    assert before["predicted"] >= 1
    server.release()
    frame.wait_for_function(f"() => (window.map._atlas.unchanged || 0) + (window.map._atlas.corrections || 0) > "
                            f"{before['unchanged'] + before['corrected']}", timeout=20_000)
    page.wait_for_timeout(500)
    after = _counts(frame)
    # The server's selection agreed with the prediction: nothing drawn twice.
    assert after["corrected"] == 0 and after["unchanged"] > before["unchanged"]
    wait_for_markers(page, frame, expected, timeout=5)
    assert page.get_by_role("slider").first.input_value() == str(years[0])


def test_moves_made_while_the_server_is_busy_end_where_the_reader_stopped(watched_page, app_url, dataset):
    # A fast reader overtook the browser's address: the server took the lagging address for Back and
    # set the slider back two years. Then the answers for the years passed on the way re-assigned
    # them (the filters were re-assigned on every run), and the handle stepped back under the reader.
    page, _ = watched_page
    server = HeldServer(page)
    first, last = dataset.years[0], dataset.years[1] - 1
    page.goto(f"{app_url}?years={first}-{last}")
    frame = map_frame(page)
    wait_for_markers(page, frame, _expected(dataset, years=(first, last)))
    page.wait_for_timeout(1000)
    thumb = page.get_by_role("slider").first
    thumb.focus()
    server.held = True
    for _ in range(3):
        thumb.press("ArrowRight")
        page.wait_for_timeout(300)  # each move asks the server for a run; none of the answers comes through yet
    expected = _expected(dataset, years=(first + 3, last))
    wait_for_markers(page, frame, expected, timeout=10)
    before = _counts(frame)
    # Every value the first handle takes from here on, as the held answers arrive one by one.
    page.evaluate("""() => { window._handleSeen = new Set(); const input = () =>
        document.querySelector('.st-key-years input[type=range]');
        window._handleWatch = setInterval(() => { const i = input(); if (i) window._handleSeen.add(i.value); }, 2); }""")
    server.release(page, gap_ms=150)
    page.wait_for_function(f"() => location.search.includes('years={first + 3}-{last}')", timeout=30_000)
    page.wait_for_timeout(2500)
    seen = page.evaluate("() => { clearInterval(window._handleWatch); return [...window._handleSeen]; }")
    assert seen == [str(first + 3)], f"the handle moved under the reader: {seen}"
    assert thumb.input_value() == str(first + 3)
    assert f"years={first + 3}-{last}" in page.url
    wait_for_markers(page, frame, expected, timeout=5)
    assert _counts(frame)["corrected"] == before["corrected"]  # the map never showed the older years again


def test_back_to_the_servers_years_draws_its_months_again(watched_page, app_url, dataset):
    # Dragged out and back before letting go, the server never ran: the map kept the prediction
    # (the whole of 1993) for good while the page said February to May.
    page, _ = watched_page
    page.goto(app_url + "?months=1993-02..1993-05")
    frame = map_frame(page)
    months = _expected(dataset, years=(1993, 1993), months=("1993-02", "1993-05"))
    wait_for_markers(page, frame, months)
    handle = page.locator(".st-key-years input[type=range]").first.locator("..").locator("..")
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y, steps=6)  # the handle on top is the end one: 1993 to 1994 or 1995
    page.wait_for_function("() => document.querySelectorAll('.st-key-years input[type=range]')[1].value !== '1993'",
                           timeout=10_000)
    end = int(page.locator(".st-key-years input[type=range]").nth(1).input_value())
    wait_for_markers(page, frame, _expected(dataset, years=(1993, end)), timeout=10)  # drawn while dragging
    page.mouse.move(x, y, steps=6)
    page.mouse.up()
    wait_for_markers(page, frame, months, timeout=10)
    page.wait_for_timeout(2500)
    wait_for_markers(page, frame, months, timeout=5)
    assert [v.inner_text() for v in page.locator(".st-key-months [data-testid='stSliderThumbValue']").all()] == \
        ["1993-02", "1993-05"]


@pytest.mark.parametrize("pause_ms", [40, 70, 100])
def test_fast_moves_back_and_forth_never_lose_the_connection(watched_page, app_url, dataset, pause_ms):
    # Streamlit's browser cache dropped a message at the end of an interrupted run although the rerun
    # it had just asked for said it held it; the server's reference to it then failed ("Cached ForwardMsg
    # MISS", a connection error, a page that no longer answers) in 2 to 5 of 8 such bursts, with messages
    # cached from 100 bytes and kept two runs (.streamlit/config.toml now keeps them 1,000 runs).
    page, _ = watched_page
    first = dataset.years[0]
    page.goto(f"{app_url}?years={first}-{first + 1}")
    frame = map_frame(page)
    wait_for_markers(page, frame, _expected(dataset, years=(first, first + 1)))
    page.wait_for_timeout(1000)
    end = page.get_by_role("slider").nth(1)
    end.focus()
    for _ in range(2):  # two bursts: each caught the failure about half the time
        for key in ["ArrowRight", "ArrowLeft"] * 6:
            page.keyboard.press(key)
            page.wait_for_timeout(pause_ms)
        page.wait_for_timeout(2500)
        body = page.inner_text("body")
        assert "Cached ForwardMsg" not in body and "Connection error" not in body
    # Still alive: one more move, and the map, the heading and the address follow the slider.
    # (Not the burst's own end: about a third of such bursts leave the years handle one step off the
    # page until the next move, as before this change; see the closing note of 2026-12-05.)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1500)
    last = int(end.input_value())
    page.wait_for_function(f"() => location.search.includes('years={first}-{last}')", timeout=30_000)
    wait_for_markers(page, frame, _expected(dataset, years=(first, last)), timeout=15)
    events = len(select_events(dataset.events, Selection(years=(first, last)), dataset.actors, dataset.places))
    heading = page.locator("[data-testid=stMarkdownContainer]", has_text="Tajik Border Atlas").first
    expect_text = f"{events} events"
    page.wait_for_function("([t]) => [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]"
                           ".some((e) => e.innerText.includes('Tajik Border Atlas') && e.innerText.includes(t))",
                           arg=[expect_text], timeout=15_000)
    assert expect_text in heading.inner_text()
