"""Streamlit pieces the pages share: cached data and base map, sidebar filters, chapter controls, exports.

The logic lives in the ``atlas`` package; this module only arranges widgets.
Widget keys in ``st.session_state`` are the single source of truth for the
view; they are read from ``st.query_params`` once per session and written
back on every run, so a link reopens the same view.

One rule for text from outside: every string that comes from a URL parameter
or a data file reaches Streamlit through :func:`literal` (Markdown contexts:
``st.markdown``, titles, captions, notices, labels, help) or
:func:`literal_html` (inside ``unsafe_allow_html`` blocks), and every notice
about a parameter through :func:`notice`. Option lists (``format_func``),
``st.text``, ``st.code`` and data frames show text as text already.
"""

import copy
import logging
import os
import time
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from atlas.map.assets import install_geodata, install_vendor_assets
from atlas.map.basemap import FillFrame, base_map, zone_outlines
from atlas.analysis.charts import timeline_data, timeline_spec
from atlas.exports.downloads import standalone_map_html
from atlas.view.filters import UNNAMED_ACTOR, Selection, select_events, select_flows
from atlas.data.loading import data_fingerprint, load_dataset
from atlas.markup import escape_html_text, escape_markdown
from atlas.paths import DATA_DIR, GEODATA_DIR
from atlas.map.playlabel import play_label_group
from atlas.view.query import (SEARCH_LIMIT, VIEW_PARAMS, one_value, parse_belt, parse_chapter, parse_switch, parse_view,
                         unread_params, view_to_params)
from atlas.data.schema import LAYERS, SIDES
from atlas.seminar.story import load_story
from atlas.analysis.summary import describe_selection, first_rows
from atlas.map.symbols import LAYER_LABELS
from atlas.seminar.talk import talk_html, with_notices
from atlas.data.validation import DataError
from atlas.map.mapdata import build_store, read_areas, write_hashed_json, write_store
from atlas.map.viewport import frame_for_view, load_theatre

# research (issue 13): months, search, links, table selection, citations
from atlas.exports.citation import bibtex, item_citation_text, item_link, read_sources, source_for, view_citation_text
from atlas.data.dates import date_precision_label, format_date
from atlas.view.linking import LINK_PARAMS, empty_reason, find_item, linked_id, showing_notice, widen_view
from atlas.view.months import month_labels, months_param, parse_months, years_for_months
from atlas.map.popups import actor_names, figures_text, place_text
from atlas.view.search import matching_names

LAYER_OPTIONS = [*LAYERS, "flow"]
# A multiselect's search field keeps one minimum width, focused or not. Streamlit widens it from
# 0.5rem to 3rem on focus (and focuses it after a chip is removed); where that pushed it onto a row
# of its own, the box lost that row again on the mousedown of the next chip's x. With the sidebar
# scrolled to its end the sidebar then moved 33 px down before the mouseup, and that click was lost:
# every second x in Layers (tests/browser/test_sidebar_chips.py).
MULTISELECT_CSS = ("<style>[data-testid='stMultiSelect'] input, [data-testid='stMultiSelect'] input:focus"
                   " { min-width: 0.5rem; }</style>")
# The sidebar's parameters in the URL: atlas.view.query's and the month range (research, issue 13).
SIDEBAR_PARAMS = (*VIEW_PARAMS, "months")
PLAY_SECONDS = 1.6  # one year at 1x
PLAY_SPEEDS = {"0.5\u00d7": 0.5, "1\u00d7": 1.0, "2\u00d7": 2.0}
PLAY_MODES = ("one year at a time", "cumulative")
WARNING_ICON = "\u26a0\ufe0f"
_LOG = logging.getLogger(__name__)
# The months slider is given both a default (which makes it a range slider) and its state;
# Streamlit logs a warning with a stack for that on every run, which buried a lecturer's terminal.
logging.getLogger("streamlit.elements.lib.policies").setLevel(logging.ERROR)


def literal(text):
    """Return Markdown that shows ``text`` (from a URL or a data file) exactly, as text.

    Use it for every outside string put into ``st.markdown``, ``st.title``,
    ``st.caption``, ``st.info``/``st.warning``, labels and help texts.
    """
    return escape_markdown(text)


def literal_html(text):
    """Return ``text`` as HTML text, for an outside string inside an ``unsafe_allow_html`` block."""
    return escape_html_text(text)


# The map comes first on a laptop: a small top margin and a one-line page title (Streamlit's
# 2.75rem title wrapped to two lines and, with its margin, pushed the Analysis map to 434 px at 1280x720).
# No data goes into this style.
COMPACT_PAGE_CSS = ("<style>.block-container, [data-testid='stMainBlockContainer']{padding-top:3.2rem}"
                    "h1{font-size:1.75rem!important;padding:0.4rem 0 0.6rem!important}"
                    "@media (max-width:640px){h1{font-size:1.3rem!important}}</style>")


