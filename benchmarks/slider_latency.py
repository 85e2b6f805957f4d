"""How long a person waits after moving the year slider until the map has changed.

Usage: python benchmarks/slider_latency.py [--runs 20]

Starts the app on a free port, opens it in Debian's Chromium with the whole
page live (map, chart, table), then moves the slider's first handle one year
right and back with the keyboard. For each move it measures, in the browser,
from the key press to the last change of the map's markers (a
MutationObserver in the map's iframe), and prints the median and spread.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from playwright.sync_api import sync_playwright  # noqa: E402

from atlas.devserver import start_app  # noqa: E402
from atlas.filters import Selection, select_events  # noqa: E402
from atlas.loading import load_dataset  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

OBSERVE = """() => {
    window.__changes = [];
    new MutationObserver(() => window.__changes.push(Date.now()))
        .observe(document.querySelector('.leaflet-marker-pane'), {childList: true});
}"""


def _expected(data, first):
    events = select_events(data.events, Selection(years=(first, data.years[1])))
    return sorted(events.loc[events["mapped"], "id"])


def _markers(frame):
    return sorted(frame.eval_on_selector_all(".atlas-marker svg[data-id]", "els => els.map(e => e.dataset.id)"))


def _wait_for(frame, expected, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _markers(frame) == expected:
            return
        time.sleep(0.005)
    raise TimeoutError("the map did not change")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    data = load_dataset()
    first = data.years[0]
    process, url = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            frame = None
            while frame is None:
                frame = next((f for f in page.frames if f.evaluate("() => !!(window.map && window.map._loaded)")), None)
                time.sleep(0.1)
            _wait_for(frame, _expected(data, first))
            frame.evaluate(OBSERVE)
            thumb = page.get_by_role("slider").first
            thumb.focus()
            waits = []
            for run in range(args.runs):
                key, year = ("ArrowRight", first + 1) if run % 2 == 0 else ("ArrowLeft", first)
                frame.evaluate("() => { window.__changes = []; }")
                pressed = page.evaluate("() => Date.now()")
                thumb.press(key)
                _wait_for(frame, _expected(data, year))
                time.sleep(0.3)  # let any late change land before reading the last one
                changes = frame.evaluate("() => window.__changes")
                waits.append(max(changes) - pressed)
            browser.close()
    finally:
        process.terminate()
    print(f"slider move -> map redrawn, {len(waits)} moves, built-in data ({len(data.events)} events)")
    print(f"median {statistics.median(waits):.0f} ms, min {min(waits):.0f} ms, max {max(waits):.0f} ms")


if __name__ == "__main__":
    main()
