"""Play for an audience, driven with AppTest: the controls, the steps, the end."""

import pytest
from streamlit.testing.v1 import AppTest

import ui
from atlas.paths import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture
def app():
    return AppTest.from_file(APP, default_timeout=60).run()


def test_play_shows_the_first_year_and_stop_is_a_word(app, dataset):
    first = dataset.years[0]
    app.button(key="play").click().run()
    assert not app.exception
    assert app.session_state["playing"]
    assert tuple(app.slider(key="years").value) == (first, first)
    assert app.button(key="stop").label == "Stop"
    app.button(key="stop").click().run()
    assert not app.session_state["playing"]
    assert tuple(app.slider(key="years").value) == (first, first)  # Stop pauses on the year shown


@pytest.mark.parametrize(("speed", "seconds"), [("0.5\u00d7", 3.2), ("1\u00d7", 1.6), ("2\u00d7", 0.8)])
def test_speed_sets_how_long_a_year_shows(app, speed, seconds):
    app.radio(key="play_speed").set_value(speed).run()
    assert not app.exception
    assert app.radio(key="play_speed").value == speed
    assert ui.PLAY_SECONDS / ui.PLAY_SPEEDS[speed] == pytest.approx(seconds)


@pytest.mark.parametrize(("mode", "years", "after"), [
    ("one year at a time", (1993, 1993), (1994, 1994)),
    ("cumulative", (1992, 1993), (1992, 1994)),
    ("one year at a time", (1997, 1997), (1992, 1997)),  # the end: back to the full range
])
def test_next_year(dataset, monkeypatch, mode, years, after):
    state = {"years": years, "play_mode": mode, "play_from": 1992, "playing": True}
    monkeypatch.setattr(ui.filters.st, "session_state", state)
    ui.filters._next_year(dataset)
    assert state["_pending_years"] == after
    assert state["playing"] == (after != dataset.years)


def test_the_years_played_stay_out_of_the_address(dataset):
    # Every year played was a history entry: Back after a play stepped through 1992, 1993 ... one by one.
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["years"] = "1993-1995"
    app.run()
    app.button(key="play").click().run()
    assert app.session_state["playing"] and tuple(app.slider(key="years").value) == (dataset.years[0],) * 2
    assert app.query_params["years"] in ("1993-1995", ["1993-1995"])  # the view before Play
    app.button(key="stop").click().run()
    assert app.query_params["years"] in (str(dataset.years[0]), [str(dataset.years[0])])  # the one Play stopped on


def test_back_during_play_stops_it_on_the_view_before():
    # Back while the years played was overridden: the next year played on, and the address went with it.
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["years"] = "1995"
    app.run()
    app.slider(key="years").set_value((1993, 1995)).run()
    app.button(key="play").click().run()
    assert app.session_state["playing"]
    app.query_params["years"] = "1995"  # Back: the entry before the view Play started from
    app.run()
    assert not app.exception
    assert not app.session_state["playing"]
    assert tuple(app.slider(key="years").value) == (1995, 1995)
    app.run()  # a later run (the play fragment's tick) does not move the years on
    assert tuple(app.slider(key="years").value) == (1995, 1995)
