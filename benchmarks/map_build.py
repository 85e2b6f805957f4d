"""The server's one-off work at 55, 1,000, 10,000 and 100,000 events: loading and validating, building the map.

Usage: python benchmarks/map_build.py [--sizes 55 1000 10000 100000] [--repeat 3]

For each size (benchmarks/synthetic.py's data folders) it times, in this
process, the median of --repeat runs of: reading and validating the folder
(``atlas.data.loading.load_dataset``), building the base map and rendering it as
streamlit-folium does, and building the changing layers for every event
(``atlas.map.layers.dynamic_layers``, when it can be called without a Streamlit
session). Also the process's peak memory. Writes benchmarks/out/map_build.json.
The per-move figures, with the browser, are sizes.py's.
"""

import argparse
import inspect
import resource
import statistics
import time

from harness import summary, write_result  # noqa: F401 (puts the project on sys.path)
from synthetic import write_synthetic

from atlas.map.basemap import base_map
from atlas.data.loading import load_dataset


def _timed(function, repeat):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def _layers(data):
    """Build the changing layers for every event, if the builder needs no Streamlit session; else None."""
    from atlas.map.layers import dynamic_layers

    parameters = inspect.signature(dynamic_layers).parameters
    if any(p.default is inspect.Parameter.empty for name, p in parameters.items()
           if name not in ("events", "flows", "actors")):
        return None
    return lambda: dynamic_layers(data.events, data.flows, data.actors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[55, 1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from streamlit_folium import _get_map_string

    rows = []
    print(f"{'events':>8} {'load+validate s':>15} {'base map s':>10} {'layers s':>9} {'peak MB':>8}")
    for count in args.sizes:
        folder = write_synthetic(count)
        load_s, data = _timed(lambda: load_dataset(folder), args.repeat)
        base_s, _ = _timed(lambda: _get_map_string(base_map(data)), args.repeat)
        build = _layers(data)
        layers_s = _timed(build, args.repeat)[0] if build else None
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append({"events": count, "load_validate_s": round(load_s, 3), "base_map_s": round(base_s, 3),
                     "layers_s": None if layers_s is None else round(layers_s, 3), "peak_rss_mb": round(peak)})
        layers = "n/a" if layers_s is None else f"{layers_s:.3f}"
        print(f"{count:>8} {load_s:>15.3f} {base_s:>10.3f} {layers:>9} {peak:>8.0f}", flush=True)
    print(f"written {write_result('map_build', {'repeat': args.repeat, 'runs': rows})}")


if __name__ == "__main__":
    main()
