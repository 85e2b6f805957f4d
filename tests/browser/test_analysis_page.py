"""The analysis page in Chromium: its map draws the belt, the choropleth and the actors' areas."""

from .conftest import map_frame


def test_analysis_map_draws(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/Analysis")
    frame = map_frame(page)
    page.get_by_role("heading", name="Analysis: the border, the zones and the actors").wait_for(timeout=20_000)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-marker').length > 0", timeout=20_000)
    control = frame.locator(".leaflet-control-layers").inner_text()
    for name in ("Zones by events (choropleth)", "Border belt (25 km each side)", "Actors' areas of activity"):
        assert name in control
    page.get_by_role("tab", name="Zones").click()
    page.wait_for_timeout(500)
