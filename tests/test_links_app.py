"""AppTest of the map page's research tools: links to one item, the month filter, search, citations."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT


def _app(**params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state["below_map"] = "Events table"  # the table's tab (only the open tab is drawn)
    return at.run()


def _ids(at):
    return list(at.dataframe[0].value["id"])


def _text(at):
    return "\n".join([*(m.value for m in at.markdown), *(t.value for t in at.text), *(c.value for c in at.code)])


def test_event_link_frames_highlights_and_shows_the_item(dataset):
    at = _app(event="E029")
    assert not at.exception
    # The map is asked to fly to it (ui.request_frame): the frame holds E029's place.
    assert at.session_state["frame_ids"] == ["E029"] and at.session_state["fit_clicks"] >= 1
    assert at.session_state["focus"] == ("event", "E029")
    text = _text(at)
    assert "Attack into Kulyab" in text and "?event=E029" in text
    assert "Footnote 61." in text  # the citation
    assert not [i for i in at.info if "widened" in i.value]  # nothing hid it


def test_event_link_says_above_the_map_which_item_is_open():
    """The details are below the fold at 1280x720: one line in the notice slot above the map names the item."""
    at = _app(event="E029")
    line = "Showing event E029: Attack into Kulyab kills 25 Russian border guards \u2014 details below"
    shown = [i.value.replace("\\", "") for i in at.info]  # shown as text: Markdown marks are escaped
    assert shown[:1] == [line]
    main = list(at.main)
    notice_at = next(n for n, element in enumerate(main)
                     if str(getattr(element, "value", "")).replace("\\", "") == line)
    map_at = next(n for n, element in enumerate(main) if type(element).__name__ == "UnknownElement")
    assert notice_at < map_at  # in the slot above the map
    at.button(key="close_focus").click().run()
    assert not [i for i in at.info if i.value.startswith("Showing event")]


def test_back_to_an_address_naming_an_item_opens_it_again():
    # Close, then Back: the address said event=E029 again with no notice and no outline (a review).
    at = _app(event="E029")
    at.button(key="close_focus").click().run()
    assert "event" not in at.query_params and "focus" not in at.session_state
    at.query_params["event"] = "E029"  # what Back brings
    at.run()
    assert at.session_state["focus"] == ("event", "E029")
    assert [i for i in at.info if i.value.replace("\\", "").startswith("Showing event E029")]
    # Forward (or Back) to another item opens that one.
    at.query_params["event"] = "E030"
    at.run()
    assert at.session_state["focus"] == ("event", "E030")
    # Forward to where Close had gone closes it again (the item had come back, and Close was out of reach).
    del at.query_params["event"]
    at.run()
    assert "focus" not in at.session_state and "event" not in at.query_params
    assert not [i for i in at.info if i.value.replace("\\", "").startswith("Showing event")]


def test_a_page_change_keeps_the_open_item():
    # Streamlit empties the address on a page change: that is not Back to an address without the item.
    at = _app(event="E029")
    at.run()
    at.switch_page("views/analysis.py").run()
    assert at.session_state["focus"] == ("event", "E029") and at.query_params["event"] in ("E029", ["E029"])
    at.switch_page("views/map.py").run()
    assert at.session_state["focus"] == ("event", "E029") and at.query_params["event"] in ("E029", ["E029"])


@pytest.mark.parametrize("params, opened, said", [
    ({"event": ["E029", "E030"]}, ("event", "E030"), "event was given 2 times; using the last one, \u201cE030\u201d."),
    ({"flow": ["F003", "F004"]}, ("flow", "F004"), "flow was given 2 times; using the last one, \u201cF004\u201d."),
])
def test_an_item_given_twice_opens_the_last_with_a_notice(params, opened, said):
    at = _app(**params)
    assert at.session_state["focus"] == opened
    assert said in [w.value.replace("\\", "") for w in at.main.warning]
    assert at.query_params[opened[0]] in (opened[1], [opened[1]])  # the address then says what is shown


def test_an_open_item_is_not_opened_again_on_every_run():
    # Once open, moving the years past it hides it (the notice says so); it is not widened back.
    at = _app(event="E029")
    at.slider(key="years").set_value((1995, 1997)).run()
    assert at.slider(key="years").value == (1995, 1997)
    assert at.session_state["focus"] == ("event", "E029")


def test_event_link_widens_filters_that_hide_it_with_a_notice():
    at = _app(event="E029", years="1995-1997", layers="camp", q="Hekmatyar")
    assert not at.exception
    notice = next(i.value for i in at.info if "widened" in i.value)
    assert "E029" in notice
    assert at.slider(key="years").value == (1993, 1997)
    assert "E029" in _ids(at)
    assert at.text_input(key="q").value == ""


def test_flow_link():
    at = _app(flow="F003")
    assert not at.exception
    assert at.session_state["focus"] == ("flow", "F003")
    assert "?flow=F003" in _text(at)


@pytest.mark.parametrize("params", [{"event": "E999"}, {"event": "<b>x</b>"}, {"flow": "E029"}])
def test_bad_link_gives_a_notice(params, dataset):
    at = _app(**params)
    assert not at.exception
    assert [w for w in at.warning if "E999" in w.value or "Ignored" in w.value], "no notice for a bad link"
    assert "focus" not in at.session_state
    assert len(_ids(at)) == len(dataset.events)


def test_months_in_the_url_filter_by_overlap():
    at = _app(months="1993-07")
    assert not at.exception
    assert at.slider(key="years").value == (1993, 1993)
    assert at.select_slider(key="months").value == ("1993-07", "1993-07")
    ids = _ids(at)
    assert "E029" in ids  # 14 July 1993
    june = _ids(_app(months="1993-06"))
    assert "E029" not in june
    assert at.query_params["months"] in ("1993-07", ["1993-07"])
    at.session_state["below_map"] = "Over time"
    assert "Events per month" in [s.value for s in at.run().subheader]


def test_bad_months_give_a_notice(dataset):
    at = _app(months="1993-13")
    assert not at.exception
    assert [w for w in at.main.warning if "months=" in w.value.replace("\\", "")]
    assert len(_ids(at)) == len(dataset.events)


def test_search_by_alias_says_why():
    at = _app()
    at.text_input(key="q").set_value("Masood").run()
    table = at.dataframe[0].value
    assert set(table["id"]) and "matched" in table
    assert all("Masood" in reason for reason in table["matched"])


def test_no_results_notice_names_the_search():
    at = _app(q="zzzqqq")
    assert not at.exception
    assert any("zzzqqq" in i.value and "search" in i.value for i in at.info)
    at = _app(q="Pyandzh")  # a place the gazetteer knows, where no event is placed
    assert any("Panj" in i.value and "nothing selected is tied to it" in i.value for i in at.info)
    at = _app(q="Kulyab", actors="none")
    assert any("Nothing matches these filters and the search" in i.value for i in at.info)


def test_cite_this_view():
    at = _app(years="1993")
    assert not at.exception
    at.toggle(key="cite_view").set_value(True).run()
    assert any(c.value.startswith("Tajik Border Atlas: 1993") for c in at.code)


def test_citation_comes_from_the_bibliography():
    """data/sources.csv holds only author and title for the article: the citation says just that, in text and BibTeX."""
    at = _app(event="E029")
    assert not at.exception
    codes = [c.value for c in at.code]
    plain = next(c for c in codes if c.startswith("\u201c"))
    assert "Sethi, Jajneswar. \u201cCivil War in Tajikistan: Its Impact on Tajik-Russia Relations.\u201d Footnote 61." in plain
    entry = next(c for c in codes if c.startswith("@misc{sethi_E029,"))
    assert "journal" not in entry and "year" not in entry and "note = {Footnote 61; Tajik Border Atlas, event E029" in entry


@pytest.mark.parametrize("params, said", [
    ({"event": "E999"}, "There is no event \u201cE999\u201d"),
    ({"years": "abc"}, "years="),
    ({"actors": "nope"}, "nope"),
])
def test_a_bad_link_is_said_once_in_the_main_column(params, said):
    # On a phone the sidebar starts closed: a warning there was never seen. And a bad
    # event id was said twice, in the sidebar and above the map.
    at = _app(**params)
    assert not at.exception
    main = [w.value.replace("\\", "") for w in at.main.warning]
    assert len([w for w in main if said in w]) == 1, main
    assert not at.sidebar.warning


def test_the_filters_follow_the_reader_to_another_page_and_back():
    # Streamlit dropped the values of widgets a run on another page did not draw:
    # Map -> Analysis emptied the actors and layers ("No mapped event matches these filters").
    at = _app(years="1993", layers="camp")
    actors = list(at.multiselect(key="actors").value)
    assert at.slider(key="years").value == (1993, 1993) and at.multiselect(key="layers").value == ["camp"]
    at.switch_page("views/analysis.py").run()
    assert not at.exception
    assert at.slider(key="years").value == (1993, 1993)
    assert at.multiselect(key="layers").value == ["camp"] and list(at.multiselect(key="actors").value) == actors
    at.slider(key="belt_km").set_value(40).run()
    at.switch_page("views/map.py").run()
    assert at.multiselect(key="layers").value == ["camp"] and at.slider(key="years").value == (1993, 1993)
    at.switch_page("views/analysis.py").run()
    assert at.slider(key="belt_km").value == 40


@pytest.mark.parametrize("params, opened, said, left", [
    # The reviewer's links: each lost a parameter without a word.
    ({"event": "E029", "flow": "F003"}, ("event", "E029"), "Ignored flow=\u201cF003\u201d", {"event"}),
    ({"event": "nonsense", "flow": "F003"}, ("flow", "F003"), "Ignored event=\u201cnonsense\u201d", {"flow"}),
    ({"chapter": "5", "<b>x</b>": "1"}, None, "Ignored \u201cchapter\u201d, \u201c<b>x</b>\u201d: the Map page", set()),
])
def test_link_parameters_the_page_cannot_use_are_named(params, opened, said, left):
    at = _app(**params)
    assert not at.exception
    assert at.session_state["focus"] == opened if opened else "focus" not in at.session_state
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert [s for s in shown if s.startswith(said)], shown
    assert set(at.query_params) - {"years", "actors", "layers", "types", "q", "months"} == left


@pytest.mark.parametrize("years, months, shown_years, noticed", [
    ("1993", "1995-01", (1995, 1995), True),  # was silently years=1995
    ("1993-1995", "1994-02..1994-05", (1993, 1995), False),  # a link the app itself writes: kept as it was
    (None, "1994-02..1994-05", (1994, 1994), False),
])
def test_months_and_years_in_one_link(years, months, shown_years, noticed):
    at = _app(**({"years": years} if years else {}), months=months)
    assert not at.exception
    assert at.slider(key="years").value == shown_years
    assert at.select_slider(key="months").value == tuple(months.split("..")) * (2 if ".." not in months else 1)
    shown = [w.value.replace("\\", "") for w in at.warning if "years=" in w.value.replace("\\", "")]
    assert bool(shown) is noticed
    if noticed:
        assert "Ignored years=\u201c1993\u201d" in shown[0] and "showing 1995" in shown[0]


@pytest.mark.parametrize("years", ["1994..1995", "2001"])
def test_an_ignored_years_value_leaves_the_months_their_own_years(years):
    # It showed 1992-1997 with the months, and a reload of the address then written showed 1993 (a helper's review).
    at = _app(years=years, months="1993-02..1993-05")
    assert not at.exception
    assert at.slider(key="years").value == (1993, 1993)
    assert at.select_slider(key="months").value == ("1993-02", "1993-05")
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert any(f"Ignored years=\u201c{years}\u201d" in text for text in shown), shown
    assert at.query_params["years"] in ("1993", ["1993"])


def test_back_and_forward_bring_back_the_view_in_the_address():
    """The browser's Back gives the page the address it had; the filters follow it, not the other way round."""
    at = _app(years="1993", layers="camp,incident")
    at.slider(key="years").set_value((1995, 1996)).run()
    assert at.query_params["years"] in ("1995-1996", ["1995-1996"])
    at.query_params["years"] = "1993"  # Back: the address of the view before
    at.run()
    assert not at.exception
    assert at.slider(key="years").value == (1993, 1993)
    assert set(at.multiselect(key="layers").value) == {"camp", "incident"}
    at.query_params["years"] = "1995-1996"  # Forward
    at.query_params["months"] = "1995-03..1995-05"
    at.run()
    assert at.slider(key="years").value == (1995, 1996)
    assert at.select_slider(key="months").value == ("1995-03", "1995-05")
    at.query_params.pop("months")  # Back again: no months, the whole years
    at.run()
    assert at.select_slider(key="months").value == ("1995-01", "1996-12")


