"""Cached data the pages share: the dataset, the story, the map's records, the theatre, the bibliography."""

from pathlib import Path
import os

import streamlit as st

from atlas.data.cache import cache_key, load_dataset_cached
from atlas.data.loading import data_fingerprint
from atlas.data.validation import DataError
from atlas.exports.citation import read_sources
from atlas.map.assets import install_geodata, install_vendor_assets
from atlas.map.mapdata import read_areas, written_store
from atlas.map.viewport import load_theatre
from atlas.paths import DATA_DIR, GEODATA_DIR
from atlas.seminar.story import load_story
from atlas.view.memo import memoized

__all__ = ["dataset_or_stop", "story_or_stop", "map_store", "theatre", "vague_areas", "sources"]

# One shared Dataset per process, not a copy per run (st.cache_data unpickles the whole
# dataset on every call: 93 MB per run at 100,000 events). Pages and atlas functions only
# read it; filtering returns new frames (tests/test_shared_dataset.py checks it stays unchanged).
@st.cache_resource(show_spinner="Loading and checking the data ...", max_entries=4)
def _load(data_dir=None, geodata_dir=None, fingerprint=None):
    # fingerprint (atlas.data.loading.data_fingerprint) changes with any file: an edit shows on the next run.
    # From disk when these files were checked before by this code (a restarted server: 0.2 s, not 4.5 s, at 100,000 events).
    return load_dataset_cached(data_dir or DATA_DIR, geodata_dir or GEODATA_DIR)


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
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)  # readable on a phone
        st.stop()
    _serve_geodata(tuple(str(path) for path in data.geodata_files), data.fingerprint)
    return data


@st.cache_data(show_spinner=False, max_entries=4)
def _load_story(data_dirs, fingerprint):
    return load_story(_load(*data_dirs, fingerprint), Path(data_dirs[0] or DATA_DIR) / "story.yaml")


def story_or_stop(data):
    """Return the checked seminar story, or show its problems and stop the page."""
    try:
        return _load_story(_data_dirs(), data_fingerprint(*_data_dirs()))
    except DataError as error:
        st.error("The seminar story cannot be shown: data/story.yaml breaks the rules at its top.")
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)  # readable on a phone
        st.stop()


@st.cache_resource(show_spinner=False, max_entries=4)
def _map_store(_data, data_dirs, fingerprint):
    # Once per process and version of the data (an edited file gives a new fingerprint, so the
    # map never shows records older than the page's table): the records go to static/data/
    # under a content-hash name.
    # Kept on disk beside the checked dataset, so a restarted server does not build it again
    # (100,000 events: 0.13 s instead of 2.2 s).
    theatre, areas = _theatre(_data, data_dirs, fingerprint)
    key = cache_key(data_dirs[0] or DATA_DIR, data_dirs[1] or GEODATA_DIR)
    return written_store(_data.events, _data.flows, _data.actors, areas, theatre, key=key)


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


@st.cache_data(show_spinner=False)
def _read_sources(data_dir):
    return read_sources(Path(data_dir or DATA_DIR) / "sources.csv")


def sources(data=None):
    """Return the bibliography ``{id: record}``: the loader's ``data.sources``, else data/sources.csv, else ``{}``."""
    table = getattr(data, "sources", None)
    if table is not None and "id" in table:
        # Made once per dataset (3 % of a run's server time with thirty sessions); read it only.
        return memoized(data, "sources", None, lambda: {row["id"]: row for row in table.to_dict("records")})
    try:
        return _read_sources(_data_dirs()[0])
    except DataError:
        return {}


def _data_key():
    # Which data and which version of them: an edited story or data file makes a new talk.
    return _data_dirs(), data_fingerprint(*_data_dirs())
