import pandas as pd
import pytest

from atlas.view.filters import (
    UNNAMED_ACTOR,
    Selection,
    events_in_years,
    matching_text,
    select_events,
    select_flows,
    with_actors,
)


@pytest.fixture
def events():
    return pd.DataFrame(
        {
            "id": ["A", "B", "C", "D"],
            "layer": ["incident", "camp", "diplomacy", "incident"],
            "event_type": ["attack", "training_camp", "summit", "clash"],
            "title": ["Attack into Kulyab", "Camps in Kunduz", "Summit <b>Moscow</b>", "Border clash"],
            "description": ["", "Hekmatyar's camps", "", ""],
            "place_name": ["Kulyab", "Kunduz", "Moscow", "the border"],
            "year_start": [1993, 1992, 1993, 1994],
            "year_end": [1993, 1997, 1993, 1994],
            "actor_ids": [("irp_uto", "ru_border"), ("hizb_islami",), ("russia",), ()],
        }
    )


@pytest.mark.parametrize(
    "first, last, ids",
    [
        (1993, 1993, ["A", "B", "C"]),  # B spans 1992-1997, so it overlaps 1993
        (1994, 1994, ["B", "D"]),
        (1997, 1997, ["B"]),  # the range's last year counts
        (1992, 1992, ["B"]),  # and its first
        (1998, 1999, []),
        (1990, 1991, []),
    ],
)
def test_events_in_years_uses_overlap(events, first, last, ids):
    assert list(events_in_years(events, first, last)["id"]) == ids


@pytest.mark.parametrize(
    "actors, ids",
    [
        ({"irp_uto"}, ["A"]),
        ({"ru_border", "russia"}, ["A", "C"]),
        ({"martians"}, []),  # unknown actors match nothing
        ({UNNAMED_ACTOR}, ["D"]),
        (set(), []),
    ],
)
def test_with_actors(events, actors, ids):
    assert list(events[with_actors(events, actors)]["id"]) == ids


@pytest.mark.parametrize(
    "text, ids",
    [("kunduz", ["B"]), ("HEKMATYAR", ["B"]), ("<b>", ["C"]), ("", ["A", "B", "C", "D"]), ("[", [])],
)
def test_matching_text_is_plain_and_case_blind(events, text, ids):
    assert list(events[matching_text(events, text)]["id"]) == ids


def test_select_events_combines_filters(events):
    selection = Selection(years=(1993, 1994), actors=frozenset({"irp_uto", UNNAMED_ACTOR}), layers=frozenset({"incident"}))
    assert list(select_events(events, selection)["id"]) == ["A", "D"]
    typed = Selection(years=(1992, 1997), event_types=frozenset({"clash"}))
    assert list(select_events(events, typed)["id"]) == ["D"]


def test_select_flows_follows_the_flow_layer(events):
    flows = events.assign(flow_type="refugees")
    assert select_flows(flows, Selection(years=(1992, 1997), layers=frozenset({"incident"}))).empty
    assert len(select_flows(flows, Selection(years=(1992, 1997), layers=frozenset({"flow"})))) == 4


ACTOR_TABLE = pd.DataFrame({"id": ["irp_uto", "ru_border", "hizb_islami", "russia"]})


@pytest.mark.parametrize("actors, ids", [
    ({"irp_uto", "ru_border", "hizb_islami", "russia", UNNAMED_ACTOR}, ["A", "B", "C", "D"]),  # every actor: no test per row
    ({"irp_uto", "ru_border", "hizb_islami", "russia", UNNAMED_ACTOR, "martians"}, ["A", "B", "C", "D"]),
    ({"irp_uto", "ru_border", "hizb_islami", "russia"}, ["A", "B", "C"]),  # "unnamed" left out
    ({"ru_border", "hizb_islami", "russia", UNNAMED_ACTOR}, ["A", "B", "C", "D"]),  # A names ru_border too
    ({"hizb_islami", "russia", UNNAMED_ACTOR}, ["B", "C", "D"]),
])
def test_choosing_every_actor_of_the_table_matches_what_testing_each_row_does(events, actors, ids):
    selection = Selection(years=(1992, 1997), actors=frozenset(actors))
    assert list(select_events(events, selection, actors=ACTOR_TABLE)["id"]) == ids
    assert list(select_events(events, selection)["id"]) == ids  # without the table: each row tested
