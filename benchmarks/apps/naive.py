"""The tutorial way: rebuild the whole folium map with one CircleMarker (and popup) per event on every rerun."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from _common import install_static_assets, local_map, read_events

st.set_page_config(page_title="Naive folium app", layout="wide")


@st.cache_resource
def _assets():
    return install_static_assets()


@st.cache_data
def _events():
    return read_events()


_assets()
events = _events()
years = st.sidebar.slider("Years", min_value=1992, max_value=1997, value=(1992, 1997), step=1)
chosen = events[(events["year_end"] >= years[0]) & (events["year_start"] <= years[1])]
m = local_map()
for row in chosen.itertuples():
    folium.CircleMarker((row.lat, row.lon), radius=6, color="#b22222", fill=True,
                        popup=folium.Popup(f"{row.title} ({row.date_start})")).add_to(m)
st.caption(f"{len(chosen)} events")
st_folium(m, returned_objects=[], height=620, use_container_width=True, key="map")
