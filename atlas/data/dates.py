"""Write a date range as a person would say it, no more precisely than it is known."""

import pandas as pd

from .schema import DATE_PRECISION

__all__ = ["format_date", "date_precision_label", "date_precision_phrase"]

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _day(ts):
    return f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"


def _month(ts):
    return f"{_MONTHS[ts.month - 1]} {ts.year}"


def format_date(start, end, precision):
    """Return a date range in words at the precision it is known.

    Parameters
    ----------
    start, end : datetime-like
        First and last day of the range.
    precision : int
        UCDP GED ``date_prec``: 1 day, 2 a few days, 3 week, 4 month, 5 year.

    Returns
    -------
    str
        ``"14 July 1993"``, ``"February-April 1993"``, ``"1993"``, ``"1992-1997"`` ...

    Examples
    --------
    >>> format_date("1993-07-01", "1993-07-31", 4)
    'July 1993'
    """
    start, end, precision = pd.Timestamp(start), pd.Timestamp(end), int(precision)
    if precision >= 5:
        return _longer_than_a_month(start, end)
    if precision == 4:
        if (start.year, start.month) == (end.year, end.month):
            return _month(start)
        if start.year == end.year:
            return f"{_MONTHS[start.month - 1]}\u2013{_MONTHS[end.month - 1]} {start.year}"
        return f"{_month(start)} \u2013 {_month(end)}"
    if start == end:
        return _day(start)
    if precision == 3:
        return f"week of {_day(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {_MONTHS[start.month - 1]} {start.year}"
    return f"{_day(start)} \u2013 {_day(end)}"


def _longer_than_a_month(start, end):
    # UCDP's code 5 covers a season as well as years: keep the months the span
    # gives ("July\u2013August 1992"), and whole years as years ("1992\u20131997").
    whole_start, whole_end = (start.month, start.day) == (1, 1), (end.month, end.day) == (12, 31)
    if whole_start and whole_end:
        return str(start.year) if start.year == end.year else f"{start.year}\u2013{end.year}"
    if start.year == end.year:
        return f"{_MONTHS[start.month - 1]}\u2013{_MONTHS[end.month - 1]} {start.year}"
    left = str(start.year) if whole_start else _month(start)
    right = str(end.year) if whole_end else _month(end)
    return f"{left} \u2013 {right}"


def date_precision_label(precision):
    """Return the words for a ``date_prec`` code, e.g. ``'a certain month'`` (a table's "date known to")."""
    return DATE_PRECISION[int(precision)]


# For a popup, after the date as written: "1992 (longer than a month)" read as how long
# a treaty signing lasted; what code 5 says is that the date lies somewhere in the span shown.
_DATE_PHRASES = {
    1: "exact day",
    2: "known to within 2-6 days",
    3: "known to within a week",
    4: "known to within a month",
    5: "known only to within this span",
}


def date_precision_phrase(precision):
    """Return how precisely a date is known, in words for a reader, e.g. ``'known to within a month'``.

    Follows the date as :func:`format_date` writes it ("14 July 1993 (exact day)",
    "1992 (known only to within this span)"); ``precision`` is UCDP GED's ``date_prec`` (1-5).
    """
    return _DATE_PHRASES[int(precision)]
