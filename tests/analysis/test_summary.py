import pandas as pd
import pytest

from atlas.view.filters import Selection, select_events, select_flows
from atlas.analysis.summary import events_per_month, events_per_year, events_table, first_rows, headline_numbers


def test_headline_numbers(dataset):
    numbers = headline_numbers(dataset.events, dataset.flows)
    assert numbers["events"] == len(dataset.events)
    assert numbers["mapped"] == dataset.events["mapped"].sum()
    assert numbers["deaths"] == 125 + 31  # Kulyab 1993 and the border in 1994
    assert numbers["largest_force"] == 35000
    assert numbers["flows"] == len(dataset.flows)


def test_headline_numbers_follow_the_selection(dataset):
    selection = Selection(years=(1994, 1994))
    numbers = headline_numbers(select_events(dataset.events, selection), select_flows(dataset.flows, selection))
    assert numbers["deaths"] == 31


def test_events_per_year_fills_every_year_and_layer(dataset):
    table = events_per_year(dataset.events, (1992, 1997))
    years = list(dict.fromkeys(table["year"]))
    assert years[-6:] == [str(y) for y in range(1992, 1998)]
    assert len(table) == len(years) * 4
    assert table["events"].sum() == len(dataset.events)


def test_events_per_year_counts_each_event_in_the_year_it_begins(dataset):
    """The 1995 bar is the same whatever the first chosen year (it once read 3 with 1992-1997, 12 with 1995-1997)."""
    whole = events_per_year(dataset.events, (1992, 1997))
    later = events_per_year(select_events(dataset.events, Selection(years=(1995, 1997))), (1995, 1997))
    assert list(dict.fromkeys(later["year"])) == ["before 1995", "1995", "1996", "1997"]
    in_1995 = [t.loc[t["year"] == "1995", "events"].sum() for t in (whole, later)]
    assert in_1995[0] == in_1995[1] == (dataset.events["year_start"] == 1995).sum()


@pytest.mark.parametrize(
    "starts, years, expected",
    [
        (["1993-07-14"], (1993, 1993), {"1993": 1}),
        (["1992-01-01"], (1995, 1997), {"before 1995": 1, "1995": 0, "1996": 0, "1997": 0}),
        (["1993-12-31", "1994-01-01"], (1993, 1994), {"1993": 1, "1994": 1}),
        (["1980-01-01", "1993-02-01"], (1992, 1993), {"before 1992": 1, "1992": 0, "1993": 1}),
        ([], (1994, 1995), {"1994": 0, "1995": 0}),
    ],
)
def test_events_per_year_by_start(starts, years, expected):
    frame = pd.DataFrame({"date_start": pd.to_datetime(starts), "layer": ["incident"] * len(starts)})
    frame["year_start"] = frame["date_start"].dt.year
    table = events_per_year(frame, years)
    incidents = table[table["layer"] == "incident"]
    assert dict(zip(incidents["year"], incidents["events"])) == expected
    assert list(incidents["year"]) == list(expected)
    assert (table.loc[table["layer"] != "incident", "events"] == 0).all()


@pytest.mark.parametrize(
    "starts, months, expected",
    [
        (["1993-07-14", "1993-07-31", "1993-08-01"], ("1993-07", "1993-08"), {"1993-07": 2, "1993-08": 1}),
        (["1993-05-20"], ("1993-07", "1993-07"), {"1993-05": 1, "1993-06": 0, "1993-07": 0}),
    ],
)
def test_events_per_month_by_start(starts, months, expected):
    frame = pd.DataFrame({"date_start": pd.to_datetime(starts), "layer": ["incident"] * len(starts)})
    table = events_per_month(frame, months)
    incidents = table[table["layer"] == "incident"]
    assert dict(zip(incidents["month"].dt.strftime("%Y-%m"), incidents["events"])) == expected


def test_events_table(dataset):
    table = events_table(dataset.events, dataset.actors)
    assert list(table.columns)[:6] == ["id", "title", "date", "place", "footnote", "quote"]
    assert (table.loc[table["id"] == "E034", "place"] == "(no place in the article)").all()
    e029 = table[table["id"] == "E029"].iloc[0]
    assert e029["date"] == "14 July 1993" and e029["date known to"] == "exact day"
    assert e029["place known to"] == "province or oblast"
    assert e029["link"] == "?event=E029"
    assert "where_prec" not in table and "date_prec" not in table