def test_a_page_change_keeps_the_filters():
    at = _app(years="1993")
    at.switch_page("views/analysis.py").run()
    assert not at.exception
    assert at.slider(key="years").value == (1993, 1993)


def test_a_visit_to_the_seminar_keeps_the_map_filters():
    """Map -> Seminar -> Map by the sidebar came back to all years: the empty address was read as Back."""
    at = _app(years="1994", layers="incident,camp")
    at.switch_page("views/seminar.py").run()
    for name in list(at.query_params):
        at.query_params.pop(name)  # Streamlit clears the address on a page change
    at.switch_page("views/map.py").run()
    assert not at.exception
    assert at.slider(key="years").value == (1994, 1994)
    assert set(at.multiselect(key="layers").value) == {"incident", "camp"}


def test_a_bad_link_does_not_hide_why_the_map_is_empty():
    at = _app(years="1997", layers="camp", q="zzz", foo="1")
    assert [w for w in at.warning if "foo" in w.value]
    assert [i for i in at.info if "Nothing matches the search" in i.value.replace("\\", "")]


def test_a_right_to_left_override_in_the_search_is_shown_not_obeyed():
    # It had turned the rest of the app's sentence backwards: "Nothing matches the search “,snoitpircsed ...".
    at = _app(q="\u202ezzz Kulyab")
    notice = next(i.value for i in at.info if "Nothing matches the search" in i.value.replace("\\", ""))
    assert "\u202e" not in notice and "[U+202E]" in notice.replace("\\", "")  # Markdown-escaped brackets


