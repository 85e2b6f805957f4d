"""The base map in Chromium: labels never overlap each other or a symbol, relief and controls, both themes."""

import pytest

from .conftest import ARTIFACTS, map_frame

_LABEL_BOXES = """() => {
    const origin = document.querySelector('.leaflet-container').getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect(); return [r.left - origin.left, r.top - origin.top, r.width, r.height]; };
    const shown = el => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
    return {
        labels: [...document.querySelectorAll('.atlas-base-label')].filter(shown).map(el => [el.textContent, ...box(el)]),
        dots: [...document.querySelectorAll('.atlas-town-dot')].filter(shown).map(box),
        symbols: [...document.querySelectorAll('.atlas-marker, .atlas-symbol')].filter(shown).map(box).filter(b => b[2] > 0),
    };
}"""


def _overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _settle(frame, zoom):
    frame.evaluate(f"() => window.map.setView([37.9, 70.0], {zoom}, {{animate: false}})")
    frame.wait_for_function(f"() => window.map.getZoom() === {zoom} && !window.map._animatingZoom", timeout=15_000)
    frame.wait_for_timeout(400)  # the placer runs 40 ms after the last move


def _open(page, url):
    page.goto(url)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-base-label').length > 50", timeout=30_000)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-marker').length > 0", timeout=30_000)
    return frame


def test_labels_never_overlap_each_other_or_a_symbol(watched_page, app_url):
    page, _ = watched_page
    frame = _open(page, app_url)
    for zoom in (5, 6, 7, 8):
        _settle(frame, zoom)
        frame.locator(".leaflet-container").screenshot(path=str(ARTIFACTS / f"basemap-labels-zoom{zoom}.png"))
        boxes = frame.evaluate(_LABEL_BOXES)
        labels = boxes["labels"]
        assert len(labels) >= 5, (zoom, labels)
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                assert not _overlap(a[1:], b[1:]), (zoom, a, b)
            for symbol in boxes["symbols"]:
                assert not _overlap(a[1:], symbol), (zoom, a, symbol)
            for dot in boxes["dots"]:  # a town's dot never prints over a name ("Du●hanbe")
                assert not _overlap(a[1:], dot), (zoom, a, dot)
        texts = {label[0] for label in labels}
        if zoom == 6:  # deeper in, the countries' label points leave the view
            assert "Tajikistan" in texts and "Afghanistan" in texts, texts


def test_placer_keeps_the_higher_priority_label(watched_page, app_url):
    page, _ = watched_page
    frame = _open(page, app_url)
    chosen = frame.evaluate("""() => L.atlasLabels.place([
        {priority: 4, candidates: [{x: 0, y: 0, w: 50, h: 10}]},
        {priority: 2, candidates: [{x: 10, y: 5, w: 50, h: 10}]},
        {priority: 5, candidates: [{x: 40, y: 0, w: 30, h: 10}, {x: 200, y: 0, w: 30, h: 10}]},
    ], [{x: 300, y: 0, w: 10, h: 10}], {x: 0, y: 0, w: 400, h: 100})""")
    assert chosen[0] is None and chosen[1] == {"x": 10, "y": 5, "w": 50, "h": 10}
    assert chosen[2] == {"x": 200, "y": 0, "w": 30, "h": 10}


