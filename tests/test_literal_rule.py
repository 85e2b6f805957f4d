"""The one rule, checked in the source: every Streamlit text that renders Markdown gets outside strings only through ui.literal.

Streamlit reads Markdown in bodies (``st.markdown``, ``st.title``, ``st.caption``,
``st.warning`` ...), labels and help texts. A page or ``ui/`` may pass there
only its own constant text, numbers formatted as numbers, and strings that went
through ``literal`` / ``literal_html`` (or ``notice``). A new call that passes a
data or URL string unescaped fails here, before any hostile value finds it.
"""

import ast

import pytest

from atlas.paths import ROOT

SOURCES = sorted([ROOT / "app.py", *(ROOT / "ui").glob("*.py"), *(ROOT / "views").glob("*.py")])
# Methods whose first argument (body or label) Streamlit renders as Markdown.
MARKDOWN_METHODS = {
    "markdown", "caption", "title", "header", "subheader", "warning", "info", "error", "success", "toast", "write",
    "metric", "expander", "popover", "button", "download_button", "link_button", "checkbox", "toggle", "radio",
    "selectbox", "multiselect", "select_slider", "slider", "text_input", "text_area", "number_input", "tabs",
    "page_link", "dialog", "form_submit_button", "pills", "segmented_control", "feedback",
}
ESCAPERS = {"literal", "literal_html"}
# Values the app makes itself, not from a URL or a data file: each names where it comes from.
COUNTS = {"numbers"}  # dicts of counts: atlas.analysis.summary.headline_numbers
# Functions whose text is the app's own or escaped inside: counts in words, notices built with ui.literal.
TRUSTED_CALLS = {"len", "placed_words", "placed_split", "empty_notice"}
TRUSTED = {
    "side",  # atlas.data.schema.SIDES, the app's own list
    "side.replace(' camp', '').capitalize()",
}
OWN_TEXT = "# own text"
NOT_STREAMLIT = {"_LOG", "logging", "log", "logger", "self"}


def _safe(node):
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name) and node.id.isupper():
        return True  # a module constant: the app's own text
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        return name in ESCAPERS or name in TRUSTED_CALLS or ast.unparse(node) in TRUSTED
    if isinstance(node, ast.JoinedStr):
        return all(_safe(part) for part in node.values)
    if isinstance(node, ast.FormattedValue):
        # A format spec such as {n:,} only applies to numbers.
        return node.format_spec is not None or _safe(node.value) or ast.unparse(node.value) in TRUSTED
    if isinstance(node, ast.BinOp):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in COUNTS:
        return True
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_safe(element) for element in node.elts)
    return ast.unparse(node) in TRUSTED


def unescaped_texts(source, filename="<source>"):
    """Return ``file:line: call`` for each Markdown text in ``source`` that could hold outside text unescaped.

    A call whose every value is the app's own (counts, years, constants) may say
    so with the comment ``# own text`` on one of its lines.
    """
    found = []
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if any(OWN_TEXT in line for line in lines[node.lineno - 1:node.end_lineno]):
            continue
        if node.func.attr not in MARKDOWN_METHODS or not (node.args or node.keywords):
            continue
        if isinstance(node.func.value, ast.Name) and node.func.value.id in NOT_STREAMLIT:
            continue
        texts = node.args[:1] + [k.value for k in node.keywords if k.arg in ("body", "label", "help", "placeholder")]
        for text in texts:
            if not _safe(text):
                found.append(f"{filename}:{text.lineno}: {ast.unparse(text)[:100]}")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_every_markdown_text_is_the_apps_own_or_escaped(path):
    found = unescaped_texts(path.read_text(encoding="utf-8"), path.name)
    assert found == [], ("wrap each string from a URL or a data file in ui.literal(...) (ui.literal_html inside HTML); "
                         f"a call showing only the app's own values may end with '{OWN_TEXT}'")


@pytest.mark.parametrize(
    "line, flagged",
    [
        ('st.title(chapter.title)', True),
        ('st.title(ui.literal(chapter.title))', False),
        ('st.markdown(f"**{item[\'title\']}**")', True),
        ('st.markdown(f"**{ui.literal(item[\'title\'])}**")', False),
        ('st.sidebar.warning(notice_text, icon="x")', True),
        ('slot.warning(f"Ignored {raw!r}")', True),
        ('st.caption(ui.literal(subtitle) + ". Events count.")', False),
        ('st.caption(subtitle + ". Events count.")', True),
        ('columns[0].metric("Deaths", f"{n:,}")', False),
        ('st.button(row["title"])', True),
        ('st.selectbox("Chapter", options, help=chapter.narrative)', True),
        ('st.tabs(["Distance", "Belt"])', False),
        ('st.write(frame)', True),
        ('_LOG.info("made %s", name)', False),
        ('"abc".title()', False),
        ('st.markdown(PRESENT_CSS, unsafe_allow_html=True)', False),
        ('st.caption(f"{len(rows) - limit} more selected")', True),
        ('st.caption(f"{len(rows)} selected")', False),
        ('st.markdown(f"{numbers[\'events\']} events, {numbers[\'events\'] - numbers[\'mapped\']} unmapped")', False),
        ('st.markdown(f"{names[\'events\']} events")', True),
        ('st.caption(f"{earlier} began before {selection.years[0]}")  # own text', False),
        ('st.caption(\n    f"{earlier} began before"  # own text\n)', False),
    ],
)
def test_the_check_itself(line, flagged):
    assert bool(unescaped_texts(line)) is flagged
