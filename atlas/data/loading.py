"""Load data/ and geodata/ into (Geo)DataFrames, validating every rule once.

:func:`load_dataset` is the one entry point the pages use (behind
``st.cache_data``); it raises :class:`~atlas.data.validation.DataError` naming the
file, row, column and problem of everything that is wrong.
"""

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import LineString

from ..paths import ARTICLE_PATH, DATA_DIR, GEODATA_DIR, ROOT, SOURCES_DIR
from . import validation
from .csvfile import read_csv
from .geocheck import check_geodata_folder
from .schema import (ACTOR_COLUMNS, CELL_SPACE, EVENT_COLUMNS, FLOW_COLUMNS, PLACE_COLUMNS, SOURCE_COLUMNS,
                     VAGUE_WHERE_PREC)

__all__ = ["Dataset", "load_dataset", "read_table", "data_fingerprint", "article_path", "read_areas", "AREAS_FILE", "TABLES"]

TABLES = ("actors", "places", "events", "flows", "sources")
_COLUMNS = {"actors": ACTOR_COLUMNS, "places": PLACE_COLUMNS, "events": EVENT_COLUMNS, "flows": FLOW_COLUMNS,
            "sources": SOURCE_COLUMNS}


@dataclass
class Dataset:
    """Everything the atlas shows, validated and typed."""

    events: gpd.GeoDataFrame
    flows: gpd.GeoDataFrame
    actors: pd.DataFrame
    places: pd.DataFrame
    zones: gpd.GeoDataFrame
    border: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    # The geodata files that passed validation: the only ones served to the browser.
    geodata_files: tuple = field(default_factory=tuple)
    # data_fingerprint() of the folders read: changes when any file changes.
    fingerprint: str = ""
    # data/sources.csv, the bibliography that events' and flows' source_id name.
    sources: pd.DataFrame = None

    @functools.cached_property
    def years(self):
        """The year slider's bounds: the earliest and the latest year in which any event or flow ends.

        A fact that began before the first of these years (Hekmatyar's work among
        future IRP members "since the early 1980s") keeps its true start date and
        shows from the first year, because its span overlaps it; every row
        overlaps these bounds, so none is out of the slider's reach.
        """
        ends = pd.concat([self.events["year_end"], self.flows["year_end"]])
        return int(ends.min()), int(ends.max())  # worked out once: the sidebar asked 3-4 times a run (7 % of a move)


def _display_name(path):
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def article_path():
    """Return the article's text file: ``$ATLAS_ARTICLE`` or ../shared/sources/..., whether or not it exists."""
    return Path(os.environ.get("ATLAS_ARTICLE") or ARTICLE_PATH)


def _source_text_path(text_file, article):
    """Return where the text of a source listed in sources.csv lies.

    The article's own file is ``article`` (so ``$ATLAS_ARTICLE`` still applies);
    any other lies in ``$ATLAS_SOURCES_DIR`` or ../shared/sources. Only the file
    name is used: a data file cannot point the loader elsewhere.
    """
    name = Path(text_file).name
    if name == ARTICLE_PATH.name:
        return article
    return Path(os.environ.get("ATLAS_SOURCES_DIR") or SOURCES_DIR) / name


def _rows_by_source_text(frame, lines, sources, article):
    """Yield (rows, their lines, source text) for each source whose text is at hand, to check quotes against."""
    if frame is None or "source_quote" not in frame:
        return
    lines = np.asarray(lines) if lines is not None else np.arange(len(frame)) + 2
    if sources is None or not {"id", "text_file"} <= set(sources) or "source_id" not in frame:
        # No readable bibliography (its problems are reported): check every quote against the article.
        if article.is_file():
            yield frame, lines, article.read_text(encoding="utf-8", errors="replace")
        return
    ids = frame["source_id"].astype(str).str.strip(CELL_SPACE).to_numpy()
    for source_id, text_file in zip(sources["id"], sources["text_file"]):
        path = _source_text_path(text_file, article) if text_file.strip() else None
        mask = ids == source_id
        if path is not None and path.is_file() and mask.any():
            yield frame[mask], lines[mask], path.read_text(encoding="utf-8", errors="replace")


