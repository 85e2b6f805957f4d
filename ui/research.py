"""Research tools (issue 13): links to one item, selectable tables, item details, citations."""

import streamlit as st

from atlas.analysis.summary import TABLE_ROWS, events_table, first_rows, flows_table
from atlas.data.dates import date_precision_label, format_date
from atlas.exports.citation import bibtex, item_citation_text, item_link, source_for, view_citation_text
from atlas.map.popups import actor_names, figures_text, place_text
from atlas.view.linking import find_item, showing_notice
from atlas.view.memo import memoized, same
from atlas.view.search import match_reasons

from .data import sources
from .filters import SIDEBAR_PARAMS
from .state import pending_url_notices, session_url
from .text import WARNING_ICON, literal, notice

__all__ = [
    "page_notices", "link_notice", "link_base", "selection_tables", "table_selection", "selectable_table", "BELOW_MAP_TABS",
    "below_map_tabs", "focus_ids", "item_details", "cite_view",
]

def page_notices(data, where=None, keep=False):
    """Show, in the main column, what was wrong with the page's URL and the notice of an opened link.

    Call it inside the page's one notice slot (``with slot.container():``), so the map
    below keeps its place. Without ``data`` an opened item is not announced.
    ``where(kind, row)`` says where the page shows it (default: "details below",
    the Map page's panel). With ``keep`` the notices are shown again in the next
    run (see :func:`ui.map_waits`). Returns True if anything was shown.
    """
    problems = pending_url_notices(keep)
    for message in problems:
        notice(message)
    return link_notice(st, data, where, keep) or bool(problems)


def link_notice(slot, data=None, where=None, keep=False):
    """Show the notice of a link in ``slot``: an unknown id once; while an item is open, which one it is.

    With ``data``, an open link reads "Showing event E029: <title> — details
    below" (the details panel is below the map, out of sight on a laptop), with
    the widened filters after it; ``where(kind, row)`` gives other words than
    "details below". Returns True if a notice was shown.
    """
    focus = st.session_state.get("focus")
    stored = st.session_state.get("link_notice")
    # Whether the address names the open item after this run (ui.filters._open_link reads it next run).
    st.session_state["_link_in_address"] = bool(focus)
    if stored and (stored[0] == "warning" or not focus):
        if not keep:
            del st.session_state["link_notice"]
        if stored[0] == "warning":  # a problem with the address looks like the others
            slot.warning(literal(stored[1]), icon=WARNING_ICON)
        else:
            slot.info(literal(stored[1]), icon=":material/link:")
        return True
    row = find_item(data.events, data.flows, *focus) if focus and data is not None else None
    if row is not None:
        kind, item_id = focus
        if st.query_params.get(kind) != item_id:
            # A page change empties the address: without this the copied address lost the item on screen.
            st.query_params[kind] = item_id
        words = {"where": where(kind, row)} if where else {}
        # A row that does not wrap (columns stack on a phone, and the button took a row of its own).
        line = slot.container(horizontal=True, wrap=False, vertical_alignment="center", gap="small")
        line.info(literal(showing_notice(kind, item_id, row.get("title"), stored[1] if stored else None, **words)),
                  icon=":material/link:")
        line.button("Close", icon=":material/close:", on_click=_close_focus, key="close_link_notice",
                     help=f"Close the link to {literal(kind)} {literal(item_id)}: no more outline, and the address forgets it")
        return True
    if stored:
        slot.info(literal(stored[1]), icon=":material/link:")
        return True
    return False


def link_base():
    """Return the app's address without parameters (``""`` when unknown, e.g. under AppTest)."""
    url = session_url().split("?")[0].split("#")[0]
    # The root page's address comes without its slash: "http://host:8501" + "/?event=E029".
    return url + "/" if url and url.count("/") == 2 else url


