"""The seminar talk as a PDF: a 16:9 page per slide (title, one per chapter, closing).

For lecturers who present from a PDF or print handouts. Each chapter page
holds the chapter's map figure (from :func:`atlas.exports.figure.static_figure`), its
title, narrative, the quotes it cites with their footnotes, and a source line.
"""

import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # no display: pages are only written to files
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

from ..exports.figure import figure_bytes, static_figure  # noqa: E402
from ..view.filters import select_events, select_flows  # noqa: E402
from .story import chapter_selection  # noqa: E402
from .talk import talk_slides  # noqa: E402

__all__ = ["PAGE_INCHES", "talk_pdf"]

PAGE_INCHES = (13.333, 7.5)  # 16:9, the size of a widescreen slide
_DARK, _MID, _ACCENT = "#111111", "#333333", "#c4570c"


def _text(fig, x, y, text, **kwargs):
    # Text from the data is never read as mathtext ("$5" stays "$5").
    return fig.text(x, y, text, parse_math=False, **kwargs)


def _wrapped(text, width):
    return "\n".join(textwrap.wrap(text, width=width)) or ""


def _height(fig, artist):
    """Return the drawn height of a text artist as a fraction of the figure's height."""
    return artist.get_window_extent(fig.canvas.get_renderer()).height / fig.bbox.height


def _width(fig, artist):
    """Return the drawn width of a text artist as a fraction of the figure's width."""
    return artist.get_window_extent(fig.canvas.get_renderer()).width / fig.bbox.width


def _draw_items(fig, items, y, bottom):
    """Draw cited items from ``y`` down while each ends above ``bottom``; return how many were drawn."""
    for count, item in enumerate(items):
        head = _text(fig, 0.59, y, _wrapped(f"{item['id']} \u00b7 {item['title']}", 60), fontsize=9.5,
                     fontweight="bold", color=_DARK, va="top")
        at = y - _height(fig, head) - 0.006
        quote = _text(fig, 0.60, at, _wrapped(f"\u201c{item['quote']}\u201d", 72), fontsize=8.8, style="italic",
                      color="#1a1a1a", va="top", linespacing=1.25)
        at -= _height(fig, quote) + 0.006
        meta = _text(fig, 0.60, at, f"{item['when']} \u00b7 footnote {item['footnote']}", fontsize=8, color=_MID,
                     va="top")
        at -= _height(fig, meta)
        drawn = (head, quote, meta)
        if at < bottom:
            for artist in drawn:
                artist.remove()
            return count
        for artist in drawn:
            artist.set_gid("talk-item")
        y = at - 0.02
    return len(items)


def _remove_items(fig):
    for artist in [t for t in fig.texts if t.get_gid() == "talk-item"]:
        artist.remove()


def _title_page(pdf, slide):
    fig = plt.figure(figsize=PAGE_INCHES)
    # Wrapped to the page's width as drawn ("1992-1997" stays whole: wrapped at spaces only).
    _text(fig, 0.05, 0.88, _wrapped(slide["title"], 44), fontsize=30, fontweight="bold", color=_DARK, va="top")
    _text(fig, 0.05, 0.70, slide["article"], fontsize=15, color=_MID, va="top")
    _text(fig, 0.05, 0.62, "This talk covers", fontsize=17, fontweight="bold", color=_DARK, va="top")
    y = 0.565
    for line in slide["covers"]:
        _text(fig, 0.06, y, line, fontsize=13, color=_DARK, va="top")
        y -= 0.04
    _text(fig, 0.05, y - 0.02, _wrapped(slide["limits"], 120), fontsize=12.5, color=_DARK, va="top")
    _text(fig, 0.05, 0.06, slide["counts"], fontsize=11, color=_MID, va="bottom")
    pdf.savefig(fig)
    plt.close(fig)


