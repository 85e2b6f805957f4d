"""55, 1,000, 10,000 and 100,000 events: the atlas beside FastMarkerCluster and the naive app, same run.

Usage: python benchmarks/sizes.py [--sizes 55 1000 10000 100000] [--apps atlas fastcluster naive]
                                  [--moves 4] [--timeout 120] [--one-place 10000]

For each size it writes a synthetic data folder (benchmarks/synthetic.py),
times loading and validating it in this process, then for each app starts a
server on it and measures in Chromium: the first map (navigation to the
map's last change) on the fresh server (so it includes loading the data),
for the atlas on a second fresh server on the same files (a restart: the
checked dataset read from disk, ``atlas.data.cache``), and
again in a new browser context on the now warm server (a reader after the
lecturer's own first visit, or after ``make run``'s warm-up), slider moves
(key press to redrawn map, websocket bytes, server CPU), the server's memory and the tab's JS heap. ``--one-place N``
adds a run with N events all at Dushanbe. An app that misses ``--timeout``
at a size is reported as timed out and not run at larger sizes. Writes
benchmarks/out/sizes.json.
"""

import argparse
import time

from harness import Browser, running, slider_moves, summary, write_result
from synthetic import write_synthetic

from atlas.data.loading import load_dataset


def _load_seconds(folder):
    start = time.perf_counter()
    load_dataset(folder)
    return round(time.perf_counter() - start, 2)


def measure(browser, app, folder, moves, timeout):
    """Return first map, per-move figures and memory of ``app`` on the data in ``folder``."""
    result = {}
    with running(app, folder) as server:
        page = browser.page()
        try:
            result["first_map_ms"] = round(page.first_map(server.url, timeout))
            warm = browser.page()
            try:
                result["warm_first_map_ms"] = round(warm.first_map(server.url, timeout))
            finally:
                warm.context.close()
            rows = slider_moves(page, server, moves, timeout, span=min(moves, 4))  # to selections not shown before
            result.update(
                latency_ms=summary(r["latency_ms"] for r in rows),
                bytes=summary(r["bytes"] for r in rows),
                server_cpu_ms=summary(r["server_cpu_ms"] for r in rows),
                script_ms=summary(r["script_ms"] for r in rows),
                heap_mb=round(page.metrics(collect_garbage=True)["JSHeapUsedSize"] / 2**20),
            )
        except Exception as error:  # a timeout, or the page never drew: reported, not raised
            result["failed"] = f"{type(error).__name__}: {str(error)[:200]}"
        finally:
            result["server_rss_mb"] = round(server.rss()) if server.process.poll() is None else None
            page.context.close()
    if app == "atlas" and "failed" not in result:
        # A server started again on the same files: the checked dataset comes from disk (atlas.data.cache).
        with running(app, folder) as server:
            page = browser.page()
            try:
                result["restart_first_map_ms"] = round(page.first_map(server.url, timeout))
            except Exception as error:
                result["restart_failed"] = f"{type(error).__name__}: {str(error)[:200]}"
            finally:
                page.context.close()
    return result


def _cell(r, key, scale=1, digits=0):
    if "failed" in r and key not in r:
        return "timeout" if "Timeout" in r["failed"] else "failed"
    value = r.get(key)
    value = value["median"] if isinstance(value, dict) else value
    return "-" if value is None else f"{value / scale:.{digits}f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[55, 1_000, 10_000, 100_000])
    parser.add_argument("--apps", nargs="+", default=["atlas", "fastcluster", "naive"])
    parser.add_argument("--moves", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--one-place", type=int, nargs="*", default=[10_000])
    args = parser.parse_args()
    runs = [(n, False) for n in args.sizes] + [(n, True) for n in args.one_place]
    given_up = set()
    results = []
    print(f"{'events':>14} {'app':<12} {'load s':>6} {'first map s':>11} {'warm s':>6} {'move ms':>8} {'KB/move':>9} "
          f"{'server CPU ms':>13} {'server MB':>9} {'heap MB':>7}")
    with Browser() as browser:
        for count, one_place in runs:
            folder = write_synthetic(count, one_place)
            load = _load_seconds(folder)
            label = f"{count:,}" + (" one place" if one_place else "")
            for app in args.apps:
                if app in given_up and not one_place:
                    r = {"skipped": "timed out at a smaller size"}
                else:
                    r = measure(browser, app, folder, args.moves, args.timeout)
                    if "failed" in r:
                        given_up.add(app)
                r.update(events=count, one_place=one_place, app=app, load_s=load)
                results.append(r)
                if "skipped" in r:
                    print(f"{label:>14} {app:<12} {load:>6} {'skipped':>11}")
                    continue
                print(f"{label:>14} {app:<12} {load:>6} {_cell(r, 'first_map_ms', 1000, 2):>11} "
                      f"{_cell(r, 'warm_first_map_ms', 1000, 2):>6} {_cell(r, 'latency_ms'):>8} "
                      f"{_cell(r, 'bytes', 1024, 1):>9} {_cell(r, 'server_cpu_ms'):>13} {r['server_rss_mb']:>9} "
                      f"{_cell(r, 'heap_mb'):>7}"
                      + (f"  restart: first map {r['restart_first_map_ms'] / 1000:.2f} s" if "restart_first_map_ms" in r else ""),
                      flush=True)
    print(f"written {write_result('sizes', {'moves': args.moves, 'timeout_s': args.timeout, 'runs': results})}")


if __name__ == "__main__":
    main()