def test_base_map_layers_and_controls(watched_page, app_url):
    page, _ = watched_page
    frame = _open(page, app_url)
    # Relief image from the app, admin-1 lines, rivers and lakes drawn, all switchable.
    frame.wait_for_function("() => document.querySelector('img.atlas-relief') && document.querySelector('img.atlas-relief').complete")
    assert frame.evaluate("() => document.querySelector('img.atlas-relief').naturalWidth") > 500
    control = frame.locator(".leaflet-control-layers").text_content()
    for name in ("Relief", "Provinces", "Rivers", "Lakes", "Place names"):
        assert name in control
    frame.wait_for_function("() => document.querySelectorAll('path[stroke=\"#3a7fbf\"]').length >= 5", timeout=15_000)
    # Admin-1 lines are clipped to a box: shown inside it, hidden where the view reaches past it
    # (a popup panned north had shown the clip as a straight dashed line along 46°N).
    admin1 = "() => [...document.querySelectorAll('path[stroke=\"#8c8275\"]')].map(p => p.style.display)"
    frame.wait_for_function(f"() => ({admin1})().length > 20", timeout=15_000)
    assert set(frame.evaluate(admin1)) == {""}
    frame.evaluate("() => window.map.setView([46.5, 66], 6, {animate: false})")
    frame.wait_for_timeout(400)
    assert set(frame.evaluate(admin1)) == {"none"}
    frame.evaluate("() => window.map.setView([38, 70], 7, {animate: false})")
    frame.wait_for_timeout(400)
    assert set(frame.evaluate(admin1)) == {""}
    # The view never shows empty grey beyond the base map: max bounds are set and the view stays inside.
    frame.evaluate("() => window.map.setZoom(0, {animate: false})")
    frame.wait_for_timeout(500)
    state = frame.evaluate("""() => { const m = window.map, b = m.options.maxBounds, v = m.getBounds();
        return [!!b && b.pad(0.001).contains(v), m.getZoom(), m.getMinZoom(), v.toBBoxString(), b && b.toBBoxString()]; }""")
    assert state[0], state
    # Nor past the base map's detail: the wheel had zoomed on to 52 (folium gave max_zoom to no layer).
    box = page.locator("iframe").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # The wheel alone scrolls the page and says how to zoom (atlas_gestures.js); with ctrl it zooms.
    zoom = frame.evaluate("() => window.map.getZoom()")
    page.mouse.wheel(0, -600)
    frame.wait_for_timeout(300)
    assert frame.evaluate("() => window.map.getZoom()") == zoom
    assert frame.evaluate("() => window.map.getContainer().classList.contains('leaflet-gesture-handling-scroll-warning')")
    page.keyboard.down("Control")
    for _ in range(12):
        page.mouse.wheel(0, -600)
        frame.wait_for_function("() => !window.map._animatingZoom")
    page.keyboard.up("Control")
    frame.wait_for_timeout(300)
    assert frame.evaluate("() => [window.map.getZoom(), window.map.getMaxZoom()]") == [12, 12]
    # Scale bar and attribution sit in Leaflet's corner, stacked: never on top of each other.
    frame.wait_for_timeout(300)
    rects = frame.evaluate("""() => ['.leaflet-control-scale', '.leaflet-control-attribution', '.leaflet-control-layers', '.atlas-legend']
        .map(s => document.querySelector(s)).filter(Boolean).map(el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })""")
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not _overlap(a, b), (a, b)


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_base_map_reads_at_each_size_and_theme(browser, app_url, size, theme):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, color_scheme=theme)
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url or "localhost" in route.request.url
                  or route.request.url.startswith(("data:", "blob:", "about:")) else route.abort())
    page = context.new_page()
    try:
        page.add_init_script(f"localStorage.setItem('stActiveTheme-/-v1', JSON.stringify({{name: '{theme.title()}'}}))")
        frame = _open(page, f"{app_url}/?years=1993")
        _settle(frame, 7)
        # Label text stays dark on its white halo and the layer control dark on white, whatever the theme.
        colours = frame.evaluate("""() => [getComputedStyle(document.querySelector('.atlas-label-country')).color,
                                           getComputedStyle(document.querySelector('.leaflet-control-layers')).color]""")
        for colour in colours:
            channels = [int(c) for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
            assert max(channels) < 120, colour
        frame.locator(".leaflet-container").screenshot(path=str(ARTIFACTS / f"basemap-{theme}-{size[0]}x{size[1]}.png"))
    finally:
        context.close()
