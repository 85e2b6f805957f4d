"""Compare quotes with the article's text, forgiving only typography."""

import re

__all__ = ["normalise_text", "word_count", "quote_in_text"]

_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
# The article sets ordinals as superscripts on their own line ("201\nst\n").
_ORDINAL = re.compile(r"(\d)\s+(st|nd|rd|th)\b")
# A hyphen that ends a line joins the word ("Hizb-e-\n\nIslami").
_LINE_END_HYPHEN = re.compile(r"-[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")


def normalise_text(text):
    """Return ``text`` with typographic quotes, ordinals and white space made plain.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        Straight quotes, ``201st`` for a superscript ordinal, hyphens at line
        ends joined, runs of white space folded to one space, stripped.
    """
    text = text.translate(_TYPOGRAPHIC)
    text = _LINE_END_HYPHEN.sub("-", text)
    text = _ORDINAL.sub(r"\1\2", text)
    return _SPACE.sub(" ", text).strip()


def word_count(text):
    """Return the number of white-space separated words in ``text``."""
    return len(text.split())


def quote_in_text(quote, text):
    """Return True if ``quote`` appears verbatim in ``text`` after normalising both."""
    return normalise_text(quote) in normalise_text(text)
