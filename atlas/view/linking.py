"""Links to one item (``?event=E029``, ``?flow=F003``): find it, and widen a view that would hide it.

The view is the sidebar's state as a plain dict: ``years`` (first, last),
``months`` ((first, last) as ``YYYY-MM``, or None), ``actors``, ``layers`` and
``types`` (lists; ``types`` empty means all) and ``q`` (the search).
"""

import re

from ..map.symbols import VAGUE_WHERE_PREC
from .filters import UNNAMED_ACTOR, Selection, select_events, select_flows
from .query import Notice, one_value

__all__ = ["LINK_PARAMS", "linked_id", "find_item", "showing_notice", "where_on_map", "where_on_analysis", "widen_view", "empty_reason"]

LINK_PARAMS = ("event", "flow")
_ID = re.compile(r"[EF][0-9]{1,6}")  # ASCII digits only (\d takes any script's)


def linked_id(params):
    """Return ``(kind, id, notice)`` from query parameters; kind is None without a usable link.

    ``params`` is a dict of str, or of lists of str (a parameter repeated in the
    URL: the last value is used, with a notice when they differ). A malformed
    or unknown-looking id gives a notice (shown as text). A link opens one item:
    given both ``event`` and ``flow``, the first usable one opens and the
    notice names the one ignored (a kind and a notice together).
    """
    usable, ignored, repeated = [], [], []
    for kind in LINK_PARAMS:
        raw = params.get(kind)
        if raw is None or (isinstance(raw, (list, tuple)) and not raw):
            continue
        raw = one_value(kind, raw, repeated)  # given twice: the last one, said (as for every parameter)
        value = str(raw).strip().upper()
        if _ID.fullmatch(value) and value[0] == kind[0].upper():
            usable.append((kind, value, str(raw)))
        else:
            example = "E029" if kind == "event" else "F003"
            ignored.append(Notice(f"Ignored {kind}={{}}: write {kind}={example}.", (str(raw),)))
    ignored = repeated + ignored
    if not usable:
        return None, None, ignored[0] if ignored else None
    (kind, value, _), *others = usable
    ignored += [Notice(f"Ignored {other}={{}}: a link opens one item, here {kind} {value}.", (raw,))
                for other, _, raw in others]
    return kind, value, ignored[0] if ignored else None


def find_item(events, flows, kind, item_id):
    """Return the event or flow row (a dict) with ``item_id``, or None."""
    frame = events if kind == "event" else flows
    rows = frame[frame["id"] == item_id]
    return rows.iloc[0].to_dict() if len(rows) else None


def where_on_map(kind, row, selected):
    """Say where an item a link opened is on the Map page: its details are below the map, and whether it is on it.

    ``row`` is the item's record (a mapping with ``id``, and ``mapped`` for an
    event); ``selected`` the ids the filters select. The words end
    :func:`showing_notice`'s line. Moved past the item, the years had hidden it
    while the notice still said "Showing".
    """
    if row["id"] not in selected:
        return "the filters now hide it; details below"
    if kind == "event" and not row.get("mapped", True):
        return "no place in the article, so not on the map; details below"
    return "details below"


def where_on_analysis(kind, row, shown, exact_only=False):
    """Say where an item a link opened is on the Analysis page: outlined on its map, or why it is not.

    ``row`` is the item's record (a mapping with ``id``, and ``mapped`` and
    ``where_prec`` for an event); ``shown`` the ids the page's map draws.
    The words end :func:`showing_notice`'s line.
    """
    if row["id"] in shown:
        # Short: the line fits one row above the map on a laptop; the symbol's popup has the quote.
        return "outlined on the map"
    if kind == "event" and not row.get("mapped", True):
        return "not on this map: the article gives no place for it (the Map page's table has its quote)"
    if kind == "event" and exact_only and int(row.get("where_prec", 0)) >= VAGUE_WHERE_PREC:
        return ("not on this map: its place is known only to a province or wider; "
                "untick \u201cOnly places known exactly\u201d to measure it")
    return "not on this map: the filters leave it out"


def showing_notice(kind, item_id, title, widened=None, max_title=100, where="details below"):
    """Return the one line that says which item a link opened, e.g. ``"Showing event E029: Attack ... — details below"``.

    ``title`` comes from the data and is returned as plain text (the caller
    shows it as text); longer than ``max_title`` characters it is cut with an
    ellipsis. ``widened`` (the sentence saying which filters were widened) is
    appended when given. ``where`` says where the item is shown (the Map page's
    details panel by default; see :func:`where_on_analysis`).
    """
    title = " ".join(str(title or "").split())
    if len(title) > max_title:
        title = title[:max_title - 1].rstrip() + "\u2026"
    line = f"Showing {kind} {item_id}: {title} \u2014 {where}" if title else f"Showing {kind} {item_id} \u2014 {where}"
    return f"{line}. {widened}" if widened else line


def _selection(view):
    return Selection(
        years=tuple(view["years"]),
        months=view.get("months"),
        actors=frozenset(view["actors"]),
        layers=frozenset(view["layers"]),
        event_types=frozenset(view["types"]) if view["types"] else None,
        text=view["q"],
    )


def _shown(frame, kind, view, actors, places):
    select = select_events if kind == "event" else select_flows
    return len(select(frame, _selection(view), actors, places)) > 0


def widen_view(view, frame, kind, actors=None, places=None):
    """Return ``(view, changes)``: the view widened just enough to show the one-row ``frame``.

    Parameters
    ----------
    view : dict
        The sidebar's state (see the module docstring); not modified.
    frame : DataFrame
        The linked item's row, as loaded.
    kind : {"event", "flow"}

    Returns
    -------
    tuple
        The new view and a list of what was widened in words (empty when the
        view already shows the item).
    """
    view = dict(view)
    changes = []
    if _shown(frame, kind, view, actors, places):
        return view, changes
    row = frame.iloc[0]
    first, last = int(row["year_start"]), int(row["year_end"])
    years = (min(view["years"][0], first), max(view["years"][1], last))
    if years != tuple(view["years"]) or view.get("months") is not None:
        view["years"], view["months"] = years, None
        changes.append(f"years {years[0]}\u2013{years[1]}" if years[0] != years[1] else f"year {years[0]}")
    wanted = list(row["actor_ids"]) or [UNNAMED_ACTOR]
    if not set(wanted) & set(view["actors"]):
        view["actors"] = [*view["actors"], *wanted]
        changes.append("its actors")
    layer = row["layer"] if kind == "event" else "flow"
    if layer not in view["layers"]:
        view["layers"] = [*view["layers"], layer]
        changes.append(f"layer {layer}")
    kind_type = row["event_type"] if kind == "event" else row["flow_type"]
    if view["types"] and kind_type not in view["types"]:
        view["types"] = []
        changes.append("all types")
    if view["q"] and not _shown(frame, kind, view, actors, places):
        view["q"] = ""
        changes.append("no search")
    return view, changes


def empty_reason(events, flows, selection, actors=None, places=None):
    """Say why a selection is empty: ``"search"`` when the search text alone empties it, else ``"filters"``."""
    if not selection.text.strip():
        return "filters"
    without = Selection(years=selection.years, months=selection.months, actors=selection.actors,
                        layers=selection.layers, event_types=selection.event_types)
    found = len(select_events(events, without)) + len(select_flows(flows, without))
    return "search" if found else "filters"
