"""Text from outside (a URL parameter, a data file) made safe to show as literal text.

Streamlit renders Markdown in ``st.markdown``, ``st.title``, ``st.caption``,
``st.warning``/``st.info``, widget labels and help texts: links, images, bare
URLs turned into links, ``$...$`` math, ``:red[...]`` colours,
``:emoji:`` and ``:streamlit:`` shortcodes (the latter an image), headings,
lists, and arrows made of ``->``. These functions turn any string into
Markdown (or HTML) that shows exactly that string and nothing else. The UI
layer (``ui.literal``) is the only caller; the atlas itself never renders.
"""

import html
import re

__all__ = ["WORD_JOINER", "escape_markdown", "escape_html_text", "shorten", "quote_value"]

WORD_JOINER = "\u2060"  # invisible, zero width: splits a token Streamlit would replace without showing anything

# CommonMark lets a backslash escape every ASCII punctuation character, and an
# escaped one starts no syntax: not a link, image, emphasis, heading, list,
# table, HTML tag, entity, ``$`` math or ``:directive[...]``.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Replaced in the text *after* escapes are resolved, so no backslash can stop them;
# an invisible joiner splits each: bare URLs and e-mail addresses made links
# (``http://``, ``mailto:``, ``www.``, ``a@b.c``), shortcodes (``:smile:``, and
# ``:streamlit:`` which becomes an <img>), and the typographic pairs ``->``,
# ``<-``, ``<->``, ``--``, ``>=``, ``<=``, ``~=``.
_SPLIT = re.compile(r"(?<=[:@])(?=\S)|(?<=[wW]{3})(?=\.)|(?<=[<>~-])(?=[<>=-])")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\u2028\u2029\x0b\x0c\x85]+[ \t]*")


def escape_markdown(text):
    """Return Markdown that Streamlit shows as exactly ``text``, on one line.

    Parameters
    ----------
    text : object
        Converted with ``str``; ``None`` gives an empty string.

    Returns
    -------
    str
        Every ASCII punctuation character backslash-escaped; bare URLs, shortcodes
        and typographic pairs split by an invisible word joiner (U+2060); line breaks
        turned into spaces (a label or a notice is one line; a blank line would
        start a new block).
    """
    text = "" if text is None else str(text)
    text = _LINE_BREAKS.sub(" ", text)
    text = _SPLIT.sub(WORD_JOINER, text)
    return _PUNCTUATION.sub(r"\\\1", text)


def escape_html_text(text):
    """Return HTML text showing ``text`` literally, for a block written with ``unsafe_allow_html``.

    Characters ``<>&"'`` become entities and line breaks become spaces: a blank
    line would end the HTML block and let the rest be read as Markdown.
    """
    return html.escape(_LINE_BREAKS.sub(" ", "" if text is None else str(text)), quote=True)


def shorten(text, limit=40):
    """Return ``text`` cut to at most ``limit`` characters, an ellipsis marking a cut."""
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def quote_value(value, limit=40):
    """Return a value from outside as a short quotation for a notice: “value”.

    Non-printable characters are shown as what they are, so a reader can tell
    what was wrong: a control character as its Unicode control picture (a line
    feed as \u240a, NUL as \u2400), any other (a right-to-left override, a
    zero-width space) as ``[U+202E]``. A long value is cut (see
    :func:`shorten`). The result is plain text: the UI still escapes it before
    rendering.
    """
    text = "".join(_visible(c) for c in ("" if value is None else str(value)))
    return f"\u201c{shorten(text, limit)}\u201d"


def _visible(char):
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: \u2400 NUL ... \u241f US
    if code == 0x7F:
        return "\u2421"  # DEL
    return f"[U+{code:04X}]"
