"""Drive the analysis page with AppTest for every layer and side the sidebar offers, empty ones included."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT
from atlas.data.schema import SIDES

PAGE = str(ROOT / "views" / "analysis.py")
LAYERS = ["incident", "deployment", "camp", "diplomacy", "flow"]


@pytest.fixture
def page():
    return AppTest.from_file(PAGE, default_timeout=60).run()


def test_page_runs(page):
    assert not page.exception
    assert page.title[0].value.startswith("Analysis")
    assert len(page.tabs) == 4


@pytest.mark.parametrize("layers", [[layer] for layer in LAYERS] + [[], LAYERS])
@pytest.mark.parametrize("exact_only", [False, True])
def test_every_layer_combination(page, layers, exact_only):
    page.multiselect(key="layers").set_value(layers)
    page.checkbox(key="exact_only").set_value(exact_only)
    page.run()
    assert not page.exception


@pytest.mark.parametrize("side", [*SIDES, None])
def test_every_side_and_no_actor(page, side):
    key = f"only_{side}" if side else None
    if key:
        page.button(key=key).click().run()
    else:
        next(b for b in page.button if b.label == "No actors").click().run()
    assert not page.exception


@pytest.mark.parametrize("width", [5, 100])
def test_belt_width_changes_the_belt_table(page, width):
    page.slider(key="belt_km").set_value(width).run()
    assert not page.exception
    belt = next(df.value for df in page.dataframe if "strength" in df.value.columns)
    assert belt["events"].sum() > 0


def test_wider_belt_holds_more(page):
    page.slider(key="belt_km").set_value(5).run()
    narrow = next(df.value for df in page.dataframe if "strength" in df.value.columns)["events"].sum()
    page.slider(key="belt_km").set_value(100).run()
    wide = next(df.value for df in page.dataframe if "strength" in df.value.columns)["events"].sum()
    assert wide > narrow


@pytest.mark.parametrize("raw, width, notice", [("40", 40, False), ("7", 25, True), ("abc", 25, True), ("500", 25, True)])
def test_belt_width_in_the_url(raw, width, notice):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["belt"] = raw
    at.run()
    assert not at.exception
    assert at.slider(key="belt_km").value == width
    assert bool([w for w in at.main.warning if "belt" in w.value]) is notice
    assert at.query_params["belt"] in (str(width), [str(width)])


def _belt(page):
    return next(df.value for df in page.dataframe if "strength" in df.value.columns)


def test_default_counts_vague_places_apart(page):
    """Nearly every border fact is known only to a province: by default they count, and the page says how many."""
    belt = _belt(page)
    assert belt["events"].sum() > 0 and belt["province or wider"].sum() > 0
    summary = next(m.value for m in page.markdown if m.value.startswith("**Border belt"))
    assert "known only to a province or wider" in summary and "Zones:** 0 " not in summary
    assert "counts where its area touches the belt or a zone" in summary
    assert any("exactly placed" in c.value for c in page.caption)


def test_exact_only_restricts_and_says_so(page):
    page.checkbox(key="exact_only").check().run()
    assert not page.exception
    assert _belt(page)["province or wider"].sum() == 0
    assert any("left out" in c.value for c in page.caption)
    assert page.query_params["exact"] in ("1", ["1"])


def test_diplomacy_and_whole_country_facts_are_listed_not_averaged(page):
    tables = [df.value for df in page.dataframe if "distance_km" in df.value.columns]
    assert len(tables) == 1
    listed = tables[0]
    whole_country = listed["distance_km"] == ""  # blank, not "None", where there is no distance
    assert set(listed.loc[~whole_country, "layer"]) == {"Diplomacy"}  # the layer's name, not its id
    assert whole_country.any() and (listed.loc[whole_country, "where_prec"] == 6).all()
    assert any("known only to a whole country (no distance)" in m.value for m in page.markdown)
    # No "None" in the medians table: a year without events is blank.
    medians = [df.value for df in page.dataframe if df.value.index.name == "layer"]
    assert medians and not medians[0].isna().any().any()


def test_figures_follow_months_and_search():
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["months"] = "1993-07"
    at.query_params["q"] = "Kulyab"
    at.run()
    assert not at.exception
    belt = _belt(at)
    assert belt["events"].sum() <= 2


def test_far_events_are_listed_not_drawn_as_areas(page):
    """Moscow's diplomacy would stretch Russia's area across Central Asia: it is listed under the areas instead."""
    assert any(m.value.startswith("**Outside the theatre, listed, not drawn as areas:**") for m in page.markdown)
    far = next(df.value for df in page.dataframe if list(df.value.columns) == ["id", "year", "title", "place", "actors"])
    assert {"E041", "E042", "E015"} <= set(far["id"])
    assert "Dushanbe" not in set(far["place"])


def test_an_event_link_on_analysis_promises_no_details_panel():
    # "Showing event E029 ... details below" was said on a page that has no details panel.
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["event"] = "E029"
    at.run()
    assert not at.exception
    assert not [m for m in [*at.info, *at.warning] if "details below" in m.value]


@pytest.mark.parametrize(
    "item, exact_only, words, outlined",
    [
        ("E029", False, "outlined on the map", True),
        ("F003", False, "outlined on the map", True),
        ("E034", False, "the article gives no place for it", False),  # unmapped
        ("E002", True, "known only to a province or wider", False),  # vague, exact places only
    ],
)
def test_an_event_link_on_analysis_outlines_it_or_says_why_not(item, exact_only, words, outlined):
    # /Analysis?event=E029 widened the filters and then showed nothing of E029, without a word.
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["event" if item.startswith("E") else "flow"] = item
    if exact_only:
        at.query_params["exact"] = "1"
    at.run()
    assert not at.exception
    notices = [m.value for m in at.info if f"Showing {'event' if item.startswith('E') else 'flow'} {item}" in m.value]
    assert len(notices) == 1 and words in notices[0], [m.value for m in at.info]
    # The map's arguments hold its selection as JSON inside a JavaScript string.
    map_args = at.get("component_instance")[0].proto.json_args
    if outlined:
        assert '\\"highlight\\":[\\"' + item + '\\"]' in map_args
