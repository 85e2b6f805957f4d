"""Seminar mode: a guided, citable walk through the conflict, chapter by chapter."""

import streamlit as st

import ui
from atlas.view.filters import select_events, select_flows
from atlas.map.layers import dynamic_layers
from atlas.map.popups import CITATION
from atlas.seminar.chapters import chapter_items, chapter_subtitle
from atlas.seminar.story import chapter_selection

MAP_HEIGHT = 620  # px on a large screen; less on a laptop, so the map's bottom edge is on the first screen

# ?present=1 (a syllabus link) opens the slides with the sidebar out of the way.
st.set_page_config(page_title="Seminar \u00b7 Tajik Border Atlas", page_icon="\U0001f393", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("present") == "1" else "auto")

data = ui.dataset_or_stop()
story = ui.story_or_stop(data)
ui.drop_unread_params("Seminar")  # ?years= and the like: each chapter sets its own, said in a notice
present_slot, *chapter_columns = ui.chapter_row()
with present_slot:
    presenting = ui.present_toggle()
if presenting:
    ui.present_talk(data, story)
    st.stop()

# The map comes first, whole, on a laptop. Large type for the back of the room; quotes near-black
# (the evidence must be the easiest text to read). No data goes into this style.
ui.compact_page(map_above=205, map_height=MAP_HEIGHT, css=(
    ui.CHAPTER_ROW_CSS +
    ".atlas-narrative p{font-size:1.4rem;line-height:1.5}"
    "[data-testid='stMarkdownContainer'] blockquote{color:#1a1a1a;border-left-color:#c4570c}"
    "[data-testid='stMarkdownContainer'] blockquote p{color:#1a1a1a}"))
number = ui.chapter_controls(story, chapter_columns)
chapter = story[number - 1]
selection = chapter_selection(chapter)
events = select_events(data.events, selection)
flows = select_flows(data.flows, selection)

st.title(ui.literal(f"{number}. {chapter.title}"), anchor=False)
map_column, text_column = st.columns([5, 3], gap="large")
with map_column:
    ui.show_map(data, dynamic_layers(
        events, flows, data.actors, chapter.highlight_events, data.zones, chapter.highlight_zones,
        store=ui.map_store(data), legend_expanded=False,
        # Framed on what the chapter points at; the map flies there when the chapter changes.
        frame=ui.selection_frame(data, events, flows, key=number, focus=chapter.highlight_events,
                                 view=(chapter.center, chapter.zoom))),
        key="seminar_map", height=MAP_HEIGHT, legend_expanded=False, fill_frame=True)  # the narrow map needs its room
with text_column:
    st.caption(ui.literal(chapter_subtitle(chapter, data.actors)))
    st.markdown(f'<div class="atlas-narrative"><p>{ui.literal_html(chapter.narrative)}</p></div>', unsafe_allow_html=True)

st.subheader("Cited in this chapter")
for item in chapter_items(chapter, data):
    with st.container(border=True):
        st.markdown(f"**{ui.literal(item['id'])} \u00b7 {ui.literal(item['title'])}**")
        st.text(f"{item['when']} \u00b7 {item['where']}")
        st.markdown(f"> \u201c{ui.literal(item['quote'])}\u201d")
        st.caption(ui.literal(f"{CITATION}, footnote {item['footnote']}"))

st.subheader("The whole talk, for a room with no network")
ui.talk_downloads(data, story)

st.subheader("Take this view away")
ui.view_exports(data, events, flows, f"{number}. {chapter.title}", chapter_subtitle(chapter, data.actors),
                f"atlas-chapter-{number}", center=chapter.center, zoom=chapter.zoom,
                highlight=chapter.highlight_events, highlight_zones=chapter.highlight_zones)
