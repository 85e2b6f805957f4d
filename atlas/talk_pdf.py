"""The seminar talk as a PDF: a 16:9 page per slide (title, one per chapter, closing).

For lecturers who present from a PDF or print handouts. Each chapter page
holds the chapter's map figure (from :func:`atlas.figure.static_figure`), its
title, narrative, the quotes it cites with their footnotes, and a source line.
"""

import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # no display: pages are only written to files
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

from .figure import figure_bytes, static_figure  # noqa: E402
from .filters import select_events, select_flows  # noqa: E402
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


def _title_page(pdf, slide):
    fig = plt.figure(figsize=PAGE_INCHES)
    _text(fig, 0.05, 0.88, _wrapped(slide["title"], 60), fontsize=30, fontweight="bold", color=_DARK, va="top")
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
    _text(fig, 0.03, 0.93, slide["title"], fontsize=24, fontweight="bold", color=_DARK, va="top")
    fig.add_artist(matplotlib.lines.Line2D([0.03, 0.97], [0.845, 0.845], color=_ACCENT, linewidth=1.5))
    ax = fig.add_axes([0.01, 0.06, 0.56, 0.77])
    ax.imshow(image)
    ax.set_axis_off()
    y = 0.82
    narrative = _wrapped(slide["narrative"], 52)
    _text(fig, 0.59, y, narrative, fontsize=12.5, color=_DARK, va="top", linespacing=1.35)
    y -= 0.0315 * (narrative.count("\n") + 1) + 0.03
    for item in slide["items"]:
        if y < 0.12:
            _text(fig, 0.59, y, "(more cited items in the app and the HTML talk)", fontsize=8.5, color=_MID, va="top")
            break
        head = _wrapped(f"{item['id']} \u00b7 {item['title']}", 60)
        _text(fig, 0.59, y, head, fontsize=9.5, fontweight="bold", color=_DARK, va="top")
        y -= 0.022 * (head.count("\n") + 1) + 0.004
        quote = _wrapped(f"\u201c{item['quote']}\u201d", 72)
        _text(fig, 0.60, y, quote, fontsize=8.8, style="italic", color="#1a1a1a", va="top", linespacing=1.25)
        y -= 0.0205 * (quote.count("\n") + 1) + 0.005
        _text(fig, 0.60, y, f"{item['when']} \u00b7 footnote {item['footnote']}", fontsize=8, color=_MID, va="top")
        y -= 0.035
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
    dataset : atlas.loading.Dataset
    story : list of atlas.story.Chapter

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
