"""What the benchmarks share: a measured app server, a network-blocked Chromium, a probe in the map's iframe.

Nothing here is a test: the scripts beside it print figures and write them to
``benchmarks/out/*.json``. Everything runs on 127.0.0.1, bounded in count and
time, and stops what it starts.

How a slider move is timed, the same way for every app: an init script in each
iframe logs, in wall-clock milliseconds, every change a reader could see on the
map (a change to the map's DOM, which holds its symbols, lines, labels and
controls; a 2D canvas being cleared; a WebGL draw) and the animation frame after
it. The folded layer control is left out: streamlit-folium builds it anew on
every run, changing no pixel. (Until 2026-12-04 a message reaching the
component and Leaflet adding or removing any layer, even an empty one, counted
too: that timed the server's answer, not the map, and could not show a map
that redraws before the server answers.) A move
ends when the server has sent ``script_finished`` and the log has been quiet
for ``QUIET_MS``; its latency is the last logged change minus the key press.
"""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.devserver import free_port, wait_until_up  # noqa: E402

__all__ = [
    "ROOT", "OUT", "APPS", "CHROMIUM", "Server", "Browser", "machine", "summary", "write_result", "cpu_seconds", "rss_mb",
]

OUT = ROOT / "benchmarks" / "out"
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic", "--enable-precise-memory-info"]
APPS = {
    "atlas": "app.py",
    "bare": "benchmarks/apps/bare.py",
    "naive": "benchmarks/apps/naive.py",
    "fastcluster": "benchmarks/apps/fastcluster.py",
}
QUIET_MS = 400
NO_CHANGE_MS = 10_000
_TICKS = os.sysconf("SC_CLK_TCK")

PROBE = r"""
(() => {
  if (window === window.top) return;
  const log = [];
  window.__mapLog = log;
  let frameAsked = false;
  const mark = () => {
    log.push(Date.now());
    if (!frameAsked) {
      frameAsked = true;
      requestAnimationFrame(() => { frameAsked = false; log.push(Date.now()); });
    }
  };
  const wrap = (proto, name) => {
    if (!proto || !proto[name] || proto[name].__probed) return;
    const original = proto[name];
    const wrapped = function (...args) { mark(); return original.apply(this, args); };
    wrapped.__probed = true;
    proto[name] = wrapped;
  };
  wrap(window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype, "clearRect");
  for (const gl of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (gl) { wrap(gl.prototype, "drawArrays"); wrap(gl.prototype, "drawElements"); }
  }
  // What a reader sees change: the map's DOM (symbols, lines, labels, chips, legend), but not the
  // folded layer control, which streamlit-folium builds anew on every run without a pixel's difference.
  const element = (node) => node && (node.nodeType === 1 ? node : node.parentElement);
  const layerControl = (node) => !!(element(node) && element(node).closest(".leaflet-control-layers"));
  const seen = (record) => {
    const target = element(record.target);
    if (!target || !target.closest(".leaflet-container") || layerControl(target)) return false;
    if (record.type !== "childList") return true;
    // A corner of controls gaining or losing the layer control only (removed nodes are detached: test them alone).
    return [...record.addedNodes, ...record.removedNodes].some((node) => !layerControl(node));
  };
  const observer = new MutationObserver((records) => { if (records.some(seen)) mark(); });
  // Observed again and again (the same observer on the same node is a no-op): the component's
  // page rewrites its document after this script runs, which drops the first registration.
  const observe = () => observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  observe();
  setInterval(observe, 50);
  window.__mapErrors = [];
  window.addEventListener("error", (e) => window.__mapErrors.push(String(e.message)));
})();
"""


def machine():
    """Return the date, CPU, core count and memory of this machine, for the figures' caption."""
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    load = os.getloadavg()[0]
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpu": cpu, "cores": os.cpu_count(),
            "memory_mb": memory, "load_1min": round(load, 2), "python": platform.python_version()}


def cpu_seconds(pid):
    """Return the user + system CPU time, in seconds, that process ``pid`` has used (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def rss_mb(pid):
    """Return the resident memory of process ``pid`` in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def summary(values):
    """Return median, p95, min and max of ``values`` (None when empty), rounded."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"median": round(statistics.median(values), 1), "p95": round(p95, 1), "min": round(values[0], 1),
            "max": round(values[-1], 1), "n": len(values)}


def write_result(name, result):
    """Write ``result`` with the machine's caption to ``benchmarks/out/<name>.json``; return the path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **result}, indent=2, default=str))
    return path


