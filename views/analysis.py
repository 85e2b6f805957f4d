"""Analysis: the border, the zones and the actors, measured for the current selection."""

import streamlit as st

import ui
from atlas.analysis.map_layers import actor_extent_layer, analysis_key, belt_layer, zone_choropleth_layer
from atlas.analysis.belt import belt_by_year, border_belt
from atlas.analysis.charts import actor_year_chart, distance_chart, zone_heat_chart
from atlas.analysis.distance import THEATRE_LAYERS, border_distances, km_text, listed_apart_heading, median_by_layer
from atlas.exports.downloads import table_csv
from atlas.exports.filenames import selection_stem
from atlas.analysis.extents import actor_extents
from atlas.analysis.footprints import event_footprints
from atlas.map.layers import dynamic_layers
from atlas.data.schema import LAYERS
from atlas.analysis.summary import events_per_actor_year, placed_split, placed_words
from atlas.map.symbols import LAYER_LABELS, VAGUE_WHERE_PREC
from atlas.analysis.zonejoin import events_in_zones, zone_totals, zone_year_table
from atlas.view.linking import where_on_analysis

MAP_HEIGHT = 560  # px on a large screen; less on a laptop, so the map's bottom edge is on the first screen

st.set_page_config(page_title="Analysis \u00b7 Tajik Border Atlas", page_icon="\U0001f4cf", layout="wide")


@st.cache_data(show_spinner="Measuring distances to the border ...")
def _all_distances(_data, years):
    # Every event once per process; the filters then pick rows.
    return border_distances(_data.events, _data.border, _data.countries)


data = ui.dataset_or_stop()
ui.drop_unread_params("Analysis")  # a parameter this page cannot show is named in a notice, not ignored
# ?belt= and ?exact=, again after Back or Forward; written with the filters (one history entry, not two)
selection = ui.sidebar_filters(data, "Analysis", also=ui.analysis_from_url())
events, flows = ui.select(data, selection)
stem = selection_stem(selection, data.actors)  # the downloads say the view: atlas-1993-opposition-belt.csv
st.sidebar.header("Analysis")
width_km = st.sidebar.slider("Border belt width (km each side)", 5, 100, step=5, key="belt_km", persist_state="session")
exact_only = st.sidebar.checkbox(
    "Only places known exactly (district or better)", key="exact_only", persist_state="session",
    help="By default places known only to a province, a region or a country count too, shown apart: "
         "their points are representative, so their distances and belt or zone membership are approximate.")
ui.write_analysis_params(width_km, exact_only)
distance_layers = st.sidebar.multiselect(
    "Layers measured for distance", LAYERS, default=list(THEATRE_LAYERS), key="distance_layers", persist_state="session",
    format_func=LAYER_LABELS.get,
    help="Diplomacy happens far from the border (Moscow, Tashkent, Almaty): by default it is listed, not averaged in.")

ui.compact_page(map_above=200, map_height=MAP_HEIGHT)  # the map comes first, whole, on a laptop
st.title("Analysis: the border, the zones and the actors")
mapped = events[events["mapped"]]
exact, vague = placed_split(events)
measured = mapped[mapped["where_prec"].astype(int) < VAGUE_WHERE_PREC] if exact_only else mapped
notice = st.empty().container()  # one slot, so the map below keeps its place and is not mounted anew
shown = {*measured["id"], *flows["id"]}
with notice:  # an opened link's item is outlined on the map, or the notice says why it is not there
    ui.page_notices(data, where=lambda kind, row: where_on_analysis(kind, row, shown, exact_only))
if measured.empty:
    notice.info("No mapped event matches these filters; widen them to measure."
                + (" Places known only to a province or wider are left out: untick 'Only places known exactly'."
                   if exact_only and vague else ""))

distances = _all_distances(data, data.years)
distances = distances[distances["id"].isin(measured["id"])]
belt = border_belt(data.border, width_km)
# A vague fact is somewhere in its area, not at its representative point: it counts where the area touches.
footprints = event_footprints(measured, ui.vague_areas(data))
belt_table = belt_by_year(footprints, belt, selection.years)
joined = events_in_zones(footprints, data.zones)
zone_table = zone_year_table(joined, data.zones, selection.years)
counts = zone_totals(joined, data.zones)
# Actors' areas only from what happens in the theatre: a summit in Moscow would stretch them across Central Asia.
theatre = ui.theatre(data)
extents = actor_extents(measured, data.actors, within=theatre)
far = measured[~measured.geometry.covered_by(theatre)]

ui.show_map(data, [zone_choropleth_layer(data.zones, counts), belt_layer(belt), actor_extent_layer(extents),
                   *dynamic_layers(measured, flows, data.actors, store=ui.map_store(data), highlight=ui.focus_ids(),
                                   frame=ui.selection_frame(data, measured, flows, key=ui.frame_key(),
                                                            focus=ui.framed_ids()))],
            key="analysis_map", height=MAP_HEIGHT,
            fill_frame=True)
ui.map_key(analysis_key(width_km, max((events for events, _ in counts.values()), default=0)))
# What is measured, right under the map (above it, with a link's notice, it pushed the map below 200 px).
if exact_only and not measured.empty:
    st.caption(ui.literal(ui.selection_subtitle(selection, data)) + ". Events count in the year they begin. "
               f"Measuring only the {exact} exactly placed event(s); {vague} known only to a "  # own text: counts
               "province or wider are left out.")
