"""Print the latest figures in benchmarks/out/*.json as Markdown tables for the README's Speed section.

Usage: python benchmarks/report.py [--out benchmarks/out]
"""

import argparse
import json
from pathlib import Path

from harness import OUT


def _load(folder, name):
    path = Path(folder) / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _ms(value, key="median"):
    return "-" if not value else f"{value[key]:.0f} ms"


def _s(ms):
    return "-" if ms is None else f"{ms / 1000:.1f} s"


def _kb(value, key="median"):
    return "-" if not value else f"{value[key] / 1024:.1f} KB"


def slider(data):
    a, b = data["atlas"], data["bare"]
    rows = [
        ("year slider to redrawn map, repeat moves, median (p95)", f"{_ms(a['latency_ms'])} ({_ms(a['latency_ms'], 'p95')})",
         f"{_ms(b['latency_ms'])} ({_ms(b['latency_ms'], 'p95')})"),
        ("... moves to selections not shown before, median", _ms(a["new_selection_latency_ms"]), _ms(b["new_selection_latency_ms"])),
        ("bytes per move, repeat / new selection, median", f"{_kb(a['bytes'])} / {_kb(a['new_selection_bytes'])}",
         f"{_kb(b['bytes'])} / {_kb(b['new_selection_bytes'])}"),
        ("server CPU per rerun, median", _ms(a["server_cpu_ms"]), _ms(b["server_cpu_ms"])),
        ("browser script time per move, median", _ms(a["script_ms"]), _ms(b["script_ms"])),
        ("JS heap after GC over the memory moves (MB)", " \u2192 ".join(f"{h:.1f}" for h in a["heap_mb"]) or "-", "-"),
    ]
    lines = [f"Ratio atlas / bare page (median, same run): **{data['ratio']:.2f}**", "",
             "| what | this app | bare st_folium page |", "|---|---|---|"]
    lines += [f"| {what} | {x} | {y} |" for what, x, y in rows]
    return lines


def first_map(data):
    lines = ["| first map | " + " | ".join(data["apps"]) + " |", "|---|" + "---|" * len(data["apps"])]
    for kind, label in (("warm_ms", "warm server: navigation to drawn map, median (min-max)"),
                        ("cold_ms", "cold server: process start to drawn map, median (min-max)")):
        cells = [f"{_s(r[kind]['median'])} ({_s(r[kind]['min'])}-{_s(r[kind]['max'])})" if r[kind] else "-"
                 for r in data["apps"].values()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if all(r.get("server_cpu_ms") for r in data["apps"].values()):
        cells = [f"{r['server_cpu_ms']['median']:.0f} ms" for r in data["apps"].values()]
        lines.append("| server CPU per warm visit (both runs, every file), median | " + " | ".join(cells) + " |")
    lines += ["", "A cold first run of the atlas, step by step, in a fresh process: " + "; ".join(
        f"{step} {seconds:.2f} s" for step, seconds in data["cold_steps_s"].items())]
    return lines


def concurrency(*datasets):
    lines = ["| server | sessions | year ranges | move, median | p95 | errors | peak server memory |",
             "|---|---|---|---|---|---|---|"]
    for data in datasets:
        for r in (data or {}).get("runs", []):
            ranges = "random" if r.get("varied") else "two, shared"
            lines.append(f"| {r['server']} | {r['sessions']} | {ranges} | {_ms(r['move_ms'])} | {_ms(r['move_ms'], 'p95')} | "
                         f"{r['errors']} | {r['peak_rss_mb']} MB |")
    return lines


def sizes(data):
    lines = ["| events | app | load + validate | first map (fresh server) | first map (warm) | slider move | bytes per move | "
             "server CPU per move | server memory | JS heap |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in data["runs"]:
        label = f"{r['events']:,}" + (" at one place" if r["one_place"] else "")
        if "skipped" in r:
            lines.append(f"| {label} | {r['app']} | | not run: timed out at a smaller size | | | | | | |")
            continue
        failed = r.get("failed")
        first = _s(r.get("first_map_ms")) if "first_map_ms" in r else ("timed out" if failed else "-")
        warm = _s(r.get("warm_first_map_ms")) if "warm_first_map_ms" in r else "-"
        move = _ms(r.get("latency_ms")) if "latency_ms" in r else ("timed out" if failed else "-")
        lines.append(f"| {label} | {r['app']} | {r['load_s']} s | {first} | {warm} | {move} | {_kb(r.get('bytes'))} | "
                     f"{_ms(r.get('server_cpu_ms'))} | {r.get('server_rss_mb') or '-'} MB | {r.get('heap_mb', '-')} MB |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    sections = [("slider_latency", slider), ("first_map", first_map), ("sizes", sizes)]
    for name, render in sections:
        data = _load(args.out, name)
        if data:
            print(f"### {name} ({data['machine']['date']}, load {data['machine']['load_1min']})\n")
            print("\n".join(render(data)) + "\n")
    rooms = [_load(args.out, name) for name in ("concurrency", "concurrency_varied", "concurrency_nginx")]
    if any(rooms):
        print(f"### concurrency ({next(r for r in rooms if r)['machine']['date']})\n")
        print("\n".join(concurrency(*rooms)) + "\n")
    machine = next((d["machine"] for d in map(lambda n: _load(args.out, n), ("slider_latency", "sizes")) if d), None)
    if machine:
        print(f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_mb']:,} MB, Python {machine['python']}")


if __name__ == "__main__":
    main()