@pytest.mark.parametrize("params, gone", [({"event": "E999"}, "event"), ({"event": "<b>X</b>"}, "event")])
def test_an_ignored_link_leaves_the_address(params, gone):
    """The address kept event=E999, so the warning came back on every reload."""
    at = _app(**params)
    assert not at.exception
    assert at.warning and gone not in at.query_params
    assert "\u201cE999\u201d" in at.warning[0].value or "E999" not in str(params)


def test_back_from_analysis_brings_no_notice_about_its_parameters():
    # Back from /Analysis?belt=25 to the map: "Ignored belt: the Map page reads only ..." about a parameter
    # the reader never gave (a helper's review, 5 of 5 tries).
    at = _app(years="1993")
    at.switch_page("views/analysis.py").run()
    assert not at.exception and at.session_state["_page"] == "Analysis"
    at.query_params["belt"] = "25"  # as the browser's address held it on Analysis
    at.switch_page("views/map.py").run()  # the address still holds belt=25, as after Back
    assert not at.exception
    assert not [w for w in at.warning if "belt" in w.value]
    assert "belt" not in at.query_params
    assert at.slider(key="years").value == (1993, 1993)


def test_a_link_to_the_map_with_a_belt_is_still_named():
    at = _app(years="1993", belt="25")
    assert [w for w in at.warning if "belt" in w.value.replace("\\", "")]


def test_the_notice_says_when_the_filters_hide_the_open_item():
    # Years moved past E029 (1993): the notice still said "Showing event E029 ... details below".
    at = _app(event="E029")
    at.slider(key="years").set_value((1995, 1997)).run()
    assert not at.exception
    shown = [i.value.replace("\\", "") for i in at.info if "E029" in i.value]
    assert shown and shown[0].endswith("the filters now hide it; details below"), shown
