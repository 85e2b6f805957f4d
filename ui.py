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

import streamlit as st

from atlas.assets import install_geodata, install_vendor_assets
from atlas.basemap import base_map
from atlas.exports import standalone_map_html
from atlas.figure import figure_bytes, static_figure
from atlas.filters import UNNAMED_ACTOR, Selection
from atlas.loading import data_fingerprint, load_dataset
from atlas.markup import escape_html_text, escape_markdown
from atlas.paths import DATA_DIR, GEODATA_DIR
from atlas.query import SEARCH_LIMIT, VIEW_PARAMS, parse_belt, parse_chapter, parse_view, view_to_params
from atlas.schema import LAYERS, SIDES
from atlas.story import load_story
from atlas.summary import describe_selection
from atlas.symbols import LAYER_LABELS
from atlas.validation import DataError
from atlas.mapdata import build_store, read_areas, write_store
from atlas.viewport import frame_for_selection, load_theatre

LAYER_OPTIONS = [*LAYERS, "flow"]
PLAY_SECONDS = 1.6
WARNING_ICON = "\u26a0\ufe0f"
_LOG = logging.getLogger(__name__)


def literal(text):
    """Return Markdown that shows ``text`` (from a URL or a data file) exactly, as text.

    Use it for every outside string put into ``st.markdown``, ``st.title``,
    ``st.caption``, ``st.info``/``st.warning``, labels and help texts.
    """
    return escape_markdown(text)


def literal_html(text):
    """Return ``text`` as HTML text, for an outside string inside an ``unsafe_allow_html`` block."""
    return escape_html_text(text)


def notice(message, where=None):
    """Show a :class:`atlas.query.Notice` (or any plain text) as a warning; its values are shown as text."""
    (where or st).warning(literal(message), icon=WARNING_ICON)


