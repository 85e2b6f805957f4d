"""Tajik Border Atlas: the map of the Tajik civil war and the Tajik-Afghan border, 1992-1997.

Run with ``streamlit run app.py`` (or ``make run``). This file names the
pages (``st.navigation``), so the sidebar says "Map", "Seminar" and "Analysis",
and keeps the filters' values from one page to the next (``ui.keep_widget_state``);
each page is a script in ``views/`` and keeps its own address (``/``,
``/Seminar``, ``/Analysis``) for links from a syllabus.

The folder is not called ``pages/``: Streamlit treats a ``pages/`` folder beside
the main script as the old automatic navigation, and a reader who opens
``/Analysis`` or ``/Seminar`` as the first page then got a sidebar listing
"app, Seminar, Analysis, map" (streamlit/streamlit#10276).
"""

import streamlit as st

import ui

# No icons: Streamlit fetches a navigation entry's ":material/...:" icon from a font host
# (the atlas asks no other host for anything), and Debian's Chromium has no emoji font.
PAGES = [
    st.Page("views/map.py", title="Map", default=True),
    st.Page("views/seminar.py", title="Seminar", url_path="Seminar"),
    st.Page("views/analysis.py", title="Analysis", url_path="Analysis"),
]

# Streamlit's server holds each small file back about 40 ms on a reused connection (Nagle's algorithm).
ui.tune_server_once()
ui.remember_address()  # a link's filters, even if the reader changes page before they are read
page = st.navigation(PAGES)
ui.keep_widget_state(page.url_path)  # the filters follow the reader from page to page
page.run()
