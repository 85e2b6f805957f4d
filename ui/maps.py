"""The map on a page: the cached base map, the changing layers, framing and the "Fit" button, the timeline chart."""

import contextvars
import copy
import html

import folium
import pyarrow as pa
import streamlit as st
import streamlit_folium
from streamlit_folium import st_folium

from atlas.analysis.charts import timeline_data, timeline_spec
from atlas.analysis.summary import events_per_month, events_per_year
from atlas.map.assets import compact_script
from atlas.map.basemap import FillFrame, base_map, zone_outlines
from atlas.map.early import early_fetch_link, fetched_on_load
from atlas.map.mapdata import write_hashed_json
from atlas.map.templates import compiled_once, install as install_templates
from atlas.map.viewport import frame_for_view
from atlas.view.memo import memoized, same

from .data import _data_dirs, _theatre, theatre
from .state import session_url

__all__ = [
    "show_map", "map_key", "map_waits", "map_asked", "rest_after_the_map", "timeline", "selection_frame", "request_frame", "frame_key", "framed_ids", "fit_button",
    "frame_selected",
    "refit_map",
]


_COMPACTED = ("script", "header", "layer_control", "feature_group")
# Set while show_map draws a map the browser makes anew (a page visit's first run): only then does
# streamlit-folium load the map's scripts, so only then does the early script travel (about 1 KB).
_EARLY = contextvars.ContextVar("early_fetch", default=False)


def _compact_component(send):
    # streamlit-folium sends the whole base map's script, its head and its layer control again on
    # every run, as folium indents them: without the indentation a new selection's message is about
    # 2 KB smaller (issue 11's budget for a move is 20 KB). Wrapped once, where st_folium calls its
    # component, so the map's hash key (made from the uncompacted script) stays as it was.
    if getattr(send, "compacts", False):
        return send

    def compacted(**kwargs):
        if _EARLY.get() and kwargs.get("js_links"):  # ask for the map's files while its scripts load (atlas.map.early)
            early = early_fetch_link(fetched_on_load(kwargs.get("script"), kwargs.get("feature_group")), kwargs.get("css_links") or (),
                                     kwargs["js_links"])
            kwargs["js_links"] = [early, *kwargs["js_links"]] if early else kwargs["js_links"]
        return send(**{name: compact_script(value) if name in _COMPACTED else value for name, value in kwargs.items()})

    compacted.compacts = True
    return compacted


streamlit_folium._component_func = _compact_component(streamlit_folium._component_func)


install_templates()  # branca's templates compiled once per source while copying, never for plain text


@st.cache_resource(show_spinner=False, max_entries=8)
def _base_map(_data, data_dirs, legend_expanded, fill_frame=False):
    m = base_map(_data, legend_expanded=legend_expanded, zones_url=write_hashed_json("zones", zone_outlines(_data.zones)),
                 gestures=True)  # the page around the map scrolls: one finger or the wheel move the page
    if fill_frame:
        FillFrame().add_to(m)  # the page sizes the frame to the screen (compact_page's map_above)
    # Rendered once here, so show_map can tell streamlit-folium not to render the whole page again
    # on every run (about a third of its Python time per slider move).
    m.get_root().render()
    return m


def _map_for_this_run(data, legend_expanded=True, fill_frame=False):
    """Return the base map, built and rendered once per process; each run gets its own copy.

    streamlit-folium adds the changing layers to the map it is given, so the
    shared one must never be handed out itself.
    """
    base = _base_map(data, (_data_dirs(), data.fingerprint), legend_expanded, fill_frame)
    with compiled_once():  # every element's template compiled again from its source was 9 ms a copy
        return copy.deepcopy(base)


