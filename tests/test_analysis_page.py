"""Drive the analysis page with AppTest for every layer and side the sidebar offers, empty ones included."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT
from atlas.schema import SIDES

PAGE = str(ROOT / "pages" / "2_Analysis.py")
LAYERS = ["incident", "deployment", "camp", "diplomacy", "flow"]


@pytest.fixture
def page():
    return AppTest.from_file(PAGE, default_timeout=60).run()


def test_page_runs(page):
    assert not page.exception
    assert page.title[0].value.startswith("Analysis")
    assert len(page.tabs) == 4


@pytest.mark.parametrize("layers", [[layer] for layer in LAYERS] + [[], LAYERS])
@pytest.mark.parametrize("include_vague", [False, True])
def test_every_layer_combination(page, layers, include_vague):
    page.multiselect(key="layers").set_value(layers)
    page.checkbox(key="include_vague").set_value(include_vague)
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
    page.checkbox(key="include_vague").check()
    page.slider(key="belt_km").set_value(width).run()
    assert not page.exception
    belt = next(df.value for df in page.dataframe if "strength" in df.value.columns)
    assert belt["events"].sum() > 0


def test_wider_belt_holds_more(page):
    page.checkbox(key="include_vague").check()
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
    assert bool([w for w in at.sidebar.warning if "belt" in w.value]) is notice
    assert at.query_params["belt"] in (str(width), [str(width)])