def _table_key(name):
    # Streamlit keeps a keyed table's selection by row position across a change of its rows
    # (streamlit#17026), so a selection must not outlive the rows it was made on: the key
    # changes (a new revision) when the rows change under a selection. Without a selection,
    # as on most slider moves, the table keeps its key and is updated in place instead of
    # mounted anew (measured: about 90 ms of the browser's time per move).
    return f"{name}_table_{st.session_state.get(f'_{name}_table_revision', 0)}"


def selection_tables(data, selection, events, flows):
    """Return ``(event_rows, flow_rows)``: the Events and Flows tables of a selection, search reasons included.

    See :func:`atlas.analysis.summary.events_table` (at most ``TABLE_ROWS`` rows)
    and :func:`~atlas.analysis.summary.flows_table`. One pair per selection and
    address for every session while the data are small (:mod:`atlas.view.memo`).
    """
    base = link_base()

    def tables():
        reasons = (match_reasons(events, selection.text, data.actors, data.places),
                   match_reasons(flows, selection.text, data.actors, data.places)) if selection.text.strip() else (None, None)
        return (events_table(events, data.actors, reasons[0], base, limit=TABLE_ROWS),
                flows_table(flows, data.actors, reasons[1], base))

    return memoized(data, "tables", (same(events), same(flows), selection.text, base), tables)


def _drawn_ids(name):
    return st.session_state.get(f"_{name}_table_ids", ())


def table_selection(name, table):
    """Return the ids of the rows selected in the table ``name``, if it was last drawn with these rows.

    A selection outlives its table being out of sight (another tab below the map
    is open): the rows stay highlighted on the map until the rows change.
    """
    drawn, picked = _drawn_ids(name), f"_{name}_table_picked"
    if tuple(first_rows(table)[0]["id"]) != drawn:
        st.session_state.pop(picked, None)
        return []  # new rows: the old selection is dropped with them (selectable_table starts a new revision)
    state = st.session_state.get(_table_key(name))
    if state is None:  # not drawn in the last run: the selection it had
        return list(st.session_state.get(picked, ()))
    ids = [drawn[r] for r in state["selection"]["rows"] if r < len(drawn)]
    st.session_state[picked] = tuple(ids)
    return ids


def selectable_table(name, table, height=None):
    """Draw a table whose selected rows the page highlights and frames on the map.

    A selection made before the table was last out of sight is selected again.
    """
    config = {
        "id": st.column_config.TextColumn("id", width=60, pinned=True),
        "matched": st.column_config.TextColumn("matched", width="medium", help="Why the search found this row"),
        # Wide enough for a title's first words and a whole date ("21 January 1993" was cut to "21 January").
        "title": st.column_config.TextColumn("title", width=280),
        "date": st.column_config.TextColumn("date", width=165, help="As precisely as the article gives it"),
        "footnote": st.column_config.TextColumn("fn", width=40, help="The article's footnote"),
        "quote": st.column_config.TextColumn("quote", width="large", help="Verbatim from the article"),
        "link": st.column_config.LinkColumn("link", display_text="open", width=60,
                                            help="Opens the map on this item; copy it to cite or share"),
    }
    table, left_out = first_rows(table)
    if left_out:
        st.caption(left_out)  # own text: counts only
    ids, state = tuple(table["id"]), st.session_state.get(_table_key(name))
    if ids != _drawn_ids(name) and state and state["selection"]["rows"]:
        st.session_state[f"_{name}_table_revision"] = st.session_state.get(f"_{name}_table_revision", 0) + 1
    st.session_state[f"_{name}_table_ids"] = ids
    picked = set(st.session_state.get(f"_{name}_table_picked", ()))
    default = {"selection": {"rows": [i for i, item in enumerate(ids) if item in picked]}} if picked else None
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=_table_key(name),
                 on_select="rerun", selection_mode="multi-row", height=height or "auto", selection_default=default)


BELOW_MAP_TABS = ("Over time", "Events table", "Flows table")