def show_map(data, layers, key, height=560, legend_expanded=True, fill_frame=False):
    """Draw the atlas's map: the base map, kept in the browser, and ``layers`` (FeatureGroups), sent on every run.

    ``height`` is in px; with ``fill_frame`` the map fills whatever height the page
    gives its frame (see :func:`compact_page`). The map sends nothing back on a pan
    or a click (no rerun). Returns True once the browser has said the map is
    drawn, which it does once per page visit if its selection layer was built
    with ``report_drawn=True`` (see :func:`map_waits`).
    """
    token = _EARLY.set(_first_run_of_visit())  # a new frame, which loads the map's scripts
    try:
        value = st_folium(
            _map_for_this_run(data, legend_expanded, fill_frame),
            feature_group_to_add=layers,
            layer_control=folium.LayerControl(collapsed=True),  # open, it covers the map on a laptop or phone
            returned_objects=[],
            height=height,
            use_container_width=True,
            key=key,
            render=False,  # rendered once in _base_map
        )
    finally:
        _EARLY.reset(token)
    return bool(isinstance(value, dict) and value.get("drawn"))


def map_key(rows):
    """Draw a key under a map: ``rows`` of ``(swatch CSS, text)``, one swatch and its text per row, wrapping on a phone.

    The swatch's CSS and the text are the app's own (``atlas.analysis.map_layers.analysis_key``);
    the text is escaped all the same.
    """
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;gap:6px;margin-right:18px">'
        f'<span style="display:inline-block;flex:none;width:26px;height:12px;{html.escape(css, quote=True)}"></span>'
        f"{html.escape(text)}</span>" for css, text in rows)
    st.html(f'<div class="atlas-map-key" style="font-size:0.85rem;color:#555;line-height:1.9">{items}</div>')


def map_waits():
    """Return whether this run shows the map and ends there: the first run of a visit, in a browser.

    A page's first map waited for everything below it: the chart's and the
    table's scripts (about 2 MB) were loaded and compiled while the map's frame
    was being made (2.0 s to the first map against 1.2 s for a bare page). In
    such a run the page draws its map (built with ``report_drawn`` set) and
    stops unless :func:`show_map` says it is drawn already; the drawn map runs
    the page again, whole. Call it before the page's notices, which must then
    wait for that run too (``page_notices(keep=True)``). Without a browser
    (AppTest) nothing would say the map is drawn, and the page is drawn whole at
    once; the same in any later run (the reader acted first).
    """
    return bool(session_url()) and _first_run_of_visit()


def _first_run_of_visit():
    return st.session_state.get("_page_runs", 1) <= 1  # counted by ui.state per page visit


def map_asked(key):
    """Return whether the page asked for this run itself, not the reader: the map ``key`` said it is drawn, or the rest's timer ran out.

    Call it once per run, before the sidebar's widgets. Such a run carries the
    widget values the browser held when it was asked for, which may be older
    than the server's: after Back, until the browser has the filters Back
    brought, they are still the ones before Back (see :func:`ui.sidebar_filters`).
    """
    drawn = bool((st.session_state.get(key) or {}).get("drawn"))
    # The map says so once per visit of its page: a visit's first run cannot have heard it yet.
    seen = st.session_state.get("_drawn_seen") and st.session_state.get("_page_runs", 1) > 1
    st.session_state["_drawn_seen"] = drawn
    asked = drawn and not seen
    return st.session_state.pop("_rest_timer_ran", False) or asked


@st.cache_data(show_spinner=False)
def _timeline_spec(monthly):
    # Building and validating the Altair chart was about a third of a slider move's server time;
    # the spec holds no data, so there are two (years, months), made once.
    return timeline_spec(monthly)


def per_period_table(data, events, selection):
    """Return the events-per-month table of ``events`` if the selection has months, else the events-per-year table.

    See :func:`atlas.analysis.summary.events_per_year`; one table per selection
    for every session while the data are small (:mod:`atlas.view.memo`).
    """
    if selection.months:
        return memoized(data, "per_month", (same(events), selection.months),
                        lambda: events_per_month(events, selection.months))
    return memoized(data, "per_year", (same(events), selection.years), lambda: events_per_year(events, selection.years))


def _timeline_rows(table):
    rows = timeline_data(table).drop(columns="layer")  # the spec draws layer_label
    # As an Arrow table without pandas' schema metadata: 1.6 KB instead of 2.9 KB on every new selection.
    return pa.Table.from_pandas(rows, preserve_index=False).replace_schema_metadata(None)