def data_fingerprint(data_dir=None, geodata_dir=None):
    """Return a short key that changes whenever a file in the data or geodata folder (or the article) changes.

    Built from each file's name, size, modification time (ns) and inode, so it
    costs a few ``stat`` calls and no reading: a cache keyed on it shows an
    edited or broken file on the next page load.
    """
    digest = hashlib.blake2b(digest_size=12)
    paths = []
    for folder in (data_dir or DATA_DIR, geodata_dir or GEODATA_DIR):
        folder = Path(folder)
        paths.append(folder)
        if folder.is_dir():
            paths += sorted(folder.iterdir())
    paths.append(article_path())
    for path in paths:
        try:
            stat = path.stat()
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}\n".encode())
        except OSError:
            digest.update(f"{path}|missing\n".encode())
    return digest.hexdigest()


def read_table(path):
    """Read a CSV file as strings, or raise DataError naming the file, line and problem.

    Parameters
    ----------
    path : path-like

    Returns
    -------
    pandas.DataFrame
        Every cell a stripped string; empty cells are ``""``.
    """
    frame, _, problems = read_csv(path, _display_name(path))
    if problems:
        raise validation.DataError(problems)
    return frame


def _split_ids(value):
    return tuple(part.strip(CELL_SPACE) for part in value.split(";") if part.strip(CELL_SPACE))


def _with_dates(frame):
    frame["date_start"] = pd.to_datetime(frame["date_start"], format="%Y-%m-%d")
    frame["date_end"] = pd.to_datetime(frame["date_end"], format="%Y-%m-%d")
    frame["date_prec"] = frame["date_prec"].astype(int)
    frame["year_start"] = frame["date_start"].dt.year
    frame["year_end"] = frame["date_end"].dt.year
    frame["actor_ids"] = frame["actors"].map(_split_ids)
    return frame


def _as_numbers(frame, columns, kind):
    for column in columns:
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(kind)
    return frame


def _typed_events(frame):
    frame = _with_dates(frame)
    frame = _as_numbers(frame, ["lat", "lon"], "Float64")
    frame = _as_numbers(frame, ["where_prec", "deaths_low", "deaths_best", "deaths_high", "wounded", "strength"], "Int64")
    frame["mapped"] = frame["place_id"] != ""
    points = gpd.points_from_xy(frame["lon"].astype(float), frame["lat"].astype(float))
    geometry = gpd.GeoSeries(points, index=frame.index).where(frame["mapped"].to_numpy(), None)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _typed_flows(frame, places):
    frame = _with_dates(frame)
    frame = _as_numbers(frame, ["from_lat", "from_lon", "to_lat", "to_lon"], "float")
    frame = _as_numbers(frame, ["magnitude"], "Int64")
    lines = []
    for row in frame.itertuples():
        via = [(float(places[p]["lon"]), float(places[p]["lat"])) for p in _split_ids(row.via_place_ids)]
        lines.append(LineString([(row.from_lon, row.from_lat), *via, (row.to_lon, row.to_lat)]))
    return gpd.GeoDataFrame(frame, geometry=lines, crs="EPSG:4326")


AREAS_FILE = "areas.geojson"


def read_areas(geodata_dir=GEODATA_DIR):
    """Return ``{place_id: feature}`` from ``geodata/areas.geojson``, or ``{}`` if the file is absent.

    Each feature is one vague place drawn as what it is: an admin-1 unit, the
    border line, a country or a named region, with ``label_lat``/``label_lon``
    (a point inside it for its one clickable symbol). See geodata/README.md.
    """
    path = Path(geodata_dir) / AREAS_FILE
    if not path.exists():
        return {}
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["place_id"]: f for f in collection.get("features", []) if f.get("properties", {}).get("place_id")}


def _vague_places_without_area(events, places, place_lines, places_name, geodata_dir, problems):
    """Flag each place that events use vaguely (where_prec 4 or more) but areas.geojson has no area for (R38).

    Such a fact would be drawn as a bare symbol at the place's representative
    point: the map would show vagueness as exactness.
    """
    areas_path = Path(geodata_dir) / AREAS_FILE
    if any(p.file.endswith(AREAS_FILE) for p in problems):
        return []  # named already: its features cannot be trusted to say which places they cover
    covered = set(read_areas(geodata_dir))
    where = pd.to_numeric(events.get("where_prec", pd.Series(dtype=str)), errors="coerce")
    used = events.loc[where >= VAGUE_WHERE_PREC, "place_id"] if "place_id" in events else pd.Series(dtype=str)
    counts = used[used != ""].value_counts()
    found = []
    row_of = {place: i for i, place in enumerate(places["id"])} if "id" in places else {}
    for place, count in counts.items():
        if place in covered or place not in row_of:
            continue
        line = int(place_lines[row_of[place]]) if place_lines is not None else None
        found.append(validation.Problem(
            places_name, line, str(place), "id",
            f"is the place of {count} vague fact(s) (where_prec {VAGUE_WHERE_PREC} or more) but "
            f"{_display_name(areas_path)} has no area for it: they would be drawn as an exact point "
            "(add its row to geodata/area_sources.csv and run scripts/build_areas.py)", rule="R38"))
    return found


