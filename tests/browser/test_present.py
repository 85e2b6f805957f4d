"""Present mode and the talk file in Chromium: fit at projector sizes, keys, full screen, contrast, offline."""

import time

import pytest

from atlas.view.filters import select_events
from atlas.seminar.story import chapter_selection, load_story
from atlas.seminar.talk import talk_html, talk_slides

from .conftest import ARTIFACTS

SIZES = [(1280, 720), (1920, 1080)]
SHOWN = {".talk-title": "title", ".talk-narrative": "narrative", ".atlas-legend": "legend",
         ".folium-map": "map", ".talk-source": "source line"}

# WCAG relative luminance and contrast of an element's text against the first opaque background behind it.
CONTRAST_JS = """
el => {
  function rgb(text) { return text.match(/[\\d.]+/g).map(Number); }
  function lum(c) {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  let bg = null, node = el;
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0.99) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(el).color), a = lum(fg), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


# The text column holds the narrative and the page of cited items shown, and does not scroll.
FITS_JS = """() => { const t = document.querySelector('.talk-text');
  return t.scrollHeight <= t.clientHeight + 1 && parseFloat(getComputedStyle(t.querySelector('.talk-narrative')).fontSize) > 0; }"""


def talk_frame(page, timeout=60):
    """Return the frame running the talk once it has shown its first slide."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => !!(window.atlasTalk && window.atlasTalk.current() >= 0)"):
                    return frame
            except Exception:
                continue
        page.wait_for_timeout(200)
    raise AssertionError("the talk was not drawn")


def _at(frame, index):
    frame.wait_for_function(f"() => window.atlasTalk.current() === {index}", timeout=10_000)


def _position(frame):
    """Return (slide, page of its cited items, how many pages it has)."""
    return tuple(frame.evaluate("() => [atlasTalk.current(), atlasTalk.part(), atlasTalk.parts()]"))


def _press_and_expect(page, frame, key):
    """Press a key; assert the talk took exactly one step: a page of items, else a slide."""
    slide, part, parts = _position(frame)
    page.keyboard.press(key)
    if key in ("Home", "End"):
        want = "0" if key == "Home" else "window.atlasTalk.slides.length - 1"
        frame.wait_for_function(f"() => atlasTalk.current() === {want} && atlasTalk.part() === 0", timeout=10_000)
        return
    forward = key in ("PageDown", "ArrowRight", "ArrowDown", "Space", "Enter")
    if forward:
        want = (slide, part + 1) if part < parts - 1 else (slide + 1, 0)
        frame.wait_for_function(f"() => atlasTalk.current() === {want[0]} && atlasTalk.part() === {want[1]}",
                                timeout=10_000)
    elif part > 0:
        frame.wait_for_function(f"() => atlasTalk.current() === {slide} && atlasTalk.part() === {part - 1}",
                                timeout=10_000)
    else:  # back to the slide before, at the last page of its items
        frame.wait_for_function(f"() => atlasTalk.current() === {slide - 1} && "
                                "atlasTalk.part() === atlasTalk.parts() - 1", timeout=10_000)


