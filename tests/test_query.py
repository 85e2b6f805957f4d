import pytest

from atlas.query import parse_view, view_to_params

BOUNDS = (1992, 1997)
ACTORS = {"irp_uto", "ru_border", "russia"}
LAYERS = ["incident", "deployment", "camp", "diplomacy", "flow"]
TYPES = {"attack", "summit"}


def _parse(**params):
    return parse_view(params, BOUNDS, ACTORS, LAYERS, TYPES)


@pytest.mark.parametrize(
    "years, expected, notices",
    [
        ("1993-1994", (1993, 1994), 0),
        ("1993", (1993, 1993), 0),
        ("1990-1994", (1992, 1994), 1),
        ("1994-1993", BOUNDS, 1),
        ("abc", BOUNDS, 1),
        ("2001", BOUNDS, 1),
        ("<script>", BOUNDS, 1),
    ],
)
def test_years(years, expected, notices):
    state = _parse(years=years)
    assert state.years == expected
    assert len(state.notices) == notices


@pytest.mark.parametrize(
    "actors, expected, notices",
    [
        ("irp_uto,russia", ["irp_uto", "russia"], 0),
        ("irp_uto,martians", ["irp_uto"], 1),
        ("martians", None, 1),
        ("none", [], 0),
        ("", None, 0),
    ],
)
def test_actors(actors, expected, notices):
    state = _parse(actors=actors)
    assert state.actors == expected
    assert len(state.notices) == notices


def test_lists_from_streamlit_are_accepted():
    assert _parse(layers=["incident,flow"]).layers == ["incident", "flow"]


def test_round_trip():
    params = view_to_params((1993, 1994), BOUNDS, ["irp_uto"], ACTORS, LAYERS, LAYERS, None, TYPES, " Kulyab ")
    assert params == {"years": "1993-1994", "actors": "irp_uto", "q": "Kulyab"}
    state = _parse(**params)
    assert (state.years, state.actors, state.layers, state.text) == ((1993, 1994), ["irp_uto"], None, "Kulyab")


def test_defaults_leave_the_url_clean():
    assert view_to_params(BOUNDS, BOUNDS, list(ACTORS), ACTORS, LAYERS, LAYERS, None, TYPES, "") == {}
    assert view_to_params(BOUNDS, BOUNDS, [], ACTORS, LAYERS, LAYERS, None, TYPES, "") == {"actors": "none"}