def compact_page(map_above=None, map_height=None, css=""):
    """Give the page a small top margin and a one-line title, so its map starts high on a laptop screen.

    With ``map_above`` (px of page above the map on a laptop) and ``map_height``
    (px, the height given to :func:`show_map`, which must get ``fill_frame=True``),
    the map is at most the screen's height less ``map_above`` (at least 420 px),
    so its bottom edge, with the legend and the scale, is on the first screen.
    ``css`` is the page's own rules (never data), in the same block: each block
    is an element, and each element adds a row's gap above the map.
    """
    css = COMPACT_PAGE_CSS + (f"<style>{css}</style>" if css else "")
    if map_above is not None:
        # Our own numbers only. streamlit-folium's frame is the page's only component frame.
        css += (f"<style>iframe[title='streamlit_folium.st_folium']{{height:clamp(420px, calc(100vh - {int(map_above)}px),"
                f" {int(map_height)}px)!important}}</style>")
    st.markdown(css, unsafe_allow_html=True)  # own text: the app's rules and numbers


def notice(message, where=None):
    """Show a :class:`atlas.view.query.Notice` (or any plain text) as a warning; its values are shown as text."""
    (where or st).warning(literal(message), icon=WARNING_ICON)


# The widgets whose values a reader sets on one page and expects on the next: the shared
# filters and the analysis settings. Streamlit drops a widget's value when a run on another
# page does not draw it, so going from Map to Analysis emptied the actors and layers.
KEPT_WIDGETS = ("years", "months", "actors", "layers", "types", "q", "play_speed", "play_mode",
                "belt_km", "exact_only", "distance_layers")


def keep_widget_state():
    """Keep the filters' values when the reader changes page (call before any page is run).

    Re-assigning a widget's value makes it the session's own, which Streamlit keeps
    across pages (its documented way to "retain statefulness when changing pages").
    """
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


# One shared Dataset per process, not a copy per run (st.cache_data unpickles the whole
# dataset on every call: 93 MB per run at 100,000 events). Pages and atlas functions only
# read it; filtering returns new frames (tests/test_shared_dataset.py checks it stays unchanged).
@st.cache_resource(show_spinner="Loading and checking the data ...", max_entries=4)
def _load(data_dir=None, geodata_dir=None, fingerprint=None):
    # fingerprint (atlas.data.loading.data_fingerprint) changes with any file: an edit shows on the next run.
    return load_dataset(data_dir or DATA_DIR, geodata_dir or GEODATA_DIR)


def _data_dirs():
    # Another copy of the data (a draft being checked, or a test's broken copy) can be named here.
    return os.environ.get("ATLAS_DATA_DIR"), os.environ.get("ATLAS_GEODATA_DIR")


@st.cache_resource
def _install_assets():
    # Once per process: copy Leaflet, jQuery and the plugins to static/.
    return install_vendor_assets()


@st.cache_resource(show_spinner=False, max_entries=4)
def _serve_geodata(files, fingerprint):
    # Once per version of the data: the validated outlines, from the folder in use, to static/geodata.
    return install_geodata(files)


def dataset_or_stop():
    """Return the validated dataset, or show every data problem and stop the page.

    Checked again whenever a file in the folders in use changes, so an edit
    (or a break) shows on the next page load; outlines are served only once
    they passed.
    """
    _install_assets()
    dirs = _data_dirs()
    try:
        data = _load(*dirs, data_fingerprint(*dirs))
    except DataError as error:
        st.error("The atlas cannot start: its data break the rules in data/README.md.")
        st.code("\n".join(str(p) for p in error.problems), language=None)
        st.stop()
    _serve_geodata(tuple(str(path) for path in data.geodata_files), data.fingerprint)
    return data


@st.cache_resource(show_spinner=False, max_entries=8)
def _base_map(_data, data_dirs, legend_expanded, fill_frame=False):
    m = base_map(_data, legend_expanded=legend_expanded, zones_url=write_hashed_json("zones", zone_outlines(_data.zones)))
    if fill_frame:
        FillFrame().add_to(m)  # the page sizes the frame to the screen (show_map's above)
    # Rendered once here, so show_map can tell streamlit-folium not to render the whole page again
    # on every run (about a third of its Python time per slider move).
    m.get_root().render()
    return m


def _map_for_this_run(data, legend_expanded=True, fill_frame=False):
    """Return the base map, built and rendered once per process; each run gets its own copy.

    streamlit-folium adds the changing layers to the map it is given, so the
    shared one must never be handed out itself.
    """
    return copy.deepcopy(_base_map(data, (_data_dirs(), data.fingerprint), legend_expanded, fill_frame))


