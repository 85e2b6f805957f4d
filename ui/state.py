"""The session and the address: widget state kept across pages, the address's parameters and its notices."""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from atlas.view.query import PAGE_PARAMS, parse_switch, unread_params

__all__ = [
    "KEPT_WIDGETS", "keep_widget_state", "remember_address", "url_params", "drop_unread_params",
    "pending_url_notices", "switch_from_url", "session_url", "history_navigation",
]


def history_navigation():
    """Return whether the browser's Back or Forward asked for this run (Streamlit's ``is_history_navigation``).

    The widget values such a run carries are the ones the browser showed before it
    went Back; the address holds the view to show.
    """
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))


def session_url():
    """Return the address the reader's browser opened, as Streamlit reports it (``""`` without one: AppTest)."""
    try:
        return st.context.url or ""
    except Exception:  # no browser session behind this run
        return ""

# The widgets whose values a reader sets on one page and expects on the next: the shared
# filters and the analysis settings (each drawn with ``persist_state="session"``). Without
# it Streamlit drops a widget's value when a run on another page does not draw it, so going
# from Map to Analysis emptied the actors and layers.
KEPT_WIDGETS = ("years", "months", "actors", "layers", "types", "q", "play_speed", "play_mode",
                "belt_km", "exact_only", "distance_layers")


def keep_widget_state(page):
    """Keep the filters' values when the reader changes page (call with the page about to run).

    Each kept widget is drawn with ``persist_state="session"``, which keeps its value while
    a page does not draw it (Seminar) and brings it back on the page that does. Streamlit
    1.67 still drew the next page's copy of a widget with its default on the first run after
    a page change when the value had been set by the script (a link's filters): Map
    ``/?years=1993`` -> Analysis showed 1992-1997 and no actors. So on that run, and only on
    it, the values are re-assigned. Not on every run: a value re-assigned by the script is
    sent back to the browser, and an answer for years a fast reader had already left set
    the slider back to them.

    Parameters
    ----------
    page : str
        The page about to run (its ``url_path``; "" for the map page).
    """
    if st.session_state.get("_kept_on") == page:
        return
    st.session_state["_kept_on"] = page
    for key in KEPT_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def remember_address():
    """Keep the session's first address (call in ``app.py``, before any page is run).

    A reader who opens ``/?years=1993`` and clicks "Analysis" before the map page
    has read its filters gets an empty address on the new page (Streamlit clears
    it on a page change): the filters come from the address kept here instead.
    """
    if "years" not in st.session_state and "_first_address" not in st.session_state:
        st.session_state["_first_address"] = url_params()


def url_params():
    """Return the URL's parameters as a dict of lists (a parameter may be repeated)."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def drop_unread_params(page):
    """Drop from the address the parameters ``page`` does not read, with a notice naming them.

    ``page`` is a key of :data:`atlas.view.query.PAGE_PARAMS`. The notice waits with
    the page's other URL notices (see :func:`page_notices`); a link that asked
    for something this page cannot show is never ignored silently, and the
    address left is the one that reproduces what is shown. On a page change the
    parameters only the page left reads (Back from ``/Analysis?belt=25``) are
    dropped without a notice: they are the app's, not the reader's.
    """
    previous = st.session_state.get("_page")
    left_over = []
    if previous != page:
        # A page change: the address the filters last wrote belongs to another visit, not to Back or Forward.
        st.session_state.pop("_view_written", None)
        st.session_state.pop("_analysis_written", None)
        st.session_state["_page"] = page
        st.session_state["_page_runs"] = 0
        # Back from /Analysis?belt=25 to the Map page brought the Analysis page's own parameters
        # along, and the reader was told "Ignored belt" about a parameter they never gave.
        left_over = [name for name in PAGE_PARAMS.get(previous, ()) if name not in PAGE_PARAMS[page]]
    st.session_state["_page_runs"] = st.session_state.get("_page_runs", 0) + 1  # this visit's runs (map_waits)
    for name in left_over:
        if name in st.query_params:
            del st.query_params[name]
    unread, message = unread_params(list(st.query_params), page)
    for name in unread:
        del st.query_params[name]
    if message:
        _url_notice(message)


def pending_url_notices(keep=False):
    """Return, once, the notices about the page's address that wait to be shown.

    With ``keep`` they wait for the next run too: a run the page itself asks for
    (see ``ui.map_waits``) must show them again, not take them from the reader.
    """
    if keep:
        return list(st.session_state.get("_url_notices", []))
    return st.session_state.pop("_url_notices", [])


def _url_notice(message):
    st.session_state.setdefault("_url_notices", []).append(str(message))


def switch_from_url(name):
    """Return whether ``?name=1`` is set; a value other than 0 or 1 is ignored with a notice (see page_notices)."""
    on, problem = parse_switch(name, url_params().get(name))
    if problem:
        _url_notice(problem)
    return on
