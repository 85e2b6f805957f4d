"""Tajik Border Atlas: the map of the Tajik civil war and the Tajik-Afghan border, 1992-1997.

Run with ``streamlit run app.py`` (or ``make run``). This file only names the
pages (``st.navigation``), so the sidebar says "Map", "Seminar" and "Analysis";
each page is a script in ``pages/`` and keeps its own address (``/``,
``/Seminar``, ``/Analysis``) for links from a syllabus.
"""

import streamlit as st

# Emoji, not ":material/...:" icons: Streamlit fetches a navigation entry's material icon
# from a font host, and the atlas must not ask another host for anything.
PAGES = [
    st.Page("pages/map.py", title="Map", icon="\U0001f5fa\ufe0f", default=True),
    st.Page("pages/1_Seminar.py", title="Seminar", icon="\U0001f393", url_path="Seminar"),
    st.Page("pages/2_Analysis.py", title="Analysis", icon="\U0001f4cf", url_path="Analysis"),
]

st.navigation(PAGES).run()