def load_dataset(data_dir=DATA_DIR, geodata_dir=GEODATA_DIR, article=None):
    """Load and validate the whole dataset.

    Every file is read and checked before anything fails, so one run lists
    every problem in every file. Not data/story.yaml: the seminar's chapters
    are checked where they are shown (:func:`atlas.seminar.story.load_story`,
    the Seminar page and the talk), so a lecturer's slip there stops the
    Seminar page, not the map the researchers use.

    Parameters
    ----------
    data_dir, geodata_dir : path-like
        Folders holding the CSV files and the GeoJSON files.
    article : path-like, optional
        The article's text, to check quotes against; default :func:`article_path`.
        When the file does not exist the quotes are not compared (the tests fail then in CI).

    Returns
    -------
    Dataset

    Raises
    ------
    atlas.data.validation.DataError
        If any file breaks the contract; its ``problems`` list every problem.
    """
    data_dir, geodata_dir = Path(data_dir), Path(geodata_dir)
    fingerprint = data_fingerprint(data_dir, geodata_dir)
    problems, tables, lines, names = [], {}, {}, {}
    for name in TABLES:
        path = data_dir / f"{name}.csv"
        names[name] = _display_name(path)
        tables[name], lines[name], found = read_csv(path, names[name], _COLUMNS[name])
        problems += found
    served, found = check_geodata_folder(geodata_dir, _display_name)
    problems += found

    actors, places = tables["actors"], tables["places"]
    actor_ids = None
    if actors is not None:
        problems += validation.check_actors(actors, names["actors"], lines["actors"])
        actor_ids = set(actors["id"]) if "id" in actors else None
    gazetteer = None
    if places is not None:
        problems += validation.check_places(places, names["places"], lines["places"])
        gazetteer = places if "id" in places else None
    if tables["events"] is not None:
        problems += validation.check_events(tables["events"], actor_ids, gazetteer, names["events"], lines["events"])
    if tables["flows"] is not None:
        problems += validation.check_flows(tables["flows"], actor_ids, gazetteer, names["flows"], lines["flows"])
    if tables["events"] is not None and gazetteer is not None and not any(p.rule == "R07" for p in problems):
        problems += _vague_places_without_area(tables["events"], places, lines["places"], names["places"],
                                               geodata_dir, problems)
    problems += validation.check_unique_across(
        {names[n]: (tables[n], lines[n]) for n in ("events", "flows") if tables[n] is not None})
    sources = tables["sources"]
    if sources is not None:
        problems += validation.check_sources(sources, names["sources"], lines["sources"])
        if "id" in sources:
            for name in ("events", "flows"):
                problems += validation.check_source_ids(tables[name], set(sources["id"]), names[name], lines[name])
    article = Path(article) if article is not None else article_path()
    for name in ("events", "flows"):
        for frame, rows_lines, text in _rows_by_source_text(tables[name], lines[name], sources, article):
            problems += validation.check_quotes_in_article(frame, text, names[name], rows_lines)
    if problems:
        raise validation.DataError(problems)

    # Only read as GeoDataFrames once every rule has passed.
    zones = gpd.read_file(geodata_dir / "zones.geojson")
    border = gpd.read_file(geodata_dir / "border.geojson")
    countries = gpd.read_file(geodata_dir / "countries.geojson")
    place_rows = {row["id"]: row for row in places.to_dict("records")}
    places_frame = _as_numbers(places, ["lat", "lon"], "float")
    dataset = Dataset(
        events=_typed_events(tables["events"]),
        flows=_typed_flows(tables["flows"], place_rows),
        actors=actors,
        places=places_frame,
        zones=zones,
        border=border,
        countries=countries,
        geodata_files=tuple(served),
        fingerprint=fingerprint,
        sources=sources,
    )
    return dataset