class Server:
    """One ``streamlit run`` of an app on a free port, with its CPU time and memory readable.

    Parameters
    ----------
    app : str
        A key of :data:`APPS` or a script path relative to the project.
    data_dir : path-like, optional
        Passed as ``ATLAS_DATA_DIR``.
    options : dict, optional
        Extra ``--section.option value`` flags, e.g. ``{"runner.postScriptGC": "false"}``.
    """

    def __init__(self, app="atlas", data_dir=None, options=None, port=None):
        self.script = APPS.get(app, app)
        self.data_dir = data_dir
        self.options = options or {}
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.started = None

    def start(self, wait=True, timeout=180):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if self.data_dir:
            env["ATLAS_DATA_DIR"] = str(self.data_dir)
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / self.script), "--server.port", str(self.port),
                   "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none"]
        for option, value in self.options.items():
            command += [f"--{option}", str(value)]
        OUT.mkdir(parents=True, exist_ok=True)
        self._log = open(OUT / f"server-{self.port}.log", "w")
        self.started = time.time()
        # An app outside the project (another checkout's app.py) runs with that checkout's config.
        cwd = Path(self.script).parent if Path(self.script).is_absolute() else ROOT
        self.process = subprocess.Popen(command, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        if wait:
            wait_until_up(f"{self.url}/_stcore/health", self.process, timeout=timeout)
        return self

    @property
    def pid(self):
        return self.process.pid

    def cpu(self):
        return cpu_seconds(self.pid)

    def rss(self):
        return rss_mb(self.pid)

    def wire_sent(self):
        """Return the bytes this server has sent over its open TCP connections, as on the wire.

        Read from the kernel (``ss -ti``: ``bytes_sent``), so it counts what
        websocket compression leaves, which the browser's decoded frames do not
        show. ``None`` where ``ss`` is missing.
        """
        try:
            out = subprocess.run(["ss", "-tinH", "state", "established", f"( sport = :{self.port} )"],
                                 capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        return sum(int(n) for n in re.findall(r"bytes_sent:(\d+)", out))

    def stop(self, keep_log=False):
        """Stop the app; its log (``benchmarks/out/server-PORT.log``) is kept only if it died first or ``keep_log``."""
        died = self.process is not None and self.process.poll() is not None
        if self.process and not died:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()
            if not (died or keep_log):
                Path(self._log.name).unlink(missing_ok=True)

    def __enter__(self):
        return self.start() if self.process is None else self

    def __exit__(self, exc_type, *exc):
        self.stop(keep_log=exc_type is not None)


def _allow_local_only(route):
    url = route.request.url
    if url.startswith(("data:", "blob:", "about:")) or urlparse(url).hostname in {"127.0.0.1", "localhost"}:
        route.continue_()
    else:
        route.abort()


class Page:
    """One browser tab on an app: the websocket traffic, Chromium's metrics and the map probe."""

    def __init__(self, context, page):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._forward = ForwardMsg
        self.context, self.page = context, page
        self.received = 0  # websocket bytes from the server
        self.finished = 0  # script_finished messages seen
        self.finished_at = 0.0  # when the last one came, ms since the epoch
        self.errors = []
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Performance.enable")
        page.on("websocket", self._on_websocket)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _on_websocket(self, ws):
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload):
        data = payload if isinstance(payload, bytes) else payload.encode()
        self.received += len(data)
        try:
            message = self._forward.FromString(data)
        except Exception:
            return
        if message.WhichOneof("type") == "script_finished":
            self.finished += 1
            self.finished_at = time.time() * 1000

    def metrics(self, collect_garbage=False):
        """Return Chromium's performance metrics for this tab (ScriptDuration in s, JSHeapUsedSize in bytes ...)."""
        if collect_garbage:
            self.cdp.send("HeapProfiler.collectGarbage")
        return {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}

    def now(self):
        return self.page.evaluate("() => Date.now()")

    def map_counts(self):
        """Return what the map's frame holds: Leaflet layers and DOM elements, and the tab's DOM nodes and listeners.

        If replaced layers were kept, the first two would grow with every move
        (streamlit-folium's frontend once kept them all); the tab's counts come
        from Chromium (``Memory.getDOMCounters``) after a forced garbage collection.
        """
        counts = {"map_layers": None, "map_elements": None}
        for frame in self.page.frames[1:]:
            try:
                found = frame.evaluate("() => window.map && window.map._layers ? [Object.keys(window.map._layers).length,"
                                       " document.getElementsByTagName('*').length] : null")
            except Exception:
                continue
            if found:
                counts["map_layers"], counts["map_elements"] = found
                break
        self.cdp.send("HeapProfiler.collectGarbage")
        dom = self.cdp.send("Memory.getDOMCounters")
        counts["tab_nodes"], counts["tab_listeners"] = dom["nodes"], dom["jsEventListeners"]
        return counts

    def map_log(self):
        """Return every change the probe logged in the page's iframes, in ms since the epoch."""
        times = []
        for frame in self.page.frames[1:]:
            try:
                times += frame.evaluate("() => window.__mapLog || []")
            except Exception:
                continue
        return times

    def map_frame(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for frame in self.page.frames[1:]:
                try:
                    if frame.evaluate("() => !!(window.map && window.map._loaded)"):
                        return frame
                except Exception:
                    continue
            self.page.wait_for_timeout(50)
        errors = []
        for frame in self.page.frames[1:]:
            try:
                errors += frame.evaluate("() => window.__mapErrors || []")
            except Exception:
                continue
        raise TimeoutError(f"the map was not drawn; errors in its frame: {errors}")

    def settle(self, since, finished_before, timeout):
        """Wait until the server finished a run after ``finished_before`` runs and the map log is quiet.

        Returns the time of the last map change after ``since`` (ms since the epoch), or None if none came.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.finished > finished_before:
                changes = [t for t in self.map_log() if t >= since]
                if changes and self.now() - max(changes) >= QUIET_MS:
                    return max(changes)
                # A run that changes nothing on the map (or a map that never reacts) ends
                # NO_CHANGE_MS after the server finished.
                if not changes and self.now() - self.finished_at > NO_CHANGE_MS:
                    return None
            self.page.wait_for_timeout(25)
        raise TimeoutError(f"no redrawn map within {timeout} s")

    def first_map(self, url, timeout=120):
        """Open ``url``; return ms from navigation to the last change of the first drawn map."""
        start = self.navigated = time.time() * 1000
        self.page.goto(url, timeout=timeout * 1000)
        self.map_frame(timeout)
        last = self.settle(start, 0, timeout)
        return (last or self.now()) - start

    def slider(self):
        thumb = self.page.get_by_role("slider").first
        thumb.focus()
        return thumb


class Browser:
    """Debian's Chromium through Playwright, every request to another host aborted."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        return self

    def page(self, width=1400, height=1000):
        context = self.browser.new_context(viewport={"width": width, "height": height})
        context.route("**/*", _allow_local_only)
        context.add_init_script(PROBE)
        return Page(context, context.new_page())

    def __exit__(self, *exc):
        self.browser.close()
        self._playwright.stop()


@contextmanager
def running(app="atlas", data_dir=None, options=None):
    """Start an app server, yield it, stop it."""
    server = Server(app, data_dir, options).start()
    try:
        yield server
    finally:
        server.stop()


def slider_moves(page, server, moves, timeout=60, span=1):
    """Move the year slider's first handle ``moves`` times, ``span`` steps right then back; return per-move figures.

    With ``span`` 1 the map toggles between two selections, which Streamlit's
    browser-side message cache soon holds (repeat moves); a larger ``span``
    walks to selections not shown before. Each entry: ms from key press to
    redrawn map, websocket bytes received (decoded) and sent on the wire, the tab's script time (ms), the
    server's CPU (ms) for that move, and whether the selection was new.
    """
    thumb = page.slider()
    rows = []
    position = getattr(page, "position", 0)
    seen = page.__dict__.setdefault("seen", {0})
    for move in range(moves):
        key = "ArrowRight" if (move // span) % 2 == 0 else "ArrowLeft"
        position += 1 if key == "ArrowRight" else -1
        new = position not in seen
        seen.add(position)
        before = page.metrics()
        received, finished, cpu, wire = page.received, page.finished, server.cpu(), server.wire_sent()
        pressed = page.now()
        thumb.press(key)
        last = page.settle(pressed, finished, timeout)
        after = page.metrics()
        rows.append({
            "latency_ms": None if last is None else last - pressed,
            # The rest of the page (numbers, chart, table) is whole when the server's run has ended.
            "page_ms": page.finished_at - pressed,
            "bytes": page.received - received,
            # Sampled after the settle wait (at least its quiet period), so the whole reply is counted.
            "wire_bytes": None if wire is None else server.wire_sent() - wire,
            "script_ms": (after["ScriptDuration"] - before["ScriptDuration"]) * 1000,
            "server_cpu_ms": (server.cpu() - cpu) * 1000,
            "new_selection": new,
        })
    page.position = position
    return rows
