"""Every page, walked with hostile URL parameters and hostile data: no exception, no markup from outside.

AppTest runs the scripts, not the browser, so each Markdown body a page sends
is rendered here by an independent CommonMark + GFM renderer (see
``tests/hostile.py``) and must hold no live link, image, HTML, math or
shortcode; the browser test (``tests/browser/test_hostile.py``) checks the real page.
"""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT
from tests.hostile import HOSTILE, HOSTILE_TEXTS, as_text, live_markup, write_hostile_data

PAGES = {"map": "app.py", "seminar": "views/seminar.py", "analysis": "views/analysis.py"}
PARAMS = ("years", "actors", "layers", "types", "q", "months", "event", "flow", "chapter", "belt", "present", "exact")
# Markdown elements the app writes itself with unsafe_allow_html: the seminar's style block and narrative frame.
OWN_HTML = ("<style>", '<div class="atlas-narrative"><p>')
BAD_VALUES = [
    *HOSTILE_TEXTS[:4],
    "\u00b2",  # str.isdigit says yes, int() raises
    "\u0661\u0669\u0669\u0663",  # Arabic-Indic 1993
    "9" * 5000,
    "",
    "\x00\u202e\ufeff\U0001f5fa",
    "1993-1994-1995",
]


def _run(page, params=None, timeout=90):
    at = AppTest.from_file(str(ROOT / PAGES[page]), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def _elements(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _elements(child)


def markup_problems(at):
    """Return every live piece of markup in the page's Markdown bodies, labels and help texts."""
    problems = []
    for element in _elements(at._tree):
        kind = getattr(element, "type", "")
        body = getattr(element, "body", None) if kind != "text" else None
        if isinstance(body, str) and kind not in ("code", "text", "exception"):
            own_html = bool(getattr(element, "allow_html", False))
            if own_html:
                assert body.startswith(OWN_HTML), f"HTML that is not the app's own: {body[:80]!r}"
            problems += [f"{kind}: {p}" for p in live_markup(body, allow_html=own_html)]
        for attribute in ("label", "help", "placeholder"):
            text = getattr(element, attribute, None)
            if isinstance(text, str) and text:
                problems += [f"{kind} {attribute}: {p}" for p in live_markup(text)]
    return problems


def _shown(at):
    return [as_text(e.body, bool(getattr(e, "allow_html", False))) for e in _elements(at._tree)
            if isinstance(getattr(e, "body", None), str)]


@pytest.mark.parametrize("value", BAD_VALUES, ids=[f"value{i}" for i in range(len(BAD_VALUES))])
@pytest.mark.parametrize("page", PAGES)
def test_hostile_value_in_every_parameter(page, value):
    at = _run(page, {name: value for name in PARAMS})
    assert not at.exception, at.exception
    assert markup_problems(at) == []
    warnings = [as_text(w.body) for w in [*at.warning, *at.sidebar.warning]]
    if value.strip():
        assert warnings, "a bad parameter was ignored without a notice"
    for text in warnings:
        assert "Traceback" not in text and "/work/" not in text and len(text) < 400


@pytest.mark.parametrize(
    "page, params, fragment",
    [
        ("seminar", {"chapter": "\u00b2"}, "no chapter \u201c\u00b2\u201d"),
        ("analysis", {"belt": "\u00b2"}, "belt=\u201c\u00b2\u201d"),
        ("seminar", {"chapter": "9" * 5000}, "no chapter \u201c999"),
        ("analysis", {"belt": "9" * 5000}, "belt=\u201c999"),
        ("seminar", {"chapter": ["2", "3"]}, "given 2 times"),
        ("map", {"years": ["1993", "1994"]}, "given 2 times"),
        ("seminar", {"chapter": ""}, "no chapter \u201c\u201d"),
        ("map", {"years": "![x](http://other.invalid/p.png)"}, "years=\u201c![x](http://other.invalid/p.png)\u201d"),
        ("seminar", {"chapter": "[Get the corrected syllabus](https://other.invalid/login)"},
         "no chapter \u201c[Get the corrected syllabus](https://ot\u2026\u201d"),
        ("map", {"q": "Kulyab " * 60}, "cut to its first 200 characters"),
        ("analysis", {"actors": "x," * 2000}, "too long"),
        ("map", {"months": "\u0661\u0669\u0669\u0663-\u0660\u0661"}, "months=\u201c\u0661"),  # Arabic-Indic digits
        ("map", {"event": "E\u00b2\u00b2\u00b2"}, "event=\u201cE\u00b2"),
        ("map", {"flow": "F" + "9" * 5000}, "flow=\u201cF999"),
        ("map", {"event": "[E029](https://other.invalid/e)"}, "event=\u201c[E029](https://other.invalid"),
    ],
)
def test_bad_parameter_gives_a_notice_quoting_it_as_text(page, params, fragment):
    at = _run(page, params)
    assert not at.exception, at.exception
    warnings = [as_text(w.body) for w in [*at.warning, *at.sidebar.warning]]
    assert any(fragment in w for w in warnings), warnings
    assert markup_problems(at) == []


@pytest.fixture(scope="module")
def hostile_env(tmp_path_factory):
    return write_hostile_data(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def hostile_data(hostile_env, monkeypatch):
    for name, value in hostile_env.items():
        monkeypatch.setenv(name, value)
    return hostile_env


@pytest.mark.parametrize("page", PAGES)
def test_hostile_data_renders_as_text(page, hostile_data):
    at = _run(page, {"q": HOSTILE_TEXTS[0], "actors": "russia,ru_201mrd,irp_uto"})
    assert not at.exception, at.exception
    assert not at.error, [e.body for e in at.error]  # the hostile copy is valid data
    assert markup_problems(at) == []


@pytest.mark.parametrize("chapter", range(1, 9))
def test_hostile_story_renders_as_text(chapter, hostile_data):
    at = _run("seminar", {"chapter": str(chapter)})
    assert not at.exception, at.exception
    assert not at.error, [e.body for e in at.error]
    assert markup_problems(at) == []
    shown = _shown(at)
    title = HOSTILE_TEXTS[(chapter - 1) % len(HOSTILE_TEXTS)]
    assert f"{chapter}. {title}" in shown  # the hostile title is shown, as itself
    cited = [text for text in shown if text.startswith("\u201c")]
    assert cited and all(any(h in text for h in HOSTILE_TEXTS) for text in cited)


def test_visitors_never_see_tracebacks():
    import tomllib

    from streamlit.config import ShowErrorDetailsConfigOptions

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # "none": a generic message in the browser; type, message and traceback only in the server's log.
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE.value
