"""Write synthetic data folders for the benchmarks: N events over the theatre and 1992-1997.

Usage: python benchmarks/synthetic.py 1000 10000 [--one-place] [--out benchmarks/out/data]

Each folder is a full copy of ``data/`` that the loader accepts (point the app
at it with ``ATLAS_DATA_DIR``): the real events, flows, actors and story stay,
and synthetic events are appended until there are N. Every synthetic event
copies a real event's texts, actors, footnote and quote (so each still carries
a real citation) and gets

- a date from 1992-01-01 to 1997-12-31 with a consistent precision: one day
  (``date_prec`` 1), a whole month (4) or a whole year (5);
- a synthetic place: a point jittered up to 0.25 degrees around a real
  gazetteer place in the theatre (Tajikistan and northern Afghanistan,
  66.5-75.2 E, 35.5-41.0 N), added to the copy of ``places.csv`` as a
  ``derived`` place whose note says it is a benchmark point.

``--one-place`` puts every synthetic event at Dushanbe instead (the worst case
for overlapping symbols). These folders are for measuring only: their points
and dates are random and must never be shown as the article's.
"""

import argparse
import calendar
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.paths import DATA_DIR  # noqa: E402

__all__ = ["THEATRE", "SIZES", "write_synthetic", "synthetic_dir"]

THEATRE = (66.5, 35.5, 75.2, 41.0)  # west, south, east, north
SIZES = (55, 1_000, 10_000, 100_000)
OUT = ROOT / "benchmarks" / "out" / "data"
PLACE_COUNT = 400
JITTER = 0.25
ONE_PLACE = "dushanbe"


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _synthetic_places(places, rng):
    west, south, east, north = THEATRE
    lat, lon = places["lat"].astype(float), places["lon"].astype(float)
    anchors = places[(lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)].reset_index(drop=True)
    picks = anchors.iloc[rng.integers(0, len(anchors), PLACE_COUNT)].reset_index(drop=True)
    rows = []
    for i, anchor in picks.iterrows():
        rows.append({
            **{column: "" for column in places.columns},
            "id": f"synthetic_{i:04d}",
            "name": f"Benchmark point {i}",
            "kind": "site",
            "country": anchor["country"],
            "lat": f"{np.clip(float(anchor['lat']) + rng.uniform(-JITTER, JITTER), south, north):.5f}",
            "lon": f"{np.clip(float(anchor['lon']) + rng.uniform(-JITTER, JITTER), west, east):.5f}",
            "where_prec": "2",
            "source": "derived",
            "note": f"synthetic benchmark point near {anchor['name']}; not a real place",
        })
    return pd.DataFrame(rows, columns=places.columns)


def _dates(count, rng):
    days = pd.date_range("1992-01-01", "1997-12-31", freq="D")
    starts = days[rng.integers(0, len(days), count)]
    precs = rng.choice([1, 4, 5], count, p=[0.5, 0.35, 0.15])
    out_start, out_end = [], []
    for start, prec in zip(starts, precs):
        if prec == 1:
            first = last = start
        elif prec == 4:
            first = start.replace(day=1)
            last = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        else:
            first, last = start.replace(month=1, day=1), start.replace(month=12, day=31)
        out_start.append(first.strftime("%Y-%m-%d"))
        out_end.append(last.strftime("%Y-%m-%d"))
    return out_start, out_end, precs.astype(str)


def synthetic_dir(count, one_place=False, out=OUT):
    """Return the folder :func:`write_synthetic` writes for ``count`` events."""
    return Path(out) / f"events-{count}{'-one-place' if one_place else ''}"


def write_synthetic(count, one_place=False, out=OUT, seed=0, source=DATA_DIR):
    """Write a copy of ``source`` with ``count`` events in all; return its folder.

    Parameters
    ----------
    count : int
        Events in all, the real ones included (at least as many as there are real ones).
    one_place : bool
        Put every synthetic event at Dushanbe instead of spreading them over the theatre.
    out : path-like
        Parent folder; the copy is ``out/events-<count>[-one-place]``.
    seed : int
        Seed of the random generator, so a size always gets the same events.
    source : path-like
        The data folder to copy.

    Returns
    -------
    pathlib.Path
    """
    target = synthetic_dir(count, one_place, out)
    stamp = f"{count} {one_place} {seed} {Path(__file__).stat().st_mtime_ns} " + " ".join(
        f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(Path(source).iterdir()))
    if (target / ".synthetic").exists() and (target / ".synthetic").read_text() == stamp:
        return target  # already written from the same source (a running server may be reading it)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    rng = np.random.default_rng(seed)
    events = _read(Path(source) / "events.csv")
    places = _read(Path(source) / "places.csv")
    extra = count - len(events)
    if extra > 0:
        mapped = events[events["place_id"] != ""]
        fake = mapped.iloc[rng.integers(0, len(mapped), extra)].reset_index(drop=True).copy()
        fake["id"] = [f"E{i:06d}" for i in range(1000, 1000 + extra)]
        fake["date_start"], fake["date_end"], fake["date_prec"] = _dates(extra, rng)
        if one_place:
            chosen = places[places["id"] == ONE_PLACE].iloc[[0] * extra].reset_index(drop=True)
        else:
            new_places = _synthetic_places(places, rng)
            places = pd.concat([places, new_places], ignore_index=True)
            chosen = new_places.iloc[rng.integers(0, len(new_places), extra)].reset_index(drop=True)
        fake["place_id"] = chosen["id"]
        fake["place_name"] = chosen["name"]
        fake["place_modern"] = chosen["name"]
        fake["geonameid"] = chosen["geonameid"]
        fake["lat"], fake["lon"], fake["where_prec"] = chosen["lat"], chosen["lon"], chosen["where_prec"]
        events = pd.concat([events, fake], ignore_index=True)
    events.to_csv(target / "events.csv", index=False)
    places.to_csv(target / "places.csv", index=False)
    (target / ".synthetic").write_text(stamp)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--one-place", action="store_true")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    for count in args.counts:
        print(write_synthetic(count, args.one_place, args.out))


if __name__ == "__main__":
    main()