def show_map(data, layers, key, height=560, legend_expanded=True, fill_frame=False):
    """Draw the atlas's map: the base map, kept in the browser, and ``layers`` (FeatureGroups), sent on every run.

    ``height`` is in px; with ``fill_frame`` the map fills whatever height the page
    gives its frame (see :func:`compact_page`). Returns nothing: the map sends
    nothing back (no rerun on a pan or a click).
    """
    st_folium(
        _map_for_this_run(data, legend_expanded, fill_frame),
        feature_group_to_add=layers,
        layer_control=folium.LayerControl(collapsed=True),  # open, it covers the map on a laptop or phone
        returned_objects=[],
        height=height,
        use_container_width=True,
        key=key,
        render=False,  # rendered once in _base_map
    )


@st.cache_data(show_spinner=False)
def _timeline_spec(monthly):
    # Building and validating the Altair chart was about a third of a slider move's server time;
    # the spec holds no data, so there are two (years, months), made once.
    return timeline_spec(monthly)


def timeline(table):
    """Draw the events-per-year (or month) chart of ``table`` (from ``events_per_year``/``events_per_month``).

    The data travel beside a spec that never changes, so the browser updates the
    chart's data on a slider move instead of building the chart anew.
    """
    st.vega_lite_chart(timeline_data(table), _timeline_spec("month" in table), width="stretch")


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


def _moved_in_history(page):
    """Return whether the address changed under this page since it was last written (Back or Forward).

    A page change empties the address too, so only the page that wrote it compares.
    """
    written = st.session_state.get("_view_written")
    return written is not None and written[0] == page and _address_view() != written[1]


def _init_from_url(data, page):
    """Fill the widget keys from the URL once per session, and again after Back or Forward; return notices."""
    if "years" in st.session_state and not _moved_in_history(page):
        return []
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
    st.session_state.pop("months", None)  # the whole years, unless the address names months
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


