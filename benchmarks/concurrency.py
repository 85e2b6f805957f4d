"""A seminar room: 10 and 30 sessions moving the year slider at once, on one app process or through nginx.

Usage: python benchmarks/concurrency.py [--sessions 10 30] [--moves 10] [--apps atlas bare]
       python benchmarks/concurrency.py --nginx 1 2      # the atlas behind deploy/serve.sh
       python benchmarks/concurrency.py --varied         # every move a random year range

Each session is a browser-less websocket client (benchmarks/wsdriver.py)
that opens the page, then moves the slider's first handle one year right and
back ``--moves`` times, pausing 0-0.5 s (seeded) between moves as a person
would. All sessions start together. A move's time is from sending the new
value to the server's ``script_finished``: the server's share of a move,
including queueing behind the other sessions; the browser's drawing comes on
top (see slider_latency.py). Reports median and p95 per move, errors, and the
server's peak resident memory (summed over processes). Every session is
bounded by --timeout. Writes benchmarks/out/concurrency.json
(concurrency_varied.json with ``--varied``: a room where sessions seldom
share a selection, so answers kept for every session help less).
"""

import argparse
import asyncio
import random
import threading
import time

from harness import OUT, Server, rss_mb, summary, write_result
from atlas.devserver import ScaleOut
from wsdriver import Session, SessionError


def _years(rng, low, high, move, varied):
    if not varied:
        return (low + 1, high) if move % 2 == 0 else (low, high)
    first = rng.randint(low, high)
    return first, rng.randint(first, high)


async def _one(url, moves, seed, timeout, varied=False):
    rng = random.Random(seed)
    times, errors = [], []
    try:
        async with Session(url, timeout=timeout) as session:
            _, low, high = session.slider
            for move in range(moves):
                years = _years(rng, low, high, move, varied)
                await asyncio.sleep(rng.uniform(0, 0.5))
                times.append(await session.move(years))
    except (SessionError, OSError) as error:
        errors.append(str(error))
    return times, errors


async def _room(url, sessions, moves, timeout, varied=False):
    results = await asyncio.gather(*(_one(url, moves, seed, timeout, varied) for seed in range(sessions)))
    times = [t for ts, _ in results for t in ts]
    errors = [e for _, es in results for e in es]
    return times, errors


def _rss_or_zero(pid):
    try:
        return rss_mb(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


class _PeakMemory(threading.Thread):
    """Samples the summed RSS of ``pids`` every 0.2 s until stopped."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.peak, self._halt = pids, 0.0, threading.Event()

    def run(self):
        while not self._halt.is_set():
            self.peak = max(self.peak, sum(_rss_or_zero(pid) for pid in self.pids()))
            self._halt.wait(0.2)

    def stop(self):
        self._halt.set()
        self.join()
        return round(self.peak)


def room(url, pids, sessions, moves, timeout, varied=False):
    """Run ``sessions`` sessions of ``moves`` moves on ``url``; return their figures (ms, MB).

    With ``varied`` each move sets a random year range (seeded per session), so
    sessions seldom ask for the same selection at once; else every session
    moves between the same two ranges, as a room following the lecturer does.
    """
    memory = _PeakMemory(pids)
    memory.start()
    start = time.monotonic()
    times, errors = asyncio.run(_room(url, sessions, moves, timeout, varied))
    wall = time.monotonic() - start
    return {"sessions": sessions, "moves": moves, "varied": varied, "move_ms": summary(t * 1000 for t in times), "errors": len(errors),
            "error_examples": errors[:3], "peak_rss_mb": memory.stop(), "wall_s": round(wall, 1)}


def _print(label, r):
    m = r["move_ms"] or {"median": float("nan"), "p95": float("nan")}
    print(f"{label:<22} {r['sessions']:>8} {m['median']:>9.0f} {m['p95']:>7.0f} {r['errors']:>6} {r['peak_rss_mb']:>8}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--moves", type=int, default=10)
    parser.add_argument("--apps", nargs="+", default=["atlas", "bare"])
    parser.add_argument("--nginx", type=int, nargs="*", help="app processes behind nginx, e.g. --nginx 1 2")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--varied", action="store_true",
                        help="every move a random year range (seeded), not the same two ranges for every session")
    parser.add_argument("--option", action="append", default=[], help="a Streamlit option for the atlas, name=value")
    args = parser.parse_args()
    options = dict(o.split("=", 1) for o in args.option)
    results = []
    print(f"{'server':<22} {'sessions':>8} {'median ms':>9} {'p95 ms':>7} {'errors':>6} {'peak MB':>8}")
    if args.nginx:
        for processes in args.nginx:
            with ScaleOut(processes, OUT / f"serve-{processes}") as stack:
                room(stack.url, stack.app_pids, processes * 2, 2, args.timeout)  # every process's caches filled
                for sessions in args.sessions:
                    r = room(stack.url, stack.app_pids, sessions, args.moves, args.timeout, args.varied)
                    r.update(server=f"nginx + {processes} atlas")
                    results.append(r)
                    _print(r["server"], r)
    else:
        for app in args.apps:
            with Server(app, options=options if app == "atlas" else None) as server:
                room(server.url, lambda: [server.pid], 1, 2, args.timeout)  # fills the caches first
                for sessions in args.sessions:
                    r = room(server.url, lambda: [server.pid], sessions, args.moves, args.timeout, args.varied)
                    r.update(server=app)
                    results.append(r)
                    _print(app, r)
    name = ("concurrency_nginx" if args.nginx else "concurrency") + ("_varied" if args.varied else "")
    print(f"written {write_result(name, {'options': options, 'runs': results})}")


if __name__ == "__main__":
    main()
