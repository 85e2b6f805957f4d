"""Tajik Border Atlas: data, maps and measures of the Tajik civil war, 1992-1997.

Nothing in this package imports streamlit: the pages in ``app.py`` and
``views/`` arrange widgets and call these plain functions.
"""