def sidebar_filters(data, page="Map"):
    """Draw the filters in the sidebar and return the :class:`Selection` they make.

    The filters live in the address (``?years=1993&layers=camp``), written after
    every change; the browser's Back and Forward on ``page`` bring back the view
    the address held.
    """
    notices = _init_from_url(data, page)
    _open_link(data)
    if "_pending_years" in st.session_state:
        # Set by advance_play: widget values may only change before the widget is drawn.
        st.session_state["years"] = st.session_state.pop("_pending_years")
        st.session_state["_play_shown_at"] = time.monotonic()
    # Shown in the page's main column (page_notices), not the sidebar: on a phone the
    # sidebar starts closed, and a student opening a broken syllabus link saw no warning.
    for message in notices:
        _url_notice(message)
    first, last = data.years
    sidebar = st.sidebar
    sidebar.html(MULTISELECT_CSS)  # style only, in the sidebar: the main column's elements stay as they were
    sidebar.header("Filters")
    sidebar.slider("Years", min_value=first, max_value=last, key="years", step=1,
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
    speed.radio("Speed", list(PLAY_SPEEDS), key="play_speed", horizontal=True)
    mode.radio("Play shows", PLAY_MODES, key="play_mode")
    options = _actor_options(data)
    sidebar.multiselect("Actors", options, key="actors", format_func=_actor_label(data.actors),
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
    sidebar.multiselect("Layers", LAYER_OPTIONS, key="layers", format_func=LAYER_LABELS.get)
    sidebar.multiselect("Event and flow types", _type_options(data), key="types", placeholder="All types",
                        format_func=lambda t: t.replace("_", " "))
    sidebar.text_input("Search", key="q", placeholder="e.g. Kulob, Masood, fn 61", max_chars=SEARCH_LIMIT,
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
    # Only the filters' own parameters: a page's others (?belt=) stay.
    for name in SIDEBAR_PARAMS:
        if name in params:
            st.query_params[name] = params[name]
        elif name in st.query_params:
            del st.query_params[name]
    st.session_state["_view_written"] = (page, _address_view())
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


@st.cache_data(show_spinner=False, max_entries=4)
def _load_story(data_dirs, fingerprint):
    return load_story(_load(*data_dirs, fingerprint), Path(data_dirs[0] or DATA_DIR) / "story.yaml")


def story_or_stop(data):
    """Return the checked seminar story, or show its problems and stop the page."""
    try:
        return _load_story(_data_dirs(), data_fingerprint(*_data_dirs()))
    except DataError as error:
        st.error("The seminar story cannot be shown: data/story.yaml breaks the rules at its top.")
        st.code("\n".join(str(p) for p in error.problems), language=None)
        st.stop()


def _step_chapter(step, count):
    st.session_state["chapter"] = min(count, max(1, st.session_state["chapter"] + step))


def chapter_row():
    """Return the seminar's control row: a slot for the Present toggle, then previous, chapter list and next.

    One row, so the chapter's map starts high on a laptop screen.
    """
    return st.columns([1.1, 1, 4, 1], vertical_alignment="bottom")


def chapter_controls(story, columns=None):
    """Draw the chapter list and previous/next buttons; return the current chapter number (from 1).

    ``columns`` are three containers for previous, list and next (new columns without them).
    The number lives in the URL (``?chapter=3``), so a syllabus link opens it and a reload keeps it.
    """
    count = len(story)
    raw = url_params().get("chapter")
    if "chapter" not in st.session_state:
        number, message = parse_chapter(raw, count)
        st.session_state["chapter"] = number
        if message:
            st.session_state["chapter_notice"] = message
    elif raw is not None and raw != [st.session_state.get("_chapter_written")]:
        # The address changed under the page (the browser's Back or Forward): it says which chapter.
        number, message = parse_chapter(raw, count)
        if message is None:
            st.session_state["chapter"] = number
    messages = pending_url_notices()
    if st.session_state.get("chapter_notice"):
        messages.append(st.session_state.pop("chapter_notice"))
    slot = st.empty()  # one slot, so the map below keeps its place when the notices go
    if messages:  # an empty container would still take a row's gap above the map
        with slot.container():
            for message in messages:
                notice(message)
    previous, listing, following = columns or st.columns([1, 4, 1], vertical_alignment="bottom")
    previous.button("\u25c0 Previous", on_click=_step_chapter, args=(-1, count), disabled=st.session_state["chapter"] <= 1,
                    width="stretch", key="previous_chapter")
    listing.selectbox("Chapter", range(1, count + 1), key="chapter",
                      format_func=lambda n: f"{n}. {story[n - 1].title}")
    following.button("Next \u25b6", on_click=_step_chapter, args=(1, count), disabled=st.session_state["chapter"] >= count,
                     width="stretch", key="next_chapter")
    st.query_params["chapter"] = st.session_state["_chapter_written"] = str(st.session_state["chapter"])
    return st.session_state["chapter"]


@st.cache_resource(show_spinner=False, max_entries=4)
def _map_store(_data, data_dirs, fingerprint):
    # Once per process and version of the data (an edited file gives a new fingerprint, so the
    # map never shows records older than the page's table): the records go to static/data/
    # under a content-hash name.
    geodata_dir = data_dirs[1] or GEODATA_DIR
    return write_store(build_store(_data.events, _data.flows, _data.actors, read_areas(geodata_dir)))


def map_store(data):
    """Return the dataset's :class:`atlas.map.mapdata.MapStore` (its files written once per process)."""
    return _map_store(data, _data_dirs(), data.fingerprint)


@st.cache_resource(show_spinner=False, max_entries=4)
def _theatre(_data, data_dirs, fingerprint):
    return load_theatre(data_dirs[1] or GEODATA_DIR, _data.zones, _data.border), read_areas(data_dirs[1] or GEODATA_DIR)


def theatre(data):
    """Return the theatre (Tajikistan and northern Afghanistan) as a shapely Polygon in EPSG:4326, read once per process."""
    return _theatre(data, _data_dirs(), data.fingerprint)[0]


def vague_areas(data):
    """Return ``{place_id: GeoJSON feature}`` of geodata/areas.geojson, the areas vague places stand for, read once."""
    return _theatre(data, _data_dirs(), data.fingerprint)[1]


def selection_frame(data, events, flows, key=0, focus=None):
    """Return where the map looks for this selection (see :func:`atlas.map.viewport.frame_for_view`).

    The map flies to it whenever ``key`` changes (a chapter, a click on "Fit").
    With ``focus`` (ids, see :func:`request_frame`) it frames those items of
    the selection, if any are in it.
    """
    theatre, areas = _theatre(data, _data_dirs(), data.fingerprint)
    return frame_for_view(data, events, flows, theatre, areas, highlight=focus or (), key=key)


def _fit_again():
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
    st.button("Fit map to selection", on_click=_fit_again, disabled=disabled, key="fit_map",
              help="Frame what is selected inside the theatre; items far away are marked on the map's edge.")
    return st.session_state.get("fit_clicks", 0)


def reported(make, what, failures):
    """Wrap a deferred download's maker so a failure is reported on the page, not lost.

    The maker runs when the button is pressed, outside the page's run: Streamlit
    then shows only a short generic error under the button. The failure's kind
    is also kept in ``failures`` (a dict in the session state), and
    :func:`view_exports` shows it as an error on the page's next run. Details
    go to the server's log, never to the visitor.
    """

    def make_or_report():
        try:
            data = make()
        except Exception as error:  # whatever broke, the reader must learn that no file came
            _LOG.exception("could not make the %s", what)
            failures[what] = type(error).__name__
            raise
        failures.pop(what, None)
        return data

    return make_or_report


def view_exports(data, events, flows, title, subtitle, file_stem, center=None, zoom=None, highlight=(),
                 highlight_zones=(), file_name=None):
    """Draw download buttons for the view as standalone HTML, PNG and PDF.

    The files are made only when a button is pressed, so filter changes stay fast;
    a file that could not be made is reported above the buttons (see :func:`reported`).
    ``file_stem`` names the page's exports (and keeps their failures); ``file_name``,
    if given, names the files by what they show (``atlas-1993-opposition``).
    """

    def figure(fmt):
        # matplotlib is imported only when a figure is asked for: importing it took about a
        # second of every cold first page (benchmarks/first_map.py).
        from atlas.exports.figure import FIGURE_SIZES, figure_bytes, static_figure

        # The PNG is a 16:9 slide, the PDF an A4 page for print and handouts.
        size = FIGURE_SIZES["a4" if fmt == "pdf" else "slide"]
        return figure_bytes(static_figure(data, events, flows, title, subtitle, highlight, highlight_zones,
                                          size_px=size), fmt)

    failures = st.session_state.setdefault(f"export_failures_{file_stem}", {})
    name = file_name or file_stem
    for what, kind in list(failures.items()):
        st.error(literal(f"The {what} of this view could not be made ({kind}). Try again or change the view; "
                         "the server's log has the details."))
    columns = st.columns(3)
    columns[0].download_button(
        "Map as HTML (works offline)",
        # Framed as the page's map is: on the highlighted items if any are selected, else on all.
        reported(lambda: standalone_map_html(data, events, flows, title, subtitle, center, zoom, highlight,
                                             highlight_zones,
                                             frame=selection_frame(data, events, flows, focus=highlight)),
                 "map as HTML", failures),
        f"{name}.html", "text/html", on_click="ignore",
    )
    columns[1].download_button("Figure (PNG)", reported(lambda: figure("png"), "figure (PNG)", failures),
                               f"{name}.png", "image/png", on_click="ignore", help="A 16:9 slide, 1920x1080")
    columns[2].download_button("Figure (PDF)", reported(lambda: figure("pdf"), "figure (PDF)", failures),
                               f"{name}.pdf", "application/pdf", on_click="ignore",
                               help="An A4 landscape page, for print and handouts")


BELT_DEFAULT_KM = 25


def belt_width_from_url():
    """Set the belt width from ``?belt=`` once per session (5-100 km in steps of 5), with a notice if it is wrong (see page_notices)."""
    if "belt_km" in st.session_state:
        return
    width, message = parse_belt(url_params().get("belt"), BELT_DEFAULT_KM)
    if message:
        _url_notice(message)
    st.session_state["belt_km"] = width


# ---- research (issue 13): months, search, links to one item, table selection, citations ----

def empty_notice(data, selection):
    """Return why nothing is selected, naming the search text when it alone is the cause."""
    text = selection.text.strip()
    if text and empty_reason(data.events, data.flows, selection) == "search":
        known = matching_names(text, data.actors, data.places)
        known = (f" The atlas knows {literal('; '.join(known[:3]))}, but nothing selected is tied to it."
                 if known else "")
        return (f"Nothing matches the search \u201c{literal(text)}\u201d in these years, actors and layers.{known} "
                "The search looks in titles, descriptions, quotes, actors and places (any spelling) and footnotes "
                "(fn 61); try another word or clear the search.")
    with_search = f" and the search \u201c{literal(text)}\u201d" if text else ""
    return (f"Nothing matches these filters{with_search}. The zones and the border stay on the map; "
            "widen the years or months or pick more actors.")


def select(data, selection):
    """Return the events and flows the selection asks for, the search looking in actors' and places' aliases too."""
    return (select_events(data.events, selection, data.actors, data.places),
            select_flows(data.flows, selection, data.actors, data.places))


def _full_months(years):
    return (f"{years[0]}-01", f"{years[1]}-12")


def _months_from_url(data, params):
    """Set the month range from ``?months=`` in ``params`` (see :func:`url_params`; the years follow it); return notices."""
    months, notice = parse_months((params.get("months") or [""])[-1], data.years)
    notices = [notice] if notice else []
    if months is not None:
        raw_years = params.get("years")
        years, given_way = years_for_months(months, st.session_state["years"],
                                            one_value("years", raw_years, []) if raw_years is not None else None)
        st.session_state["years"] = years
        st.session_state["months"] = months
        st.session_state["_months_for"] = years
        notices += [given_way] if given_way else []
    return notices


def _chosen_months():
    months = tuple(st.session_state["months"])
    return None if months == _full_months(st.session_state["years"]) else months


def _months_slider(sidebar):
    """Draw the month range inside the chosen years; it resets to the whole years when they change."""
    years = tuple(st.session_state["years"])
    if st.session_state.get("_months_for") != years or "months" not in st.session_state:
        st.session_state["months"] = _full_months(years)
        st.session_state["_months_for"] = years
    # The default value makes it a range slider (Streamlit decides that from ``value``, not from the state).
    sidebar.select_slider("Months", month_labels(*years), value=_full_months(years), key="months",
                          help="Narrow the years to months (kept in the link as months=1993-01..1993-06). "
                               "An item shows when its dates overlap them; a date known only to the year "
                               "overlaps every month of it.")


def _view_state():
    return {key: st.session_state[key] for key in ("years", "actors", "layers", "types", "q")} | {
        "months": _chosen_months() if "months" in st.session_state else None}


def _open_link(data):
    """Once per session, open ``?event=E029`` / ``?flow=F003``: focus it, frame it, widen the filters if needed."""
    if "_link_checked" in st.session_state:
        return
    st.session_state["_link_checked"] = True
    kind, item_id, notice = linked_id(st.query_params.to_dict())
    # A problem with the link is said once, by link_notice in the main column.
    if notice and kind is None:
        st.session_state["link_notice"] = ("warning", notice)
        return
    if kind is None:
        return
    if notice:  # e.g. event= and flow= both given: one opens, the other is named and leaves the address
        _url_notice(notice)
        for other in LINK_PARAMS:
            if other != kind and other in st.query_params:
                del st.query_params[other]
    row = find_item(data.events, data.flows, kind, item_id)
    if row is None:
        notice = f"There is no {kind} {item_id!r} in the data; the link shows the whole atlas."
        st.session_state["link_notice"] = ("warning", notice)
        return
    frame = (data.events if kind == "event" else data.flows)
    frame = frame[frame["id"] == item_id]
    view, changes = widen_view(_view_state(), frame, kind, data.actors, data.places)
    if changes:
        for key in ("years", "actors", "layers", "types", "q"):
            st.session_state[key] = view[key]
        if view["months"] is None:
            st.session_state.pop("months", None)  # the month slider starts again at the whole years
        st.session_state["link_notice"] = (
            "info", f"The filters were widened to show {kind} {item_id} ({', '.join(changes)}).")
    st.session_state["focus"] = (kind, item_id)
    request_frame([item_id])


def drop_unread_params(page):
    """Drop from the address the parameters ``page`` does not read, with a notice naming them.

    ``page`` is a key of :data:`atlas.view.query.PAGE_PARAMS`. The notice waits with
    the page's other URL notices (see :func:`page_notices`); a link that asked
    for something this page cannot show is never ignored silently, and the
    address left is the one that reproduces what is shown.
    """
    unread, message = unread_params(list(st.query_params), page)
    for name in unread:
        del st.query_params[name]
    if message:
        _url_notice(message)


def pending_url_notices():
    """Return, once, the notices about the page's address that wait to be shown."""
    return st.session_state.pop("_url_notices", [])


def _url_notice(message):
    st.session_state.setdefault("_url_notices", []).append(str(message))


def page_notices(data):
    """Show, in the main column, what was wrong with the page's URL and the notice of an opened link.

    Call it inside the page's one notice slot (``with slot.container():``), so the map
    below keeps its place. Without ``data`` an opened item is not announced ("details
    below" only holds on the Map page). Returns True if anything was shown.
    """
    problems = pending_url_notices()
    for message in problems:
        notice(message)
    return link_notice(st, data) or bool(problems)


def link_notice(slot, data=None):
    """Show the notice of a link in ``slot``: an unknown id once; while an item is open, which one it is.

    With ``data``, an open link reads "Showing event E029: <title> — details
    below" (the details panel is below the map, out of sight on a laptop), with
    the widened filters after it. Returns True if a notice was shown.
    """
    focus = st.session_state.get("focus")
    stored = st.session_state.get("link_notice")
    if stored and (stored[0] == "warning" or not focus):
        del st.session_state["link_notice"]
        (slot.warning if stored[0] == "warning" else slot.info)(literal(stored[1]), icon=":material/link:")
        return True
    row = find_item(data.events, data.flows, *focus) if focus and data is not None else None
    if row is not None:
        slot.info(literal(showing_notice(focus[0], focus[1], row.get("title"), stored[1] if stored else None)),
                  icon=":material/link:")
        return True
    if stored:
        slot.info(literal(stored[1]), icon=":material/link:")
        return True
    return False


def link_base():
    """Return the app's address without parameters (``""`` when unknown, e.g. under AppTest)."""
    try:
        url = st.context.url or ""
    except Exception:  # no browser session behind this run
        url = ""
    url = url.split("?")[0].split("#")[0]
    # The root page's address comes without its slash: "http://host:8501" + "/?event=E029".
    return url + "/" if url and url.count("/") == 2 else url


def _table_key(name):
    # Streamlit keeps a keyed table's selection by row position across a change of its rows
    # (streamlit#17026), so a selection must not outlive the rows it was made on: the key
    # changes (a new revision) when the rows change under a selection. Without a selection,
    # as on most slider moves, the table keeps its key and is updated in place instead of
    # mounted anew (measured: about 90 ms of the browser's time per move).
    return f"{name}_table_{st.session_state.get(f'_{name}_table_revision', 0)}"


def _drawn_ids(name):
    return st.session_state.get(f"_{name}_table_ids", ())


def table_selection(name, table):
    """Return the ids of the rows selected in the table ``name``, if it was last drawn with these rows."""
    drawn = _drawn_ids(name)
    if tuple(first_rows(table)[0]["id"]) != drawn:
        return []  # new rows: the old selection is dropped with them (selectable_table starts a new revision)
    state = st.session_state.get(_table_key(name))
    rows = state["selection"]["rows"] if state else []
    return [drawn[r] for r in rows if r < len(drawn)]


def selectable_table(name, table, height=None):
    """Draw a table whose selected rows the page highlights and frames on the map."""
    config = {
        "id": st.column_config.TextColumn("id", width=60, pinned=True),
        "matched": st.column_config.TextColumn("matched", width="medium", help="Why the search found this row"),
        "title": st.column_config.TextColumn("title", width="medium"),
        "date": st.column_config.TextColumn("date", width="small", help="As precisely as the article gives it"),
        "footnote": st.column_config.TextColumn("fn", width=40, help="The article's footnote"),
        "quote": st.column_config.TextColumn("quote", width="large", help="Verbatim from the article"),
        "link": st.column_config.LinkColumn("link", display_text="open", width=60,
                                            help="Opens the map on this item; copy it to cite or share"),
    }
    table, left_out = first_rows(table)
    if left_out:
        st.caption(left_out)  # own text: counts only
    ids, state = tuple(table["id"]), st.session_state.get(_table_key(name))
    if ids != _drawn_ids(name) and state and state["selection"]["rows"]:
        st.session_state[f"_{name}_table_revision"] = st.session_state.get(f"_{name}_table_revision", 0) + 1
    st.session_state[f"_{name}_table_ids"] = ids
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=_table_key(name),
                 on_select="rerun", selection_mode="multi-row", height=height or "auto")


def frame_selected(ids):
    """Fly the map to newly selected rows (once per change of the selection)."""
    ids = tuple(ids)
    if ids and ids != st.session_state.get("_framed_ids"):
        request_frame(ids)
    st.session_state["_framed_ids"] = ids


@st.cache_data(show_spinner=False)
def _read_sources(data_dir):
    return read_sources(Path(data_dir or DATA_DIR) / "sources.csv")


def sources(data=None):
    """Return the bibliography ``{id: record}``: the loader's ``data.sources``, else data/sources.csv, else ``{}``."""
    table = getattr(data, "sources", None)
    if table is not None and "id" in table:
        return {row["id"]: row for row in table.to_dict("records")}
    try:
        return _read_sources(_data_dirs()[0])
    except DataError:
        return {}


def focus_ids():
    """Return the id of the item a link opened, as a one-item list (empty without one)."""
    focus = st.session_state.get("focus")
    return [focus[1]] if focus else []


def _close_focus():
    st.session_state.pop("focus", None)
    st.session_state.pop("link_notice", None)
    for name in ("event", "flow"):
        if name in st.query_params:
            del st.query_params[name]


def _item_details(data, kind, row, bibliography, base):
    names = dict(zip(data.actors["id"], data.actors["short_name"]))
    date = format_date(row["date_start"], row["date_end"], row["date_prec"])
    where = place_text(row) if kind == "event" else f"from {row['from_name']} to {row['to_name']}"
    st.markdown(f"**{literal(row['id'])} \u00b7 {literal(row['title'])}**")
    lines = [f"When: {date} ({date_precision_label(row['date_prec'])})", f"Where: {where}",
             "Actors: " + (", ".join(actor_names(row["actor_ids"], names)) or "none named in the article")]
    figures = figures_text(row)
    if figures:
        lines.append(f"Figures: {figures}")
    st.text("\n".join(lines))
    st.text(row["description"])
    st.markdown("> \u201c" + literal(row["source_quote"]) + "\u201d  \n> \u2014 footnote "
                + literal(row["source_note"].replace(";", ", ")))
    link = item_link(row["id"], base)
    source = source_for(row, bibliography)
    plain, bib = st.tabs(["Copy citation", "BibTeX"])
    plain.code(item_citation_text(row, source, link), language=None, wrap_lines=True)
    if source:
        bib.code(bibtex(source, row, link), language="latex", wrap_lines=True)
    else:
        bib.caption("No record for this item's source in data/sources.csv.")
    st.caption("Link to this item:")
    st.code(link, language=None)


def item_details(data, events, flows, ids, limit=5):
    """Draw the details of the items ``ids`` (a linked item, selected rows): date, place, quote, link, citation."""
    rows = []
    for item_id in ids:
        kind = "flow" if item_id.startswith("F") else "event"
        row = find_item(data.events, data.flows, kind, item_id)
        if row is not None:
            rows.append((kind, row))
    if not rows:
        return
    bibliography, base = sources(data), link_base()
    with st.container(border=True, key="item_details"):
        head, close = st.columns([5, 1], vertical_alignment="center")
        head.subheader("Details of the linked or selected item(s)")
        if st.session_state.get("focus"):
            close.button("Close the link", on_click=_close_focus, key="close_focus")
        for kind, row in rows[:limit]:
            _item_details(data, kind, row, bibliography, base)
        if len(rows) > limit:
            st.caption(f"{len(rows) - limit} more selected; the table lists them all.")  # own text


def cite_view(subtitle, events, flows, data=None):
    """Draw "Cite this view": the view's link, selection and sources as plain text and BibTeX."""
    bibliography = sources(data)
    base = link_base()
    query = "&".join(f"{k}={v}" for k, v in st.query_params.to_dict().items() if k in SIDEBAR_PARAMS)
    link = f"{base}?{query}" if query else (base or "(this page, with no filters)")
    # A switch, not an expander: an expander's code blocks are built, sent and highlighted on
    # every slider move even while folded (about 40 ms of each move); these only when asked for.
    if not st.toggle("Cite this view", key="cite_view",
                     help="The view's link, what it selects and its sources, as plain text and BibTeX to copy"):
        return
    st.code(view_citation_text(subtitle, events, flows, bibliography, link), language=None, wrap_lines=True)
    for record in bibliography.values():
        st.code(bibtex(record), language="latex")
    if not bibliography:
        st.caption("The bibliography data/sources.csv is missing: the citation gives footnotes only.")
# The seminar talk: present mode and the downloads of the whole talk (atlas/seminar/talk.py, atlas/seminar/talk_pdf.py).

PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMain"], [data-testid="stAppViewContainer"] { overflow: hidden !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
[data-testid="stMainBlockContainer"] iframe { display: block; width: 100vw !important; height: 100vh !important; border: 0; }
</style>"""


@st.cache_data(show_spinner="Preparing the talk ...", max_entries=32)
def _talk_page(_data, _story, data_key, start):
    return talk_html(_data, _story, embed=False, start=start, parent_keys=True)


@st.cache_data(show_spinner=False, max_entries=4)
def _talk_file(_data, _story, data_key):
    return talk_html(_data, _story, embed=True)


@st.cache_data(show_spinner=False, max_entries=4)
def _talk_pdf(_data, _story, data_key):
    # Imported when the PDF is asked for: it brings in matplotlib, about 1-3 s of every cold first page.
    from atlas.seminar.talk_pdf import talk_pdf

    return talk_pdf(_data, _story)


def _data_key():
    # Which data and which version of them: an edited story or data file makes a new talk.
    return _data_dirs(), data_fingerprint(*_data_dirs())


def _present_from_url():
    on, problem = parse_switch("present", url_params().get("present"))
    if problem and not on:  # when on, present_talk says it inside the talk (a warning above would push it down)
        notice(problem)
    return on


def switch_from_url(name):
    """Return whether ``?name=1`` is set; a value other than 0 or 1 is ignored with a notice (see page_notices)."""
    on, problem = parse_switch(name, url_params().get(name))
    if problem:
        _url_notice(problem)
    return on


def _entered_present():
    st.query_params["present"] = "1"


def present_toggle():
    """Draw the "Present" toggle; return whether present mode is on (also with ``?present=1``).

    Present mode is left with the talk's own "Leave present mode" button, which
    reloads the page at the chapter the talk had reached.
    """
    if _present_from_url():
        return True
    return st.toggle("Present", key="present", on_change=_entered_present,
                     help="Slides for a projector: 16:9, large type, keys of a presentation remote "
                          "(\u2192 PageDown Space: next; \u2190 PageUp: previous; F: full screen).")


def present_talk(data, story):
    """Fill the window with the talk: the map stays mounted and the keys work wherever the focus is.

    The slide shown first is ``?chapter=`` (the title slide without one); the
    talk keeps ``?chapter=`` current as it moves, so leaving present mode and
    reloading carry on from the same chapter.
    """
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # no data in this style
    raw = url_params().get("chapter")
    present_problem = parse_switch("present", url_params().get("present"))[1]  # e.g. present given twice
    notices = [*map(str, pending_url_notices()), *([str(present_problem)] if present_problem else [])]
    if raw is None or raw == [""]:
        start = 0  # no chapter named: the title slide
    else:
        start, problem = parse_chapter(raw, len(story))
        if problem:
            notices.append(str(problem))
    # The talk is our own page (data text inside it is set as text by its script), not user HTML;
    # a notice about the address shows inside it, as text, until dismissed.
    st.iframe(with_notices(_talk_page(data, story, _data_key(), start), notices), height=720)


def talk_downloads(data, story):
    """Draw the downloads of the whole talk: one HTML file (works offline from disk) and a 16:9 PDF."""
    left, right = st.columns(2)
    left.download_button("Download the talk (HTML)", lambda: _talk_file(data, story, _data_key()),
                         "atlas-talk.html", "text/html", on_click="ignore", key="talk_html",
                         help="Every chapter, with title and closing slides, in one file that opens from a USB "
                              "stick with no network: arrows or PageDown to move, F for full screen.")
    right.download_button("Download the talk (PDF)", lambda: _talk_pdf(data, story, _data_key()),
                          "atlas-talk.pdf", "application/pdf", on_click="ignore", key="talk_pdf",
                          help="One 16:9 page per chapter, plus title and closing pages.")
