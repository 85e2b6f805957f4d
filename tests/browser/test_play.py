"""Play in Chromium: a large year label on the map, faster at 2x, back to all years at the end."""

from .conftest import ARTIFACTS, map_frame


def _label(frame):
    return frame.evaluate("() => { const e = document.querySelector('.atlas-play-label b'); return e && e.textContent; }")


def test_play_labels_the_year_on_the_map_and_returns_to_all_years(watched_page, app_url, dataset):
    page, _ = watched_page
    first, last = dataset.years
    page.goto(app_url)
    frame = map_frame(page)
    page.get_by_text("2\u00d7").click()
    page.get_by_role("button", name="Play the years").click()
    frame.wait_for_function(f"() => (document.querySelector('.atlas-play-label b') || {{}}).textContent === '{first}'",
                            timeout=20_000)
    caption = frame.locator(".atlas-play-label span").inner_text()
    assert "actors" in caption and "layers" in caption
    size = frame.locator(".atlas-play-label b").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 48
    frame.wait_for_function(f"() => (document.querySelector('.atlas-play-label b') || {{}}).textContent === '{first + 1}'",
                            timeout=20_000)
    page.screenshot(path=str(ARTIFACTS / "play-year-label.png"))
    assert page.get_by_role("button", name="Stop").inner_text().strip().endswith("Stop")
    # At 2x a year shows for about 0.8 s plus the page's own run (seconds on a busy machine);
    # the run ends on all years, label gone.
    page.get_by_role("button", name="Play the years").wait_for(timeout=90_000)
    frame.wait_for_function("() => !document.querySelector('.atlas-play-label')", timeout=10_000)
    assert _label(frame) is None


def test_seminar_next_keeps_the_map_mounted(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=1")
    frame = map_frame(page)
    frame.evaluate("() => { window.__notRemounted = true; }")
    for number in (2, 3):
        page.get_by_role("button", name="Next").click()
        page.get_by_role("heading", name=f"{number}. ").wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    assert frame.evaluate("() => window.__notRemounted === true")
