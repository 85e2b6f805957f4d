"""Tajik Border Atlas: the map of the Tajik civil war and the Tajik-Afghan border, 1992-1997.

Run with ``streamlit run app.py`` (or ``make run``).
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

import ui
from atlas.exports import events_geojson, flows_geojson, table_csv
from atlas.filters import select_events, select_flows
from atlas.layers import dynamic_layers
from atlas.summary import events_per_year, events_table, headline_numbers

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

center, zoom = ui.map_view(events, flows)

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
ui.timeline(events_per_year(events, selection.years))

st.subheader("Selected events")
st.dataframe(events_table(events, data.actors), hide_index=True, width="stretch")
# Files are made only when asked for (a callable), so a filter change stays fast.
downloads = st.columns(4)
downloads[0].download_button("Events (CSV)", lambda: table_csv(events), "atlas-events.csv", "text/csv", on_click="ignore")
downloads[1].download_button("Events (GeoJSON)", lambda: events_geojson(events), "atlas-events.geojson",
                             "application/geo+json", on_click="ignore")
downloads[2].download_button("Flows (CSV)", lambda: table_csv(flows), "atlas-flows.csv", "text/csv", on_click="ignore")
downloads[3].download_button("Flows (GeoJSON)", lambda: flows_geojson(flows), "atlas-flows.geojson",
                             "application/geo+json", on_click="ignore")

st.subheader("This view for slides and handouts")
ui.view_exports(data, events, flows, "Tajik Border Atlas", ui.selection_subtitle(selection, data), "atlas-map")

ui.advance_play(data)
