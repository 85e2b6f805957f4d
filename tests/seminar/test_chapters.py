from atlas.seminar.chapters import chapter_items, chapter_subtitle
from atlas.seminar.story import load_story


def test_subtitle_names_years_actors_and_layers(dataset):
    chapter = load_story(dataset)[3]
    text = chapter_subtitle(chapter, dataset.actors)
    assert text.startswith("1992\u20131997")
    assert "201st MRD" in text and "layers: deployment" in text


def test_items_carry_quote_and_footnote(dataset):
    chapter = load_story(dataset)[4]
    items = {item["id"]: item for item in chapter_items(chapter, dataset)}
    assert items["E029"]["when"] == "14 July 1993"
    assert items["E029"]["footnote"] == "61"
    assert "launched into Kulyab" in items["E029"]["quote"]


def test_items_include_flows(dataset):
    chapter = load_story(dataset)[1]
    items = {item["id"]: item for item in chapter_items(chapter, dataset)}
    assert items["F001"]["where"].startswith("from southern Tajikistan")
