"""Year slider to redrawn map: the atlas beside the bare st_folium page, in the same run, with their ratio.

Usage: python benchmarks/slider_latency.py [--moves 30] [--memory-moves 100] [--data DIR]

For each app (the atlas, then benchmarks/apps/bare.py) it starts the server,
opens the page in Chromium (network blocked, whole page live), walks the
slider's first handle to its end and back (selections not shown before),
then moves it one year right and back with the keyboard, measuring
per move: key press to the map's last change (see benchmarks/harness.py),
websocket bytes received (decoded, and as sent on the wire), the tab's script
time and the server's CPU time.
Then it moves each page's slider ``--memory-moves`` more times, reading the
tab's JS heap after a forced garbage collection every quarter, with the
map's Leaflet layers and DOM elements and the tab's DOM nodes and event
listeners, to show whether replaced layers are released (the bare page's
heap says how much of a creep is Streamlit's own). Prints a table and writes
benchmarks/out/slider_latency.json.
"""

import argparse

from harness import Browser, running, slider_moves, summary, write_result

def measure(browser, app, moves, data_dir=None, memory_moves=0, options=None):
    """Return the per-move figures of ``app`` (and its heap over ``memory_moves`` moves)."""
    with running(app, data_dir, options) as server:
        page = browser.page()
        try:
            first = page.first_map(server.url)
            # Selections not shown before: one year at a time to the slider's end and back.
            walk = [r for r in slider_moves(page, server, 10, span=5) if r["new_selection"]]
            rows = slider_moves(page, server, moves)  # one year right and back: repeat moves
            heap, counts = [], []
            if memory_moves:
                quarter = max(1, memory_moves // 4)
                heap.append(page.metrics(collect_garbage=True)["JSHeapUsedSize"] / 2**20)
                counts.append(page.map_counts())
                for _ in range(0, memory_moves, quarter):
                    slider_moves(page, server, quarter)
                    heap.append(page.metrics(collect_garbage=True)["JSHeapUsedSize"] / 2**20)
                    counts.append(page.map_counts())
            rss = server.rss()
        finally:
            page.context.close()
    return {
        "first_map_ms": round(first),
        "latency_ms": summary(r["latency_ms"] for r in rows),
        "page_ms": summary(r["page_ms"] for r in rows),
        "bytes": summary(r["bytes"] for r in rows),
        "new_selection_latency_ms": summary(r["latency_ms"] for r in walk),
        "new_selection_bytes": summary(r["bytes"] for r in walk),
        "wire_bytes": summary(r["wire_bytes"] for r in rows if r["wire_bytes"] is not None),
        "new_selection_wire_bytes": summary(r["wire_bytes"] for r in walk if r["wire_bytes"] is not None),
        "script_ms": summary(r["script_ms"] for r in rows),
        "server_cpu_ms": summary(r["server_cpu_ms"] for r in rows),
        "missed": sum(r["latency_ms"] is None for r in rows),
        "heap_mb": [round(h, 1) for h in heap],
        "counts": counts,
        "server_rss_mb": round(rss),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--memory-moves", type=int, default=100)
    parser.add_argument("--data", help="a data folder for the atlas (ATLAS_DATA_DIR)")
    parser.add_argument("--app", default="atlas", help="the app to compare with the bare page: a key or a script path")
    parser.add_argument("--option", action="append", default=[], help="a Streamlit option for the atlas, name=value")
    args = parser.parse_args()
    options = dict(o.split("=", 1) for o in args.option)
    results = {}
    with Browser() as browser:
        results["atlas"] = measure(browser, args.app, args.moves, args.data, args.memory_moves, options)
        # The bare page's heap over the same moves: how much of a creep is Streamlit's own.
        results["bare"] = measure(browser, "bare", args.moves, memory_moves=args.memory_moves)
    ratio = results["atlas"]["latency_ms"]["median"] / results["bare"]["latency_ms"]["median"]
    print(f"slider move -> map redrawn, {args.moves} moves each, same run" + (f", options {options}" if options else ""))
    print(f"{'app':<8} {'median ms':>9} {'p95 ms':>7} {'KB/move':>8} {'new: ms':>8} {'new: KB':>8} "
          f"{'script ms':>9} {'server CPU ms':>13} {'first map s':>11}")
    for app, r in results.items():
        new_ms, new_kb = r["new_selection_latency_ms"], r["new_selection_bytes"]
        print(f"{app:<8} {r['latency_ms']['median']:>9.0f} {r['latency_ms']['p95']:>7.0f} "
              f"{r['bytes']['median'] / 1024:>8.1f} {new_ms['median'] if new_ms else float('nan'):>8.0f} "
              f"{new_kb['median'] / 1024 if new_kb else float('nan'):>8.1f} {r['script_ms']['median']:>9.0f} "
              f"{r['server_cpu_ms']['median']:>13.0f} {r['first_map_ms'] / 1000:>11.2f}")
    print("(median and p95 over repeat moves, one year right and back; 'new': moves to selections not shown before)")
    for app, r in results.items():
        if r["wire_bytes"] and r["new_selection_wire_bytes"]:
            print(f"{app:<8} on the wire (after websocket compression, if on): repeat "
                  f"{r['wire_bytes']['median'] / 1024:.1f} KB, new {r['new_selection_wire_bytes']['median'] / 1024:.1f} KB")
    print(f"ratio atlas / bare: {ratio:.2f} (target at most 1.5)")
    print("whole page (the server's run ended), median: "
          + ", ".join(f"{app} {r['page_ms']['median']:.0f} ms" for app, r in results.items()))
    for app, r in results.items():
        if r["heap_mb"]:
            print(f"{app} JS heap (MB) every {args.memory_moves // 4} moves: {r['heap_mb']}")
        for name in ("map_layers", "map_elements", "tab_nodes", "tab_listeners"):
            if r.get("counts"):
                print(f"{app} {name.replace('_', ' ')}: {[c[name] for c in r['counts']]}")
    path = write_result("slider_latency", {"moves": args.moves, "options": options, "ratio": round(ratio, 2), **results})
    print(f"written {path}")


if __name__ == "__main__":
    main()
