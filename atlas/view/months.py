"""A time filter to the month: month labels, the ``?months=`` parameter, and overlap with a row's dates.

Months are written ``YYYY-MM``; a range is ``(first, last)``, both included.
An event or flow matches a range when its own date span (``date_start`` to
``date_end``, as precise as the article allows) overlaps it, so "1993" (a
whole year) matches June 1993 and "14 July 1993" does not match June.
"""

import re

import pandas as pd

from .query import Notice

__all__ = ["month_labels", "parse_months", "months_param", "month_bounds", "overlaps_months", "years_of_months",
           "years_for_months"]

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only (\d takes any script's)


def month_labels(first_year, last_year):
    """Return every month from January of ``first_year`` to December of ``last_year`` as ``YYYY-MM``."""
    return [f"{year}-{month:02d}" for year in range(first_year, last_year + 1) for month in range(1, 13)]


def month_bounds(months):
    """Return the first day of the first month and the last day of the last month as Timestamps."""
    first, last = months
    start = pd.Timestamp(f"{first}-01")
    end = pd.Timestamp(f"{last}-01") + pd.offsets.MonthEnd(0)
    return start, end


def overlaps_months(frame, months):
    """Return a boolean mask: the row's ``date_start``-``date_end`` span overlaps ``months`` (edges included)."""
    start, end = month_bounds(months)
    return (frame["date_start"] <= end) & (frame["date_end"] >= start)


def years_of_months(months):
    """Return the (first, last) years a month range touches."""
    return int(months[0][:4]), int(months[1][:4])


def years_for_months(months, years, years_raw=None):
    """Return the years a link's ``months`` are shown in, and a notice when its ``years`` had to give way.

    Parameters
    ----------
    months : tuple of str
        ``(first, last)`` as ``YYYY-MM``, already read by :func:`parse_months`.
    years : tuple of int
        The years the link asked for (already read and clipped), or the data's
        span when it gave none.
    years_raw : str, optional
        ``?years=`` as given; None when the link has no years.

    Returns
    -------
    tuple
        ``((first, last) years, Notice or None)``. Years that hold the months
        stay (the app writes ``years=1993-1995&months=1994-02..1994-05`` itself);
        otherwise the months' own years are shown, and when the link gave
        years, the notice says they were replaced rather than dropping them silently.
    """
    own = years_of_months(months)
    if years_raw is None:
        return own, None
    if years[0] <= own[0] and own[1] <= years[1]:
        return tuple(years), None
    span = f"{own[0]}" if own[0] == own[1] else f"{own[0]}-{own[1]}"
    return own, Notice(f"Ignored years={{}}: the months asked for ({months[0]}..{months[1]}) lie outside them; "
                       f"showing {span}.", (years_raw,))


def _valid(label):
    match = _MONTH.fullmatch(label)
    return bool(match) and 1 <= int(match.group(2)) <= 12


def parse_months(raw, year_bounds):
    """Read ``?months=1993-01..1993-06`` (or one month, ``1993-07``).

    Parameters
    ----------
    raw : str
        The parameter as given.
    year_bounds : tuple of int
        First and last year of the data.

    Returns
    -------
    tuple
        ``((first, last) or None, notice or None)``: None when the parameter is
        missing or unusable, with a notice saying why; a range reaching past
        the data is clipped to it, with a notice.
    """
    raw = (raw or "").strip()
    if not raw:
        return None, None
    parts = [p.strip() for p in raw.replace("\u2013", "..").split("..")]
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(_valid(p) for p in parts):
        return None, Notice("Ignored months={}: write months=1993-01..1993-06 or months=1993-07.", (raw,))
    first, last = parts
    reversed_notice = None
    if first > last:  # months=1993-06..1993-01: what was meant is plain
        first, last = last, first
        reversed_notice = Notice(f"Read months={{}} as {first}..{last}: the first month came last.", (raw,))
    labels = month_labels(*year_bounds)
    if last < labels[0] or first > labels[-1]:
        return None, Notice(f"Ignored months={{}}: the data cover {labels[0]} to {labels[-1]}.", (raw,))
    clipped = (max(first, labels[0]), min(last, labels[-1]))
    if clipped != (first, last):
        return clipped, Notice(f"Months {{}} clipped to {clipped[0]}..{clipped[1]}, the span of the data.", (raw,))
    return clipped, reversed_notice


def months_param(months, years):
    """Return the ``?months=`` value for a range, or None when it is the whole of the chosen years."""
    if months is None or tuple(months) == (f"{years[0]}-01", f"{years[1]}-12"):
        return None
    return months[0] if months[0] == months[1] else f"{months[0]}..{months[1]}"
