"""The month filter: labels, the ?months= parameter, and overlap at the edges of a span."""

import pandas as pd
import pytest

from atlas.view.filters import Selection, select_events
from atlas.view.months import month_labels, months_param, overlaps_months, parse_months, years_for_months

# One row per kind of span the data hold: a day, a month, a year, several years.
SPANS = pd.DataFrame(
    {
        "id": ["day", "month", "year", "years"],
        "date_start": pd.to_datetime(["1993-07-14", "1993-07-01", "1993-01-01", "1992-01-01"]),
        "date_end": pd.to_datetime(["1993-07-14", "1993-07-31", "1993-12-31", "1997-12-31"]),
    }
)


@pytest.mark.parametrize(
    "months, ids",
    [
        (("1993-07", "1993-07"), ["day", "month", "year", "years"]),
        (("1993-06", "1993-06"), ["year", "years"]),  # the month ends the day before July begins
        (("1993-08", "1993-12"), ["year", "years"]),  # July 31 is the last day of "July 1993"
        (("1992-01", "1992-12"), ["years"]),
        (("1993-01", "1993-01"), ["year", "years"]),  # the first day of a span counts
        (("1997-12", "1997-12"), ["years"]),  # and its last
        (("1992-12", "1993-01"), ["year", "years"]),  # a range across a new year
    ],
)
def test_overlap_at_the_edges(months, ids):
    assert list(SPANS.loc[overlaps_months(SPANS, months), "id"]) == ids


def test_month_labels():
    labels = month_labels(1992, 1993)
    assert labels[0] == "1992-01" and labels[-1] == "1993-12" and len(labels) == 24


@pytest.mark.parametrize(
    "raw, months, notice",
    [
        ("1993-01..1993-06", ("1993-01", "1993-06"), None),
        ("1993-07", ("1993-07", "1993-07"), None),
        (" 1993-01 .. 1993-06 ", ("1993-01", "1993-06"), None),
        ("1990-01..1992-03", ("1992-01", "1992-03"), "clipped"),
        ("1993-13", None, "Ignored"),
        ("1993-06..1993-01", ("1993-01", "1993-06"), "as 1993-01..1993-06: the first month came last"),
        ("2050-01", None, "Ignored"),
        ("<script>", None, "Ignored"),
        ("", None, None),
    ],
)
def test_parse_months(raw, months, notice):
    parsed, message = parse_months(raw, (1992, 1997))
    assert parsed == months
    assert (message is None) if notice is None else (notice in message)


@pytest.mark.parametrize(
    "months, years, param",
    [
        (("1993-01", "1993-12"), (1993, 1993), None),
        (("1993-01", "1993-06"), (1993, 1993), "1993-01..1993-06"),
        (("1993-07", "1993-07"), (1993, 1993), "1993-07"),
        (None, (1992, 1997), None),
    ],
)
def test_months_param(months, years, param):
    assert months_param(months, years) == param


def test_selection_with_months(dataset):
    july = select_events(dataset.events, Selection(years=(1993, 1993), months=("1993-07", "1993-07")))
    assert "E029" in set(july["id"])  # the 14 July 1993 attack
    june = select_events(dataset.events, Selection(years=(1993, 1993), months=("1993-06", "1993-06")))
    assert "E029" not in set(june["id"])
    assert len(june) < len(select_events(dataset.events, Selection(years=(1993, 1993))))


@pytest.mark.parametrize("months, years, raw, shown, noticed", [
    (("1995-01", "1995-01"), (1993, 1993), "1993", (1995, 1995), True),
    (("1994-02", "1994-05"), (1993, 1995), "1993-1995", (1993, 1995), False),  # the app writes such links
    (("1994-02", "1994-05"), (1992, 1997), None, (1994, 1994), False),  # no years: the months' own
    (("1993-11", "1994-02"), (1994, 1994), "1994", (1993, 1994), True),
])
def test_years_for_months(months, years, raw, shown, noticed):
    found, notice = years_for_months(months, years, raw)
    assert found == shown
    assert bool(notice) is noticed
    if noticed:
        assert notice.values == (raw,) and f"{months[0]}..{months[1]}" in notice
