from atlas.filters import Selection, select_events, select_flows
from atlas.summary import events_per_year, events_table, headline_numbers


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
    assert len(table) == 6 * 4
    assert table["events"].sum() == len(dataset.events)


def test_events_per_year_counts_earlier_starts_in_the_first_year(dataset):
    table = events_per_year(select_events(dataset.events, Selection(years=(1995, 1996))), (1995, 1996))
    assert set(table["year"]) == {1995, 1996}


def test_events_table(dataset):
    table = events_table(dataset.events, dataset.actors)
    assert list(table.columns)[:4] == ["id", "layer", "title", "date"]
    assert (table.loc[table["id"] == "E034", "place"] == "(no place given)").all()


import pytest  # noqa: E402

from atlas.filters import UNNAMED_ACTOR  # noqa: E402
from atlas.summary import describe_selection  # noqa: E402

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
