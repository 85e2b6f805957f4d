"""Figures and files of the current view, made only when asked for."""

import logging

import streamlit as st

from atlas.exports.downloads import standalone_map_html

from .data import vague_areas
from .maps import selection_frame
from .text import literal

__all__ = ["reported", "view_exports"]

_LOG = logging.getLogger(__name__)


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
        # Framed as the page's map is: a chapter's own view, else the highlighted items if any are selected, else all.
        reported(lambda: standalone_map_html(data, events, flows, title, subtitle, center, zoom, highlight,
                                             highlight_zones,
                                             frame=selection_frame(data, events, flows, focus=highlight,
                                                                   view=(center, zoom)),
                                             areas=vague_areas(data)),
                 "map as HTML", failures),
        f"{name}.html", "text/html", on_click="ignore",
    )
    columns[1].download_button("Figure (PNG)", reported(lambda: figure("png"), "figure (PNG)", failures),
                               f"{name}.png", "image/png", on_click="ignore", help="A 16:9 slide, 1920x1080")
    columns[2].download_button("Figure (PDF)", reported(lambda: figure("pdf"), "figure (PDF)", failures),
                               f"{name}.pdf", "application/pdf", on_click="ignore",
                               help="An A4 landscape page, for print and handouts")
