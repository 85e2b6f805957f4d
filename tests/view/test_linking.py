"""Links to one item: the id in the URL, finding the row, widening a view that hides it."""

import pytest

from atlas.view.filters import UNNAMED_ACTOR, Selection, select_events
from atlas.view.linking import empty_reason, find_item, linked_id, showing_notice, where_on_map, widen_view

ALL_LAYERS = ["incident", "deployment", "camp", "diplomacy", "flow"]


@pytest.mark.parametrize(
    "params, kind, item_id, notice",
    [
        ({"event": "E029"}, "event", "E029", False),
        ({"event": " e029 "}, "event", "E029", False),
        ({"flow": "F003"}, "flow", "F003", False),
        ({"event": "F003"}, None, None, True),
        ({"event": "<script>"}, None, None, True),
        ({"flow": ""}, None, None, True),
        ({"years": "1993"}, None, None, False),
        # One item per link: the other is named, not dropped silently.
        ({"event": "E029", "flow": "F003"}, "event", "E029", True),
        ({"event": "nope", "flow": "F003"}, "flow", "F003", True),
        # Repeated (the address's lists): the last one, said when they differ.
        ({"event": ["E029"]}, "event", "E029", False),
        ({"event": ["E029", "E029"]}, "event", "E029", False),
        ({"event": ["E029", "E030"]}, "event", "E030", True),
        ({"event": ["E029", "nope"]}, None, None, True),
        ({"event": []}, None, None, False),
    ],
)
def test_linked_id(params, kind, item_id, notice):
    found_kind, found_id, message = linked_id(params)
    assert (found_kind, found_id) == (kind, item_id)
    assert bool(message) is notice


def test_a_second_item_is_named_in_the_notice():
    message = linked_id({"event": "E029", "flow": "F003"})[2]
    assert "flow=\u201cF003\u201d" in message and "E029" in message


def _view(dataset, **changes):
    view = {"years": dataset.years, "months": None, "actors": [*dataset.actors["id"], UNNAMED_ACTOR],
            "layers": list(ALL_LAYERS), "types": [], "q": ""}
    view.update(changes)
    return view


def test_find_item(dataset):
    assert find_item(dataset.events, dataset.flows, "event", "E029")["title"].startswith("Attack into Kulyab")
    assert find_item(dataset.events, dataset.flows, "flow", "F003")["flow_type"] == "weapons"
    assert find_item(dataset.events, dataset.flows, "event", "E999") is None


@pytest.mark.parametrize(
    "changes, widened",
    [
        ({}, []),
        ({"years": (1995, 1996)}, ["years 1993\u20131996"]),
        ({"years": (1993, 1993), "months": ("1993-01", "1993-03")}, ["year 1993"]),
        ({"actors": ["russia"]}, ["its actors"]),
        ({"layers": ["camp"]}, ["layer incident"]),
        ({"types": ["treaty"]}, ["all types"]),
        ({"q": "Hekmatyar"}, ["no search"]),
    ],
)
def test_widen_view_for_E029(dataset, changes, widened):
    frame = dataset.events[dataset.events["id"] == "E029"]
    view, said = widen_view(_view(dataset, **changes), frame, "event", dataset.actors, dataset.places)
    assert said == widened
    selection = Selection(years=view["years"], months=view["months"], actors=frozenset(view["actors"]),
                          layers=frozenset(view["layers"]), event_types=frozenset(view["types"]) or None, text=view["q"])
    assert "E029" in set(select_events(dataset.events, selection, dataset.actors, dataset.places)["id"])


def test_widen_view_for_a_flow(dataset):
    frame = dataset.flows[dataset.flows["id"] == "F003"]
    view, said = widen_view(_view(dataset, layers=["incident"]), frame, "flow")
    assert said == ["layer flow"] and "flow" in view["layers"]


def test_empty_reason(dataset):
    nothing = Selection(years=dataset.years, text="zzzz")
    assert empty_reason(dataset.events, dataset.flows, nothing) == "search"
    no_actors = Selection(years=dataset.years, actors=frozenset(), text="zzzz")
    assert empty_reason(dataset.events, dataset.flows, no_actors) == "filters"


@pytest.mark.parametrize(
    "kind, item_id, title, widened, line",
    [
        ("event", "E029", "Attack into Kulyab kills 25 Russian border guards", None,
         "Showing event E029: Attack into Kulyab kills 25 Russian border guards \u2014 details below"),
        ("flow", "F003", "Weapons  move\nsouth", None, "Showing flow F003: Weapons move south \u2014 details below"),
        ("event", "E029", "", None, "Showing event E029 \u2014 details below"),
        ("event", "E029", "Attack", "The filters were widened to show event E029 (years 1993\u20131997).",
         "Showing event E029: Attack \u2014 details below. The filters were widened to show event E029 (years 1993\u20131997)."),
        ("event", "E1", "x" * 120, None, "Showing event E1: " + "x" * 99 + "\u2026 \u2014 details below"),
        # data text stays as it is here; the page shows it as text (ui.literal)
        ("event", "E1", "<b>*bold*</b>", None, "Showing event E1: <b>*bold*</b> \u2014 details below"),
    ],
)
def test_showing_notice_is_one_line(kind, item_id, title, widened, line):
    text = showing_notice(kind, item_id, title, widened)
    assert text == line and "\n" not in text


@pytest.mark.parametrize("kind, row, selected, words", [
    ("event", {"id": "E029", "mapped": True}, {"E029"}, "details below"),
    # Years moved past it: the notice said "Showing event E029 — details below" over a map without it.
    ("event", {"id": "E029", "mapped": True}, {"E030"}, "the filters now hide it; details below"),
    ("event", {"id": "E034", "mapped": False}, {"E034"}, "no place in the article, so not on the map; details below"),
    ("flow", {"id": "F003"}, {"F003"}, "details below"),
    ("flow", {"id": "F003"}, set(), "the filters now hide it; details below"),
])
def test_where_on_map(kind, row, selected, words):
    assert where_on_map(kind, row, selected) == words