elif not measured.empty:
    # How vague facts are counted is said below, beside the counts it explains.
    st.caption(ui.literal(ui.selection_subtitle(selection, data)) + ". Events count in the year they begin. "
               f"Measuring {len(measured)} mapped event(s): {placed_words(exact, vague)} "
               "(hollow on the map).")


in_belt, in_zones = belt_table["events"].sum(), joined["id"].nunique()
zone_vague = joined.drop_duplicates("id")["vague"].sum() if len(joined) else 0
st.markdown(
    f"**Border belt ({width_km} km each side):** {in_belt} event(s) inside \u2014 "  # own text: counts
    f"{placed_words(belt_table['exactly placed'].sum(), belt_table['province or wider'].sum())}.  \n"
    f"**Zones:** {in_zones} event(s) in a zone \u2014 {placed_words(in_zones - zone_vague, zone_vague)}.  \n"
    "A fact known only to a province or wider counts where its area touches the belt or a zone (one fact may "
    "count in several zones; one known only to a whole country counts in none); an exactly placed one where "
    "its point lies."
)

distance_tab, belt_tab, zone_tab, actor_tab = st.tabs(["Distance to the border", "Border belt", "Zones", "Actors"])
with distance_tab:
    chosen = distances["layer"].isin(distance_layers)
    # A fact known only to a whole country has no distance: listed, never averaged in.
    theatre = distances[chosen & distances["distance_km"].notna()]
    elsewhere = distances[~chosen | distances["distance_km"].isna()]
    st.markdown("**Distance to the Tajik-Afghan border, by the year each event begins**")
    if theatre.empty:
        st.info("No measured event in the layers chosen for distance.")
    else:
        st.altair_chart(distance_chart(theatre, selection.years), width="stretch")
        st.caption(f"{len(theatre)} event(s): {placed_words(*placed_split(measured[measured['id'].isin(theatre['id'])]))}"
                   " (hollow dots). Lines: the median per layer and year. Geodesic distance (WGS 84) to Natural "
                   "Earth's 1:10m border line; 'on the border' marks facts the article gives for the border as a whole. "
                   "A vague fact's distance is from its area's representative point, so approximate; one known only "
                   "to a whole country has none and is listed apart.")
        medians = median_by_layer(theatre, selection.years)
        medians["layer"] = medians["layer"].map(LAYER_LABELS)
        st.markdown("**Median distance (km) per layer and year** (empty: no event)")
        # Blank, not "None", where a layer has no event that year.
        st.dataframe(medians.pivot(index="layer", columns="year", values="median_km")
                     .apply(km_text), width="stretch")
    if len(elsewhere):
        st.markdown(listed_apart_heading(elsewhere, distance_layers))  # own text and layer names
        # Blank, not "None", for a fact without a distance.
        st.dataframe(elsewhere.assign(distance_km=km_text(elsewhere["distance_km"]),
                                      layer=elsewhere["layer"].map(LAYER_LABELS)),
                     hide_index=True, width="stretch", column_config={
            "where_prec": st.column_config.NumberColumn("place precision", help="UCDP where_prec: 1 exact ... 6 whole country"),
            "distance_km": st.column_config.TextColumn("km to the border")})
    st.download_button("Distances (CSV)", lambda: table_csv(distances), f"{stem}-distances.csv",
                       "text/csv", on_click="ignore")
with belt_tab:
    st.dataframe(belt_table, hide_index=True, width="stretch")
    st.download_button("Belt by year (CSV)", lambda: table_csv(belt_table), f"{stem}-belt.csv",
                       "text/csv", on_click="ignore")
with zone_tab:
    st.altair_chart(zone_heat_chart(zone_table), width="stretch")
    st.dataframe(zone_table.pivot(index="zone", columns="year", values="events"), width="stretch")
    st.download_button("Zone x year (CSV)", lambda: table_csv(zone_table), f"{stem}-zones.csv",
                       "text/csv", on_click="ignore")
with actor_tab:
    actor_table = events_per_actor_year(measured, data.actors, selection.years)
    if len(actor_table):
        st.altair_chart(actor_year_chart(actor_table), width="stretch")
    areas = extents.drop(columns="geometry")[["name", "color", "year", "events"]].rename(
        columns={"name": "actor", "color": "colour"})
    st.markdown("**Actors' areas of activity** (on the map: the buffered hull of each actor's events in a year, "
                "drawn only from events inside the theatre, Tajikistan and northern Afghanistan)")
    # The colour as a swatch, as on the map, not as a hex code.
    st.dataframe(areas.style.map(lambda c: f"background-color: {c}; color: {c}", subset=["colour"])
                 .format({"colour": lambda c: ""}), hide_index=True, width="stretch",
                 column_config={"colour": st.column_config.TextColumn("colour", width=60)})
    if len(far):
        st.markdown(f"**Outside the theatre, listed, not drawn as areas:** {len(far)} event(s) whose point lies "
                    "outside the theatre: far from it (a summit abroad), or placed only to a whole country whose "
                    "representative point lies outside it")
        names = dict(zip(data.actors["id"], data.actors["short_name"]))
        st.dataframe(far.assign(actors=[", ".join(names.get(a, a) for a in ids) for ids in far["actor_ids"]])[
            ["id", "year_start", "title", "place_name", "actors"]].rename(columns={"year_start": "year", "place_name": "place"}),
            hide_index=True, width="stretch")
    st.download_button("Events per actor and year (CSV)", lambda: table_csv(actor_table),
                       f"{stem}-actors.csv", "text/csv", on_click="ignore")

ui.advance_play(data)