def below_map_tabs():
    """Return the tabs below the map (chart, events table, flows table); only the open one is drawn.

    Each is a ``TabContainer`` whose ``open`` says whether to fill it. A table
    sent on every slider move was about 30 KB of the move's 43 KB to a new
    selection (issue 11's budget is 20 KB): folded into a tab that is not open,
    it costs nothing. The open tab is kept while the page is open (key
    ``below_map``).
    """
    return st.tabs(list(BELOW_MAP_TABS), key="below_map", on_change="rerun")  # own text


def focus_ids():
    """Return the id of the item a link opened, as a one-item list (empty without one)."""
    focus = st.session_state.get("focus")
    return [focus[1]] if focus else []


def _close_focus():
    st.session_state.pop("focus", None)
    st.session_state.pop("link_notice", None)
    for name in ("event", "flow"):
        if name in st.query_params:
            del st.query_params[name]


def _item_details(data, kind, row, bibliography, base):
    names = dict(zip(data.actors["id"], data.actors["short_name"]))
    date = format_date(row["date_start"], row["date_end"], row["date_prec"])
    where = place_text(row) if kind == "event" else f"from {row['from_name']} to {row['to_name']}"
    st.markdown(f"**{literal(row['id'])} \u00b7 {literal(row['title'])}**")
    lines = [f"When: {date} ({date_precision_label(row['date_prec'])})", f"Where: {where}",
             "Actors: " + (", ".join(actor_names(row["actor_ids"], names)) or "none named in the article")]
    figures = figures_text(row)
    if figures:
        lines.append(f"Figures: {figures}")
    st.text("\n".join(lines))
    st.text(row["description"])
    st.markdown("> \u201c" + literal(row["source_quote"]) + "\u201d  \n> \u2014 footnote "
                + literal(row["source_note"].replace(";", ", ")))
    link = item_link(row["id"], base)
    source = source_for(row, bibliography)
    plain, bib = st.tabs(["Copy citation", "BibTeX"])
    plain.code(item_citation_text(row, source, link), language=None, wrap_lines=True)
    if source:
        bib.code(bibtex(source, row, link), language="latex", wrap_lines=True)
    else:
        bib.caption("No record for this item's source in data/sources.csv.")
    st.caption("Link to this item:")
    st.code(link, language=None)


def item_details(data, events, flows, ids, limit=5):
    """Draw the details of the items ``ids`` (a linked item, selected rows): date, place, quote, link, citation."""
    rows = []
    for item_id in ids:
        kind = "flow" if item_id.startswith("F") else "event"
        row = find_item(data.events, data.flows, kind, item_id)
        if row is not None:
            rows.append((kind, row))
    if not rows:
        return
    bibliography, base = sources(data), link_base()
    with st.container(border=True, key="item_details"):
        head, close = st.columns([5, 1], vertical_alignment="center")
        head.subheader("Details of the linked or selected item(s)")
        if st.session_state.get("focus"):
            close.button("Close the link", on_click=_close_focus, key="close_focus")
        for kind, row in rows[:limit]:
            _item_details(data, kind, row, bibliography, base)
        if len(rows) > limit:
            st.caption(f"{len(rows) - limit} more selected; the Events table lists them all.")  # own text


def cite_view(subtitle, events, flows, data=None):
    """Draw "Cite this view": the view's link, selection and sources as plain text and BibTeX."""
    bibliography = sources(data)
    base = link_base()
    query = "&".join(f"{k}={v}" for k, v in st.query_params.to_dict().items() if k in SIDEBAR_PARAMS)
    link = f"{base}?{query}" if query else (base or "(this page, with no filters)")
    # A switch, not an expander: an expander's code blocks are built, sent and highlighted on
    # every slider move even while folded (about 40 ms of each move); these only when asked for.
    if not st.toggle("Cite this view", key="cite_view",
                     help="The view's link, what it selects and its sources, as plain text and BibTeX to copy"):
        return
    st.code(view_citation_text(subtitle, events, flows, bibliography, link), language=None, wrap_lines=True)
    for record in bibliography.values():
        st.code(bibtex(record), language="latex")
    if not bibliography:
        st.caption("The bibliography data/sources.csv is missing: the citation gives footnotes only.")
