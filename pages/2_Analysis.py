"""Analysis: the border, the zones and the actors, measured for the current selection."""

import folium
import streamlit as st
from streamlit_folium import st_folium

import ui
from atlas.analysis_layers import actor_extent_layer, belt_layer, zone_choropleth_layer
from atlas.belt import belt_by_year, border_belt
from atlas.charts import actor_year_chart, distance_chart, zone_heat_chart
from atlas.distance import border_distances
from atlas.exports import table_csv
from atlas.extents import actor_extents
from atlas.filters import select_events, select_flows
from atlas.layers import dynamic_layers
from atlas.summary import events_per_actor_year
from atlas.zonejoin import events_in_zones, zone_totals, zone_year_table

st.set_page_config(page_title="Analysis \u00b7 Tajik Border Atlas", page_icon="\U0001f4cf", layout="wide")


@st.cache_data(show_spinner="Measuring distances to the border ...")
def _all_distances(_data, years):
    # Every event once per process; the filters then pick rows.
    return border_distances(_data.events, _data.border, _data.countries)


data = ui.dataset_or_stop()
selection = ui.sidebar_filters(data)
events = select_events(data.events, selection)
flows = select_flows(data.flows, selection)
st.sidebar.header("Analysis")
ui.belt_width_from_url()
width_km = st.sidebar.slider("Border belt width (km each side)", 5, 100, step=5, key="belt_km")
st.query_params["belt"] = str(width_km)
include_vague = st.sidebar.checkbox("Include places known only to a province or wider (where_prec 4-6)", value=False,
                                    key="include_vague", help="Their points are representative, so their distances are too.")

st.title("Analysis: the border, the zones and the actors")
st.caption(ui.literal(ui.selection_subtitle(selection, data)) + ". Events count in the year they begin.")
measured = events[events["mapped"] & (include_vague | (events["where_prec"] < 4))]
notice = st.empty()  # one slot, so the map below keeps its place and is not mounted anew
if measured.empty:
    notice.info("No mapped event matches these filters (or all are only vaguely placed); widen them to measure.")

distances = _all_distances(data, data.years)
distances = distances[distances["id"].isin(measured["id"])]
belt = border_belt(data.border, width_km)
joined = events_in_zones(measured, data.zones)
zone_table = zone_year_table(joined, data.zones, selection.years)
counts = zone_totals(joined, data.zones)
extents = actor_extents(measured, data.actors)

st_folium(
    ui.map_for_this_run(data),
    feature_group_to_add=[zone_choropleth_layer(data.zones, counts), belt_layer(belt), actor_extent_layer(extents),
                          *dynamic_layers(measured, flows, data.actors, store=ui.map_store(data),
                                         frame=ui.selection_frame(data, measured, flows))],
    layer_control=folium.LayerControl(collapsed=False),
    returned_objects=[],
    height=560,
    use_container_width=True,
    key="analysis_map",
)

distance_tab, belt_tab, zone_tab, actor_tab = st.tabs(["Distance to the border", "Border belt", "Zones", "Actors"])
with distance_tab:
    st.altair_chart(distance_chart(distances), width="stretch")
    st.caption("Black line: the median distance per year. Geodesic distance (WGS 84) to Natural Earth's 1:10m border line; "
               "'on the border' marks facts the article gives for the border as a whole.")
    st.dataframe(distances, hide_index=True, width="stretch")
    st.download_button("Distances (CSV)", lambda: table_csv(distances), "atlas-distances.csv",
                       "text/csv", on_click="ignore")
with belt_tab:
    belt_table = belt_by_year(measured, belt, selection.years)
    st.dataframe(belt_table, hide_index=True, width="stretch")
    st.download_button("Belt by year (CSV)", lambda: table_csv(belt_table), "atlas-belt.csv",
                       "text/csv", on_click="ignore")
with zone_tab:
    st.altair_chart(zone_heat_chart(zone_table), width="stretch")
    st.dataframe(zone_table.pivot(index="zone", columns="year", values="events"), width="stretch")
    st.download_button("Zone x year (CSV)", lambda: table_csv(zone_table), "atlas-zones.csv",
                       "text/csv", on_click="ignore")
with actor_tab:
    actor_table = events_per_actor_year(measured, data.actors, selection.years)
    st.altair_chart(actor_year_chart(actor_table), width="stretch")
    st.dataframe(extents.drop(columns="geometry"), hide_index=True, width="stretch")
    st.download_button("Events per actor and year (CSV)", lambda: table_csv(actor_table),
                       "atlas-actors.csv", "text/csv", on_click="ignore")

ui.advance_play(data)
