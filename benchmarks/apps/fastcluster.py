"""What a user might pick instead: folium's FastMarkerCluster of the selected events, map rebuilt each rerun."""

import shutil
from pathlib import Path

import streamlit as st
import xstatic.pkg.leaflet_markercluster as markercluster
from folium.plugins import FastMarkerCluster
from streamlit_folium import st_folium

from _common import ROOT, install_static_assets, local_map, read_events

st.set_page_config(page_title="FastMarkerCluster app", layout="wide")
URL = "/app/static/vendor/markercluster"
# folium's default callback draws Font Awesome markers, which need files from a CDN; circles need none.
CALLBACK = "function (row) { return L.circleMarker(new L.LatLng(row[0], row[1]), {radius: 6, color: '#b22222'}); }"


@st.cache_resource
def _assets():
    install_static_assets()
    target = ROOT / "static" / "vendor" / "markercluster"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
        shutil.copyfile(Path(markercluster.BASE_DIR) / name, target / name)


@st.cache_data
def _events():
    return read_events()


_assets()
events = _events()
years = st.sidebar.slider("Years", min_value=1992, max_value=1997, value=(1992, 1997), step=1)
chosen = events[(events["year_end"] >= years[0]) & (events["year_start"] <= years[1])]
m = local_map(maxZoom=18)  # markercluster needs a maxZoom when the map has no tiles
cluster = FastMarkerCluster(chosen[["lat", "lon"]].values.tolist(), name="events", callback=CALLBACK)
cluster.default_js = [("markerclusterjs", f"{URL}/leaflet.markercluster.js")]
cluster.default_css = [("markerclustercss", f"{URL}/MarkerCluster.css"),
                       ("markerclusterdefaultcss", f"{URL}/MarkerCluster.Default.css")]
cluster.add_to(m)
st.caption(f"{len(chosen)} events")
st_folium(m, returned_objects=[], height=620, use_container_width=True, key="map")
