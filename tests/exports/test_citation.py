"""Citations: plain text and BibTeX from the bibliography, saying nothing it does not know."""

import pandas as pd
import pytest

from atlas.exports.citation import bibtex, footnote_list, item_citation_text, item_link, source_for, source_text, view_citation_text

# The article's record as our copy gives it: author and title only.
ARTICLE = {"id": "sethi", "author": "Jajneswar Sethi",
           "title": "Civil War in Tajikistan: Its Impact on Tajik-Russia Relations",
           "journal": "", "volume": "", "year": "", "pages": "", "url": ""}
FULL = {**ARTICLE, "author": "Sethi, Jajneswar", "journal": "Journal of A & B", "volume": "3", "year": "1999",
        "pages": "12-30", "url": "https://example.org/a"}
EVENT = {"id": "E029", "title": "Attack into Kulyab", "source_note": "61", "source_quote": "A major attack",
         "source_id": "sethi"}
FLOW = {"id": "F003", "title": "Weapons move", "source_note": "23;24", "source_quote": "", "source_id": "sethi"}


@pytest.mark.parametrize(
    "source, text",
    [
        (ARTICLE, "Sethi, Jajneswar. \u201cCivil War in Tajikistan: Its Impact on Tajik-Russia Relations.\u201d"),
        (FULL, "Sethi, Jajneswar. \u201cCivil War in Tajikistan: Its Impact on Tajik-Russia Relations.\u201d "
               "Journal of A & B 3 (1999): 12-30. https://example.org/a"),
        ({**ARTICLE, "year": "1999"}, "Sethi, Jajneswar. \u201cCivil War in Tajikistan: Its Impact on Tajik-Russia "
                                      "Relations.\u201d 1999."),
        ({"id": "x", "author": "", "title": "Untitled"}, "\u201cUntitled.\u201d"),
        ({"id": "x", "author": "A One; B Two", "title": "T"}, "One, A and B Two. \u201cT.\u201d"),
    ],
)
def test_source_text(source, text):
    assert source_text(source) == text


def test_item_citation_text_for_the_article():
    text = item_citation_text(EVENT, ARTICLE, "http://localhost:8501/?event=E029")
    assert text.splitlines() == [
        "\u201cA major attack\u201d",
        "Sethi, Jajneswar. \u201cCivil War in Tajikistan: Its Impact on Tajik-Russia Relations.\u201d Footnote 61.",
        "Tajik Border Atlas, event E029: Attack into Kulyab. http://localhost:8501/?event=E029",
    ]
    for unknown in ("None", "nan", "()", "vol", "pp", "(,"):
        assert unknown not in text


def test_item_citation_text_flow_with_two_footnotes_and_no_quote():
    text = item_citation_text(FLOW, ARTICLE)
    assert "Footnotes 23, 24." in text
    assert text.splitlines()[-1] == "Tajik Border Atlas, flow F003: Weapons move."


def test_bibtex_for_the_article_leaves_out_empty_fields():
    assert bibtex(ARTICLE) == (
        "@misc{sethi,\n"
        "  author = {Sethi, Jajneswar},\n"
        "  title = {{Civil War in Tajikistan: Its Impact on Tajik-Russia Relations}}\n"
        "}"
    )


def test_bibtex_for_an_item_notes_footnote_and_record():
    entry = bibtex(ARTICLE, EVENT, "http://localhost:8501/?event=E029")
    assert entry.startswith("@misc{sethi_E029,\n")
    assert "  note = {Footnote 61; Tajik Border Atlas, event E029, http://localhost:8501/?event=E029}" in entry
    for empty in ("journal", "volume", "year", "pages", "url ="):
        assert empty not in entry


def test_bibtex_with_every_field_is_an_escaped_article():
    entry = bibtex(FULL)
    assert entry.startswith("@article{sethi1999,")
    assert "journal = {Journal of A \\& B}" in entry
    assert "pages = {12--30}" in entry
    assert "url = {https://example.org/a}" in entry


def test_bibtex_escapes_braces_from_the_data():
    entry = bibtex({"id": "x", "author": "A B", "title": "50% {odd} title"})
    assert "title = {{50\\% \\{odd\\} title}}" in entry
    assert entry.count("{") - entry.count("\\{") == entry.count("}") - entry.count("\\}")


@pytest.mark.parametrize(
    "row, sources, expected",
    [
        (EVENT, {"sethi": ARTICLE}, ARTICLE),
        ({**EVENT, "source_id": "other"}, {"sethi": ARTICLE}, None),
        ({"id": "E1", "source_note": "1"}, {"sethi": ARTICLE}, ARTICLE),  # no source_id column yet: the only source
        ({"id": "E1", "source_note": "1"}, {"sethi": ARTICLE, "b": FULL}, None),
    ],
)
def test_source_for(row, sources, expected):
    assert source_for(row, sources) == expected


def test_view_citation_text():
    events = pd.DataFrame([EVENT, {**EVENT, "id": "E030", "source_note": "61;7"}])
    flows = pd.DataFrame([FLOW])
    text = view_citation_text("1993 \u00b7 all actors \u00b7 all layers", events, flows, {"sethi": ARTICLE}, "http://h/?years=1993")
    assert text.splitlines() == [
        "Tajik Border Atlas: 1993 \u00b7 all actors \u00b7 all layers (2 event(s), 1 flow(s)). http://h/?years=1993",
        "Source: Sethi, Jajneswar. \u201cCivil War in Tajikistan: Its Impact on Tajik-Russia Relations.\u201d "
        "Footnotes 7, 23, 24, 61.",
    ]


@pytest.mark.parametrize("item_id, base, link", [("E029", "", "?event=E029"), ("F003", "http://h/", "http://h/?flow=F003")])
def test_item_link(item_id, base, link):
    assert item_link(item_id, base) == link


def test_footnote_list():
    assert footnote_list(["61", "45;46", "", "61"]) == [45, 46, 61]


def test_read_sources(tmp_path):
    from atlas.exports.citation import read_sources

    path = tmp_path / "sources.csv"
    assert read_sources(path) == {}
    path.write_text("id,author,title,journal,volume,year,pages,url\nsethi,Jajneswar Sethi,\"Civil War, etc\",,,,,\n",
                    encoding="utf-8")
    assert read_sources(path) == {"sethi": {**ARTICLE, "title": "Civil War, etc"}}
