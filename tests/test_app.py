"""Drive the map page with Streamlit's AppTest (it runs the script, not the map's JavaScript)."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT


def _app(**params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state["below_map"] = "Events table"  # the table's tab (only the open tab is drawn)
    return at.run()


def _headline(at):
    """The one compact line of headline numbers above the map."""
    return next(m.value for m in at.markdown if m.value.startswith("**Tajik Border Atlas**"))


def _metric(at, label):
    import re

    words = {"Events": "events?", "Deaths reported": "deaths reported", "Flows": "flows?"}[label]
    return re.search(r"([\d,]+) " + words, _headline(at)).group(1)


def test_page_runs():
    at = _app()
    assert not at.exception
    assert "on the map" in _headline(at)
    assert _metric(at, "Events") == "84"
    assert len(at.dataframe[0].value) == 84


def test_year_slider_changes_numbers_and_table():
    at = _app()
    at.slider(key="years").set_value((1994, 1994)).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "E060" in set(table["id"]) and "E029" not in set(table["id"])
    assert _metric(at, "Deaths reported") == "31"
    assert at.query_params["years"] in ("1994", ["1994"])


def test_actor_filter_changes_numbers_and_table():
    at = _app()
    at.multiselect(key="actors").set_value(["hizb_islami"]).run()
    assert not at.exception
    ids = set(at.dataframe[0].value["id"])
    assert ids == {"E008", "E016", "E023", "E065"}
    assert _metric(at, "Flows") == "1"


def test_no_actor_button_empties_the_selection():
    at = _app()
    next(b for b in at.button if b.label == "No actors").click().run()
    assert not at.exception
    assert _metric(at, "Events") == "0"
    assert any("Nothing matches" in i.value for i in at.info)


def test_query_parameters_open_a_view():
    at = _app(years="1993", layers="incident,flow", actors="irp_uto")
    assert not at.exception
    assert at.slider(key="years").value == (1993, 1993)
    assert set(at.dataframe[0].value["layer"]) == {"incident"}


@pytest.mark.parametrize(
    "params",
    [{"years": "abc"}, {"years": "2050"}, {"actors": "martians"}, {"layers": "<script>"}, {"types": "x,y"}],
)
def test_bad_query_parameters_give_a_notice(params):
    at = _app(**params)
    assert not at.exception
    assert at.main.warning, "no notice for a bad parameter"  # in the main column: a phone hides the sidebar
    assert not at.sidebar.warning
    assert _metric(at, "Events") == "84"


def test_text_search():
    at = _app()
    at.text_input(key="q").set_value("Khozdeh").run()
    assert list(at.dataframe[0].value["id"]) == ["E055", "E087"]


def test_play_steps_through_years(monkeypatch):
    import ui

    monkeypatch.setattr(ui.filters, "PLAY_SECONDS", 0)
    at = _app()
    next(b for b in at.button if b.label.endswith("Play the years")).click().run()
    assert not at.exception
    assert at.slider(key="years").value[0] >= 1992


def test_broken_data_gives_a_clear_message_not_a_traceback(data_copy, monkeypatch):
    events = data_copy / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("1993-07-14,1993-07-14,1", "1993-07-14,1993-07-04,1", 1),
                      encoding="utf-8")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy / "data"))
    at = _app()
    assert not at.exception
    assert "cannot start" in at.error[0].value
    assert "events.csv, line" in at.code[0].value and "(id E029), column 'date_end'" in at.code[0].value


def test_cite_this_view_is_built_only_when_asked_for():
    at = _app(years="1994")
    assert not [c for c in at.code if "Tajik Border Atlas:" in c.value]
    at.toggle(key="cite_view").set_value(True).run()
    assert not at.exception
    text = next(c.value for c in at.code if c.value.startswith("Tajik Border Atlas:"))
    assert "1994" in text and "event(s)" in text and "Source:" in text
    assert any(c.language == "latex" and c.value.startswith("@") for c in at.code)


def test_filters_survive_several_runs_on_a_page_without_them():
    # The filters are re-assigned only where a page does not draw them (a re-assigned slider value is
    # sent back to the browser); on the Seminar page they must still outlive a chapter change.
    at = _app()
    at.slider(key="years").set_value((1993, 1994)).run()
    at.run()
    at.switch_page("views/seminar.py").run()
    next(b for b in at.button if b.label.startswith("Next")).click().run()
    at.run()
    at.switch_page("views/map.py").run()
    assert tuple(at.slider(key="years").value) == (1993, 1994)


def test_below_the_map_only_the_open_tab_is_drawn():
    # A table sent on every slider move was most of a move's bytes (issue 11): by default the chart's
    # tab is open and no table is built or sent; the tables come when their tab is opened.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.label for t in at.tabs][:3] == ["Over time", "Events table", "Flows table"]
    assert "Events per year" in [s.value for s in at.subheader]
    assert len(at.dataframe) == 0
    at.session_state["below_map"] = "Flows table"
    at.run()
    assert len(at.dataframe) == 1 and list(at.dataframe[0].value["id"])[0].startswith("F")
    assert "Events per year" not in [s.value for s in at.subheader]
