import pytest

from atlas.view.query import (SEARCH_LIMIT, Notice, parse_belt, parse_chapter, parse_int, parse_view, readable_years,
                              unread_params, view_to_params)

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
        ("1994-1993", (1993, 1994), 1),  # read the right way round, and said so
        ("1999-1990", BOUNDS, 1),  # ... or clipped to the data, one notice saying the result
        ("2001-1999", BOUNDS, 1),  # ... or ignored, one notice
        ("abc", BOUNDS, 1),
        ("2001", BOUNDS, 1),
        ("<script>", BOUNDS, 1),
        ("¹⁹⁹³", BOUNDS, 1),  # superscript digits: str.isdigit says yes
        ("١٩٩٣", BOUNDS, 1),  # Arabic-Indic digits: int() reads them
        ("9" * 5000, BOUNDS, 1),
        ("1993-" + "9" * 5000, BOUNDS, 1),
        ("1993 – 1994", (1993, 1994), 0),
        ("-1993", BOUNDS, 1),
        ("", BOUNDS, 0),
        ("![x](http://other.invalid/p.png)", BOUNDS, 1),
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


@pytest.mark.parametrize(
    "raw, low, high, expected",
    [
        ("3", 1, 8, 3),
        (" 3 ", 1, 8, 3),
        ("03", 1, 8, 3),
        ("0", 1, 8, None),
        ("9", 1, 8, None),
        ("-1", -5, 8, None),  # a sign is not a digit
        ("+3", 1, 8, None),
        ("3.0", 1, 8, None),
        ("\u00b2", 1, 8, None),  # str.isdigit accepts it, int() raises
        ("\u0663", 1, 8, None),  # int() accepts Arabic-Indic three
        ("\uff13", 1, 8, None),  # fullwidth three
        ("9" * 5000, 1, 10**9, None),
        ("1" * 7, 1, 10**9, None),  # more digits than allowed
        ("", 1, 8, None),
        (None, 1, 8, None),
        (["3"], 1, 8, None),
        ("3\n", 1, 8, 3),
        ("3\x00", 1, 8, None),
    ],
)
def test_parse_int(raw, low, high, expected):
    assert parse_int(raw, low, high) == expected


@pytest.mark.parametrize(
    "value, number, quoted",
    [
        (None, 1, None),
        ("3", 3, None),
        (["3"], 3, None),
        (["2", "5"], 5, "5"),  # repeated: the last, as Streamlit does, with a notice
        ("\u00b2", 1, "\u00b2"),
        ("9" * 5000, 1, "9" * 39 + "\u2026"),
        ("", 1, ""),
        (["", ""], 1, ""),
        ("99", 1, "99"),
        ("[Get the corrected syllabus](https://other.invalid/login)", 1, "[Get the corrected syllabus](https://ot\u2026"),
        ("\U0001f5fa\u202e\x00", 1, "\U0001f5fa[U+202E]\u2400"),
    ],
)
def test_parse_chapter(value, number, quoted):
    got, notice = parse_chapter(value, 8)
    assert got == number
    if quoted is None:
        assert notice is None
    else:
        assert isinstance(notice, Notice)
        assert f"\u201c{quoted}\u201d" in str(notice)


@pytest.mark.parametrize(
    "value, width, notice",
    [(None, 25, False), ("40", 40, False), ("7", 25, True), ("\u00b2", 25, True), ("9" * 5000, 25, True),
     ("0", 25, True), ("105", 25, True), ("", 25, True), (["40", "40"], 40, False), ("-5", 25, True)],
)
def test_parse_belt(value, width, notice):
    got, message = parse_belt(value, 25)
    assert got == width
    assert (message is not None) is notice


@pytest.mark.parametrize(
    "params, notices",
    [
        ({"years": ["1993", "1994"]}, 1),  # repeated: the last one, with a notice
        ({"years": ["1993", "1993"]}, 0),
        ({"actors": "x" * 5000}, 1),  # too long: ignored, not matched item by item
        ({"q": "Kulyab"}, 0),
        ({"layers": ""}, 0),
        ({"types": "\u00b2,\x00"}, 1),
        ({"zzz": "![x](http://other.invalid/p.png)"}, 0),  # not ours: left alone
        ({"x" * 5000: ["1", "2"], "belt": ["5", "10"]}, 0),  # repeated, but another page's or nobody's
    ],
)
def test_odd_parameters_never_raise(params, notices):
    state = _parse(**params)
    assert len(state.notices) == notices, [str(n) for n in state.notices]


def test_long_search_text_is_cut_with_a_notice():
    state = _parse(q="Kulyab " * 100)
    assert len(state.text) == SEARCH_LIMIT
    assert "cut" in str(state.notices[0])


def test_notices_quote_values_short_and_as_plain_text():
    state = _parse(years="![x](http://other.invalid/p.png)" * 10)
    message = str(state.notices[0])
    assert message.startswith("Ignored years=\u201c![x](http://other.invalid/p.png)")
    assert len(message) < 120


@pytest.mark.parametrize("value, on, noticed", [
    (None, False, False), ("1", True, False), ("0", False, False), (["1", "1"], True, False),
    ("yes", False, True), ("\u00b9", False, True), ("[x](https://other.invalid)", False, True), ("", False, True),
])
def test_parse_switch(value, on, noticed):
    from atlas.view.query import parse_switch

    got, notice = parse_switch("present", value)
    assert got is on and (notice is not None) is noticed
    if noticed:
        assert "Ignored present=" in str(notice)


@pytest.mark.parametrize("names, page, unread, quoted", [
    (["years", "months", "event", "flow", "q"], "Map", [], None),
    (["chapter", "years", "layers"], "Seminar", ["years", "layers"], "\u201cyears\u201d, \u201clayers\u201d"),
    (["belt", "exact", "chapter"], "Analysis", ["chapter"], "\u201cchapter\u201d"),
    (["belt"], "Map", ["belt"], "\u201cbelt\u201d"),
    ([f"p{n}" for n in range(9)], "Map", [f"p{n}" for n in range(9)], "and 3 more"),
])
def test_unread_params(names, page, unread, quoted):
    found, message = unread_params(names, page)
    assert found == unread
    assert (message is None) is (quoted is None)
    if quoted:
        assert quoted in message and f"the {page} page reads only" in message


def test_unread_param_names_are_quoted_as_text():
    message = unread_params(["<img src=x>\n"], "Seminar")[1]
    assert "\u201c<img src=x>\u240a\u201d" in message and message.values == ("<img src=x>\n",)


@pytest.mark.parametrize("raw, readable", [
    ("1993", True), ("1993-1995", True), ("1997-1993", True), ("1990-1993", True),  # clipped, still read
    ("1994..1995", False), ("abc", False), ("", False), ("2001", False), ("1980-1985", False),
])
def test_readable_years(raw, readable):
    # Ignored by parse_view exactly when not readable: a notice starting "Ignored years=".
    assert readable_years(raw, BOUNDS) is readable
    ignored = [n for n in _parse(years=raw).notices if str(n).startswith("Ignored years=")] if raw else []
    assert bool(ignored) is (not readable) or raw == ""
