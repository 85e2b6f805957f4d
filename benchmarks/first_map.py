"""First map: a warm server (navigation to drawn map) and a cold one (process start to drawn map).

Usage: python benchmarks/first_map.py [--repeat 3] [--apps atlas bare naive] [--viewport 1280x720] [--data-dir DIR] [--warm-only]

The apps take turns in every round (the machine's speed drifts). Cold: the
server process is started while Chromium is already open; the page
is opened as soon as /_stcore/health answers, and the figure runs from the
process start to the map's last change. Warm: the same server, a fresh
browser context (no cached files) each time, from navigation to the map's
last change. Also prints where a cold first run's time goes, measured in a
fresh Python process: the imports of the page's modules, loading and
validating the data, and building the base map. Writes
benchmarks/out/first_map.json.
"""

import argparse
import json
import subprocess
import sys
import time

from harness import ROOT, Browser, Server, summary, write_result

BREAKDOWN = r"""
import json, time
t = time.perf_counter(); marks = {}
import streamlit, folium, streamlit_folium; marks["import streamlit, folium"] = time.perf_counter() - t
t = time.perf_counter(); import geopandas; marks["import geopandas"] = time.perf_counter() - t
t = time.perf_counter(); import ui; marks["import ui (the page's other modules)"] = time.perf_counter() - t
t = time.perf_counter(); import matplotlib.pyplot; marks["import matplotlib.pyplot (if not yet)"] = time.perf_counter() - t
from atlas.map.assets import install_static_assets
t = time.perf_counter(); install_static_assets(); marks["copy static assets (already there)"] = time.perf_counter() - t
from atlas.data.loading import load_dataset
from atlas.data.cache import load_dataset_cached
t = time.perf_counter(); data = load_dataset(); marks["load and validate data/ (a first start)"] = time.perf_counter() - t
load_dataset_cached()
t = time.perf_counter(); load_dataset_cached(); marks["read the checked dataset from .cache/ (a restart)"] = time.perf_counter() - t
from atlas.map.basemap import base_map
t = time.perf_counter(); base_map(data); marks["build the base map"] = time.perf_counter() - t
print(json.dumps(marks))
"""


def breakdown():
    """Return seconds per step of a cold first run, measured in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", BREAKDOWN], cwd=ROOT, capture_output=True, text=True, timeout=300)
    return {k: round(v, 2) for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}


VIEWPORT = (1400, 1000)
DATA_DIR = None  # ATLAS_DATA_DIR for every app (--data-dir)


def cold(browser, app, timeout=120):
    """Return ms from starting ``app``'s process to its first drawn map."""
    server = Server(app, data_dir=DATA_DIR)
    page = browser.page(*VIEWPORT)
    try:
        server.start()
        first = page.first_map(server.url, timeout)
        return first + page.navigated - server.started * 1000
    finally:
        page.context.close()
        server.stop()


def warm(browser, server, timeout=120, cpu=None):
    """Return ms from navigation to drawn map on an already running ``server`` (a fresh browser context).

    With a list ``cpu``, the server's CPU time over the visit (ms: both runs of
    the page and every file the map fetched) is appended to it.
    """
    page = browser.page(*VIEWPORT)
    before = server.cpu()
    try:
        return page.first_map(server.url, timeout)
    finally:
        if cpu is not None:
            cpu.append((server.cpu() - before) * 1000)
        page.context.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--apps", nargs="+", default=["atlas", "bare", "naive"])
    parser.add_argument("--viewport", default="1400x1000", help="the browser's size, WIDTHxHEIGHT (a laptop: 1280x720)")
    parser.add_argument("--data-dir", help="a data folder for every app, e.g. one benchmarks/sizes.py wrote")
    parser.add_argument("--warm-only", action="store_true",
                        help="skip the cold starts and the step-by-step breakdown (more warm runs in the same time)")
    args = parser.parse_args()
    global VIEWPORT, DATA_DIR
    DATA_DIR = args.data_dir
    VIEWPORT = tuple(int(n) for n in args.viewport.split("x"))
    colds, warms, cpus = ({app: [] for app in args.apps} for _ in range(3))
    # Interleaved, one app after the other in each round: this machine's speed drifts within minutes.
    with Browser() as browser:
        for _ in range(0 if args.warm_only else args.repeat):
            for app in args.apps:
                colds[app].append(cold(browser, app))
        servers = [Server(app, data_dir=DATA_DIR) for app in args.apps]
        try:
            for server in servers:
                server.start()
                warm(browser, server)  # the first visit fills the server's caches: that is the cold case
            for _ in range(args.repeat):
                for app, server in zip(args.apps, servers):
                    warms[app].append(warm(browser, server, cpu=cpus[app]))
        finally:
            for server in servers:
                server.stop()
    results = {app: {"cold_ms": summary(colds[app]), "warm_ms": summary(warms[app]),
                     "server_cpu_ms": summary(cpus[app])} for app in args.apps}
    steps = {} if args.warm_only else breakdown()
    print(f"first map at {args.viewport}, {args.repeat} runs each: median (min-max) in seconds")
    print(f"{'app':<8} {'warm server':>18} {'cold server':>18} {'server CPU per warm visit (ms)':>32}")
    for app, r in results.items():
        w, c, u = r["warm_ms"], r["cold_ms"], r["server_cpu_ms"]
        cold_text = f"{c['median'] / 1000:>6.2f} ({c['min'] / 1000:.2f}-{c['max'] / 1000:.2f})" if c else f"{'-':>18}"
        print(f"{app:<8} {w['median'] / 1000:>6.2f} ({w['min'] / 1000:.2f}-{w['max'] / 1000:.2f}) {cold_text} "
              f"{u['median']:>14.0f} ({u['min']:.0f}-{u['max']:.0f})")
    print("a cold first run of the atlas, step by step (s):" if steps else "(no cold starts: --warm-only)")
    for step, seconds in steps.items():
        print(f"  {seconds:>5.2f}  {step}")
    print(f"written {write_result('first_map', {'repeat': args.repeat, 'viewport': args.viewport, 'apps': results, 'cold_steps_s': steps})}")


if __name__ == "__main__":
    main()
