"""Browser fixtures: the app on a free port, Debian's Chromium, the network blocked.

Every request to a host other than the local app is aborted and recorded; a
test fails if any was made or if the page logged a JavaScript error.
"""

import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from atlas.devserver import start_app
from atlas.paths import ROOT

IN_CI = os.environ.get("CI", "").lower() == "true"
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def _chromium_path():
    for candidate in (os.environ.get("ATLAS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def require_tool(path, message):
    """Return ``path`` (a browser, nginx); without it, fail in CI (a test must not pass there by skipping), else skip."""
    if path is None:
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def chromium_path():
    return require_tool(_chromium_path(), "Chromium not found (apt-get install chromium, or set ATLAS_CHROMIUM)")


@pytest.fixture(scope="session")
def app_url():
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "streamlit.log", "w") as log:
        process, url = start_app(log=log)
        yield url
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a test must check: requests that left the machine, JS errors."""

    def __init__(self):
        self.outside_requests = []
        self.js_errors = []
        self.probes = 0


# Opened at a page's own path (/Seminar), Streamlit's frontend first looks for its
# server under that path and gets a 404 before it finds the root: expected, not an error.
_STREAMLIT_PROBES = ("/_stcore/health", "/_stcore/host-config")


def _record_failure(response, watch):
    if response.status < 400:
        return
    path = urlparse(response.url).path
    if response.status == 404 and path.endswith(_STREAMLIT_PROBES) and not path.startswith("/_stcore"):
        watch.probes += 1
    else:
        watch.js_errors.append(f"HTTP {response.status} {response.url}")


@pytest.fixture
def watched_page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch = PageWatch()

    def route(route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            watch.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: watch.js_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watch.js_errors.append(str(error)))
    page.on("response", lambda response: _record_failure(response, watch))
    yield page, watch
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert watch.outside_requests == [], "the page reached outside the machine"
    errors = list(watch.js_errors)
    for _ in range(watch.probes):
        # The browser also logs each of Streamlit's probe 404s to the console.
        errors.remove(next(e for e in errors if e.startswith("Failed to load resource")))
    assert errors == [], "the page logged JavaScript errors or failed requests"


def map_frame(page, timeout=60):
    """Return the iframe holding the Leaflet map once the map has been drawn."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => !!(window.map && window.map._loaded)"):
                    return frame
            except Exception:
                continue
        page.wait_for_timeout(200)
    raise AssertionError("the map was not drawn")


def drawn_markers(frame):
    """Return the ids of the events drawn in the map now: points (``data-id``) and areas' members (``data-ids``)."""
    return frame.eval_on_selector_all(
        ".atlas-marker svg[data-id], .atlas-marker svg[data-ids]",
        "els => els.flatMap(e => e.dataset.id ? [e.dataset.id] : e.dataset.ids.split(' '))",
    )


def wait_for_markers(page, frame, expected, timeout=30):
    """Wait until the map shows exactly the markers ``expected`` (a set of ids)."""
    deadline = time.monotonic() + timeout
    shown = None
    while time.monotonic() < deadline:
        shown = drawn_markers(frame)
        if sorted(shown) == sorted(expected):
            return shown
        page.wait_for_timeout(100)
    raise AssertionError(f"map shows {len(shown)} markers, expected {len(expected)}: {sorted(set(shown) ^ set(expected))}")


def assert_area_symbols_whole_and_clear(frame):
    """Assert that every area symbol (a vague place's ring) is wholly in the map or wholly out of it, and clear of the controls."""
    frame.evaluate("() => new Promise(done => { const m = window.map; if (m._animatingZoom || m._flyToFrame) "
                   "{ m.once('moveend', () => done()); } else { done(); } })")
    frame.wait_for_timeout(300)  # a control added after the frame (the legend) re-places them on its resize
    boxes = frame.evaluate("""() => {
        const map = document.querySelector('.leaflet-container').getBoundingClientRect();
        const rel = e => { const r = e.getBoundingClientRect();
            return {x: r.left - map.left, y: r.top - map.top, w: r.width, h: r.height, text: e.textContent}; };
        return {map: {w: map.width, h: map.height},
                symbols: [...document.querySelectorAll('.atlas-area-marker svg')].map(rel),
                controls: [...document.querySelectorAll('.leaflet-control')].filter(e => e.offsetWidth).map(rel)}; }""")
    width, height = boxes["map"]["w"], boxes["map"]["h"]
    shown = []
    for box in boxes["symbols"]:
        inside = box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["w"] <= width and box["y"] + box["h"] <= height
        outside = box["x"] + box["w"] <= 0 or box["y"] + box["h"] <= 0 or box["x"] >= width or box["y"] >= height
        assert inside or outside, (box, width, height)
        shown += [box] if inside else []
    for box in shown:
        for control in boxes["controls"]:
            assert (box["x"] + box["w"] <= control["x"] or control["x"] + control["w"] <= box["x"]
                    or box["y"] + box["h"] <= control["y"] or control["y"] + control["h"] <= box["y"]), (box, control)
    return shown


class HeldServer:
    """The page's websocket to Streamlit, whose answers (and, with ``requests_held``, the page's requests) can be held back."""

    def __init__(self, page):
        self.held, self.queue = False, []
        self.requests_held, self.requests = False, []
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, ws):
        server = ws.connect_to_server()
        server.on_message(lambda message: self.queue.append((ws, message)) if self.held else ws.send(message))
        ws.on_message(lambda message: self.requests.append((server, message)) if self.requests_held
                      else server.send(message))

    def send_requests(self, order, page, gap_ms=300):
        """Send the held requests on in ``order`` (indexes into the held ones), ``gap_ms`` apart."""
        self.requests_held = False
        requests, self.requests = self.requests, []
        for index in order:
            server, message = requests[index]
            server.send(message)
            page.wait_for_timeout(gap_ms)

    def release(self, page=None, gap_ms=0):
        """Send the held answers on, ``gap_ms`` apart (``page`` waits between them) as a slow server would."""
        self.held = False
        queue, self.queue = self.queue, []
        for ws, message in queue:
            ws.send(message)
            if gap_ms:
                page.wait_for_timeout(gap_ms)
