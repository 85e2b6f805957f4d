"""The view in the URL: read query parameters safely and write them back.

A shared link such as ``?years=1993-1994&actors=irp_uto,ru_border&layers=incident,flow``
reopens the same view. A parameter that makes no sense is ignored with a
short :class:`Notice` quoting it; nothing here raises, whatever the URL holds
(superscript digits, a 5,000-digit number, a value given twice, an empty one).
Every number is read by :func:`parse_int`: ASCII digits only (``str.isdigit``
also accepts ``²``, which ``int`` then refuses), a bounded length and range.
"""

import re
from dataclasses import dataclass, field

from ..markup import quote_value

__all__ = [
    "MAX_PARAM_CHARS", "SEARCH_LIMIT", "VIEW_PARAMS", "Notice", "ViewState", "parse_int", "one_value", "parse_view",
    "parse_chapter", "parse_belt", "parse_switch", "view_to_params", "PAGE_PARAMS", "unread_params", "readable_years",
]

MAX_PARAM_CHARS = 1000  # longer than any list of every actor, layer and type
SEARCH_LIMIT = 200  # characters of search text
VIEW_PARAMS = ("years", "actors", "layers", "types", "q")  # the sidebar's; a page reads its own others
_MAX_DIGITS = 6

# The parameters each page reads. Any other is dropped from the address with a notice naming
# it: a link that seemed to ask for something (``/Seminar?years=1992``) must not be ignored silently.
PAGE_PARAMS = {
    "Map": (*VIEW_PARAMS, "months", "event", "flow"),
    "Analysis": (*VIEW_PARAMS, "months", "event", "flow", "belt", "exact"),
    "Seminar": ("chapter", "present"),
}
_PAGE_HINTS = {
    "Seminar": "each chapter sets its own years, actors and layers (the Map page takes them)",
}
_MAX_NAMES = 6
_ASCII_DIGITS = re.compile(r"[0-9]+")
_YEARS = re.compile(r"([0-9]{1,6})(?:\s*[-\u2013]\s*([0-9]{1,6}))?")


class Notice(str):
    """A message about a parameter: the plain text, made of the app's own ``template`` and quoted ``values``.

    ``template`` has one ``{}`` per value from outside; each value is quoted and
    shortened (:func:`atlas.markup.quote_value`). A Notice is a ``str``, so code
    and tests may treat it as the message; the UI still escapes all of it
    (``ui.notice``), so a value is always shown as text.
    """

    def __new__(cls, template, values=()):
        values = tuple(values)
        self = super().__new__(cls, template.format(*(quote_value(v) for v in values)))
        self.template, self.values = template, values
        return self


@dataclass
class ViewState:
    """The sidebar's values. ``None`` for actors, layers or types means "all"."""

    years: tuple
    actors: list | None = None
    layers: list | None = None
    types: list | None = None
    text: str = ""
    notices: list = field(default_factory=list)


def parse_int(raw, low, high, max_digits=_MAX_DIGITS):
    """Return ``raw`` as an int if it is ASCII digits within ``low``..``high``, else ``None``.

    Parameters
    ----------
    raw : str or None
        Surrounding white space is allowed; signs, ``²``, ``٣`` and other
        Unicode digits, and more than ``max_digits`` digits are not.
    low, high : int
        Inclusive bounds.
    """
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if len(raw) > max_digits or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def one_value(name, value, notices):
    """Return one string for a parameter given as a string or as a list (repeated in the URL).

    A repeated parameter keeps its last value, as Streamlit does, with a notice
    when the values differ.
    """
    if isinstance(value, (list, tuple)):
        values = [str(v) for v in value]
        if len(set(values)) > 1:
            notices.append(Notice(f"{name} was given {len(values)} times; using the last one, {{}}.", (values[-1],)))
        value = values[-1] if values else ""
    return "" if value is None else str(value)


def readable_years(raw, bounds):
    """Return whether ``?years=`` (a string) names years that overlap ``bounds`` (first, last), so that it is read, not ignored."""
    match = _YEARS.fullmatch(raw)
    if not match:
        return False
    start, end = sorted((int(match.group(1)), int(match.group(2) or match.group(1))))
    return not (end < bounds[0] or start > bounds[1])


def _parse_years(raw, bounds, notices):
    first, last = bounds
    match = _YEARS.fullmatch(raw)
    if not match:
        notices.append(Notice("Ignored years={}: write years=1993 or years=1993-1995.", (raw,)))
        return bounds
    start = int(match.group(1))
    end = int(match.group(2) or start)
    backwards = start > end  # years=1997-1993: what was meant is plain
    start, end = min(start, end), max(start, end)
    if end < first or start > last:
        notices.append(Notice(f"Ignored years={{}}: the data cover {first}-{last}.", (raw,)))
        return bounds
    clipped = (max(start, first), min(end, last))
    if clipped != (start, end):
        notices.append(Notice(f"Years {{}} clipped to {clipped[0]}-{clipped[1]}, the span of the data.", (raw,)))
    elif backwards:  # one notice per value: a clipped range says its result already
        notices.append(Notice(f"Read years={{}} as {start}-{end}: the first year came last.", (raw,)))
    return clipped


