"""How long the room waits after "next chapter" until the new chapter is on screen.

Usage: python benchmarks/chapter_change.py [--runs 20]

Starts the app on a free port and opens the Seminar page in Debian's Chromium
at 1280x720 twice:

* present mode (``?present=1``): PageDown, as a presentation remote sends it;
* the page outside present mode (the baseline): a click on "Next".

For each change it measures, in the browser, from the key press or click to
the moment the new chapter's title and all of its markers are drawn (the
fly-to animation that follows is not counted: the content is already there),
and prints the median and spread of each.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from playwright.sync_api import sync_playwright  # noqa: E402

from atlas.devserver import start_app  # noqa: E402
from atlas.view.filters import select_events  # noqa: E402
from atlas.data.loading import load_dataset  # noqa: E402
from atlas.seminar.story import chapter_selection, load_story  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

# Sets window.__drawnAt to Date.now() once the map shows exactly `ids` and `title` is on the page.
WAIT_JS = """([ids, title, selector]) => {
    window.__drawnAt = null;
    const want = JSON.stringify(ids);
    function done() {
        // Points carry their id, areas of vague places the ids of their events.
        const drawn = [...document.querySelectorAll('.atlas-marker svg[data-id], .atlas-marker svg[data-ids]')]
            .flatMap(e => e.dataset.id ? [e.dataset.id] : e.dataset.ids.split(' ')).sort();
        const heading = document.querySelector(selector);
        return JSON.stringify(drawn) === want && heading && heading.textContent.includes(title);
    }
    (function poll() { if (done()) { window.__drawnAt = Date.now(); } else { requestAnimationFrame(poll); } })();
}"""
TITLE_JS = """t => {
    window.__titleAt = null;
    (function poll() {
        if ([...document.querySelectorAll('h1')].some(e => e.textContent.includes(t))) { window.__titleAt = Date.now(); }
        else { requestAnimationFrame(poll); }
    })();
}"""


def _when(frame, name):
    return frame.wait_for_function(f"() => window.{name}", timeout=30_000).json_value()


def _expected(data, chapter):
    events = select_events(data.events, chapter_selection(chapter))
    return sorted(events.loc[events["mapped"], "id"])


def _frame(page, test, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(test):
                    return frame
            except Exception:
                continue
        time.sleep(0.1)
    raise TimeoutError("the map was not drawn")


def _present(browser, url, data, story, runs):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{url}/Seminar?chapter=1&present=1")
    frame = _frame(page, "() => !!(window.atlasTalk && window.atlasTalk.current() === 1)")
    waits, number = [], 1
    for run in range(runs):
        number = number + 1 if number < len(story) else 1
        chapter = story[number - 1]
        if number == 1:
            page.keyboard.press("Home")
            page.keyboard.press("PageDown")
            frame.wait_for_function("() => window.atlasTalk.current() === 1")
            continue
        # A long chapter's cited items come a page at a time: go to its last page, so PageDown changes chapter.
        frame.evaluate("() => { while (atlasTalk.part() < atlasTalk.parts() - 1) { atlasTalk.step(1); } }")
        frame.evaluate(WAIT_JS, [_expected(data, chapter), chapter.title, ".talk-title"])
        pressed = page.evaluate("() => Date.now()")
        page.keyboard.press("PageDown")
        waits.append(_when(frame, "__drawnAt") - pressed)
    page.close()
    return waits


def _baseline(browser, url, data, story, runs):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{url}/Seminar?chapter=1")
    frame = _frame(page, "() => !!(window.map && window.map._loaded)")
    waits, number = [], 1
    for run in range(runs):
        step, number = (1, number + 1) if number < len(story) else (-1, number - 1)
        if step < 0:
            number = 1
            page.get_by_role("combobox").first.click()
            page.get_by_role("option", name=f"1. {story[0].title}").click()
            page.get_by_role("heading", name=f"1. {story[0].title}").wait_for()
            time.sleep(1)
            continue
        chapter = story[number - 1]
        # The title is in the app's page, the markers in the map's frame: wait for both.
        page.evaluate(TITLE_JS, f"{number}. {chapter.title}")
        frame.evaluate(WAIT_JS, [_expected(data, chapter), "", "body"])
        clicked = page.evaluate("() => Date.now()")
        page.get_by_role("button", name="Next").click()
        waits.append(max(_when(page, "__titleAt"), _when(frame, "__drawnAt")) - clicked)
        time.sleep(0.5)
    page.close()
    return waits


def _line(name, waits):
    return (f"{name}: {len(waits)} changes, median {statistics.median(waits):.0f} ms, "
            f"min {min(waits):.0f} ms, max {max(waits):.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    data = load_dataset()
    story = load_story(data)
    process, url = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            present = _present(browser, url, data, story, args.runs)
            baseline = _baseline(browser, url, data, story, args.runs)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    print(f"chapter change -> new title and markers drawn, {len(story)} chapters, 1280x720")
    print(_line("present mode, PageDown", present))
    print(_line("seminar page, Next button (baseline)", baseline))


if __name__ == "__main__":
    main()
