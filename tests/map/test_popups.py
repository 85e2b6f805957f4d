import pandas as pd
import pytest

from atlas.map.popups import event_popup_html, figures_text, flow_popup_html, place_text

ACTORS = pd.DataFrame({"id": ["irp_uto", "ru_border"], "short_name": ["IRP / UTO", "Russian border troops"]})


def _event(**changes):
    row = {
        "id": "E029",
        "title": "Attack into Kulyab",
        "description": "25 guards killed",
        "date_start": pd.Timestamp("1993-07-14"),
        "date_end": pd.Timestamp("1993-07-14"),
        "date_prec": 1,
        "place_id": "kulyab_oblast",
        "place_name": "Kulyab",
        "place_modern": "Kulyab oblast (1992)",
        "where_prec": 4,
        "actor_ids": ("irp_uto", "ru_border"),
        "deaths_low": 125,
        "deaths_best": 125,
        "deaths_high": pd.NA,
        "strength": pd.NA,
        "source_note": "61",
        "source_quote": "In a major attack on 14 July 1993 launched into Kulyab",
    }
    row.update(changes)
    return row


def test_popup_holds_what_a_lecturer_cites():
    html = event_popup_html(_event(), ACTORS)
    for text in ("Attack into Kulyab", "14 July 1993", "exact day", "known only to the province or oblast",
                 "IRP / UTO, Russian border troops", "at least 125 killed", "footnote 61",
                 "In a major attack on 14 July 1993 launched into Kulyab"):
        assert text in html


@pytest.mark.parametrize("column", ["title", "description", "source_quote", "place_name"])
def test_popup_escapes_html(column):
    html = event_popup_html(_event(**{column: '<script>alert("x")</script>'}), ACTORS)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_unknown_actor_is_shown_as_its_id():
    assert "ghosts" in event_popup_html(_event(actor_ids=("ghosts",)), ACTORS)


def test_no_actor_named():
    assert "none named in the article" in event_popup_html(_event(actor_ids=()), ACTORS)


@pytest.mark.parametrize(
    "changes, text",
    [
        ({"place_name": "Toloqan", "place_modern": "Taloqan", "geonameid": "1123004", "where_prec": 2},
         "Toloqan (today Taloqan) \u2014 near a named place"),
        ({"geonameid": ""}, "Kulyab (Kulyab oblast (1992)) \u2014 known only to the province or oblast"),
        ({"place_name": "Moscow", "place_modern": "Moscow", "geonameid": "524901", "where_prec": 1},
         "Moscow \u2014 exact place"),
    ],
)
def test_place_text(changes, text):
    assert place_text(_event(**changes)) == text


def test_unmapped_place():
    assert place_text(_event(place_id="")) == "no place given in the article (not mapped)"


@pytest.mark.parametrize(
    "changes, text",
    [
        ({}, "at least 125 killed"),
        ({"deaths_low": 31, "deaths_best": 31, "deaths_high": 31}, "31 killed"),
        ({"deaths_low": 10, "deaths_best": 20, "deaths_high": 30}, "20 killed (range 10\u201330)"),
        ({"deaths_low": pd.NA, "deaths_best": pd.NA, "strength": 24000}, "strength 24,000"),
        ({"deaths_low": pd.NA, "deaths_best": pd.NA}, ""),
    ],
)
def test_figures_text(changes, text):
    assert figures_text(_event(**changes)) == text


def test_flow_popup():
    row = _event(from_name="southern Tajikistan", to_name="northern Afghanistan", magnitude=70000, magnitude_unit="people",
                 deaths_best=pd.NA, deaths_low=pd.NA)
    html = flow_popup_html(row, ACTORS)
    assert "from southern Tajikistan to northern Afghanistan" in html
    assert "70,000 people" in html


@pytest.mark.parametrize("date_prec, phrase", [(1, "exact day"), (4, "known to within a month"),
                                               (5, "known only to within this span")])
def test_the_popup_says_how_well_the_date_is_known_in_words(date_prec, phrase):
    # "1992 (longer than a month)" read as how long a treaty signing lasted.
    from atlas.data.dates import date_precision_phrase

    assert date_precision_phrase(date_prec) == phrase


@pytest.mark.parametrize("where_prec, phrase", [(1, "exact place"), (4, "known only to the province or oblast"),
                                                (6, "known only to the whole country")])
def test_the_popup_says_how_well_the_place_is_known_in_words(where_prec, phrase):
    text = place_text({"place_id": "P", "place_name": "Somewhere", "where_prec": where_prec, "geonameid": "1"})
    assert text == f"Somewhere \u2014 {phrase}" and "precision" not in text
