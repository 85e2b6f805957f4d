"""Text and page chrome: outside text shown as text, notices, the compact page top."""

import streamlit as st

from atlas.markup import escape_html_text, escape_markdown

__all__ = ["WARNING_ICON", "literal", "literal_html", "COMPACT_PAGE_CSS", "compact_page", "notice"]

WARNING_ICON = "\u26a0\ufe0f"


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
# A notice is one line high (padding 0.5rem, not 1rem): a link's notice had pushed the map 30 px lower.
COMPACT_PAGE_CSS = ("<style>.block-container, [data-testid='stMainBlockContainer']{padding-top:3.2rem}"
                    "[data-testid='stAlertContainer']{padding:0.5rem 1rem}"
                    "h1{font-size:1.75rem!important;padding:0.4rem 0 0.6rem!important}"
                    "@media (max-width:640px){h1{font-size:1.3rem!important}"
                    # A phone's header bar is taller: the Seminar's first row (the Present switch) lay half under it.
                    ".block-container, [data-testid='stMainBlockContainer']{padding-top:4rem}}</style>")


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
