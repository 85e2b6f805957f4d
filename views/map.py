"""The Map page: the Tajik civil war and the Tajik-Afghan border, 1992-1997, with filters, table and downloads.

Opened through ``app.py`` (``streamlit run app.py`` or ``make run``), which names the pages.
"""

import streamlit as st

import ui
from atlas.exports.downloads import events_geojson, flows_geojson, table_csv
from atlas.exports.filenames import selection_stem
from atlas.map.layers import dynamic_layers
from atlas.view.linking import where_on_map
from atlas.analysis.summary import began_before_note, headline_numbers, headline_text

st.set_page_config(page_title="Tajik Border Atlas", page_icon="\U0001f5fa", layout="wide")

data = ui.dataset_or_stop()
ui.drop_unread_params("Map")  # a parameter this page cannot show is named in a notice, not ignored
waits = ui.map_waits()  # a visit's first run ends after the map; the drawn map asks for the rest
selection = ui.sidebar_filters(data, asked=ui.map_asked("atlas_map"), draw=not waits)  # the widgets follow the map
events, flows = ui.select(data, selection)

# Map first: a compact heading line, then the map (Streamlit's default top padding would push it down).
# st.html, not st.markdown: Markdown with HTML loads a 190 KB script before the map's frame is made.
# (4.2rem: a style-only st.html takes no row, so the title lost the row's 1rem gap and slid under
# the 3.75rem header bar, its top half hidden on a phone.)
st.html("<style>.block-container, [data-testid='stMainBlockContainer']{padding-top:4.2rem}"
        "[data-testid='stAlertContainer']{padding:0.5rem 1rem}</style>")
numbers = headline_numbers(events, flows)
st.markdown(
    f"**Tajik Border Atlas** \u2002\u00b7\u2002 {headline_text(numbers)}",  # own text: counts only
    help="Events: in the selection, mapped or not (the others have no place in the article). Deaths: sum of the "
         "article's best figures. Largest force: largest troop, fighter or people figure.",
)

# One slot whatever it holds: an element appearing above the map would make Streamlit
# mount the map anew, losing the reader's zoom and position.
with st.empty().container():
    # About the link (and whether the filters now hide its item); why the map is empty is said as well, not instead.
    # The selection's ids are gathered only when a link is open (100,000 of them took 60 ms a run).
    noticed = ui.page_notices(data, keep=waits, where=lambda kind, row: where_on_map(kind, row, {*events["id"], *flows["id"]}))
    if events.empty and flows.empty:
        st.info(ui.empty_notice(data, selection))
    elif numbers["mapped"] < numbers["events"] and not noticed:  # with a notice, the headline (and its help) says it
        st.caption(f"{numbers['events'] - numbers['mapped']} event(s) in this view have no place in the article: "
                   "they are listed in the Events table (a tab below the map), not on the map.")

# research (issue 13): the tables are built before the map, so their selected rows are highlighted and framed.
event_rows, flow_rows = ui.selection_tables(data, selection, events, flows)
selected = [*ui.table_selection("events", event_rows), *ui.table_selection("flows", flow_rows)]
ui.frame_selected(selected)
highlight = [*ui.focus_ids(), *selected]

frame = ui.selection_frame(data, events, flows, key=ui.frame_key(), focus=ui.framed_ids())
# With the year base the map draws a year slider's move itself, before this page runs again.
drawn = ui.show_map(data, [*dynamic_layers(events, flows, data.actors, highlight=highlight, store=ui.map_store(data),
                                           frame=frame, year_base=ui.year_base(data, selection, focus=ui.framed_ids()),
                                           report_drawn=waits),
                           *ui.play_layers(selection, data)], key="atlas_map")
ui.fit_button(disabled=events.empty and flows.empty)
if waits and not drawn:
    ui.rest_after_the_map()
st.caption(
    "The Tajik civil war and the Tajik-Afghan border, 1992-1997, as told by J. Sethi, "
    "\u201cCivil War in Tajikistan: Its Impact on Tajik-Russia Relations\u201d. "
    "Click a symbol for its source quote and footnote. A dashed ring is a place the article names only "
    "as a province, region or country: it marks that area, not a spot in it."
)

# One tab below the map at a time: only the open one is built and sent (a table is most of a move's bytes).
over_time, events_tab, flows_tab = ui.below_map_tabs()
if over_time.open:
    with over_time:
        st.subheader("Events per month" if selection.months else "Events per year")
        ui.timeline(ui.per_period_table(data, events, selection), data)
        note = began_before_note(events, selection.years, selection.months)
        if note:
            st.caption(note)  # own text: counts, years and a month's name
if events_tab.open:
    with events_tab:
        st.caption(f"{numbers['events']} event(s) in this view. Tick rows (the boxes on the left) to highlight and "
                   "frame them on the map; their quotes, links and citations show below the table.")
        ui.selectable_table("events", event_rows)
if flows_tab.open:
    with flows_tab:
        if len(flow_rows):
            st.caption(f"{numbers['flows']} flow(s) in this view. Tick rows to highlight and frame them on the map; "
                       "their details show below the table.")
            ui.selectable_table("flows", flow_rows)
        else:
            st.caption("No flow (people, arms, money moving) in this view.")
# Below the tabs: ticking a row inserted about 650 px of details above them, pushing the table
# (and the next box to tick) out of sight (a review). A link's details ("details below") come here too.
ui.item_details(data, events, flows, list(dict.fromkeys(highlight)))

# Files are made only when asked for (a callable), so a filter change stays fast. Named after the
# view (atlas-1993-opposition-events.csv), as the figure is: several downloads of one session stay apart.
stem = selection_stem(selection, data.actors)
downloads = st.columns(4)  # an empty view offers no file (it gave a header-only CSV)
downloads[0].download_button("Events (CSV)", lambda: table_csv(events), f"{stem}-events.csv", "text/csv", on_click="ignore",
                             disabled=events.empty)
downloads[1].download_button("Events (GeoJSON)", lambda: events_geojson(events), f"{stem}-events.geojson",
                             "application/geo+json", on_click="ignore", disabled=events.empty)
downloads[2].download_button("Flows (CSV)", lambda: table_csv(flows), f"{stem}-flows.csv", "text/csv", on_click="ignore",
                             disabled=flows.empty)
downloads[3].download_button("Flows (GeoJSON)", lambda: flows_geojson(flows), f"{stem}-flows.geojson",
                             "application/geo+json", on_click="ignore", disabled=flows.empty)

ui.cite_view(ui.selection_subtitle(selection, data), events, flows, data)

st.subheader("This view for slides and handouts")
ui.view_exports(data, events, flows, "Tajik Border Atlas", ui.selection_subtitle(selection, data), "atlas-map",
                file_name=stem)

ui.advance_play(data)
