"""The sidebar's filters: the view in the address, actors, layers, months, search, play."""

import copy
import logging
from dataclasses import replace
import time

import streamlit as st

from atlas.analysis.summary import describe_selection
from atlas.data.schema import LAYERS, SIDES
from atlas.map.playlabel import play_label_group
from atlas.markup import quote_value
from atlas.map.symbols import LAYER_LABELS
from atlas.view.filters import Selection, UNNAMED_ACTOR, select_events, select_flows
from atlas.view.memo import memoized
from atlas.view.linking import LINK_PARAMS, empty_reason, find_item, linked_id, widen_view
from atlas.view.months import month_labels, months_param, parse_months, years_for_months
from atlas.view.query import (SEARCH_LIMIT, VIEW_PARAMS, Notice, one_value, parse_belt, parse_view, readable_years,
                              view_to_params)
from atlas.view.search import matching_names

from .maps import refit_map, request_frame
from .state import _url_notice, history_navigation, switch_from_url, url_params
from .text import literal, notice

__all__ = [
    "LAYER_OPTIONS", "MULTISELECT_CSS", "SIDEBAR_PARAMS", "PLAY_SECONDS", "PLAY_SPEEDS", "PLAY_MODES",
    "sidebar_filters", "selection_subtitle", "play_seconds", "advance_play", "play_layers", "BELT_DEFAULT_KM",
    "analysis_from_url", "write_analysis_params", "empty_notice", "select",
]

# The months slider is given both a default (which makes it a range slider) and its state;
# Streamlit logs a warning with a stack for that on every run, which buried a lecturer's terminal.
logging.getLogger("streamlit.elements.lib.policies").setLevel(logging.ERROR)

LAYER_OPTIONS = [*LAYERS, "flow"]
# A multiselect's search field keeps one minimum width, focused or not. Streamlit widens it from
# 0.5rem to 3rem on focus (and focuses it after a chip is removed); where that pushed it onto a row
# of its own, the box lost that row again on the mousedown of the next chip's x. With the sidebar
# scrolled to its end the sidebar then moved 33 px down before the mouseup, and that click was lost:
# every second x in Layers (tests/browser/test_sidebar_chips.py).
MULTISELECT_CSS = ("<style>[data-testid='stMultiSelect'] input, [data-testid='stMultiSelect'] input:focus"
                   " { min-width: 0.5rem; }</style>")
# One year chosen (both handles on it): Streamlit writes its value twice, pushed apart ("1993 1993");
# the second goes and the first sits over the handle as usual.
ONE_YEAR_CSS = (".st-key-years div:has(> [data-testid='stSliderThumbValue']) ~ div [data-testid='stSliderThumbValue']"
                " { display: none; } .st-key-years [data-testid='stSliderThumbValue'] { left: 50% !important;"
                " right: auto !important; transform: translateX(-50%); }")
# The sidebar's parameters in the URL: atlas.view.query's and the month range (research, issue 13).
SIDEBAR_PARAMS = (*VIEW_PARAMS, "months")
FILTER_KEYS = ("years", "months", "actors", "layers", "types", "q")  # the sidebar's widget keys
PLAY_SECONDS = 1.6  # one year at 1x
PLAY_SPEEDS = {"0.5\u00d7": 0.5, "1\u00d7": 1.0, "2\u00d7": 2.0}
PLAY_MODES = ("one year at a time", "cumulative")


def _actor_options(data):
    return list(_actor_choices(data.actors, data.fingerprint)[0])


