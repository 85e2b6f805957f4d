"""The seminar page: chapter controls, present mode and the talk's downloads."""

import streamlit as st

from atlas.seminar.talk import talk_html, with_notices
from atlas.view.query import parse_chapter, parse_switch

from .data import _data_key
from .state import pending_url_notices, url_params
from .text import notice

__all__ = ["CHAPTER_ROW_CSS", "chapter_row", "chapter_controls", "PRESENT_CSS", "present_toggle", "present_talk", "talk_downloads"]

def _step_chapter(step, count):
    st.session_state["chapter"] = min(count, max(1, st.session_state["chapter"] + step))


# The chapter list keeps a line of its own on a phone rather than shrink to a few words beside the buttons.
CHAPTER_ROW_CSS = ".st-key-chapter_row>div:has(.st-key-chapter_list){min-width:min(100%,22rem)}"


def chapter_row():
    """Return the seminar's control row's slots: the Present toggle, then previous, chapter list and next.

    One row on a laptop, so the chapter's map starts high on its screen: the
    chapter list, then the buttons and the toggle. On a phone the row wraps,
    the list above and the three side by side below it (Streamlit's columns
    stacked all four, about 260 px above the chapter's title).
    """
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="small", key="chapter_row")
    with row:
        listing = st.container(width="stretch", key="chapter_list")  # CHAPTER_ROW_CSS
        # The buttons and the toggle wrap as one group: "Next" alone on a line of its own read as a stray.
        with st.container(horizontal=True, width="content", wrap=False, vertical_alignment="center", gap="small"):
            previous, following, present = (st.container(width="content") for _ in range(3))
    return present, previous, listing, following


def chapter_controls(story, columns=None):
    """Draw the chapter list and previous/next buttons; return the current chapter number (from 1).

    ``columns`` are three containers for previous, list and next (new columns without them).
    The number lives in the URL (``?chapter=3``), so a syllabus link opens it and a reload keeps it.
    """
    count = len(story)
    raw = url_params().get("chapter")
    if "chapter" not in st.session_state:
        number, message = parse_chapter(raw, count)
        st.session_state["chapter"] = number
        if message:
            st.session_state["chapter_notice"] = message
    elif raw is not None and raw != [st.session_state.get("_chapter_written")]:
        # The address changed under the page (the browser's Back or Forward): it says which chapter.
        number, message = parse_chapter(raw, count)
        if message is None:
            st.session_state["chapter"] = number
    messages = pending_url_notices()
    if st.session_state.get("chapter_notice"):
        messages.append(st.session_state.pop("chapter_notice"))
    slot = st.empty()  # one slot, so the map below keeps its place when the notices go
    if messages:  # an empty container would still take a row's gap above the map
        with slot.container():
            for message in messages:
                notice(message)
    previous, listing, following = columns or st.columns([1, 4, 1], vertical_alignment="bottom")
    previous.button("\u25c0 Previous", on_click=_step_chapter, args=(-1, count), disabled=st.session_state["chapter"] <= 1,
                    width="stretch" if columns is None else "content", key="previous_chapter")
    # Kept while present mode hides it: drawn again after Back it showed chapter 1 under chapter 4's title.
    listing.selectbox("Chapter", range(1, count + 1), key="chapter", persist_state="page",
                      format_func=lambda n: f"{n}. {story[n - 1].title}")
    following.button("Next \u25b6", on_click=_step_chapter, args=(1, count), disabled=st.session_state["chapter"] >= count,
                     width="stretch" if columns is None else "content", key="next_chapter")
    st.query_params["chapter"] = st.session_state["_chapter_written"] = str(st.session_state["chapter"])
    return st.session_state["chapter"]
# The seminar talk: present mode and the downloads of the whole talk (atlas/seminar/talk.py, atlas/seminar/talk_pdf.py).

PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMain"], [data-testid="stAppViewContainer"] { overflow: hidden !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
[data-testid="stMainBlockContainer"] iframe { display: block; position: fixed !important; inset: 0; z-index: 1000000;
  width: 100vw !important; height: 100vh !important; border: 0; }
</style>"""


@st.cache_data(show_spinner="Preparing the talk ...", max_entries=32)
def _talk_page(_data, _story, data_key, start):
    return talk_html(_data, _story, embed=False, start=start, parent_keys=True)


@st.cache_data(show_spinner=False, max_entries=4)
def _talk_file(_data, _story, data_key):
    return talk_html(_data, _story, embed=True)


@st.cache_data(show_spinner=False, max_entries=4)
def _talk_pdf(_data, _story, data_key):
    # Imported when the PDF is asked for: it brings in matplotlib, about 1-3 s of every cold first page.
    from atlas.seminar.talk_pdf import talk_pdf

    return talk_pdf(_data, _story)


def _present_from_url():
    on, problem = parse_switch("present", url_params().get("present"))
    if problem and not on:  # when on, present_talk says it inside the talk (a warning above would push it down)
        notice(problem)
        del st.query_params["present"]  # ignored, so it leaves the address (it warned on every reload)
    return on


def _entered_present():
    st.query_params["present"] = "1"


def present_toggle():
    """Draw the "Present" toggle; return whether present mode is on (also with ``?present=1``).

    Present mode is left with the talk's own "Leave present mode" button, which
    reloads the page at the chapter the talk had reached, or with the browser's
    Back, which returns to the page as it was before the talk.
    """
    if _present_from_url():
        return True
    if st.session_state.get("present"):
        # On, yet the address no longer says present=1 (entering wrote it; the talk's own moves only
        # replace ?chapter=): Back left the talk. The screen had stayed on the slides under an address
        # of the page before them.
        st.session_state["present"] = False
    return st.toggle("Present", key="present", on_change=_entered_present,
                     help="Slides for a projector: 16:9, large type, keys of a presentation remote "
                          "(\u2192 PageDown Space: next; \u2190 PageUp: previous; F: full screen).")


def present_talk(data, story):
    """Fill the window with the talk: the map stays mounted and the keys work wherever the focus is.

    The slide shown first is ``?chapter=`` (the title slide without one); the
    talk keeps ``?chapter=`` current as it moves, so leaving present mode and
    reloading carry on from the same chapter.
    """
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # no data in this style
    raw = url_params().get("chapter")
    present_problem = parse_switch("present", url_params().get("present"))[1]  # e.g. present given twice
    notices = [*map(str, pending_url_notices()), *([str(present_problem)] if present_problem else [])]
    if raw is None or raw == [""]:
        start = 0  # no chapter named: the title slide
    else:
        start, problem = parse_chapter(raw, len(story))
        if problem:
            notices.append(str(problem))
    # The talk is our own page (data text inside it is set as text by its script), not user HTML;
    # a notice about the address shows inside it, as text, until dismissed.
    st.iframe(with_notices(_talk_page(data, story, _data_key(), start), notices), height=720)


def talk_downloads(data, story):
    """Draw the downloads of the whole talk: one HTML file (works offline from disk) and a 16:9 PDF."""
    left, right = st.columns(2)
    left.download_button("Download the talk (HTML)", lambda: _talk_file(data, story, _data_key()),
                         "atlas-talk.html", "text/html", on_click="ignore", key="talk_html",
                         help="Every chapter, with title and closing slides, in one file that opens from a USB "
                              "stick with no network: arrows or PageDown to move, F for full screen.")
    right.download_button("Download the talk (PDF)", lambda: _talk_pdf(data, story, _data_key()),
                          "atlas-talk.pdf", "application/pdf", on_click="ignore", key="talk_pdf",
                          help="One 16:9 page per chapter, plus title and closing pages.")
