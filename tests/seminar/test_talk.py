"""The talk as data, as one HTML page and as a PDF: built from the story and the data."""

import json
import re
from dataclasses import replace

import pytest

from atlas.seminar.story import load_story
from atlas.seminar.talk import chapter_footnotes, talk_html, talk_slides, with_notices
from atlas.seminar.talk_pdf import talk_pdf


@pytest.fixture(scope="module")
def story(dataset):
    return load_story(dataset)


@pytest.fixture(scope="module")
def talk_file(dataset, story):
    return talk_html(dataset, story, embed=True)


def _config(page):
    match = re.search(r"var ATLAS_TALK = (.*?);\n", page)
    return json.loads(match.group(1).replace("<\\/", "</"))


def test_slides_are_title_chapters_closing(dataset, story):
    slides = talk_slides(dataset, story)
    assert [s["kind"] for s in slides] == ["title", *["chapter"] * len(story), "closing"]
    assert [s["number"] for s in slides[1:-1]] == list(range(1, len(story) + 1))
    assert "Sethi" in slides[0]["article"] and slides[0]["limits"]
    assert len(slides[0]["covers"]) == len(story)


def test_closing_slide_lists_every_footnote_the_chapters_cite(dataset, story):
    slides = talk_slides(dataset, story)
    cited = set()
    for slide in slides[1:-1]:
        cited |= set(slide["footnotes"])
        for item in slide["items"]:
            cited |= {int(n) for n in re.findall(r"\d+", item["footnote"])}
    assert [n["number"] for n in slides[-1]["footnotes"]] == sorted(cited)


@pytest.mark.parametrize(
    ("narrative", "notes", "expected"),
    [
        ("A (fn 2) and B (fn 61).", [], [2, 61]),
        ("Several (fn 29, 31).", [], [29, 31]),
        ("No reference here.", ["36, 37"], [36, 37]),
        ("Twice (fn 4) (fn 4).", ["4"], [4]),
    ],
)
def test_chapter_footnotes(story, narrative, notes, expected):
    chapter = replace(story[0], narrative=narrative)
    items = [{"footnote": note} for note in notes]
    assert chapter_footnotes(chapter, items) == expected


def test_an_edited_story_exports_as_edited(dataset, story):
    edited = [replace(story[0], title="A new first chapter"), *story[1:3]]
    config = _config(talk_html(dataset, edited, embed=False))
    assert [s["title"] for s in config["slides"] if s["kind"] == "chapter"][0] == "A new first chapter"
    assert len(config["slides"]) == 5


def test_talk_file_is_self_contained_and_small(talk_file):
    assert len(talk_file.encode("utf-8")) <= 8 * 1024 * 1024
    assert not re.search(r"<script[^>]+src=", talk_file)
    assert not re.search(r"<link[^>]+href=", talk_file)
    assert "/app/static" not in talk_file
    assert "fetch(" not in talk_file.split("var ATLAS_TALK")[0].split("<body>")[-1]  # outlines embedded


def test_every_chapter_carries_its_selection_and_frame(talk_file, story):
    config = _config(talk_file)
    chapters = [s for s in config["slides"] if s["kind"] == "chapter"]
    assert len(chapters) == len(story)
    for slide, chapter in zip(chapters, story):
        selection = slide["selection"]
        assert selection["highlight"] == sorted(chapter.highlight_events)
        assert selection["frame"]["key"] == f"chapter-{chapter.number}"  # a new key: the map flies there
        assert len(slide["groups"]) == (1 if chapter.highlight_zones else 0)  # the chapter's zones, outlined
        assert all(f"var {name} = " in talk_file for name in slide["groups"])
    assert f"var {config['carrier']} = " in talk_file


def test_data_text_cannot_end_the_script(dataset, story):
    hostile = replace(story[0], title="</script><script>alert(1)</script>", narrative="<b>bold</b> {{ x }}")
    page = talk_html(dataset, [hostile], embed=False)
    assert "</script><script>alert(1)" not in page
    config = _config(page)
    assert config["slides"][1]["title"] == hostile.title
    assert config["slides"][1]["narrative"] == "<b>bold</b> {{ x }}"


def _pdf_pages(pdf):
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def test_pdf_has_a_16_9_page_per_chapter_plus_title_and_closing(dataset, story):
    pdf = talk_pdf(dataset, story)
    assert pdf.startswith(b"%PDF")
    pages = _pdf_pages(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(story) + 2
    assert len(pages) == len(story) + 2
    for width, height in pages:
        assert width / height == pytest.approx(16 / 9, rel=0.01)


def test_pdf_shows_dollar_signs_as_text(dataset, story):
    chapter = replace(story[1], title="Costs of $5 and $10", narrative="Paid $3 (fn 2).")
    pdf = talk_pdf(dataset, [chapter])
    assert len(_pdf_pages(pdf)) == 3


def test_pdf_chapter_pages_show_or_name_every_cited_item(dataset, story):
    """A chapter page too short for all its quotes names the rest with their footnotes, inside the page."""
    from atlas.seminar import talk_pdf as module
    from atlas.seminar.talk import talk_slides

    pages = []

    class Recorder:
        def savefig(self, fig):
            fig.canvas.draw()
            boxes = [(t.get_text(), t.get_window_extent()) for t in fig.texts if t.get_text()]
            pages.append((boxes, fig.bbox))

    slides = talk_slides(dataset, story)
    for chapter, slide in zip(story, slides[1:-1]):
        module._chapter_page(Recorder(), dataset, chapter, slide)
    assert len(pages) == len(story)
    named_only = 0
    for chapter, (boxes, page) in zip(story, pages):
        text = "\n".join(t for t, _ in boxes)
        for item_id in chapter.highlight_events:
            shown = f"{item_id} \u00b7" in text
            named = re.search(rf"Also cited:.*\b{item_id} \(fn \d+", text.replace("\n", " "))
            assert shown or named, (chapter.number, item_id)
            named_only += bool(named)
        for _, box in boxes:  # nothing drawn off the page
            assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= page.width + 1 and box.y1 <= page.height + 1
    assert named_only  # the built-in story has chapters longer than a page


def test_notices_are_added_to_a_finished_page_as_data(dataset, story):
    page = talk_html(dataset, story, embed=False)
    assert with_notices(page, []) == page
    shown = with_notices(page, ['There is no chapter "</script><img src=x>"'])
    assert "</script><img" not in shown and shown.count("var ATLAS_TALK_NOTICES") == 1
    assert shown.index("var ATLAS_TALK_NOTICES") < shown.index("var ATLAS_TALK = ")