def _parse_list(name, raw, allowed, notices):
    if raw in ("", "all"):
        return None
    if len(raw) > MAX_PARAM_CHARS:
        notices.append(Notice(f"Ignored {name}: {len(raw):,} characters is too long for it.", ()))
        return None
    if raw == "none":
        return []
    values = [v.strip() for v in raw.split(",") if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notices.append(Notice(f"Ignored unknown {name}: {{}}.", (", ".join(unknown),)))
    known = [v for v in values if v in allowed]
    return known if known or not unknown else None


def parse_view(params, year_bounds, actor_ids, layers, types):
    """Read a view from query parameters.

    Parameters
    ----------
    params : mapping
        ``st.query_params`` or any dict of str (or list of str, for a
        parameter repeated in the URL).
    year_bounds : tuple of int
        First and last year of the data.
    actor_ids, layers, types : collection of str
        Allowed values.

    Returns
    -------
    ViewState
        With ``notices`` (:class:`Notice`) listing every ignored or corrected parameter.
    """
    notices = []
    state = ViewState(years=tuple(year_bounds), notices=notices)
    params = dict(params)
    raw = {key: one_value(key, params[key], notices).strip() for key in VIEW_PARAMS if key in params}
    if raw.get("years"):
        state.years = _parse_years(raw["years"], tuple(year_bounds), notices)
    state.actors = _parse_list("actors", raw.get("actors", ""), set(actor_ids), notices)
    state.layers = _parse_list("layers", raw.get("layers", ""), set(layers), notices)
    state.types = _parse_list("types", raw.get("types", ""), set(types), notices)
    text = raw.get("q", "")
    if len(text) > SEARCH_LIMIT:
        notices.append(Notice(f"The search text was cut to its first {SEARCH_LIMIT} characters (it had {len(text):,}).", ()))
        text = text[:SEARCH_LIMIT]
    state.text = text
    return state


def parse_chapter(value, count):
    """Return ``(chapter number, notice or None)`` for ``?chapter=``; chapter 1 when absent or wrong."""
    notices = []
    raw = one_value("chapter", value, notices)
    if value is None:
        return 1, None
    number = parse_int(raw, 1, count)
    if number is None:
        notices.append(Notice(f"There is no chapter {{}}; the story has chapters 1 to {count}. Showing chapter 1.", (raw,)))
        number = 1
    return number, notices[-1] if notices else None


def parse_switch(name, value):
    """Return ``(on, notice or None)`` for a switch such as ``?present=1`` or ``?exact=1``.

    ``1`` turns it on, ``0`` or no parameter leaves it off; anything else is
    ignored (off) with a notice quoting it.
    """
    notices = []
    raw = one_value(name, value, notices)
    if value is None or raw == "0":
        return False, notices[-1] if notices else None
    if raw == "1":
        return True, notices[-1] if notices else None
    notices.append(Notice(f"Ignored {name}={{}}: write {name}=1 to turn it on.", (raw,)))
    return False, notices[-1]


def parse_belt(value, default, low=5, high=100, step=5):
    """Return ``(belt width in km, notice or None)`` for ``?belt=``; ``default`` when absent or wrong."""
    notices = []
    raw = one_value("belt", value, notices)
    if value is None:
        return default, None
    width = parse_int(raw, low, high)
    if width is None or width % step:
        notices.append(Notice(f"Ignored belt={{}}: the belt is {low} to {high} km, in steps of {step}.", (raw,)))
        width = default
    return width, notices[-1] if notices else None


def view_to_params(years, year_bounds, actors, all_actors, layers, all_layers, types, all_types, text):
    """Return the query parameters that reproduce a view; defaults are left out."""
    params = {}
    if tuple(years) != tuple(year_bounds):
        params["years"] = f"{years[0]}" if years[0] == years[1] else f"{years[0]}-{years[1]}"
    for name, chosen, every in (("actors", actors, all_actors), ("layers", layers, all_layers), ("types", types, all_types)):
        if chosen is None or set(chosen) == set(every):
            continue
        params[name] = ",".join(chosen) if chosen else "none"
    if text.strip():
        params["q"] = text.strip()
    return params


def unread_params(names, page):
    """Return the query parameters ``page`` does not read, and a :class:`Notice` naming them (None if all are read).

    Parameters
    ----------
    names : iterable of str
        The parameter names in the address, in their order.
    page : str
        A key of :data:`PAGE_PARAMS` ("Map", "Analysis" or "Seminar").

    Returns
    -------
    tuple
        ``(unread names as a list, Notice or None)``. The names come from the
        URL, so the notice quotes them (at most six, then "and N more").
    """
    read = PAGE_PARAMS[page]
    unread = [name for name in dict.fromkeys(names) if name not in read]
    if not unread:
        return [], None
    shown = unread[:_MAX_NAMES]
    more = f" and {len(unread) - len(shown)} more" if len(unread) > len(shown) else ""
    hint = _PAGE_HINTS.get(page, "")
    template = (f"Ignored {', '.join(['{}'] * len(shown))}{more}: the {page} page reads only "
                f"{', '.join(read[:-1])} and {read[-1]}" + (f"; {hint}." if hint else "."))
    return unread, Notice(template, shown)