def _next_slide(page, frame):
    """Press PageDown until the talk leaves the slide it is on (through its pages of items)."""
    slide = _position(frame)[0]
    for _ in range(20):
        _press_and_expect(page, frame, "PageDown")
        if _position(frame)[0] != slide:
            return
    raise AssertionError(f"slide {slide} never ended")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_present_mode_fills_the_projector_without_scrolling(watched_page, app_url, width, height):
    page, _ = watched_page
    frame = _talk_at(page, app_url, 3, width, height)
    page.wait_for_timeout(1500)  # the fly-to settles
    assert page.evaluate("() => document.scrollingElement.scrollHeight <= innerHeight + 1")
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth + 1")
    assert frame.evaluate("() => document.scrollingElement.scrollHeight <= innerHeight + 1")
    assert page.locator("[data-testid='stSidebar']").evaluate("e => e.getBoundingClientRect().width === 0 || "
                                                              "getComputedStyle(e).display === 'none'")
    offset = frame.frame_element().bounding_box()
    for selector, what in SHOWN.items():
        box = frame.locator(selector).first.bounding_box()
        assert box is not None, f"no {what}"
        left, top = offset["x"] + box["x"], offset["y"] + box["y"]
        assert left >= -1 and top >= -1, what
        assert left + box["width"] <= width + 1 and top + box["height"] <= height + 1, f"{what} leaves the screen"
    scale = width / 1920
    title = frame.locator(".talk-title").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    narrative = frame.locator(".talk-narrative").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert title >= 40 * scale - 0.5 and narrative >= 24 * scale - 0.5
    quote = frame.locator(".talk-item:not([hidden]) .talk-quote").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)")
    assert quote >= 18 * scale - 0.5  # the evidence, not small print
    assert frame.evaluate(FITS_JS)
    # The narrative is read in full, not cut by the column.
    column = frame.locator(".talk-text").bounding_box()
    text = frame.locator(".talk-narrative").bounding_box()
    assert text["y"] + text["height"] <= column["y"] + column["height"] + 1
    page.screenshot(path=str(ARTIFACTS / f"present-{width}x{height}.png"))


def test_keys_move_through_chapters_also_after_a_click_in_the_map(watched_page, app_url, dataset):
    page, _ = watched_page
    frame = _talk_at(page, app_url, 1, 1280, 720)
    # The footer counts slides in words, apart from the header's chapter count.
    assert frame.locator(".talk-count").inner_text().startswith("slide 2 of ")
    frame.evaluate("() => { window.__notRemounted = true; }")
    # Each key takes one step: the next (or previous) page of a chapter's cited items, else a slide.
    for key in ["PageDown", "ArrowRight", "Space", "ArrowDown", "Enter", "PageDown", "PageDown",
                "PageUp", "ArrowLeft", "ArrowUp", "Shift+Space", "PageUp", "Home", "End", "Home"]:
        _press_and_expect(page, frame, key)
    _press_and_expect(page, frame, "PageDown")
    assert _position(frame)[:2] == (1, 0)
    # A click in the map gives it the focus; the keys must still move the talk.
    box = frame.locator(".folium-map").bounding_box()
    frame.locator(".folium-map").click(position={"x": box["width"] * 0.85, "y": box["height"] * 0.15})
    for key in ["PageDown", "ArrowRight", "Space", "PageDown", "PageUp", "ArrowLeft"]:
        _press_and_expect(page, frame, key)
    _next_slide(page, frame)
    slide = _position(frame)[0]
    page.wait_for_function(f"() => location.search.includes('chapter={slide}')", timeout=10_000)
    assert frame.evaluate("() => window.__notRemounted === true")  # the same map, never mounted anew


def test_the_address_names_the_slide_a_reload_brings_back(watched_page, app_url, dataset):
    # Home and End had left ?chapter= on the chapter before: a reload showed that chapter, not the slide on screen.
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=3&present=1")
    frame = talk_frame(page)
    _at(frame, 3)
    page.keyboard.press("Home")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('chapter')", timeout=10_000)
    assert "present=1" in page.url
    page.reload()
    _at(talk_frame(page), 0)  # the title slide, as shown before the reload
    page.keyboard.press("End")
    last = len(load_story(dataset))
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('chapter') === '{last}'", timeout=10_000)