def _chapter_page(pdf, dataset, chapter, slide):
    selection = chapter_selection(chapter)
    events = select_events(dataset.events, selection)
    flows = select_flows(dataset.flows, selection)
    figure = static_figure(dataset, events, flows, "", slide["subtitle"], chapter.highlight_events,
                           chapter.highlight_zones)
    image = mpimg.imread(io.BytesIO(figure_bytes(figure, "png")), format="png")
    fig = plt.figure(figsize=PAGE_INCHES)
    _text(fig, 0.03, 0.965, f"Chapter {slide['number']}", fontsize=12, color=_MID, va="top")
    title = _text(fig, 0.03, 0.93, slide["title"], fontsize=24, fontweight="bold", color=_DARK, va="top")
    while _width(fig, title) > 0.94 and title.get_fontsize() > 14:  # one line, inside the page
        title.set_fontsize(title.get_fontsize() - 1)
    fig.add_artist(matplotlib.lines.Line2D([0.03, 0.97], [0.845, 0.845], color=_ACCENT, linewidth=1.5))
    ax = fig.add_axes([0.01, 0.06, 0.56, 0.77])
    ax.imshow(image)
    ax.set_axis_off()
    y = 0.82
    narrative = _text(fig, 0.59, y, _wrapped(slide["narrative"], 52), fontsize=12.5, color=_DARK, va="top",
                      linespacing=1.35)
    y -= _height(fig, narrative) + 0.025
    # Every cited item that fits above the source line, measured as drawn; the ones that do not
    # are named with their footnotes, never dropped without a word.
    shown = _draw_items(fig, slide["items"], y, bottom=0.075)
    if shown < len(slide["items"]):
        _remove_items(fig)  # again from the first, leaving room for the line naming the rest
        shown = _draw_items(fig, slide["items"], y, bottom=0.125)
        rest = slide["items"][shown:]
        also = "; ".join(f"{item['id']} (fn {item['footnote']})" for item in rest)
        _text(fig, 0.59, 0.115, _wrapped(f"Also cited: {also}. Their quotes are in the HTML talk and on the "
                                         "map page.", 80), fontsize=8.5, color=_MID, va="top")
    _text(fig, 0.03, 0.02, slide["source"], fontsize=9, color=_MID, va="bottom")
    pdf.savefig(fig)
    plt.close(fig)


def _closing_page(pdf, slide):
    fig = plt.figure(figsize=PAGE_INCHES)
    _text(fig, 0.05, 0.92, slide["title"], fontsize=28, fontweight="bold", color=_DARK, va="top")
    _text(fig, 0.05, 0.82, slide["article"], fontsize=13, color=_MID, va="top")
    notes = slide["footnotes"]
    per_column = max(1, -(-len(notes) // 3))
    for i, note in enumerate(notes):
        column, row = divmod(i, per_column)
        ids = ", ".join(item.split(" ")[0] for item in note["items"])
        chapters = ", ".join(map(str, note["chapters"]))
        line = f"fn {note['number']}  ch. {chapters}" + (f" \u00b7 {ids}" if ids else "")
        _text(fig, 0.05 + 0.31 * column, 0.74 - row * (0.66 / per_column), line, fontsize=11, color=_DARK, va="top")
    pdf.savefig(fig)
    plt.close(fig)


def talk_pdf(dataset, story):
    """Return the talk as PDF bytes: a title page, one 16:9 page per chapter, a closing page.

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
    story : list of atlas.seminar.story.Chapter

    Returns
    -------
    bytes
        ``len(story) + 2`` pages of 13.333 x 7.5 inches.
    """
    slides = talk_slides(dataset, story)
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": "Tajik Border Atlas: seminar talk", "Creator": "Tajik Border Atlas"}) as pdf:
        _title_page(pdf, slides[0])
        for chapter, slide in zip(story, slides[1:-1]):
            _chapter_page(pdf, dataset, chapter, slide)
        _closing_page(pdf, slides[-1])
    return buffer.getvalue()