def _side_actors(data, side):
    return list(_actor_choices(data.actors, data.fingerprint)[1].get(side, ()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _actor_choices(_actors, fingerprint):
    # Once per version of the data: sorting the actors on every run was a fifth of a slider move's server time.
    order = {side: i for i, side in enumerate(SIDES)}
    ordered = _actors.assign(_o=_actors["side"].map(order)).sort_values(["_o", "short_name"])
    by_side = {side: tuple(_actors.loc[_actors["side"] == side, "id"]) for side in SIDES}
    return (*ordered["id"], UNNAMED_ACTOR), by_side


def _actor_label(actors):
    names = dict(zip(actors["id"], actors["short_name"]))
    sides = dict(zip(actors["id"], actors["side"]))

    def label(actor_id):
        if actor_id == UNNAMED_ACTOR:
            return "(no actor named)"
        return f"{names[actor_id]} · {sides[actor_id]}"

    return label


def _type_options(data):
    return list(_types(data.events, data.flows, data.fingerprint))


@st.cache_resource(show_spinner=False, max_entries=4)
def _types(_events, _flows, fingerprint):
    # Once per version of the data: a set over every row on each run cost 60 ms at 100,000 events.
    return tuple(sorted(set(_events["event_type"]) | set(_flows["flow_type"])))


def _address_view():
    """Return the sidebar's parameters in the address, as a dict of lists of str."""
    return {name: st.query_params.get_all(name) for name in SIDEBAR_PARAMS if name in st.query_params}


def _widget_view():
    """The sidebar's filters as the reader has set them (for :func:`_moved_in_history`)."""
    return tuple(repr(st.session_state.get(key)) for key in FILTER_KEYS)


def _moved_in_history(page):
    """Return whether the address changed under this page since it was last written (Back or Forward).

    A page change empties the address too, so only the page that wrote it, on the same visit
    (``ui.drop_unread_params`` forgets it on a page change), compares. An address with no filter
    at all is read again only in Back or Forward on a visit that showed the unfiltered view:
    Streamlit's own history entry of a page change has none, and reading it reset the
    filters the reader brought to the page.
    """
    written = st.session_state.get("_view_written")
    address = _address_view()
    if written is None or written[0] != page:
        return False
    if not address:
        # Followed only in Back or Forward to a view this visit showed unfiltered (written[3]).
        return history_navigation() and written[3]
    if history_navigation():
        # Streamlit says so: the widgets still hold the view before Back (their values are
        # the browser's until the answer), and a run the page asked for between Back and
        # this one may have shown the address already (CI, under load).
        return True
    if address == written[1]:
        return False
    if st.session_state.get("playing"):
        return True  # Play writes no address (see sidebar_filters): a new one is Back or Forward
    # The reader moved a filter in this run (its value differs from the one last written): the
    # address only lags behind (a fast reader overtakes the browser's address), it is not Back.
    return _widget_view() == written[2]


def _filter_values():
    return {key: copy.copy(st.session_state.get(key)) for key in FILTER_KEYS}


def _undo_stale_values(keys=FILTER_KEYS):
    """Give back the filters the last run set where the browser, in a run the page asked for, still sent the old ones.

    A run the page asks for itself (the drawn map's report, see ``ui.map_asked``) carries
    every widget value and the address the browser held when it asked. If the last run
    had just set a filter (Back's years, the months made whole for new years) and the
    browser had not received it yet, that value is the one from before: taken as the
    reader's, it undid Back (seen in CI) or narrowed 1992-1993 to the months of 1993.
    The reader did not ask for this run, so a value still equal to what the browser
    sent last time is not news. Returns whether any was given back: the browser had
    not had the last answer, so its address is older than the one written then.

    The months alone (``keys``) are given back in any run: the server makes them whole
    whenever the years change, and a fast reader's next move (another key press, a
    click elsewhere) carried the range of the years before, which stayed as a
    narrowing (``?years=1992-1994&months=1992-01..1993-12``).
    """
    sent, kept = st.session_state.get("_filters_sent"), st.session_state.get("_filters_kept")
    stale = [key for key in keys
             if sent and kept and kept[key] != sent[key] and st.session_state.get(key) == sent[key]]
    for key in stale:
        st.session_state[key] = copy.copy(kept[key])
    return bool(stale)


def _init_from_url(data, page, stale_address=False):
    """Fill the widget keys from the URL once per session, and again after Back or Forward; return notices."""
    if "years" in st.session_state and (stale_address or not _moved_in_history(page)):
        return []
    if st.session_state.get("playing"):  # Back or Forward while the years play: the address's view, paused
        st.session_state["playing"] = False
        st.session_state.pop("_pending_years", None)
    params = url_params()
    first = st.session_state.pop("_first_address", None)
    if "years" not in st.session_state and first and not any(name in params for name in SIDEBAR_PARAMS):
        params = first  # the page was changed before the first page read its address
    state = parse_view(params, data.years, set(data.actors["id"]) | {UNNAMED_ACTOR}, LAYER_OPTIONS, _type_options(data))
    st.session_state["years"] = tuple(state.years)
    st.session_state["actors"] = state.actors if state.actors is not None else _actor_options(data)
    st.session_state["layers"] = state.layers if state.layers is not None else list(LAYER_OPTIONS)
    st.session_state["types"] = state.types or []
    st.session_state["q"] = state.text
    _whole_years_months()  # unless the address names months
    return state.notices + _months_from_url(data, params)


def _set_actors(values):
    st.session_state["actors"] = list(values)


def _start_playing(first):
    st.session_state["playing"] = True
    st.session_state["play_from"] = first
    st.session_state["years"] = (first, first)
    st.session_state["_play_shown_at"] = time.monotonic()


def _stop_playing():
    # Stop pauses on the year shown, which the lecturer may want to talk about.
    st.session_state["playing"] = False


def sidebar_filters(data, page="Map", asked=False, draw=True, also=None):
    """Draw the filters in the sidebar and return the :class:`Selection` they make.

    The filters live in the address (``?years=1993&layers=camp``), written after
    every change; the browser's Back and Forward on ``page`` bring back the view
    the address held. ``asked``: the page, not the reader, asked for this run
    (see :func:`ui.map_asked`). With ``draw`` False (a visit's first run, which
    ends after the map, see :func:`ui.map_waits`) the selection comes from the
    address and the session, and the widgets wait for the next run: the browser
    loaded their scripts (sliders, multiselects, radios, a text box) before the
    map's frame, about 0.5 s of the first map (README, Speed: ``benchmarks/first_map.py``).
    Nothing is written to the address then; the next run writes it. ``also``:
    the page's own parameters, written in the same history entry (see
    :func:`analysis_from_url`).
    """
    sent = _filter_values()  # as the browser sent them
    # A value given back means the browser had not had the last answer: its address is older too.
    # After Back or Forward the address decides (_moved_in_history), not the widgets' values.
    stale_address = not history_navigation() and _undo_stale_values(FILTER_KEYS if asked else ("months",))
    notices = _init_from_url(data, page, stale_address=stale_address)
    _open_link(data)
    if "_pending_years" in st.session_state:
        # Set by advance_play: widget values may only change before the widget is drawn.
        st.session_state["years"] = st.session_state.pop("_pending_years")
        st.session_state["_play_shown_at"] = time.monotonic()
    # Shown in the page's main column (page_notices), not the sidebar: on a phone the
    # sidebar starts closed, and a student opening a broken syllabus link saw no warning.
    for message in notices:
        _url_notice(message)
    if not draw:
        return _selection_of_state()
    first, last = data.years
    sidebar = st.sidebar
    # Style only, in the sidebar: the main column's elements stay as they were.
    one_year = st.session_state.get("years") and st.session_state["years"][0] == st.session_state["years"][1]
    sidebar.html(MULTISELECT_CSS.replace("</style>", (ONE_YEAR_CSS if one_year else "") + "</style>"))
    sidebar.header("Filters")
    sidebar.slider("Years", min_value=first, max_value=last, key="years", persist_state="session", step=1,
                   help="An event shows when its dates overlap these years.")
    _months_slider(sidebar)
    # Icons from Streamlit's own icon font: a system font may lack the stop glyph.
    if st.session_state.get("playing"):
        sidebar.button("Stop", icon=":material/stop:", on_click=_stop_playing, key="stop", width="stretch",
                       type="primary")
    else:
        sidebar.button("Play the years", icon=":material/play_arrow:", on_click=_start_playing, args=(first,),
                       key="play", width="stretch",
                       help="Steps through the years, for a presentation; returns to all years at the end.")
    st.session_state.setdefault("play_speed", "1\u00d7")
    st.session_state.setdefault("play_mode", PLAY_MODES[0])
    speed, mode = sidebar.columns([2, 3])
    speed.radio("Speed", list(PLAY_SPEEDS), key="play_speed", persist_state="session", horizontal=True)
    mode.radio("Play shows", PLAY_MODES, key="play_mode", persist_state="session")
    options = _actor_options(data)
    sidebar.multiselect("Actors", options, key="actors", persist_state="session", format_func=_actor_label(data.actors),
                        help="Grouped by side. An event shows when it names any chosen actor.")
    left, right = sidebar.columns(2)
    left.button("All actors", on_click=_set_actors, args=(options,), width="stretch")
    right.button("No actors", on_click=_set_actors, args=([],), width="stretch")
    sidebar.caption("Only one side:")
    side_columns = sidebar.columns(2)
    for i, side in enumerate(SIDES):
        ids = _side_actors(data, side)
        side_columns[i % 2].button(side.replace(" camp", "").capitalize(), on_click=_set_actors, args=(ids,),
                                   key=f"only_{side}", width="stretch", help=f"Only the {side}")
    sidebar.multiselect("Layers", LAYER_OPTIONS, key="layers", persist_state="session", format_func=LAYER_LABELS.get)
    sidebar.multiselect("Event and flow types", _type_options(data), key="types", persist_state="session", placeholder="All types",
                        format_func=lambda t: t.replace("_", " "))
    # A new search frames what it found (or, cleared, the whole selection): the hits could lie off the view.
    sidebar.text_input("Search", key="q", persist_state="session", placeholder="e.g. Kulob, Masood, fn 61", max_chars=SEARCH_LIMIT,
                       on_change=refit_map,
                       help="Titles, descriptions, quotes, actors and places under any of their names "
                            "(Kulyab = Kulob = K\u016dlob), footnotes (fn 61). Case and accents do not matter.")

    params = view_to_params(
        st.session_state["years"], data.years, st.session_state["actors"], options,
        st.session_state["layers"], LAYER_OPTIONS, st.session_state["types"] or None, _type_options(data),
        st.session_state["q"],
    )
    months = months_param(st.session_state["months"], st.session_state["years"])
    if months:
        params["months"] = months
    st.session_state["_filters_sent"], st.session_state["_filters_kept"] = sent, _filter_values()
    # Only now: a run cut short after making the months whole must not count them as the browser's.
    st.session_state["_months_for"] = tuple(st.session_state["years"])
    if st.session_state.get("playing"):
        # Each year played is not a view to come Back to (it was one history entry per year): the
        # address keeps the view before Play, and takes the one Play ends or stops on.
        return _selection_of_state()
    _write_address(params, also)
    written = st.session_state.get("_view_written")
    address = _address_view()
    # Whether this visit showed the unfiltered view: only then is Back to an address with no filter followed.
    unfiltered = not address or bool(written and written[0] == page and written[3])
    st.session_state["_view_written"] = (page, address, _widget_view(), unfiltered)
    return _selection_of_state()


def _write_address(params, also=None, names=SIDEBAR_PARAMS):
    """Write the sidebar's parameters into the address in one step; a page's others (``?belt=``) stay.

    ``params`` holds the values of ``names`` to write (a name missing leaves the
    address); ``also`` other parameters written in the same step (None removes
    one), such as the Analysis page's ``belt`` on its first run, which was a
    history entry of its own.

    One message: the browser adds a history entry for each new address it is sent, and
    a years move that also made the months whole wrote two (years, then months), so Back
    stopped between them on the new years with the old months. Sent on every run, even
    unchanged: the browser may hold another address than the server's (an older run's
    answer, arriving after Back, wrote its years over the address Back brought).
    """
    current = url_params()
    address = {name: values for name, values in current.items() if name not in names or name in params}
    for name in names:
        if name in params:
            address[name] = [params[name]]  # view_to_params's values are single strings
    for name, value in (also or {}).items():
        if value is None:
            address.pop(name, None)
        else:
            address[name] = [value]
    st.query_params.from_dict(address)


def _selection_of_state():
    return Selection(
        years=tuple(st.session_state["years"]),
        actors=frozenset(st.session_state["actors"]),
        layers=frozenset(st.session_state["layers"]),
        event_types=frozenset(st.session_state["types"]) if st.session_state["types"] else None,
        text=st.session_state["q"],
        months=_chosen_months(),
    )


def selection_subtitle(selection, data):
    """Return the years and filters of the sidebar's selection in words."""
    return describe_selection(selection, data.actors, _actor_options(data), LAYER_OPTIONS)


def _next_year(data):
    first, last = data.years
    year = st.session_state["years"][1]
    if year >= last:
        st.session_state["playing"] = False
        st.session_state["_pending_years"] = (first, last)  # the end: back to the full range
    elif st.session_state.get("play_mode") == PLAY_MODES[1]:
        st.session_state["_pending_years"] = (st.session_state.get("play_from", first), year + 1)
    else:
        st.session_state["_pending_years"] = (year + 1, year + 1)


def play_seconds():
    """Return how long each year shows at the chosen speed, in seconds."""
    return PLAY_SECONDS / PLAY_SPEEDS.get(st.session_state.get("play_speed"), 1.0)


def advance_play(data):
    """While playing, show the next year after a while (or the full range after the last); call at the end of a page.

    No script thread waits: a fragment asks the browser to rerun it every
    :func:`play_seconds`, and only that rerun moves the years on.
    """
    if not st.session_state.get("playing"):
        return
    seconds = play_seconds()

    def tick():
        # Drawn with the page: never move on then. The browser's ticks come a few times per
        # year shown, so a year lasts about `seconds` from when its page began, whatever the page costs.
        if st.session_state.get("_play_page_run") or time.monotonic() - st.session_state["_play_shown_at"] < seconds:
            return
        _next_year(data)
        st.rerun()

    st.session_state["_play_page_run"] = True
    st.fragment(tick, run_every=round(seconds / 3, 3))()
    st.session_state["_play_page_run"] = False


def play_layers(selection, data):
    """Return the map layers that show the year playing (a large label), or ``[]`` when not playing."""
    if not st.session_state.get("playing"):
        return []
    first, last = selection.years
    # The year is the label itself: the caption says the rest in words.
    caption = selection_subtitle(selection, data).split(" \u00b7 ", 1)[-1]
    if st.session_state.get("play_mode") == PLAY_MODES[1]:
        caption = f"cumulative since {first} \u00b7 {caption}"
    return [play_label_group(str(last), caption)]


BELT_DEFAULT_KM = 25


def analysis_from_url():
    """Set the Analysis page's belt width (``?belt=``, 5-100 km in steps of 5) and ``?exact=`` switch from the address.

    Once per session, and again when Back or Forward brought an address other
    than the one :func:`write_analysis_params` last wrote (an address without
    either parameter, such as the one a page change leaves, is not read again).
    A wrong value gets a notice (see ``page_notices``). Returns the two
    parameters as they will be written (``{"belt": "25", "exact": None}``), for
    :func:`sidebar_filters` to write with the filters in one history entry.
    """
    params = url_params()
    address = (tuple(params.get("belt", ())), tuple(params.get("exact", ())))
    written = st.session_state.get("_analysis_written")
    moved = written is not None and any(address) and address != written
    if "belt_km" not in st.session_state or moved:
        width, message = parse_belt(params.get("belt"), BELT_DEFAULT_KM)
        if message:
            _url_notice(message)
        st.session_state["belt_km"] = width
    if "exact_only" not in st.session_state or moved:
        st.session_state["exact_only"] = switch_from_url("exact")
    return _analysis_params(st.session_state["belt_km"], st.session_state["exact_only"])


def _analysis_params(width_km, exact_only):
    return {"belt": str(width_km), "exact": "1" if exact_only else None}


def write_analysis_params(width_km, exact_only):
    """Write the belt width and the exact switch into the address (each a step Back can return to), in one message."""
    _write_address({}, _analysis_params(width_km, exact_only), names=())
    st.session_state["_analysis_written"] = ((str(width_km),), ("1",) if exact_only else ())


# ---- research (issue 13): months, search, links to one item, table selection, citations ----

def empty_notice(data, selection):
    """Return why nothing is selected, naming the search text when it alone is the cause."""
    text = selection.text.strip()
    if text and empty_reason(data.events, data.flows, selection) == "search":
        known = matching_names(text, data.actors, data.places)
        known = (f" The atlas knows {literal('; '.join(known[:3]))}, but nothing selected is tied to it."
                 if known else "")
        return (f"Nothing matches the search {literal(quote_value(text, 80))} in these years, actors and layers.{known} "
                "The search looks in titles, descriptions, quotes, actors and places (any spelling) and footnotes "
                "(fn 61); try another word or clear the search.")
    with_search = f" and the search {literal(quote_value(text, 80))}" if text else ""
    return (f"Nothing matches these filters{with_search}. The zones and the border stay on the map; "
            "widen the years or months or pick more actors.")


def select(data, selection):
    """Return the events and flows the selection asks for, the search looking in actors' and places' aliases too.

    One answer per selection for every session of the process while the data
    are small (:mod:`atlas.view.memo`): the frames are shared, read them only.
    """
    return memoized(data, "select", selection, lambda: (select_events(data.events, selection, data.actors, data.places),
                                                         select_flows(data.flows, selection, data.actors, data.places)))


def year_base(data, selection, focus=None):
    """Return what the map needs to draw a move of the year slider at once (``year_base`` of ``atlas.map.layers``).

    The events and flows every filter but the years and months selects; with
    ``focus`` (ids the map frames, see ``ui.framed_ids``) the far items are
    those of the focused items, as the server's frame has them.
    """
    events, flows = select(data, replace(selection, years=data.years, months=None))
    return {"events": events, "flows": flows, "years": selection.years, "slider": "years", "focus": focus or ()}


def _full_months(years):
    return (f"{years[0]}-01", f"{years[1]}-12")


def _months_from_url(data, params):
    """Set the month range from ``?months=`` in ``params`` (see :func:`url_params`; the years follow it); return notices."""
    months, notice = parse_months((params.get("months") or [""])[-1], data.years)
    notices = [notice] if notice else []
    if months is not None:
        raw_years = one_value("years", params["years"], []) if "years" in params else None
        if raw_years is not None and not readable_years(raw_years, data.years):
            # Ignored (its notice says so): the months' own years, as when the link has none. Taking the
            # data's span instead showed 1992-1997, and a reload of the address written then showed 1993.
            raw_years = None
        years, given_way = years_for_months(months, st.session_state["years"], raw_years)
        st.session_state["years"] = years
        st.session_state["months"] = months
        st.session_state["_months_for"] = years
        notices += [given_way] if given_way else []
    return notices


def _whole_years_months():
    """Set the month range to the whole chosen years (the month slider starts again there).

    Set, not removed: a removed widget key hides the browser's value from the next
    run, and a run interrupted after removing it made that run's Back look like a
    reader's move (``_moved_in_history`` compares every filter).
    """
    years = tuple(st.session_state["years"])
    st.session_state["months"] = _full_months(years)
    st.session_state["_months_for"] = years


def _chosen_months():
    months = tuple(st.session_state["months"])
    return None if months == _full_months(st.session_state["years"]) else months


def _months_slider(sidebar):
    """Draw the month range inside the chosen years; it resets to the whole years when they change."""
    years = tuple(st.session_state["years"])
    if st.session_state.get("_months_for") != years or "months" not in st.session_state:
        st.session_state["months"] = _full_months(years)
    # The default value makes it a range slider (Streamlit decides that from ``value``, not from the state).
    sidebar.select_slider("Months", month_labels(*years), value=_full_months(years), key="months", persist_state="session",
                          help="Narrow the years to months (kept in the link as months=1993-01..1993-06). "
                               "An item shows when its dates overlap them; a date known only to the year "
                               "overlaps every month of it.")


def _view_state():
    return {key: st.session_state[key] for key in ("years", "actors", "layers", "types", "q")} | {
        "months": _chosen_months() if "months" in st.session_state else None}


def _drop_link_params(keep=None):
    """Remove ``event=`` and ``flow=`` from the address, all but ``keep`` (the kind of item opened)."""
    for name in LINK_PARAMS:
        if name != keep and name in st.query_params:
            del st.query_params[name]


def _open_link(data):
    """Open ``?event=E029`` / ``?flow=F003`` when the address names an item not open: focus, frame, widen filters.

    The address's item is the open one: a link opens it, and so does Back or
    Forward to an address naming another item, or naming one after Close (the
    address said ``event=E029`` with nothing open). An address naming none
    leaves an open item open: a page change empties the address, and
    :func:`ui.link_notice` writes the item back; but later on the same page
    (Back or Forward to the address Close left) it closes the item.
    """
    params = url_params()
    if not any(name in params for name in LINK_PARAMS):
        if (st.session_state.get("focus") and st.session_state.get("_link_in_address")
                and st.session_state.get("_page_runs", 1) > 1):
            # The last run's address named the open item and this one, on the same page, names none:
            # Back or Forward to where Close had gone. link_notice wrote the item back, so Close was
            # out of reach of Forward (a review).
            st.session_state.pop("focus", None)
            st.session_state.pop("link_notice", None)
        return
    kind, item_id, notice = linked_id(params)
    if kind is not None and st.session_state.get("focus") == (kind, item_id) and not notice:
        return
    # A problem with the link is said once, by link_notice in the main column.
    if notice and kind is None:
        st.session_state["link_notice"] = ("warning", notice)
        _drop_link_params()  # the address then reproduces what is shown (the warning came back on every reload)
        return
    if kind is None:
        return
    if notice:  # event= and flow= both given, or event= twice: one opens, the others are named and leave the address
        _url_notice(notice)
        _drop_link_params(keep=kind)
        st.query_params[kind] = item_id
    row = find_item(data.events, data.flows, kind, item_id)
    if row is None:
        notice = Notice(f"There is no {kind} {{}} in the data; the link shows the whole atlas.", (item_id,))
        st.session_state["link_notice"] = ("warning", notice)
        _drop_link_params()
        return
    frame = (data.events if kind == "event" else data.flows)
    frame = frame[frame["id"] == item_id]
    view, changes = widen_view(_view_state(), frame, kind, data.actors, data.places)
    if changes:
        for key in ("years", "actors", "layers", "types", "q"):
            st.session_state[key] = view[key]
        if view["months"] is None:
            _whole_years_months()
        st.session_state["link_notice"] = (
            "info", f"The filters were widened to show {kind} {item_id} ({', '.join(changes)}).")
    st.session_state["focus"] = (kind, item_id)
    request_frame([item_id])