def test_full_screen_holds_title_narrative_legend_and_map(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=2&present=1")
    frame = talk_frame(page)
    _at(frame, 2)
    page.keyboard.press("f")
    frame.wait_for_function("() => !!document.fullscreenElement", timeout=10_000)
    inside = frame.evaluate(
        "sels => sels.map(s => document.fullscreenElement.contains(document.querySelector(s)))", list(SHOWN))
    assert all(inside), dict(zip(SHOWN, inside))
    # The label follows the fullscreenchange event, which may come just after fullscreenElement is set.
    frame.wait_for_function("() => document.querySelector('.talk-full').textContent === 'Leave full screen'",
                            timeout=10_000)
    page.keyboard.press("f")
    frame.wait_for_function("() => !document.fullscreenElement", timeout=10_000)


def test_quotes_are_dark_enough_to_read(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=5&present=1")
    frame = talk_frame(page)
    _at(frame, 5)
    contrasts = frame.eval_on_selector_all(".talk-quote", f"els => els.map({CONTRAST_JS})")
    assert contrasts and min(contrasts) >= 7
    # The seminar page itself, outside present mode.
    page.goto(f"{app_url}/Seminar?chapter=5")
    quote = page.locator("[data-testid='stMarkdownContainer'] blockquote p").first
    quote.wait_for(timeout=30_000)
    assert quote.evaluate(CONTRAST_JS) >= 7


def test_leaving_present_mode_keeps_the_chapter(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=2&present=1")
    frame = talk_frame(page)
    _at(frame, 2)
    _next_slide(page, frame)
    _at(frame, 3)
    frame.get_by_role("button", name="Leave present mode").click()
    page.get_by_role("heading", name="3. Collective security").wait_for(timeout=30_000)
    assert "present" not in page.url
    page.get_by_text("Present", exact=True).click()
    _at(talk_frame(page), 3)


def test_back_leaves_present_mode_for_the_page_as_it_was(watched_page, app_url):
    # Back had left the slides on screen (chapter 6) under the address of the page before them (chapter 4).
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=4")
    page.get_by_role("heading", name="4. The 201st Division").wait_for(timeout=30_000)
    page.get_by_text("Present", exact=True).click()
    frame = talk_frame(page)
    _at(frame, 4)
    _next_slide(page, frame)
    _at(frame, 5)
    page.go_back()
    page.get_by_role("heading", name="4. The 201st Division").wait_for(timeout=30_000)
    assert "present" not in page.url and "chapter=4" in page.url
    assert page.get_by_text("Present", exact=True).is_visible()  # the page's own controls, not the slides
    # The chapter list says the same chapter as the heading (it had fallen back to chapter 1).
    chapter = page.locator(".st-key-chapter input")
    chapter.wait_for(timeout=30_000)
    assert chapter.input_value().startswith("4. The 201st Division")


def test_talk_file_works_from_disk_with_every_request_blocked(browser, dataset, tmp_path):
    story = load_story(dataset)
    slides = talk_slides(dataset, story)
    path = tmp_path / "talk.html"
    path.write_text(talk_html(dataset, story, embed=True), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    outside, errors = [], []

    def route(route):
        # Everything is blocked except the file itself: the page must need nothing else.
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.atlasTalk && window.atlasTalk.current() === 0")
    assert page.evaluate("() => window.atlasTalk.slides.filter(s => s.kind === 'chapter').length") == len(story)
    page.screenshot(path=str(ARTIFACTS / "talk-title.png"))
    for chapter in story:
        _next_slide(page, page.main_frame)
        assert _position(page.main_frame)[:2] == (chapter.number, 0)
        assert page.locator(".talk-title").inner_text() == chapter.title
        events = select_events(dataset.events, chapter_selection(chapter))
        expected = sorted(events.loc[events["mapped"], "id"])
        assert expected == slides[chapter.number]["markers"]
        # Points carry their id, areas of vague places the ids of their events.
        page.wait_for_function(
            """want => JSON.stringify([...document.querySelectorAll('.atlas-marker svg[data-id], .atlas-marker svg[data-ids]')]
                .flatMap(e => e.dataset.id ? [e.dataset.id] : e.dataset.ids.split(' ')).sort()) === JSON.stringify(want)""",
            arg=expected, timeout=10_000)
        page.wait_for_timeout(1300)  # the fly-to, for the picture
        page.screenshot(path=str(ARTIFACTS / f"talk-chapter-{chapter.number}.png"))
        # Framed on what the chapter cites, for the slide's map (not the window): none of its symbols is
        # cut by the map's edge (far places lie wholly outside, marked by chips on the edge).
        cut = page.evaluate("""cited => { const m = document.querySelector('.talk-map').getBoundingClientRect();
            return [...document.querySelectorAll('.atlas-marker svg[data-id], .atlas-marker svg[data-ids]')]
              .filter(e => (e.dataset.id ? [e.dataset.id] : e.dataset.ids.split(' ')).some(id => cited.includes(id)))
              .filter(e => { const b = e.getBoundingClientRect();
                             const meets = b.right > m.left && b.left < m.right && b.bottom > m.top && b.top < m.bottom;
                             const inside = b.left >= m.left - 1 && b.right <= m.right + 1 && b.top >= m.top - 1 && b.bottom <= m.bottom + 1;
                             return meets && !inside; })
              .map(e => e.dataset.id || e.dataset.ids); }""", list(chapter.highlight_events))
        assert cut == [], (chapter.number, cut)
        # Page by page, every cited item shows once, in the story's order, and the column never scrolls.
        shown = []
        for part in range(_position(page.main_frame)[2]):
            if part:
                _press_and_expect(page, page.main_frame, "PageDown")
            assert page.evaluate(FITS_JS), (chapter.number, part)
            shown += page.eval_on_selector_all(".talk-item:not([hidden])", "els => els.map(e => e.dataset.id)")
        assert shown == list(chapter.highlight_events)
    _press_and_expect(page, page.main_frame, "ArrowRight")
    assert _position(page.main_frame)[0] == len(story) + 1
    assert "fn " in page.locator(".talk-cover").inner_text()
    # The closing slide lies over the chapter's parts (never pushing them down) and leaves the buttons in reach.
    cover, foot = page.locator(".talk-cover").bounding_box(), page.locator(".talk-foot").bounding_box()
    assert cover["y"] <= 1 and abs(cover["y"] + cover["height"] - foot["y"]) <= 1 and foot["y"] + foot["height"] <= 721
    assert page.evaluate("() => { const c = document.querySelector('.talk-cover'); return c.scrollHeight <= c.clientHeight + 1; }")
    assert page.locator(".talk-notes > div").count() == len(slides[-1]["footnotes"])
    page.screenshot(path=str(ARTIFACTS / "talk-closing.png"))
    page.keyboard.press("Home")
    page.wait_for_function("() => window.atlasTalk.current() === 0")
    context.close()
    assert outside == [] and errors == []


def test_talk_file_on_a_phone_uses_the_whole_screen_and_its_buttons(browser, dataset, tmp_path):
    story = load_story(dataset)
    path = tmp_path / "talk.html"
    path.write_text(talk_html(dataset, story, embed=True), encoding="utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.atlasTalk && window.atlasTalk.current() === 0")
    # No keys on a phone: the title slide leaves Next in reach, the closing one Previous.
    page.locator(".talk-next").tap()
    page.wait_for_function("() => window.atlasTalk.current() === 1")
    stage = page.locator(".talk-stage").bounding_box()
    assert stage["width"] >= 389 and stage["height"] >= 843  # upright: map above text, not a letterbox
    mapbox, text = page.locator(".talk-map").bounding_box(), page.locator(".talk-text").bounding_box()
    assert mapbox["height"] >= 250 and text["y"] >= mapbox["y"] + mapbox["height"] - 1
    narrative = page.locator(".talk-narrative").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert narrative >= 14
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth + 1")
    # The source line whole, wrapped: cut to the width it had lost the footnotes the slide cites.
    assert page.locator(".talk-source").evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.textContent.includes('footnote')")
    page.screenshot(path=str(ARTIFACTS / "talk-phone-chapter-1.png"))
    page.evaluate("() => window.atlasTalk.show(window.atlasTalk.slides.length - 1)")
    assert page.locator(".talk-prev").is_visible() and page.locator(".talk-notes").is_visible()
    assert page.evaluate("() => { const c = document.querySelector('.talk-cover'); return c.getBoundingClientRect().top <= 1; }")
    page.screenshot(path=str(ARTIFACTS / "talk-phone-closing.png"))
    page.locator(".talk-prev").tap()
    page.wait_for_function("() => window.atlasTalk.current() === window.atlasTalk.slides.length - 2")
    context.close()


@pytest.mark.parametrize(("query", "said", "slide"), [
    ("chapter=99&present=1", "There is no chapter", 1),
    ("chapter=[x](http://evil.invalid/)&present=1", "evil.invalid", 1),
    ("chapter=<img src=http://evil.invalid/x.png>&present=1", "<img", 1),
    ("present=0&present=1&chapter=2", "present", 2),
])
def test_a_bad_address_in_present_mode_says_so_inside_the_talk(watched_page, app_url, query, said, slide):
    page, _ = watched_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/Seminar?{query}")
    frame = talk_frame(page)
    _at(frame, slide)
    notice = frame.locator(".talk-notice")
    notice.wait_for(timeout=10_000)
    assert said in notice.inner_text()  # the value quoted as text
    assert frame.locator(".talk-notice a, .talk-notice img").count() == 0
    # Nothing above the talk pushes its buttons off the screen.
    assert page.locator("[data-testid='stAlert']").count() == 0
    assert page.evaluate("() => document.scrollingElement.scrollHeight <= innerHeight + 1")
    offset = frame.frame_element().bounding_box()
    nxt = frame.locator(".talk-next").bounding_box()
    assert offset["y"] + nxt["y"] + nxt["height"] <= 721
    frame.get_by_role("button", name="Dismiss").click()
    assert frame.locator(".talk-notice").count() == 0


def test_the_notice_goes_at_the_next_step(watched_page, app_url):
    """Over the slide's title, a notice about the address hid every slide until dismissed."""
    page, _ = watched_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/Seminar?chapter=99&present=1")
    frame = talk_frame(page)
    _at(frame, 1)
    frame.locator(".talk-notice").wait_for(timeout=10_000)
    frame.locator(".talk-next").click()
    frame.locator(".talk-notice").wait_for(state="detached", timeout=5_000)


def test_present_mode_with_an_empty_chapter_opens_the_title_slide(watched_page, app_url):
    page, _ = watched_page
    page.goto(f"{app_url}/Seminar?chapter=&present=1")
    frame = talk_frame(page)
    _at(frame, 0)
    assert frame.locator(".talk-notice").count() == 0


@pytest.mark.parametrize("width, height, smallest", [(1920, 1080, 13), (1280, 720, 11)])
def test_place_names_grow_with_the_slide(watched_page, app_url, width, height, smallest):
    # At their screen sizes (11-13 px) the map's names were too small on a projector.
    page, _ = watched_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/Seminar?chapter=5&present=1")
    frame = talk_frame(page)
    frame.wait_for_function("() => [...document.querySelectorAll('.atlas-base-label')].some(e => e.style.display !== 'none')",
                            timeout=30_000)
    sizes = frame.eval_on_selector_all(".atlas-base-label", "els => els.filter(e => e.style.display !== 'none')"
                                       ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= smallest, sizes
    # A zone's second name (its modern name) and a stack's count grow too: they stayed 10 px on a projector.
    small = frame.eval_on_selector_all(".atlas-base-label small, .atlas-stack-count",
                                       "els => els.filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert small and min(small) >= (12 if width == 1920 else 10), small


def test_the_talk_fills_a_phone_screen_with_its_buttons_in_reach(watched_page, app_url):
    """On a 390x844 phone the talk began 48 px down (the chapter row above it), so Next lay below the screen."""
    page, _ = watched_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/Seminar?chapter=5&present=1")
    frame = talk_frame(page)
    _at(frame, 5)
    offset = frame.frame_element().bounding_box()
    assert offset["y"] <= 0.5 and offset["height"] <= 845, offset
    for button in (".talk-next", ".talk-leave"):
        box = frame.locator(button).bounding_box()
        assert offset["y"] + box["y"] + box["height"] <= 844, (button, box)


def _talk_at(page, app_url, chapter, width=390, height=844):
    """Open chapter ``chapter`` in present mode at ``width`` x ``height``; return the talk's frame on its slide."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/Seminar?chapter={chapter}&present=1")
    frame = talk_frame(page)
    _at(frame, chapter)
    return frame


def test_on_a_phone_a_slide_taller_than_its_column_says_more_lies_below(watched_page, app_url):
    """At 390x844 chapter 1's narrative fills the column: its first quote lay under the footer, and nothing said so."""
    page, _ = watched_page
    frame = _talk_at(page, app_url, 1)
    more = frame.locator(".talk-more")
    more.wait_for(state="visible", timeout=10_000)
    text_box = frame.locator(".talk-text").bounding_box()
    box = more.bounding_box()
    # Inside the text's own cell, clear of the footer's buttons.
    assert text_box["y"] <= box["y"] and box["y"] + box["height"] <= text_box["y"] + text_box["height"] + 1, (box, text_box)
    page.screenshot(path=str(ARTIFACTS / "present-phone-more-below.png"))
    for _ in range(6):
        if not more.is_visible():
            break
        more.click()
        page.wait_for_timeout(600)
    assert not more.is_visible()  # at the end of the column, the cue goes
    quote = frame.locator(".talk-item:not([hidden]) .talk-quote").first.bounding_box()
    assert quote["y"] >= text_box["y"] - 1 and quote["y"] + quote["height"] <= text_box["y"] + text_box["height"] + 1
    frame.locator(".talk-next").click()  # the next page of items starts at the top, with the cue again if needed
    assert frame.evaluate("() => document.querySelector('.talk-text').scrollTop") == 0


@pytest.mark.parametrize("width, height", SIZES)
def test_a_slide_that_fits_shows_no_scroll_cue(watched_page, app_url, width, height):
    page, _ = watched_page
    frame = _talk_at(page, app_url, 3, width, height)
    frame.wait_for_function(FITS_JS, timeout=10_000)
    assert not frame.locator(".talk-more").is_visible()


def test_enter_on_more_below_scrolls_instead_of_stepping(watched_page, app_url):
    page, _ = watched_page
    frame = _talk_at(page, app_url, 1)
    more = frame.locator(".talk-more")
    more.wait_for(state="visible", timeout=10_000)
    more.focus()
    page.keyboard.press("Enter")
    frame.wait_for_function("() => document.querySelector('.talk-text').scrollTop > 0", timeout=5_000)
    assert frame.evaluate("() => [window.atlasTalk.current(), window.atlasTalk.part()]") == [1, 0]


def test_on_a_phone_later_pages_of_cited_items_leave_out_the_narrative(watched_page, app_url):
    """Repeated on each page, chapter 1's narrative left room for one quote, below the fold: six pages of scrolling."""
    page, _ = watched_page
    frame = _talk_at(page, app_url, 1)
    assert frame.evaluate("() => atlasTalk.parts()") < 6
    hidden = "() => document.querySelector('.talk-narrative').hidden"
    assert not frame.evaluate(hidden)
    frame.locator(".talk-next").click()
    frame.wait_for_function("() => atlasTalk.part() === 1", timeout=5_000)
    assert frame.evaluate(hidden)
    assert frame.evaluate("() => { const t = document.querySelector('.talk-text'); return t.scrollHeight <= t.clientHeight + 1; }")
    page.screenshot(path=str(ARTIFACTS / "present-phone-page-2.png"))
    frame.locator(".talk-prev").click()
    frame.wait_for_function("() => atlasTalk.part() === 0", timeout=5_000)
    assert not frame.evaluate(hidden)


def test_on_a_projector_every_page_keeps_the_narrative(watched_page, app_url):
    page, _ = watched_page
    frame = _talk_at(page, app_url, 1, 1280, 720)
    for _ in range(frame.evaluate("() => atlasTalk.parts()") - 1):
        frame.locator(".talk-next").click()
        page.wait_for_timeout(300)
        assert not frame.evaluate("() => document.querySelector('.talk-narrative').hidden")
