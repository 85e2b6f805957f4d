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

The pieces live in rooms by job: ``ui.text``, ``ui.state``, ``ui.data``, ``ui.maps``, ``ui.filters``, ``ui.research``, ``ui.seminar``, ``ui.exports``, ``ui.server``.
"""

from .text import (WARNING_ICON, literal, literal_html, COMPACT_PAGE_CSS, compact_page, notice)
from .state import (
    KEPT_WIDGETS, keep_widget_state, remember_address, url_params, drop_unread_params, pending_url_notices,
    switch_from_url, session_url)
from .data import (dataset_or_stop, story_or_stop, map_store, theatre, vague_areas, sources)
from .maps import (
    show_map, map_key, map_waits, map_asked, rest_after_the_map, timeline, per_period_table, selection_frame, request_frame, frame_key, framed_ids, fit_button, frame_selected)
from .filters import (
    LAYER_OPTIONS, MULTISELECT_CSS, SIDEBAR_PARAMS, PLAY_SECONDS, PLAY_SPEEDS, PLAY_MODES, sidebar_filters,
    selection_subtitle, play_seconds, advance_play, play_layers, BELT_DEFAULT_KM, analysis_from_url, write_analysis_params,
    empty_notice, select, year_base)
from .research import (
    page_notices, link_notice, link_base, selection_tables, table_selection, selectable_table, BELOW_MAP_TABS, below_map_tabs, focus_ids,
    item_details, cite_view)
from .seminar import (CHAPTER_ROW_CSS, chapter_row, chapter_controls, PRESENT_CSS, present_toggle, present_talk, talk_downloads)
from .exports import (reported, view_exports)
from .server import tune_server_once

__all__ = [
    "WARNING_ICON", "literal", "literal_html", "COMPACT_PAGE_CSS", "compact_page", "notice", "KEPT_WIDGETS",
    "keep_widget_state", "remember_address", "url_params", "drop_unread_params", "pending_url_notices",
    "switch_from_url", "session_url", "dataset_or_stop", "story_or_stop", "map_store", "theatre", "vague_areas", "sources",
    "show_map", "map_key", "map_waits", "map_asked", "rest_after_the_map", "timeline", "per_period_table", "selection_frame", "request_frame", "frame_key", "framed_ids", "fit_button",
    "frame_selected", "LAYER_OPTIONS", "MULTISELECT_CSS", "SIDEBAR_PARAMS", "PLAY_SECONDS", "PLAY_SPEEDS",
    "PLAY_MODES", "sidebar_filters", "selection_subtitle", "play_seconds", "advance_play", "play_layers",
    "BELT_DEFAULT_KM", "analysis_from_url", "write_analysis_params", "empty_notice", "select", "year_base", "page_notices", "link_notice",
    "link_base", "selection_tables", "table_selection", "selectable_table", "BELOW_MAP_TABS", "below_map_tabs", "focus_ids", "item_details", "cite_view", "CHAPTER_ROW_CSS", "chapter_row",
    "chapter_controls", "PRESENT_CSS", "present_toggle", "present_talk", "talk_downloads", "reported",
    "view_exports", "tune_server_once",
]