def timeline(table, data=None):
    """Draw the events-per-year (or month) chart of ``table`` (from ``events_per_year``/``events_per_month``).

    The data travel beside a spec that never changes, so the browser updates the
    chart's data on a slider move instead of building the chart anew. With the
    ``data`` the table came from (:func:`per_period_table`), the chart's rows
    are made once per table for every session.
    """
    rows = (memoized(data, "timeline_rows", same(table), lambda: _timeline_rows(table)) if data is not None
            else _timeline_rows(table))
    st.vega_lite_chart(rows, _timeline_spec("month" in table), width="stretch")


def selection_frame(data, events, flows, key=0, focus=None, view=None):
    """Return where the map looks for this selection (see :func:`atlas.map.viewport.frame_for_view`).

    The map flies to it whenever ``key`` changes (a chapter, a click on "Fit").
    With ``focus`` (ids, see :func:`request_frame`) it frames those items of
    the selection, if any are in it; with ``view`` (a chapter's center and
    zoom) it shows what that view shows.
    """
    theatre, areas = _theatre(data, _data_dirs(), data.fingerprint)
    focus = tuple(focus or ())
    view = tuple(view) if view is not None and view[0] is not None else None
    # The same frame for every session showing these frames (ui.select hands out one pair per selection).
    frame = memoized(data, "frame", (same(events), same(flows), key, focus, view),
                     lambda: frame_for_view(data, events, flows, theatre, areas, highlight=focus, key=key, view=view))
    return dict(frame)  # a copy of the outer dict: the kept one stays as it was whatever a caller adds


def refit_map():
    """Fly the map to the whole selection on this run (a click on "Fit map to selection", a new search)."""
    st.session_state["fit_clicks"] = st.session_state.get("fit_clicks", 0) + 1
    st.session_state.pop("frame_ids", None)


def request_frame(ids):
    """Ask the map to fly to these event/flow ids on this run (a table row, an ``?event=`` link).

    The page passes :func:`frame_key` and :func:`framed_ids` to :func:`selection_frame`.
    """
    st.session_state["fit_clicks"] = st.session_state.get("fit_clicks", 0) + 1
    st.session_state["frame_ids"] = list(ids)


def frame_key():
    """Return the current frame key: it changes on every fit or framing request."""
    return st.session_state.get("fit_clicks", 0)


def framed_ids():
    """Return the ids the last :func:`request_frame` asked for (until "Fit map to selection" is pressed)."""
    return st.session_state.get("frame_ids")


def fit_button(disabled=False):
    """Draw the "Fit map to selection" button; return the frame key it sets (a click count)."""
    st.button("Fit map to selection", on_click=refit_map, disabled=disabled, key="fit_map",
              help="Frame what is selected inside the theatre; items far away are marked on the map's edge.")
    return st.session_state.get("fit_clicks", 0)


def frame_selected(ids):
    """Fly the map to newly selected rows (once per change of the selection)."""
    ids = tuple(ids)
    if ids and ids != st.session_state.get("_framed_ids"):
        request_frame(ids)
    st.session_state["_framed_ids"] = ids


REST_AFTER_SECONDS = 3.0  # if the drawn map never says so (a map that failed to draw), the rest comes anyway


def rest_after_the_map():
    """End a run that :func:`map_waits` for: say that the rest follows, and make sure it does.

    The drawn map asks for the next run; if it never does (a reviewer once saw a
    frame of height 0 after Seminar -> Map), a fragment asks for it after
    :data:`REST_AFTER_SECONDS`. Does not return (``st.stop``).
    """
    st.caption("The filters, the chart, the tables and the downloads follow as soon as the map is drawn.")
    st.session_state["_rest_waits"] = True
    st.fragment(_rest_now, run_every=REST_AFTER_SECONDS)()
    st.session_state["_rest_waits"] = False
    st.stop()


def _rest_now():
    if st.session_state.get("_rest_waits"):
        return  # drawn with the page: the time has not come
    st.session_state["_rest_timer_ran"] = True  # see map_asked
    st.rerun()  # the whole page, not the fragment
