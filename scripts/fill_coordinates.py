"""Copy each place's name, geonameid and coordinates from the gazetteer into events and flows.

Usage::

    python scripts/fill_coordinates.py

After adding a row to data/events.csv or data/flows.csv, write only its
``place_id`` (or ``from_place_id`` / ``to_place_id``) and run this script:
``place_modern``, ``geonameid``, ``lat`` and ``lon`` (or ``from_name``,
``from_lat``, ...) are filled in from data/places.csv. Rows with an unknown
place are left as they are and listed; the validator will name them too.
"""

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from atlas.paths import DATA_DIR  # noqa: E402


def _rewrite(path, fill):
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        columns, rows = reader.fieldnames, list(reader)
    unknown = [row["id"] for row in rows if not fill(row)]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path.name}: {len(rows)} rows; unknown places in: {', '.join(unknown) or 'none'}")


def main():
    with (DATA_DIR / "places.csv").open(encoding="utf-8", newline="") as f:
        places = {row["id"]: row for row in csv.DictReader(f)}

    def fill_event(row):
        place = places.get(row["place_id"])
        if not row["place_id"]:
            return True
        if place is None:
            return False
        row.update(place_modern=place["name"], geonameid=place["geonameid"], lat=place["lat"], lon=place["lon"])
        return True

    def fill_flow(row):
        ok = True
        for end in ("from", "to"):
            place = places.get(row[f"{end}_place_id"])
            if place is None:
                ok = False
                continue
            row.update({f"{end}_name": place["name"], f"{end}_lat": place["lat"], f"{end}_lon": place["lon"]})
        return ok

    _rewrite(DATA_DIR / "events.csv", fill_event)
    _rewrite(DATA_DIR / "flows.csv", fill_flow)


if __name__ == "__main__":
    main()