def test_tables_with_search_reasons_and_links(dataset):
    from atlas.view.search import match_reasons
    from atlas.analysis.summary import flows_table

    reasons = match_reasons(dataset.flows, "fn 23", dataset.actors, dataset.places)
    table = flows_table(dataset.flows, dataset.actors, reasons, "http://h/")
    assert list(table.columns)[:2] == ["id", "matched"]
    f003 = table[table["id"] == "F003"].iloc[0]
    assert f003["matched"] == "footnote 23" and f003["link"] == "http://h/?flow=F003"


from atlas.view.filters import UNNAMED_ACTOR  # noqa: E402
from atlas.analysis.summary import describe_selection  # noqa: E402

LAYERS = ["incident", "deployment", "camp", "diplomacy", "flow"]


@pytest.mark.parametrize(
    "selection, text",
    [
        (Selection(years=(1992, 1997)), "1992\u20131997 \u00b7 all actors \u00b7 all layers"),
        (Selection(years=(1993, 1993), actors=frozenset({"irp_uto"}), layers=frozenset({"flow", "incident"})),
         "1993 \u00b7 IRP / UTO \u00b7 incident, flow"),
        (Selection(years=(1993, 1994), actors=frozenset({UNNAMED_ACTOR}), text=" Kulyab "),
         "1993\u20131994 \u00b7 no actor named \u00b7 all layers \u00b7 search: Kulyab"),
        (Selection(years=(1993, 1994), actors=frozenset()), "1993\u20131994 \u00b7 no actors \u00b7 all layers"),
    ],
)
def test_describe_selection(dataset, selection, text):
    all_ids = [*dataset.actors["id"], UNNAMED_ACTOR]
    assert describe_selection(selection, dataset.actors, all_ids, LAYERS) == text


@pytest.mark.parametrize(("rows", "limit", "shown", "said"), [
    (0, 3, 0, False),
    (3, 3, 3, False),
    (4, 3, 3, True),
    (10_000, 2_000, 2_000, True),
])
def test_first_rows_caps_the_table_and_says_so(rows, limit, shown, said):
    table = pd.DataFrame({"id": [f"E{i:05d}" for i in range(rows)]})
    head, note = first_rows(table, limit)
    assert list(head["id"]) == list(table["id"])[:shown]
    assert (note is not None) == said
    if said:
        assert f"{limit:,} of {rows:,}" in note and "downloads" in note


def test_events_table_built_from_the_first_rows_keeps_the_selection_size(dataset):
    table = events_table(dataset.events, dataset.actors, limit=5)
    assert list(table["id"]) == list(dataset.events["id"])[:5]
    head, note = first_rows(table, 5)
    assert len(head) == 5 and f"5 of {len(dataset.events):,}" in note


@pytest.mark.parametrize("numbers, expected", [
    ({"events": 1, "mapped": 1, "deaths": 125, "largest_force": 0, "flows": 0},
     "1 event, 1 on the map \u00b7 125 deaths reported \u00b7 largest force not given \u00b7 0 flows"),
    ({"events": 84, "mapped": 60, "deaths": 1560, "largest_force": 35000, "flows": 1},
     "84 events, 60 on the map \u00b7 1,560 deaths reported \u00b7 largest force 35,000 \u00b7 1 flow"),
])
def test_headline_text_says_one_and_an_unknown_force_in_words(numbers, expected):
    from atlas.analysis.summary import headline_text

    assert headline_text(numbers) == expected


@pytest.mark.parametrize("starts, years, months, expected", [
    (["1993-03-01", "1994-01-01"], (1993, 1994), None, None),
    (["1992-06-01", "1994-01-01"], (1993, 1994), None,
     "1 event(s) in this view began before 1993 and last into the chosen years: they are counted under "
     "\u201cbefore 1993\u201d, never in 1993."),
    # By months the chart widens to the earliest start: no "before" bar to point at (a review).
    (["1992-06-01", "1993-02-10"], (1993, 1993), ("1993-02", "1993-08"),
     "1 event(s) in this view began before February 1993 and last into the chosen months: the chart begins "
     "with the month the earliest of them began."),
    (["1993-02-01", "1993-05-01"], (1993, 1993), ("1993-02", "1993-08"), None),
])
def test_the_chart_note_says_where_earlier_events_are_counted(starts, years, months, expected):
    from atlas.analysis.summary import began_before_note
    dates = pd.to_datetime(pd.Series(starts))
    events = pd.DataFrame({"date_start": dates, "year_start": dates.dt.year})
    assert began_before_note(events, years, months) == expected
