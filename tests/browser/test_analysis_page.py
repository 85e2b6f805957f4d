"""The analysis page in Chromium: its map draws the belt, the choropleth and the actors' areas."""

import pytest

from .conftest import map_frame


def test_analysis_map_draws(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/Analysis")
    frame = map_frame(page)
    page.get_by_role("heading", name="Analysis: the border, the zones and the actors").wait_for(timeout=20_000)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-marker').length > 0", timeout=20_000)
    # Collapsed, the list is hidden: its text is still in the control.
    control = frame.locator(".leaflet-control-layers").text_content()
    for name in ("Zones by events (choropleth)", "Border belt (25 km each side)", "Actors' areas of activity"):
        assert name in control
    page.get_by_role("tab", name="Zones").click()
    page.wait_for_timeout(500)


def _open_analysis(watched_page, app_url, size, drawn):
    """Open the Analysis page at ``size`` and wait until its map holds an element matching ``drawn``."""
    page, _ = watched_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/Analysis")
    frame = map_frame(page)
    frame.wait_for_function(f"() => document.querySelectorAll('{drawn}').length > 0", timeout=30_000)
    return page, frame


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_layer_control_starts_collapsed_and_counts_say_areas_touch(watched_page, app_url, size):
    """Open, the layer list covered ~40% of the map on a laptop and nearly all of it on a phone."""
    page, frame = _open_analysis(watched_page, app_url, size, ".atlas-marker")
    control = frame.locator(".leaflet-control-layers")
    assert "leaflet-control-layers-expanded" not in (control.get_attribute("class") or "")
    box, map_box = control.bounding_box(), frame.locator(".leaflet-container").bounding_box()
    assert box["width"] * box["height"] < 0.05 * map_box["width"] * map_box["height"]
    summary = page.get_by_text("counts where its area touches the belt or a zone")
    summary.wait_for(timeout=20_000)
    text = page.locator("[data-testid='stMarkdownContainer']", has_text="Border belt (").first.inner_text()
    assert "known only to a province or wider" in text and " 0 event(s) inside" not in text


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_the_maps_own_layers_have_a_key_right_under_it(watched_page, app_url, size):
    # The brown zones, the purple belt and the actors' outlines were in no legend (a newcomer's report).
    page, frame = _open_analysis(watched_page, app_url, size, ".atlas-marker")
    key = page.locator(".atlas-map-key")
    key.wait_for(timeout=20_000)
    text = key.inner_text()
    assert "Border belt: 25 km each side" in text and "Zones filled by their events" in text
    assert "Where each actor was active" in text
    map_box, key_box = page.locator("iframe[title*=folium]").first.bounding_box(), key.bounding_box()
    assert 0 <= key_box["y"] - (map_box["y"] + map_box["height"]) <= 40
    assert key_box["x"] + key_box["width"] <= size[0]


def test_a_long_legend_keeps_its_heading_in_sight_as_it_scrolls(watched_page, app_url):
    # Unfolded whole, the legend is taller than a laptop's map: scrolled, its heading (the way to fold it) had gone.
    page, frame = _open_analysis(watched_page, app_url, (1280, 720), ".atlas-marker")
    frame.locator(".atlas-legend > details > summary").click()
    for more in frame.locator(".atlas-legend-more > summary").all():
        more.click()
    legend = frame.locator(".atlas-legend")
    assert legend.evaluate("l => l.scrollHeight > l.clientHeight")
    legend.evaluate("l => { l.scrollTop = l.scrollHeight; }")
    frame.wait_for_timeout(200)
    heading, box = frame.locator(".atlas-legend > details > summary").bounding_box(), legend.bounding_box()
    assert box["y"] - 1 <= heading["y"] <= box["y"] + 8, (heading, box)


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_a_far_place_on_the_maps_edge_gets_its_chip(watched_page, app_url, size):
    # Almaty's point lay 1 px inside the Analysis map's top at 1280x720: half its symbol showed, and no chip named it.
    _, frame = _open_analysis(watched_page, app_url, size, ".atlas-edge-marker")
    frame.wait_for_timeout(1500)  # the first frame's fit
    unnamed = frame.evaluate("""() => { const map = window.map, size = map.getSize(), edge = map._atlasEdge;
        return edge.items.filter((item, i) => { const p = map.latLngToContainerPoint([item.lat, item.lon]);
            const whole = p.x >= 12 && p.y >= 12 && p.x <= size.x - 12 && p.y <= size.y - 12;
            return !whole && edge.chips[i].style.display === 'none'; }).map(item => item.name); }""")
    assert unnamed == []


@pytest.mark.parametrize("size, top, visible, query", [
    ((1280, 720), 200, 450, ""), ((390, 844), 300, 450, ""),
    # A link's notice wrapped to two lines and pushed the map to 274 px.
    ((1280, 720), 200, 450, "?event=E029"),
])
def test_analysis_map_comes_first(watched_page, app_url, size, top, visible, query):
    """A two-line title and a three-line caption had put the map at 434 px on a 1280x720 laptop."""
    page, _ = watched_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/Analysis{query}")
    frame = map_frame(page)
    box = page.locator("iframe").first.bounding_box()
    assert box["y"] <= top, box
    assert min(box["y"] + box["height"], size[1]) - box["y"] >= visible, box
    if size == (1280, 720):  # whole on the first screen, and the map fills its frame
        assert box["y"] + box["height"] <= 720, box
        assert abs(frame.evaluate("() => window.map.getSize().y") - box["height"]) <= 1
