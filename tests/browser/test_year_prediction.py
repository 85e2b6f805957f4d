"""A move of the year slider is drawn by the map itself, before the server answers (atlas_years.js)."""

import pytest

from atlas.view.filters import Selection, select_events

from .conftest import map_frame, wait_for_markers


def _expected(dataset, **selection):
    selection.setdefault("years", dataset.years)
    events = select_events(dataset.events, Selection(**selection), dataset.actors, dataset.places)
    return set(events.loc[events["mapped"], "id"])


class HeldServer:
    """The page's websocket to Streamlit, whose answers can be held back to show what the page does alone."""

    def __init__(self, page):
        self.held, self.queue = False, []
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, ws):
        server = ws.connect_to_server()
        server.on_message(lambda message: self.queue.append((ws, message)) if self.held else ws.send(message))

    def release(self):
        self.held = False
        for ws, message in self.queue:
            ws.send(message)
        self.queue.clear()


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
