"""Text from outside shown as text: the escaping every page uses, checked with an independent Markdown renderer."""

import html

import pytest

from atlas.markup import WORD_JOINER, escape_html_text, escape_markdown, quote_value, shorten
from tests.hostile import HOSTILE, as_text, live_markup, render


@pytest.mark.parametrize("kind, text", HOSTILE, ids=[kind for kind, _ in HOSTILE])
def test_hostile_text_is_shown_as_itself(kind, text):
    source = escape_markdown(text)
    assert live_markup(source) == []
    assert as_text(source) == text


@pytest.mark.parametrize("kind, text", HOSTILE, ids=[kind for kind, _ in HOSTILE])
def test_hostile_text_stays_inert_inside_the_apps_own_markup(kind, text):
    # The Seminar page wraps titles in ** ** and quotes in > “ ”.
    for template in ("**E001 \u00b7 {}**", "> \u201c{}\u201d", "Ignored years={}: write years=1993."):
        source = template.format(escape_markdown(text))
        assert live_markup(source) == []  # the app's own bold and quote are not counted
        assert text in as_text(source)


@pytest.mark.parametrize(
    "text, joined",
    [
        (":streamlit:", ":" + WORD_JOINER + "streamlit:"),  # would become the Streamlit logo, an <img>
        ("http://x.invalid", "http:" + WORD_JOINER + "//x.invalid"),  # GFM links bare URLs after escapes
        ("www.x.invalid", "www" + WORD_JOINER + ".x.invalid"),
        ("a@x.invalid", "a@" + WORD_JOINER + "x.invalid"),
        ("a -> b", "a -" + WORD_JOINER + "> b"),  # would become an arrow
        ("10: 30", "10: 30"),  # a colon before a space starts nothing
    ],
)
def test_tokens_replaced_after_unescaping_are_split_invisibly(text, joined):
    assert escape_markdown(text).replace("\\", "") == joined


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kulyab", "Kulyab"),
        ("", ""),
        (None, ""),
        (1993, "1993"),
        ("$5", "\\$5"),
        ("a\nb\r\n\r\n# c", "a b \\# c"),  # one line: a blank line would start a new block
        ("Курган-Тюбе", "Курган\\-Тюбе"),
    ],
)
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(
    "text",
    ["<img src=x>", "a\n\n![x](http://other.invalid/p.png)", "</p></div><script>alert(1)</script>", "&amp; \"q\" 'q'"],
)
def test_escape_html_text_stays_inside_its_block(text):
    block = f'<div class="atlas-narrative"><p>{escape_html_text(text)}</p></div>'
    rendered = render(block, allow_html=True)
    assert "<img" not in rendered and "<script" not in rendered and "<a " not in rendered
    assert "\n" not in escape_html_text(text)
    assert html.unescape(escape_html_text(text)) == " ".join(text.split("\n")).replace("  ", " ")


@pytest.mark.parametrize(
    "value, limit, expected",
    [
        ("abc", 40, "\u201cabc\u201d"),
        ("9" * 5000, 10, "\u201c999999999\u2026\u201d"),
        # Shown as what they are (they had all become U+FFFD: a reader could not tell what was wrong).
        ("a\x00b\nc", 40, "\u201ca\u2400b\u240ac\u201d"),
        ("E029\r\nX\x7f", 40, "\u201cE029\u240d\u240aX\u2421\u201d"),
        ("a\u202eb\u200bc", 40, "\u201ca[U+202E]b[U+200B]c\u201d"),
        (None, 40, "\u201c\u201d"),
    ],
)
def test_quote_value(value, limit, expected):
    assert quote_value(value, limit) == expected


def test_shorten():
    assert shorten("abcdef", 4) == "abc\u2026"
    assert shorten("abcd", 4) == "abcd"


@pytest.mark.parametrize(
    "kind", ["image", "link", "reference link", "angle autolink", "bare url", "e-mail", "inline math", "shortcodes",
             "directive", "emphasis", "heading", "list"],
)
def test_the_oracle_sees_markup_left_unescaped(kind):
    # Without this the tests above could pass by a blind oracle.
    assert live_markup(dict(HOSTILE)[kind])
