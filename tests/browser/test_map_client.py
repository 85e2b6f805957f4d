"""The map's dynamic part in Chromium: framing, far items, legend, layout, popups, spiderfy, areas, moves."""

from collections import Counter
import json
import shutil

import geopandas as gpd
import pytest
import shapely

from atlas.devserver import start_app
from atlas.view.filters import Selection, select_events
from atlas.paths import GEODATA_DIR
from atlas.map.symbols import spider_offsets

from .conftest import ARTIFACTS, assert_area_symbols_whole_and_clear, map_frame, wait_for_markers


def _expected(dataset, **selection):
    selection.setdefault("years", dataset.years)
    events = select_events(dataset.events, Selection(**selection))
    return set(events.loc[events["mapped"], "id"])


def _settled(frame):
    frame.wait_for_function("() => window.map._atlas && window.map._atlas.applied && !window.map._animatingZoom"
                            " && !window.map._panAnim?._inProgress", polling=100, timeout=20_000)
    frame.wait_for_timeout(400)


def test_1993_opens_on_the_border_at_a_readable_zoom(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/?years=1993")
    frame = map_frame(page)
    _settled(frame)
    assert frame.evaluate("() => window.map.getZoom()") >= 6
    # The border line spans most of the map's width: it fills the map.
    share = frame.evaluate("""() => {
        const border = [...document.querySelectorAll('path[stroke="#111111"]')][0].getBoundingClientRect();
        const map = window.map.getContainer().getBoundingClientRect();
        return (Math.min(border.right, map.right) - Math.max(border.left, map.left)) / map.width;
    }""")
    assert share >= 0.5
    # No grey beyond the base map: the view stays inside its bounds.
    assert frame.evaluate("() => window.map.options.maxBounds.contains(window.map.getBounds())")


def test_far_items_sit_on_the_edge_and_fly_there(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/?layers=diplomacy")
    frame = map_frame(page)
    _settled(frame)
    chip = frame.locator("button.atlas-edge-marker", has_text="Moscow")
    assert chip.is_visible() and "Moscow" in chip.inner_text()
    assert frame.evaluate("() => window.map.getZoom()") >= 6
    # The chip sits on the map's edge and points the way.
    box = frame.evaluate("() => { const r = [...document.querySelectorAll('button.atlas-edge-marker')]"
                         ".find(b => b.textContent.includes('Moscow')).getBoundingClientRect();"
                         " return {x: r.x, y: r.y, width: r.width, height: r.height}; }")
    size = frame.evaluate("() => window.map.getSize()")
    assert box["x"] <= 12 or box["y"] <= 12 or box["x"] + box["width"] >= size["x"] - 12 or box["y"] + box["height"] >= size["y"] - 12
    # No chip lies on another (two far places in one direction: the country and a place in it).
    boxes = frame.evaluate("() => [...document.querySelectorAll('button.atlas-edge-marker')].filter(b => b.offsetParent)"
                           ".map(b => { const r = b.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]), (a, b)
    assert frame.evaluate("() => window.map.getPane('atlasRelief').style.opacity") == "1"
    chip.click()
    frame.wait_for_function("() => window.map.getCenter().lat > 50", polling=100, timeout=15_000)
    _settled(frame)
    assert not chip.is_visible()  # Moscow is in view now: its symbols show, not the chip
    # The relief covers Central Asia only: out here it has faded, so no hard-edged rectangle shows.
    assert frame.evaluate("() => window.map.getPane('atlasRelief').style.opacity") == "0"


def test_a_desktop_s_wider_view_keeps_the_relief(browser, app_url):
    # At 1600x1000 the view reached past the relief's bounds, and the relief faded out entirely.
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1", "http://localhost"))
                  else route.abort())
    page = context.new_page()
    page.goto(app_url)
    frame = map_frame(page)
    _settled(frame)
    theatre = json.loads((GEODATA_DIR / "theatre.geojson").read_text(encoding="utf-8"))["features"][0]["properties"]
    reaches_past = "bounds => !L.latLngBounds(bounds).contains(window.map.getBounds())"
    assert frame.evaluate(reaches_past, theatre["relief_bounds"])  # the view does reach past the relief
    assert frame.evaluate("() => window.map.getPane('atlasRelief').style.opacity") == "1"
    mask = frame.evaluate("() => { const s = getComputedStyle(document.querySelector('img.atlas-relief'));"
                          " return s.maskImage || s.webkitMaskImage; }")
    assert "linear-gradient" in mask  # its edges feathered
    context.close()


def test_full_screen_keeps_the_legend(watched_page, app_url):
    page, _ = watched_page
    page.goto(app_url)
    frame = map_frame(page)
    _settled(frame)
    frame.locator(".leaflet-control-zoom-fullscreen").click()
    frame.wait_for_function("() => document.fullscreenElement !== null", timeout=10_000)
    assert frame.evaluate("() => !!document.fullscreenElement.querySelector('#atlas-legend')")
    frame.evaluate("() => document.exitFullscreen()")


def test_legend_is_dark_on_light_whatever_the_theme(watched_page, app_url):
    page, _ = watched_page
    page.goto(app_url)
    frame = map_frame(page)
    _settled(frame)
    colours = frame.evaluate("""() => {
        document.body.style.color = 'rgb(250, 250, 250)';  // what a dark theme does to the component's text
        const legend = document.querySelector('#atlas-legend');
        const row = legend.querySelector('.atlas-legend-row span');
        return [getComputedStyle(legend).backgroundColor, getComputedStyle(row).color];
    }""")
    assert colours == ["rgb(255, 255, 255)", "rgb(26, 26, 26)"]


@pytest.mark.parametrize("size, max_top, min_visible, query", [
    ((1280, 720), 200, 450, ""), ((390, 844), 700, 140, ""),
    ((1280, 720), 200, 450, "?event=E029"),  # a link's notice had pushed the map to 222 px
])
def test_map_comes_first_and_popups_fit_it(browser, app_url, size, max_top, min_visible, query):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(app_url + query)
    frame = map_frame(page)
    _settled(frame)
    box = page.locator("iframe").first.bounding_box()
    assert box["y"] <= max_top
    assert min(box["y"] + box["height"], size[1]) - box["y"] >= min_visible
    # Nothing under Streamlit's header bar (white on a phone): the headline's top half was hidden there.
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    headline = page.get_by_text("Tajik Border Atlas", exact=True).first.bounding_box()
    assert headline["y"] >= header["y"] + header["height"], (headline, header)
    frame.locator('.atlas-marker svg[data-ids~="E029"]').click()
    popup = frame.locator(".leaflet-popup")
    popup.wait_for(timeout=10_000)
    assert popup.bounding_box()["width"] <= frame.evaluate("() => window.map.getSize().x")
    # Clear of the map's corner controls (zoom, full screen, layers), so no letter is hidden under a button.
    frame.wait_for_timeout(600)  # Leaflet's pan into view
    clash = frame.evaluate("""() => { const p = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
        return [...document.querySelectorAll('.leaflet-top .leaflet-control')].map(c => c.getBoundingClientRect())
            .filter(c => c.width && p.left < c.right && c.left < p.right && p.top < c.bottom && c.top < p.bottom).length; }""")
    assert clash == 0
    if size[0] < 600:
        assert not frame.evaluate("() => document.querySelector('#atlas-legend details').open")  # folded on a phone
    page.screenshot(path=str(ARTIFACTS / f"map-{size[0]}x{size[1]}{'-link' if query else ''}.png"))
    context.close()


def test_a_tap_on_a_phone_opens_the_popup_without_leaving_a_tooltip(browser, app_url):
    # Leaflet opens a symbol's tooltip on a tap too; no pointer ever left the symbol to close it, so
    # it stayed over the map beside the popup (a newcomer's report).
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(app_url + "?years=1993")
    frame = map_frame(page)
    _settled(frame)
    frame.locator('.atlas-marker svg[data-ids~="E029"]').tap()
    frame.locator(".leaflet-popup").wait_for(timeout=10_000)
    frame.wait_for_timeout(300)
    assert frame.locator(".leaflet-tooltip").count() == 0
    context.close()


def test_a_new_search_frames_what_it_found(watched_page, app_url):
    # The hits of a search could lie outside the view (a newcomer searched for Kunduz and saw the whole theatre).
    page, _ = watched_page
    page.goto(app_url)
    frame = map_frame(page)
    _settled(frame)
    zoom = "() => window.map.getZoom()"
    wide = frame.evaluate(zoom)
    search = page.get_by_role("textbox", name="Search")
    search.fill("Kunduz")
    search.press("Enter")
    frame.wait_for_function(f"() => window.map.getZoom() > {wide}", polling=100, timeout=20_000)
    search.fill("")
    search.press("Enter")
    frame.wait_for_function(f"() => window.map.getZoom() === {wide}", polling=100, timeout=20_000)


def test_moves_redraw_exactly_the_selection_and_release_old_layers(watched_page, app_url, dataset):
    page, _ = watched_page
    page.goto(app_url)
    frame = map_frame(page)
    wait_for_markers(page, frame, _expected(dataset))
    thumb = page.get_by_role("slider").first
    thumb.focus()
    first, heaps = dataset.years[0], []
    for move in range(12):
        key, year = ("ArrowRight", first + 1) if move % 2 == 0 else ("ArrowLeft", first)
        thumb.press(key)
        wait_for_markers(page, frame, _expected(dataset, years=(year, dataset.years[1])))
        # The map draws a move before the server answers; the next key waits for the answer, whose
        # feature groups are counted below.
        written = "null" if year == dataset.years[0] else f"'{year}-{dataset.years[1]}'"
        page.wait_for_function(f"() => new URLSearchParams(location.search).get('years') === {written}", timeout=30_000)
        # streamlit-folium keeps every feature group it ever added; the atlas lets the replaced ones go.
        assert frame.evaluate("() => window.feature_group.length") == 1
        heaps.append(frame.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0"))
    print("JS heap over moves (MB):", [round(h / 1e6, 1) for h in heaps])


def test_spiderfy_spreads_a_place_on_click(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/?layers=diplomacy")
    frame = map_frame(page)
    _settled(frame)
    frame.evaluate("() => window.map.setView([38.536, 68.779], 8, {animate: false})")  # Dushanbe
    _settled(frame)
    stack = frame.evaluate("""() => window.map._atlas.stacks
        .filter(s => s.rows.length > 1 && window.map.getBounds().contains(s.latlng))
        .map(s => s.markers.map(m => window.map._atlas.records.events.id[m._atlasRow]))""")
    assert stack, "no place with several facts"
    ids = stack[0]

    def spots():
        return frame.evaluate("""(ids) => ids.map(id => {
            const r = document.querySelector(`.atlas-marker svg[data-id="${id}"]`).getBoundingClientRect();
            return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
        })""", ids)

    assert len({tuple(s) for s in spots()}) == 1  # stacked on the place
    frame.locator(f'.atlas-marker svg[data-id="{ids[-1]}"]').click(force=True)
    frame.wait_for_timeout(300)
    spread = spots()
    assert len({tuple(s) for s in spread}) == len(ids)  # each fact on its own spot
    # The browser's offsets are the ones atlas.map.symbols.spider_offsets gives (linear, deterministic).
    for count in (3, 8, 9, 200):
        js = frame.evaluate("(n) => Atlas.spiderOffsets(n, 16 * 1.4)", count)
        assert all(abs(a - b) <= 0.11 for p, q in zip(js, spider_offsets(count, 16 * 1.4)) for a, b in zip(p, q))
    # A click on a spread fact opens its popup.
    frame.locator(f'.atlas-marker svg[data-id="{ids[0]}"]').click(force=True)
    frame.locator(f'.leaflet-popup-content [data-id="{ids[0]}"]').wait_for(timeout=10_000)
    # The number badge spreads the stack too: a reviewer clicked the "5" and saw nothing happen.
    frame.evaluate("() => window.map.closePopup()")
    frame.evaluate("() => window.map.fire('click')")  # gathers the stack again
    frame.wait_for_timeout(300)
    assert len({tuple(s) for s in spots()}) == 1
    badge = frame.locator(".atlas-stack .atlas-stack-count", has_text=str(len(ids))).first
    assert "click to spread" in badge.get_attribute("title")
    badge.click()  # a real click, where the reader's pointer lands: nothing may be on top of the badge
    frame.wait_for_timeout(300)
    assert len({tuple(s) for s in spots()}) == len(ids)


# ---- vague places drawn as areas, with a temporary areas.geojson (geodata builds the real one) ----

def _temporary_areas(folder):
    """Write areas.geojson from the zones, the border and the countries, as geodata's contract describes."""
    zones = gpd.read_file(folder / "zones.geojson").set_index("id").geometry
    countries = gpd.read_file(folder / "countries.geojson").set_index("name").geometry
    border = gpd.read_file(folder / "border.geojson").geometry.iloc[0]
    shapes = {
        "kulyab_oblast": ("admin1", "Kulyab oblast (1992)", zones["kulyab_oblast"]),
        "kunduz_province": ("admin1", "Kunduz province", zones["kunduz"]),
        "takhar_province": ("admin1", "Takhar province", zones["takhar"]),
        "northern_afghanistan": ("region", "northern Afghanistan", zones["kunduz"].union(zones["takhar"])),
        "southern_tajikistan": ("region", "southern Tajikistan", zones["kulyab_oblast"].union(zones["kurgan_tyube_oblast"])),
        "tajik_afghan_border": ("border", "Tajik-Afghan border", border),
        "tajikistan": ("country", "Tajikistan", countries["Tajikistan"]),
        "afghanistan": ("country", "Afghanistan", countries["Afghanistan"]),
    }
    # The other vague places keep their real areas: the loader names a vague place with none (R38).
    shipped = json.loads((folder / "areas.geojson").read_text(encoding="utf-8"))["features"]
    features = [f for f in shipped if f["properties"]["place_id"] not in shapes]
    for place_id, (kind, name, geometry) in shapes.items():
        point = geometry.interpolate(0.5, normalized=True) if kind == "border" else geometry.representative_point()
        features.append({"type": "Feature", "geometry": shapely.geometry.mapping(geometry),
                         "properties": {"place_id": place_id, "area_kind": kind, "name": name,
                                        "label_lat": round(point.y, 4), "label_lon": round(point.x, 4)}})
    (folder / "areas.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))


@pytest.fixture(scope="module")
def app_with_areas(tmp_path_factory, monkeypatch_module):
    folder = tmp_path_factory.mktemp("geodata")
    shutil.copytree(GEODATA_DIR, folder, dirs_exist_ok=True)
    _temporary_areas(folder)
    monkeypatch_module.setenv("ATLAS_GEODATA_DIR", str(folder))
    with open(ARTIFACTS / "streamlit-areas.log", "w") as log:
        process, url = start_app(log=log)
        yield url
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_vague_places_are_drawn_as_their_areas(browser, app_with_areas, dataset):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{app_with_areas}/?years=1993")
    frame = map_frame(page)
    wait_for_markers(page, frame, _expected(dataset, years=(1993, 1993)))
    _settled(frame)
    assert frame.locator("path.atlas-area").count() >= 2  # provinces and countries tinted
    assert frame.locator("path.atlas-area-border").count() == 1  # the border as a highlight along the line
    # One clickable symbol per area, with its number of facts; its popup lists them all with quotes.
    border_ids = set(dataset.events.loc[(dataset.events["place_id"] == "tajik_afghan_border")
                                        & dataset.events["id"].isin(_expected(dataset, years=(1993, 1993))), "id"])
    symbol = frame.locator(f'svg.atlas-area-symbol[data-ids~="{sorted(border_ids)[0]}"]')
    assert set(symbol.get_attribute("data-ids").split()) == border_ids
    # Facts of several sides are never given one side's colour: the ring is split, one arc per side by count.
    side_of = dict(zip(dataset.actors["id"], dataset.actors["side"]))
    rows = dataset.events[dataset.events["id"].isin(border_ids)]
    sides = Counter(side_of.get(ids[0], "no actor named") if len(ids) else "no actor named" for ids in rows["actor_ids"])
    assert len(sides) > 1, sides  # the data's border facts are mixed: the case this checks
    shown = dict(part.rsplit(":", 1) for part in symbol.get_attribute("data-sides").split(";"))
    assert {name: int(count) for name, count in shown.items()} == dict(sides)
    assert symbol.locator("path[data-side]").count() == len(sides)
    symbol.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert popup.locator(".atlas-fact").count() == len(border_ids)
    assert popup.locator(".atlas-quote").count() == len(border_ids)
    # In words: "(border)" or "(admin1)" after the place's name read as jargon.
    assert "only somewhere along the border, not at a point" in popup.locator(".atlas-prec").first.text_content()
    page.screenshot(path=str(ARTIFACTS / "map-areas-1993.png"))
    context.close()
    assert errors == []


def _overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720), (390, 844)])
@pytest.mark.parametrize("query", ["?years=1993", ""])
def test_two_far_places_in_one_direction_get_two_readable_chips(watched_page, app_url, size, query):
    page, _ = watched_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/{query}")  # "Afghanistan" (the country) and a place known only as in it, both south-west
    frame = map_frame(page)
    _settled(frame)
    rects = "els => els.filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"
    boxes = frame.eval_on_selector_all("button.atlas-edge-marker", rects)
    symbols = frame.eval_on_selector_all(".atlas-marker", rects)
    controls = frame.eval_on_selector_all(".leaflet-control", rects)  # the legend is drawn after the frame
    map_size = frame.evaluate("() => window.map.getSize()")
    # Moscow and Afghanistan (flows that end at the country's point), both north-west or south-west of the
    # frame. (Afghan-wide events made a second "Afghanistan" chip until 2026-12-04: the country reaches into
    # the theatre, so their symbol is on the map, not pointed at.)
    assert len(boxes) >= 2
    assert sum("Afghanistan" in text for text in frame.eval_on_selector_all(
        "button.atlas-edge-marker", "els => els.map(e => e.textContent)")) <= 1
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[0] + a[2] <= map_size["x"] and 0 <= a[1] and a[1] + a[3] <= map_size["y"], a
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (a, b)
        # A chip over a symbol took its click (Afghanistan's own symbol under "Afghanistan · 4").
        assert not [s for s in symbols if _overlap(a, s)], a
        assert not [c for c in controls if _overlap(a, c)], a


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_every_flow_arrowhead_lies_on_its_line(browser, app_url, size):
    # Placed along latitude and longitude, the heads of the long lines from Moscow fell 17-21 px
    # beside them, one on no line at all in Uzbekistan (a newcomer's report, 2026-12-05).
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(app_url)
    frame = map_frame(page)
    _settled(frame)
    off = frame.evaluate("""() => { const map = window.map, out = [];
        map._atlas.flows.eachLayer(group => {
            const [line, head] = group.getLayers(), pts = line.getLatLngs().map(p => map.latLngToLayerPoint(p));
            const h = map.latLngToLayerPoint(head.getLatLng());
            let best = Infinity;
            for (let i = 1; i < pts.length; i++) {
                const a = pts[i - 1], d = pts[i].subtract(a), len = d.x * d.x + d.y * d.y || 1;
                const t = Math.max(0, Math.min(1, ((h.x - a.x) * d.x + (h.y - a.y) * d.y) / len));
                best = Math.min(best, Math.hypot(a.x + t * d.x - h.x, a.y + t * d.y - h.y));
            }
            if (best > 1.5) { out.push([group._atlasId, best]); }
        });
        return out; }""")
    assert off == []
    context.close()


def test_many_points_are_drawn_on_one_canvas_and_still_open_popups(watched_page, app_url, dataset):
    # The built-in data are under Atlas.DOM_LIMIT; lowered here, the next selection takes the canvas path
    # that large datasets take (benchmarks/sizes.py measures it at 1,000 to 100,000 events).
    page, _ = watched_page
    page.goto(app_url)
    frame = map_frame(page)
    _settled(frame)
    frame.evaluate("() => { Atlas.DOM_LIMIT = 5; }")
    thumb = page.get_by_role("slider").first
    thumb.focus()
    thumb.press("ArrowRight")  # 1993-1997: a new selection, drawn again
    expected = _expected(dataset, years=(1993, dataset.years[1]))
    frame.wait_for_function("() => document.querySelectorAll('.atlas-marker svg[data-id]').length === 0", timeout=20_000)
    frame.wait_for_function(f"() => new Set(window.atlasShown(window.map).events).size === {len(expected)}", timeout=20_000)
    assert set(frame.evaluate("() => window.atlasShown(window.map).events")) == expected
    boxes = frame.evaluate("() => window.atlasSymbolBoxes(window.map)")
    assert len(boxes) >= 5  # the canvas's symbols are obstacles for the labels too
    # A click on a canvas symbol opens its popup with its quote.
    target = next(b for b in boxes if b.get("id") in expected and not b.get("ids"))
    frame.locator(".leaflet-container").click(position={"x": target["x"] + target["w"] / 2, "y": target["y"] + target["h"] / 2})
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert popup.locator(".atlas-quote").count() >= 1


def test_clicking_a_zone_draws_no_focus_box(watched_page, app_url):
    # Chromium outlined the clicked zone's whole bounding box (a black line down the map
    # along the border's box; Leaflet#8659). Keyboard focus keeps its ring (:focus-visible).
    page, _ = watched_page
    page.goto(f"{app_url}/?years=1993")
    frame = map_frame(page)
    _settled(frame)
    spot = frame.evaluate("""() => {
        const paths = [];
        window.map.eachLayer(l => { if (l._path && l.getTooltip && l.getTooltip()) paths.push(l._path); });
        const map = window.map.getContainer().getBoundingClientRect();
        for (let y = map.top + 60; y < map.bottom - 60; y += 15)
            for (let x = map.left + 60; x < map.right - 60; x += 15)
                if (paths.includes(document.elementFromPoint(x, y))) return {x, y, zones: paths.length};
        return null;
    }""")
    assert spot and spot["zones"] > 0, "no clickable zone on the map"
    box = page.locator("iframe[title*=folium]").first.bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    focused = frame.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, outline: getComputedStyle(e).outlineStyle, width: getComputedStyle(e).outlineWidth}; }""")
    assert focused["tag"] == "path", focused  # the click reached a zone
    assert focused["outline"] == "none" or focused["width"] == "0px", focused


@pytest.mark.parametrize("query", ["?years=1993", ""])
def test_area_symbols_step_off_other_symbols(watched_page, app_url, query):
    # An area's symbol may stand anywhere in its area: two rings lay on each other near Bokhtar.
    page, _ = watched_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/{query}")
    frame = map_frame(page)
    _settled(frame)
    frame.evaluate("() => window.map.setZoom(7, {animate: false})")
    _settled(frame)
    overlaps = frame.evaluate("""() => {
        const boxes = [...document.querySelectorAll('.atlas-marker')].map(e => [e.classList.contains('atlas-area-marker'), e.getBoundingClientRect()]);
        const out = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const [ai, a] = boxes[i], [aj, b] = boxes[j];
            if ((ai || aj) && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                out.push([a.x, a.y, b.x, b.y]);
        }
        return out;
    }""")
    assert overlaps == []
    # Every area symbol still stands inside its area (one of its own points, or a point of the view inside its polygon).
    inside = frame.evaluate("""() => window.map._atlas.shownAreas.every(s => { const at = s.marker.getLatLng();
        return s.spots.some(p => p.equals(at)) || (s.polygon && window.Atlas.inPolygon(s.polygon, at.lng, at.lat)); })""")
    assert inside


@pytest.mark.parametrize("query, size", [("?years=1996", (1280, 720)), ("?event=E029", (1280, 720)),
                                         ("?event=E001", (390, 844))])
def test_area_symbols_are_never_cut_on_the_map_page(browser, app_url, query, size):
    # A reviewer found the Khozdeh ring cut in half at the left edge (1996), a ring under the
    # Legend button (E029) and one cut at a phone map's bottom edge (E001).
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{app_url}/{query}")
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-area-marker').length > 0", timeout=30_000)
    _settled(frame)
    assert_area_symbols_whole_and_clear(frame)
    context.close()


@pytest.mark.parametrize("twins", ["served", "missing"])
def test_the_map_takes_its_files_packed_and_falls_back_to_them_unpacked(browser, app_url, dataset, twins):
    # Outlines, place names, records and popup text come as their gzip twins, which the app's static route
    # sends as they are (atlas_fetch.js); a browser that cannot have them gets the files themselves.
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    asked, errors = [], []

    def route(request_route):
        url = request_route.request.url
        if not url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")):
            errors.append(f"outside: {url}")
            request_route.abort()
        elif twins == "missing" and url.endswith(".gz"):
            request_route.fulfill(status=404, body="")
        else:
            request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: asked.append(request.url) if "/app/static/" in request.url
            and request.url.split("?")[0].endswith((".json", ".geojson", ".gz")) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{app_url}/?years=1993")
    frame = map_frame(page)
    wait_for_markers(page, frame, _expected(dataset, years=(1993, 1993)))
    frame.locator('.atlas-marker svg[data-ids~="E029"]').click()
    frame.locator(".leaflet-popup .atlas-quote").first.wait_for(timeout=10_000)
    context.close()
    names = [url.rsplit("/", 1)[1] for url in asked]
    files = ("countries.geojson", "admin1.geojson", "labels.geojson", "atlas-")
    if twins == "served":
        assert all(name.endswith(".gz") for name in names), names
        assert all(any(n.startswith(f) for n in names) for f in files), names
        assert any(n.endswith("-text.json.gz") for n in names)  # the popup's text too
    else:
        plain = [n for n in names if not n.endswith(".gz")]
        assert all(any(n.startswith(f) for n in plain) for f in files) and any(n.endswith("-text.json") for n in plain)
    assert len(names) == len(set(names)), "a file was asked for twice"
    assert errors == []
