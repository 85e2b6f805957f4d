"""branca's element templates without needless Jinja compiling: once per source while copying, never for plain text.

folium renders every layer to JavaScript, and branca then wraps that output in
an ``Element`` whose template *is* the output, compiled by Jinja; a deep copy
of a map compiles every element's template again from its source (branca's
``__setstate__``). For the map page that was 16 % of a slider move's server
time (py-spy, 2026-12-05), for text that renders to itself. :func:`install`
replaces the ``Template`` branca's element module builds with: text with no
Jinja syntax becomes :class:`PlainText` (rendered as Jinja would render it),
and inside :func:`compiled_once` one compiled template per source serves every
copy. Anything else is compiled as before.
"""

import contextlib
import threading

import branca.element
import jinja2

__all__ = ["PlainText", "make_template", "compiled_once", "install"]

JINJA_SYNTAX = ("{{", "{%", "{#")
_MAX_SHARED = 4096  # a few base maps' templates per process; never unbounded

_local = threading.local()
_shared = {}  # a template's source -> its compiled jinja2.Template (immutable, safe to share between threads)


class PlainText:
    """A template source with no Jinja syntax: rendered, it gives its text as Jinja would, uncompiled.

    Jinja's one change to such text is kept: line ends become ``\\n`` and one
    final newline is dropped. Anything but :meth:`render` compiles the real
    template first.
    """

    __slots__ = ("source", "_compiled")

    def __init__(self, source):
        self.source = source
        self._compiled = None

    def render(self, *args, **kwargs):
        """Return the text (arguments, as Jinja's ``this`` and ``kwargs``, are ignored: there is nothing to fill)."""
        text = self.source.replace("\r\n", "\n").replace("\r", "\n")
        return text[:-1] if text.endswith("\n") else text

    def __getattr__(self, name):
        if name in PlainText.__slots__:
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = jinja2.Template(self.source)
        return getattr(self._compiled, name)


def make_template(source, *args, **kwargs):
    """Return a template for ``source`` as ``jinja2.Template(source)`` would, compiled only when needed.

    Returns
    -------
    PlainText or jinja2.Template
        :class:`PlainText` for text with no Jinja syntax; inside :func:`compiled_once`
        the one compiled template of that source; else a newly compiled one.
    """
    if args or kwargs or not isinstance(source, str):
        return jinja2.Template(source, *args, **kwargs)
    if not any(mark in source for mark in JINJA_SYNTAX):
        return PlainText(source)
    if getattr(_local, "shared", False):
        compiled = _shared.get(source)
        if compiled is None:
            if len(_shared) > _MAX_SHARED:
                _shared.clear()
            compiled = _shared[source] = jinja2.Template(source)
        return compiled
    return jinja2.Template(source)


@contextlib.contextmanager
def compiled_once():
    """In this thread, let elements made from the same template source share one compiled template (a map's copy)."""
    _local.shared = True
    try:
        yield
    finally:
        _local.shared = False


def install():
    """Make branca's elements build their templates with :func:`make_template` (once per process; idempotent)."""
    branca.element.Template = make_template
