"""The floor for this stack: a year slider and an st_folium map of 20 circle markers sent as a FeatureGroup.

Run by benchmarks/slider_latency.py beside the atlas; the markers move with the slider's first year.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from _common import install_static_assets, local_map

st.set_page_config(page_title="Bare st_folium page", layout="wide")


@st.cache_resource
def _assets():
    return install_static_assets()


_assets()
years = st.sidebar.slider("Years", min_value=1992, max_value=1997, value=(1992, 1997), step=1)
group = folium.FeatureGroup(name="markers")
for i in range(20):
    folium.CircleMarker((36.5 + (i % 5) * 0.6, 67.5 + (i // 5) * 1.5 + (years[0] - 1992) * 0.1), radius=6,
                        color="#b22222", fill=True).add_to(group)
st_folium(local_map(), feature_group_to_add=group, returned_objects=[], height=620, use_container_width=True, key="map")
