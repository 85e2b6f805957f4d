"""How long building the map's layers takes for 1,000 and 10,000 synthetic events.

Usage: python benchmarks/map_build.py [--repeat 3]

Synthetic events copy the real ones' columns with random points in the
border region, so the figures measure the map builder, not the data.
Prints one line per size: the median of --repeat runs of building the
FeatureGroups and rendering them to JavaScript as streamlit-folium does.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from streamlit_folium import _get_feature_group_string, _get_map_string  # noqa: E402

from atlas.basemap import base_map  # noqa: E402
from atlas.layers import dynamic_layers  # noqa: E402
from atlas.loading import load_dataset  # noqa: E402


def synthetic_events(events, count, seed=0):
    """Return ``count`` events drawn from ``events`` at random points within 66-75 E, 35-40 N."""
    rng = np.random.default_rng(seed)
    mapped = events[events["mapped"]]
    sample = mapped.iloc[rng.integers(0, len(mapped), count)].copy()
    sample["id"] = [f"S{i:05d}" for i in range(count)]
    sample["lon"] = rng.uniform(66, 75, count)
    sample["lat"] = rng.uniform(35, 40, count)
    return sample.reset_index(drop=True)


def _build(data, events):
    m = base_map(data)
    _get_map_string(m)
    for i, group in enumerate(dynamic_layers(events, data.flows, data.actors)):
        _get_feature_group_string(group, m, idx=i)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = load_dataset()
    print(f"{'events':>8}  {'median s':>9}  {'runs':>5}")
    for count in (len(data.events), 1_000, 10_000):
        events = data.events if count == len(data.events) else synthetic_events(data.events, count)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            _build(data, events)
            times.append(time.perf_counter() - start)
        print(f"{count:>8}  {statistics.median(times):>9.3f}  {args.repeat:>5}")


if __name__ == "__main__":
    pd.options.mode.chained_assignment = None
    main()
