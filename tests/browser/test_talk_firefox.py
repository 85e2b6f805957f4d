"""The talk file in Debian's Firefox ESR, from disk, every request recorded: it runs as in Chromium."""

import json
import time

import pytest

from atlas.view.filters import select_events
from atlas.seminar.story import chapter_selection, load_story
from atlas.seminar.talk import talk_html

from .conftest import ARTIFACTS, require_tool
from .firefox import Firefox, RecordingProxy, firefox_path

# Points carry their id, areas of vague places the ids of their events.
MARKERS = """return JSON.stringify([...document.querySelectorAll('.atlas-marker svg[data-id], .atlas-marker svg[data-ids]')]
  .flatMap(e => e.dataset.id ? [e.dataset.id] : e.dataset.ids.split(' ')).sort()) === arguments[0];"""
POSITION = "return [window.atlasTalk.current(), window.atlasTalk.part(), window.atlasTalk.parts()];"


@pytest.fixture(scope="module")
def firefox(tmp_path_factory):
    path = require_tool(firefox_path(), "Firefox not found (apt-get install firefox-esr, or set ATLAS_FIREFOX)")
    proxy = RecordingProxy()
    browser = Firefox(path, tmp_path_factory.mktemp("firefox-profile"), proxy)
    yield browser, proxy
    browser.close()
    proxy.close()


def test_talk_file_runs_in_firefox_from_disk_with_no_request(firefox, dataset, tmp_path):
    browser, proxy = firefox
    story = load_story(dataset)
    path = tmp_path / "talk.html"
    path.write_text(talk_html(dataset, story, embed=True), encoding="utf-8")
    before = len(proxy.page_requests())
    browser.navigate(path.as_uri())
    browser.wait_for("return !!(window.atlasTalk && window.atlasTalk.current() === 0);")
    assert browser.run("return window.atlasTalk.slides.filter(s => s.kind === 'chapter').length;") == len(story)
    assert browser.run("return document.querySelector('.talk-cover').innerText;").startswith("The Tajik civil war")
    for chapter in story:
        # Real key presses: through the pages of the chapter before, then to this chapter.
        for _ in range(12):
            browser.press("PageDown")
            if browser.run(POSITION)[0] == chapter.number:
                break
        assert browser.run(POSITION)[:2] == [chapter.number, 0]
        assert browser.run("return document.querySelector('.talk-title').textContent;") == chapter.title
        events = select_events(dataset.events, chapter_selection(chapter))
        expected = sorted(events.loc[events["mapped"], "id"])
        browser.wait_for(MARKERS, json.dumps(expected, separators=(",", ":")))
        # Every cited item on some page, and the column never scrolls (as in Chromium).
        shown, parts = [], browser.run(POSITION)[2]
        for part in range(parts):
            if part:
                browser.press("PageDown")
            assert browser.run("const t = document.querySelector('.talk-text'); "
                               "return t.scrollHeight <= t.clientHeight + 1;"), (chapter.number, part)
            shown += browser.run("return [...document.querySelectorAll('.talk-item:not([hidden])')]"
                                 ".map(e => e.dataset.id);")
        assert shown == list(chapter.highlight_events)
        if chapter.number == 1:
            browser.screenshot(ARTIFACTS / "talk-firefox-chapter-1.png")
    browser.press("PageDown")
    assert browser.run(POSITION)[0] == len(story) + 1
    assert "fn " in browser.run("return document.querySelector('.talk-cover').innerText;")
    browser.press("Home")
    assert browser.run(POSITION)[0] == 0
    assert proxy.page_requests()[before:] == []


def test_the_proxy_sees_a_page_that_asks_another_host(firefox, tmp_path):
    """The check above can fail: a page with an outside image and fetch is caught."""
    browser, proxy = firefox
    before = len(proxy.page_requests())
    page = tmp_path / "outside.html"
    page.write_text('<img src="http://tiles.example.invalid/1.png">'
                    '<script>fetch("https://cdn.example.invalid/a.js").catch(() => {})</script>', encoding="utf-8")
    browser.navigate(page.as_uri())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(proxy.page_requests()) < before + 2:
        time.sleep(0.1)
    hosts = " ".join(proxy.page_requests()[before:])
    assert "tiles.example.invalid" in hosts and "cdn.example.invalid" in hosts