def url_params():
    """Return the URL's parameters as a dict of lists (a parameter may be repeated)."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


@st.cache_data(show_spinner="Loading and checking the data ...", max_entries=4)
def _load(data_dir=None, geodata_dir=None, fingerprint=None):
    # fingerprint (atlas.loading.data_fingerprint) changes with any file: an edit shows on the next run.
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


@st.cache_resource(show_spinner=False)
def _base_map(_data, data_dirs, legend_expanded):
    return base_map(_data, legend_expanded=legend_expanded)


def map_for_this_run(data, legend_expanded=True):
    """Return the base map, built once per process; each run gets its own copy.

    streamlit-folium adds the changing layers to the map it is given, so the
    shared one must never be handed out itself.
    """
    return copy.deepcopy(_base_map(data, (_data_dirs(), data.fingerprint), legend_expanded))


def _actor_options(actors):
    order = {side: i for i, side in enumerate(SIDES)}
    ordered = actors.assign(_o=actors["side"].map(order)).sort_values(["_o", "short_name"])
    return [*ordered["id"], UNNAMED_ACTOR]


def _actor_label(actors):
    names = dict(zip(actors["id"], actors["short_name"]))
    sides = dict(zip(actors["id"], actors["side"]))

    def label(actor_id):
        if actor_id == UNNAMED_ACTOR:
            return "(no actor named)"
        return f"{names[actor_id]} · {sides[actor_id]}"

    return label


def _type_options(data):
    return sorted(set(data.events["event_type"]) | set(data.flows["flow_type"]))


def _init_from_url(data):
    """Fill the widget keys from the URL once per session; return notices for bad parameters."""
    if "years" in st.session_state:
        return []
    state = parse_view(
        url_params(), data.years, set(data.actors["id"]) | {UNNAMED_ACTOR}, LAYER_OPTIONS, _type_options(data)
    )
    st.session_state["years"] = tuple(state.years)
    st.session_state["actors"] = state.actors if state.actors is not None else _actor_options(data.actors)
    st.session_state["layers"] = state.layers if state.layers is not None else list(LAYER_OPTIONS)
    st.session_state["types"] = state.types or []
    st.session_state["q"] = state.text
    return state.notices


def _set_actors(values):
    st.session_state["actors"] = list(values)


def _start_playing(first):
    st.session_state["playing"] = True
    st.session_state["years"] = (first, first)


def _stop_playing():
    st.session_state["playing"] = False


def sidebar_filters(data):
    """Draw the filters in the sidebar and return the :class:`Selection` they make."""
    notices = _init_from_url(data)
    if "_pending_years" in st.session_state:
        # Set by advance_play: widget values may only change before the widget is drawn.
        st.session_state["years"] = st.session_state.pop("_pending_years")
    for message in notices:
        notice(message, st.sidebar)
    first, last = data.years
    sidebar = st.sidebar
    sidebar.header("Filters")
    sidebar.slider("Years", min_value=first, max_value=last, key="years", step=1,
                   help="An event shows when its dates overlap these years.")
    if st.session_state.get("playing"):
        sidebar.button("\u23f9 Stop", on_click=_stop_playing, key="stop", width="stretch")
    else:
        sidebar.button("\u25b6 Play the years", on_click=_start_playing, args=(first,), key="play",
                       width="stretch", help="Steps through the years one at a time, for a presentation.")
    options = _actor_options(data.actors)
    sidebar.multiselect("Actors", options, key="actors", format_func=_actor_label(data.actors),
                        help="Grouped by side. An event shows when it names any chosen actor.")
    left, right = sidebar.columns(2)
    left.button("All actors", on_click=_set_actors, args=(options,), width="stretch")
    right.button("No actors", on_click=_set_actors, args=([],), width="stretch")
    sidebar.caption("Only one side:")
    side_columns = sidebar.columns(2)
    for i, side in enumerate(SIDES):
        ids = list(data.actors.loc[data.actors["side"] == side, "id"])
        side_columns[i % 2].button(side.replace(" camp", "").capitalize(), on_click=_set_actors, args=(ids,),
                                   key=f"only_{side}", width="stretch", help=f"Only the {side}")
    sidebar.multiselect("Layers", LAYER_OPTIONS, key="layers", format_func=LAYER_LABELS.get)
    sidebar.multiselect("Event and flow types", _type_options(data), key="types", placeholder="All types",
                        format_func=lambda t: t.replace("_", " "))
    sidebar.text_input("Search titles and descriptions", key="q", placeholder="e.g. Kulyab, Hekmatyar",
                       max_chars=SEARCH_LIMIT)

    params = view_to_params(
        st.session_state["years"], data.years, st.session_state["actors"], options,
        st.session_state["layers"], LAYER_OPTIONS, st.session_state["types"] or None, _type_options(data),
        st.session_state["q"],
    )
    # Only the filters' own parameters: a page's others (?belt=) stay.
    for name in VIEW_PARAMS:
        if name in params:
            st.query_params[name] = params[name]
        elif name in st.query_params:
            del st.query_params[name]
    return Selection(
        years=tuple(st.session_state["years"]),
        actors=frozenset(st.session_state["actors"]),
        layers=frozenset(st.session_state["layers"]),
        event_types=frozenset(st.session_state["types"]) if st.session_state["types"] else None,
        text=st.session_state["q"],
    )


def selection_subtitle(selection, data):
    """Return the years and filters of the sidebar's selection in words."""
    return describe_selection(selection, data.actors, _actor_options(data.actors), LAYER_OPTIONS)


def advance_play(data):
    """While playing, wait, then show the next year (or stop after the last); call at the end of a page."""
    if not st.session_state.get("playing"):
        return
    year = st.session_state["years"][0]
    time.sleep(PLAY_SECONDS)
    if year >= data.years[1]:
        st.session_state["playing"] = False
    else:
        st.session_state["_pending_years"] = (year + 1, year + 1)
    st.rerun()


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


def chapter_controls(story):
    """Draw the chapter list and previous/next buttons; return the current chapter number (from 1).

    The number lives in the URL (``?chapter=3``), so a syllabus link opens it and a reload keeps it.
    """
    count = len(story)
    if "chapter" not in st.session_state:
        number, message = parse_chapter(url_params().get("chapter"), count)
        st.session_state["chapter"] = number
        if message:
            st.session_state["chapter_notice"] = message
    slot = st.empty()  # one slot, so the map below keeps its place when the notice goes
    if st.session_state.get("chapter_notice"):
        notice(st.session_state.pop("chapter_notice"), slot)
    previous, listing, following = st.columns([1, 4, 1], vertical_alignment="bottom")
    previous.button("\u25c0 Previous", on_click=_step_chapter, args=(-1, count), disabled=st.session_state["chapter"] <= 1,
                    width="stretch", key="previous_chapter")
    listing.selectbox("Chapter", range(1, count + 1), key="chapter",
                      format_func=lambda n: f"{n}. {story[n - 1].title}")
    following.button("Next \u25b6", on_click=_step_chapter, args=(1, count), disabled=st.session_state["chapter"] >= count,
                     width="stretch", key="next_chapter")
    st.query_params["chapter"] = str(st.session_state["chapter"])
    return st.session_state["chapter"]


