import pytest

from atlas.data.dates import date_precision_label, format_date


@pytest.mark.parametrize(
    "start, end, prec, text",
    [
        ("1993-07-14", "1993-07-14", 1, "14 July 1993"),
        ("1993-07-01", "1993-07-31", 4, "July 1993"),
        ("1993-02-01", "1993-04-30", 4, "February\u2013April 1993"),
        ("1993-12-01", "1994-01-31", 4, "December 1993 \u2013 January 1994"),
        ("1993-01-01", "1993-12-31", 5, "1993"),
        ("1992-01-01", "1997-12-31", 5, "1992\u20131997"),
        ("1992-07-01", "1992-08-31", 5, "July\u2013August 1992"),
        ("1994-01-01", "1997-06-27", 5, "1994 \u2013 June 1997"),
        ("1994-06-01", "1997-12-31", 5, "June 1994 \u2013 1997"),
        ("1993-07-14", "1993-07-16", 2, "14\u201316 July 1993"),
        ("1993-07-12", "1993-07-18", 3, "week of 12 July 1993"),
        ("1993-06-28", "1993-07-02", 2, "28 June 1993 \u2013 2 July 1993"),
    ],
)
def test_format_date(start, end, prec, text):
    assert format_date(start, end, prec) == text


def test_precision_label():
    assert date_precision_label(4) == "a certain month"
