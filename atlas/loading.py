"""Load data/ and geodata/ into (Geo)DataFrames, validating every rule once.

:func:`load_dataset` is the one entry point the pages use (behind
``st.cache_data``); it raises :class:`~atlas.validation.DataError` naming the
file, row, column and problem of everything that is wrong.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

from . import validation
from .paths import DATA_DIR, GEODATA_DIR, ROOT

__all__ = ["Dataset", "load_dataset", "read_table"]


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
    sources: pd.DataFrame = None

    @property
    def years(self):
        """The year slider's bounds: the earliest and the latest year in which any event or flow ends.

        A fact that began before the first of these years (Hekmatyar's work among
        future IRP members "since the early 1980s") keeps its true start date and
        shows from the first year, because its span overlaps it; every row
        overlaps these bounds, so none is out of the slider's reach.
        """
        ends = pd.concat([self.events["year_end"], self.flows["year_end"]])
        return int(ends.min()), int(ends.max())


def _display_name(path):
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_table(path):
    """Read a CSV file as strings, or raise DataError naming the file.

    Parameters
    ----------
    path : path-like

    Returns
    -------
    pandas.DataFrame
        Every cell a stripped string; empty cells are ``""``.
    """
    name = _display_name(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise validation.DataError([validation.Problem(name, None, "", "", "file not found")]) from None
    except UnicodeDecodeError as error:
        raise validation.DataError(
            [validation.Problem(name, None, "", "", f"is not UTF-8 text ({error.reason} at byte {error.start})")]
        ) from None
    except (pd.errors.ParserError, csv.Error) as error:
        raise validation.DataError([validation.Problem(name, None, "", "", f"is not valid CSV: {error}")]) from None
    except pd.errors.EmptyDataError:
        raise validation.DataError([validation.Problem(name, None, "", "", "is empty")]) from None
    frame.columns = [c.strip() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def _read_geojson(path):
    name = _display_name(path)
    try:
        return gpd.read_file(path)
    except Exception as error:  # pyogrio raises several kinds; all mean the same to a user
        raise validation.DataError([validation.Problem(name, None, "", "", f"cannot be read as GeoJSON: {error}")]) from None


def _split_ids(value):
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _with_dates(frame):
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    frame["date_end"] = pd.to_datetime(frame["date_end"])
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
    geometry = [Point(lon, lat) if mapped else None for lon, lat, mapped in zip(frame["lon"], frame["lat"], frame["mapped"])]
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


def load_dataset(data_dir=DATA_DIR, geodata_dir=GEODATA_DIR):
    """Load and validate the whole dataset.

    Parameters
    ----------
    data_dir, geodata_dir : path-like
        Folders holding the CSV files and the GeoJSON files.

    Returns
    -------
    Dataset

    Raises
    ------
    atlas.validation.DataError
        If any file breaks the contract; the message lists every problem.
    """
    data_dir, geodata_dir = Path(data_dir), Path(geodata_dir)
    paths = {name: data_dir / f"{name}.csv" for name in ("actors", "places", "events", "flows", "sources")}
    tables = {name: read_table(path) for name, path in paths.items()}
    names = {name: _display_name(path) for name, path in paths.items()}
    zones = _read_geojson(geodata_dir / "zones.geojson")
    border = _read_geojson(geodata_dir / "border.geojson")
    countries = _read_geojson(geodata_dir / "countries.geojson")

    problems = validation.check_actors(tables["actors"], names["actors"])
    problems += validation.check_places(tables["places"], names["places"])
    actor_ids = set(tables["actors"].get("id", []))
    places = {row["id"]: row for row in tables["places"].to_dict("records")} if "id" in tables["places"] else {}
    problems += validation.check_events(tables["events"], actor_ids, places, names["events"])
    problems += validation.check_flows(tables["flows"], actor_ids, places, names["flows"])
    problems += validation.check_sources(tables["sources"], names["sources"])
    source_ids = set(tables["sources"].get("id", []))
    problems += validation.check_source_ids(tables["events"], source_ids, names["events"])
    problems += validation.check_source_ids(tables["flows"], source_ids, names["flows"])
    problems += validation.check_zones(zones, _display_name(geodata_dir / "zones.geojson"))
    if problems:
        raise validation.DataError(problems)

    places_frame = _as_numbers(tables["places"], ["lat", "lon"], "float")
    return Dataset(
        events=_typed_events(tables["events"]),
        flows=_typed_flows(tables["flows"], places),
        actors=tables["actors"],
        places=places_frame,
        zones=zones,
        border=border,
        countries=countries,
        sources=tables["sources"],
    )