@st.cache_resource(show_spinner=False)
def _map_store(_data, data_dirs):
    # Once per process and dataset: the records go to static/data/ under a content-hash name.
    geodata_dir = data_dirs[1] or GEODATA_DIR
    return write_store(build_store(_data.events, _data.flows, _data.actors, read_areas(geodata_dir)))


def map_store(data):
    """Return the dataset's :class:`atlas.mapdata.MapStore` (its files written once per process)."""
    return _map_store(data, _data_dirs())


@st.cache_resource(show_spinner=False)
def _theatre(_data, data_dirs):
    return load_theatre(data_dirs[1] or GEODATA_DIR, _data.zones, _data.border), read_areas(data_dirs[1] or GEODATA_DIR)


def selection_frame(data, events, flows, key=0, focus=None):
    """Return where the map looks for this selection (see :func:`atlas.viewport.frame_for_selection`).

    The map flies to it whenever ``key`` changes (a chapter, a click on "Fit").
    With ``focus`` (ids, see :func:`request_frame`) it frames those items of
    the selection, if any are in it.
    """
    if focus:
        chosen = events[events["id"].isin(list(focus))], flows[flows["id"].isin(list(focus))]
        if len(chosen[0]) + len(chosen[1]):
            events, flows = chosen
    theatre, areas = _theatre(data, _data_dirs())
    frame = frame_for_selection(events, flows, theatre, areas, key=key)
    west, south, east, north = data.countries.total_bounds
    frame["extent"] = [[round(float(south), 3), round(float(west), 3)], [round(float(north), 3), round(float(east), 3)]]
    return frame


def chapter_focus(events, flows, highlight):
    """Return the (events, flows) a chapter's map frames: its highlighted items if any are selected, else all."""
    chosen_events, chosen_flows = events[events["id"].isin(list(highlight))], flows[flows["id"].isin(list(highlight))]
    return (chosen_events, chosen_flows) if len(chosen_events) + len(chosen_flows) else (events, flows)


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
                 highlight_zones=()):
    """Draw download buttons for the view as standalone HTML, PNG and PDF.

    The files are made only when a button is pressed, so filter changes stay fast;
    a file that could not be made is reported above the buttons (see :func:`reported`).
    """

    def figure(fmt):
        return figure_bytes(static_figure(data, events, flows, title, subtitle, highlight, highlight_zones), fmt)

    failures = st.session_state.setdefault(f"export_failures_{file_stem}", {})
    for what, kind in list(failures.items()):
        st.error(literal(f"The {what} of this view could not be made ({kind}). Try again or change the view; "
                         "the server's log has the details."))
    columns = st.columns(3)
    columns[0].download_button(
        "Map as HTML (works offline)",
        reported(lambda: standalone_map_html(data, events, flows, title, subtitle, center, zoom, highlight,
                                             highlight_zones), "map as HTML", failures),
        f"{file_stem}.html", "text/html", on_click="ignore",
    )
    columns[1].download_button("Figure (PNG)", reported(lambda: figure("png"), "figure (PNG)", failures),
                               f"{file_stem}.png", "image/png", on_click="ignore")
    columns[2].download_button("Figure (PDF)", reported(lambda: figure("pdf"), "figure (PDF)", failures),
                               f"{file_stem}.pdf", "application/pdf", on_click="ignore")


BELT_DEFAULT_KM = 25


def belt_width_from_url():
    """Set the belt width from ``?belt=`` once per session (5-100 km in steps of 5), with a notice if it is wrong."""
    if "belt_km" in st.session_state:
        return
    width, message = parse_belt(url_params().get("belt"), BELT_DEFAULT_KM)
    if message:
        notice(message, st.sidebar)
    st.session_state["belt_km"] = width
