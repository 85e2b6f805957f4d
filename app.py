"""Tajik Border Atlas: the map of the Tajik civil war and the Tajik-Afghan border, 1992-1997.

Run with ``streamlit run app.py`` (or ``make run``).
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

import ui
from atlas.charts import timeline_chart
from atlas.dates import format_date
from atlas.exports import events_geojson, flows_geojson, standalone_map_html, table_csv
from atlas.figure import figure_bytes, static_figure
from atlas.filters import select_events, select_flows
from atlas.layers import dynamic_layers
from atlas.summary import events_per_year, events_table, headline_numbers
from atlas.viewport import view_for_selection

st.set_page_config(page_title="Tajik Border Atlas", page_icon="\U0001f5fa", layout="wide")

data = ui.dataset_or_stop()
selection = ui.sidebar_filters(data)
events = select_events(data.events, selection)
flows = select_flows(data.flows, selection)

st.title("Tajik Border Atlas")
st.caption(
    "The Tajik civil war and the Tajik-Afghan border, 1992-1997, as told by J. Sethi, "
    "\u201cCivil War in Tajikistan: Its Impact on Tajik-Russia Relations\u201d. "
    "Click a symbol for its source quote and footnote."
)

numbers = headline_numbers(events, flows)
columns = st.columns(5)
columns[0].metric("Events", numbers["events"], help="Events in the selection, mapped or not.")
columns[1].metric("On the map", numbers["mapped"], help="The others have no place in the article.")
columns[2].metric("Deaths reported", f"{numbers['deaths']:,}", help="Sum of the article's best figures.")
columns[3].metric("Largest force", f"{numbers['largest_force']:,}", help="Largest troop, fighter or people figure.")
columns[4].metric("Flows", numbers["flows"])

# One slot whatever it holds: an element appearing above the map would make Streamlit
# mount the map anew, losing the reader's zoom and position.
notice = st.empty()
if events.empty and flows.empty:
    notice.info("Nothing matches these filters. The zones and the border stay on the map; widen the years or pick more actors.")
elif numbers["mapped"] < numbers["events"]:
    notice.caption(f"{numbers['events'] - numbers['mapped']} selected event(s) have no place in the article: they are in the table, not on the map.")

fitted = view_for_selection(events, flows)
if "map_view" not in st.session_state and st.query_params and fitted:
    # A shared link opens on what it selects (Moscow and Almaty included); afterwards the reader's own view stays.
    st.session_state["map_view"] = fitted
st.session_state.setdefault("map_view", (None, None))
if st.button("Fit map to selection", disabled=fitted is None):
    # The map applies a zoom and centre only when they differ from the last ones sent:
    # a nudge far below a metre and a zoom step lets a second click refit after the
    # reader has moved away (Leaflet snaps the zoom back to a whole level).
    clicks = st.session_state["fit_clicks"] = st.session_state.get("fit_clicks", 0) + 1
    (lat, lon), fit_zoom = fitted
    st.session_state["map_view"] = ([lat + clicks * 1e-7, lon], fit_zoom + clicks * 1e-6)
center, zoom = st.session_state.get("map_view", (None, None))

st_folium(
    ui.map_for_this_run(data),
    feature_group_to_add=dynamic_layers(events, flows, data.actors),
    layer_control=folium.LayerControl(collapsed=True),
    returned_objects=[],
    center=center,
    zoom=zoom,
    height=620,
    use_container_width=True,
    key="atlas_map",
)

st.subheader("Events per year")
st.altair_chart(timeline_chart(events_per_year(events, selection.years)), width="stretch")

st.subheader("Selected events")
st.dataframe(events_table(events, data.actors, format_date), hide_index=True, width="stretch")
# Files are made only when asked for (a callable), so a filter change stays fast.
downloads = st.columns(4)
downloads[0].download_button("Events (CSV)", lambda: table_csv(events), "atlas-events.csv", "text/csv", on_click="ignore")
downloads[1].download_button("Events (GeoJSON)", lambda: events_geojson(events), "atlas-events.geojson",
                             "application/geo+json", on_click="ignore")
downloads[2].download_button("Flows (CSV)", lambda: table_csv(flows), "atlas-flows.csv", "text/csv", on_click="ignore")
downloads[3].download_button("Flows (GeoJSON)", lambda: flows_geojson(flows), "atlas-flows.geojson",
                             "application/geo+json", on_click="ignore")

st.subheader("This view for slides and handouts")
subtitle = ui.selection_subtitle(selection, data)
views = st.columns(3)
views[0].download_button("Map as HTML (works offline)", lambda: standalone_map_html(data, events, flows, "Tajik Border Atlas", subtitle),
                         "atlas-map.html", "text/html", on_click="ignore")
views[1].download_button("Figure (PNG)", lambda: figure_bytes(static_figure(data, events, flows, "Tajik Border Atlas", subtitle), "png"),
                         "atlas-map.png", "image/png", on_click="ignore")
views[2].download_button("Figure (PDF)", lambda: figure_bytes(static_figure(data, events, flows, "Tajik Border Atlas", subtitle), "pdf"),
                         "atlas-map.pdf", "application/pdf", on_click="ignore")

ui.advance_play(data)
