"""How long building the map takes for the built-in data and 1,000, 10,000 and 100,000 synthetic events.

Usage: python benchmarks/map_build.py [--repeat 3] [--sizes 55 1000 10000 100000]

Synthetic events copy the real ones' columns with random points in the
border region, so the figures measure the map builder, not the data.
Prints one line per size: the time to build and write the records the
browser fetches once (``atlas.mapdata``), then the median of --repeat runs
of what each filter change costs: the base map and the selection layer
rendered to JavaScript as streamlit-folium does, and the bytes of that
selection layer.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from streamlit_folium import _get_feature_group_string, _get_map_string  # noqa: E402

from atlas.basemap import base_map  # noqa: E402
from atlas.layers import dynamic_layers  # noqa: E402
from atlas.loading import load_dataset  # noqa: E402
from atlas.mapdata import build_store, write_store  # noqa: E402


def synthetic_events(events, count, seed=0):
    """Return ``count`` events drawn from ``events`` at random points within 66-75 E, 35-40 N."""
    rng = np.random.default_rng(seed)
    mapped = events[events["mapped"]]
    sample = mapped.iloc[rng.integers(0, len(mapped), count)].copy()
    sample["id"] = [f"S{i:06d}" for i in range(count)]
    sample["lon"] = rng.uniform(66, 75, count)
    sample["lat"] = rng.uniform(35, 40, count)
    return sample.reset_index(drop=True)


def _build(data, events, store):
    m = base_map(data)
    _get_map_string(m)
    return sum(len(_get_feature_group_string(group, m, idx=i))
               for i, group in enumerate(dynamic_layers(events, data.flows, data.actors, store=store)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[55, 1_000, 10_000, 100_000])
    args = parser.parse_args()
    data = load_dataset()
    print(f"{'events':>8}  {'records once s':>14}  {'per change s':>12}  {'layer KB':>8}  {'runs':>5}")
    with tempfile.TemporaryDirectory() as static_dir:
        for count in args.sizes:
            events = data.events if count == len(data.events) else synthetic_events(data.events, count)
            start = time.perf_counter()
            store = write_store(build_store(events, data.flows, data.actors), static_dir)
            once = time.perf_counter() - start
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                size = _build(data, events, store)
                times.append(time.perf_counter() - start)
            print(f"{count:>8}  {once:>14.2f}  {statistics.median(times):>12.3f}  {size / 1024:>8.1f}  {args.repeat:>5}")


if __name__ == "__main__":
    main()
