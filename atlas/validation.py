"""Check data files against the contract in :mod:`atlas.schema`.

Each ``check_*`` function takes a table read as plain strings and returns a
list of :class:`Problem`; it never drops or mends a row. The loader raises
:class:`DataError` with every problem found, so one run shows them all.
"""

import re
from dataclasses import dataclass
from datetime import date

from . import schema
from .quotes import word_count

__all__ = [
    "Problem",
    "DataError",
    "check_columns",
    "check_actors",
    "check_places",
    "check_events",
    "check_flows",
    "check_zones",
    "check_sources",
    "check_source_ids",
]

_SLUG = re.compile(r"^[a-z0-9_]+$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_YEAR_OR_DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
_COORD_TOLERANCE = 1e-4  # degrees, about 10 m: rounding in the CSV


@dataclass(frozen=True)
class Problem:
    """One broken rule: where it is and what is wrong."""

    file: str
    line: int | None
    row_id: str
    column: str
    message: str
    unit: str = "line"

    def __str__(self):
        where = self.file
        if self.line is not None:
            where += f", {self.unit} {self.line}"
        if self.row_id:
            where += f" (id {self.row_id})"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """Raised when data files break the contract; lists every problem."""

    def __init__(self, problems):
        self.problems = list(problems)
        shown = "\n".join(f"- {p}" for p in self.problems[:50])
        more = f"\n... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n{shown}{more}")


class _Rows:
    """Walks a string table and records problems against its file and rows."""

    def __init__(self, frame, file, id_column="id", unit="line"):
        self.frame, self.file, self.id_column, self.unit = frame, file, id_column, unit
        # In a CSV line 1 is the header; GeoJSON features are counted from 1.
        self.first = 2 if unit == "line" else 1
        self.problems = []
        self.line = None
        self.row_id = ""

    def __iter__(self):
        for index, row in enumerate(self.frame.to_dict("records")):
            self.line, self.row_id = index + self.first, str(row.get(self.id_column, "")).strip()
            yield row
        self.line, self.row_id = None, ""

    def add(self, column, message):
        self.problems.append(Problem(self.file, self.line, self.row_id, column, message, self.unit))

    def required(self, row, column):
        value = str(row.get(column, "")).strip()
        if not value:
            self.add(column, "is empty")
        return value

    def choice(self, row, column, allowed):
        value = self.required(row, column)
        if value and value not in allowed:
            self.add(column, f"{value!r} is not one of {', '.join(map(repr, allowed))}")
        return value

    def slug(self, row, column):
        value = self.required(row, column)
        if value and not _SLUG.match(value):
            self.add(column, f"{value!r} must be lower-case letters, digits and _")
        return value

    def integer(self, row, column, low=None, high=None, optional=False):
        value = str(row.get(column, "")).strip()
        if not value:
            if not optional:
                self.add(column, "is empty")
            return None
        if not re.fullmatch(r"-?\d+", value):
            self.add(column, f"{value!r} is not a whole number")
            return None
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            self.add(column, f"{number} is outside {low}-{high}")
            return None
        return number

    def number(self, row, column, low, high):
        value = self.required(row, column)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.add(column, f"{value!r} is not a number")
            return None
        if not low <= number <= high:
            self.add(column, f"{number} is outside the region ({low} to {high})")
            return None
        return number

    def iso_date(self, row, column):
        value = self.required(row, column)
        if not value:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.add(column, f"{value!r} is not a date written YYYY-MM-DD")
            return None

    def ids(self, row, column, known, what, optional=True):
        value = str(row.get(column, "")).strip()
        if not value:
            if not optional:
                self.add(column, "is empty")
            return []
        found = [part.strip() for part in value.split(";")]
        for part in found:
            if part not in known:
                self.add(column, f"unknown {what} {part!r}")
        return found

    def unique_ids(self):
        seen = set()
        for row in self:
            value = self.required(row, self.id_column)
            if value in seen:
                self.add(self.id_column, f"duplicate id {value!r}")
            seen.add(value)


def _start(frame, file, columns, unit="line"):
    """Return (rows, []) to walk a table with every required column, or (None, problems)."""
    missing = check_columns(frame, file, columns)
    if missing:
        return None, missing
    rows = _Rows(frame, file, unit=unit)
    rows.unique_ids()
    return rows, []


def check_columns(frame, file, columns):
    """Return a problem for each required column missing from ``frame``."""
    return [Problem(file, 1, "", column, "required column is missing") for column in columns if column not in frame]


def check_actors(frame, file="data/actors.csv"):
    """Check the actors table; return a list of problems."""
    rows, missing = _start(frame, file, schema.ACTOR_COLUMNS)
    if missing:
        return missing
    for row in rows:
        if row["id"].strip():
            rows.slug(row, "id")
        rows.required(row, "name")
        rows.required(row, "short_name")
        rows.choice(row, "side", schema.SIDES)
        rows.choice(row, "kind", schema.ACTOR_KINDS)
        color = rows.required(row, "color")
        if color and not _COLOR.match(color):
            rows.add("color", f"{color!r} is not a colour written #RRGGBB")
    return rows.problems


def check_places(frame, file="data/places.csv"):
    """Check the gazetteer; return a list of problems."""
    rows, missing = _start(frame, file, schema.PLACE_COLUMNS)
    if missing:
        return missing
    west, south, east, north = schema.REGION_BOUNDS
    for row in rows:
        rows.required(row, "name")
        rows.number(row, "lat", south, north)
        rows.number(row, "lon", west, east)
        rows.integer(row, "where_prec", 1, 7)
        source = rows.choice(row, "source", schema.PLACE_SOURCES)
        geonameid = rows.integer(row, "geonameid", 1, None, optional=True)
        if source == "geonames" and geonameid is None:
            rows.add("geonameid", "a place from GeoNames needs its geonameid")
        if source == "derived" and not str(row["note"]).strip():
            rows.add("note", "a derived place must say how its point was chosen")
    return rows.problems


def _check_dates(rows, row):
    start = rows.iso_date(row, "date_start")
    end = rows.iso_date(row, "date_end")
    rows.integer(row, "date_prec", 1, 5)
    if start and end and start > end:
        rows.add("date_end", f"{end} is before date_start {start}")


def _check_source(rows, row):
    notes = rows.required(row, "source_note")
    for part in notes.split(";") if notes else []:
        part = part.strip()
        if not part.isdigit() or not 1 <= int(part) <= schema.MAX_FOOTNOTE:
            rows.add("source_note", f"{part!r} is not a footnote number 1-{schema.MAX_FOOTNOTE}")
    quote = rows.required(row, "source_quote")
    if quote and word_count(quote) > schema.MAX_QUOTE_WORDS:
        rows.add("source_quote", f"has {word_count(quote)} words; at most {schema.MAX_QUOTE_WORDS} are allowed")


def _check_point(rows, row, places, id_col, lat_col, lon_col, geonameid_col=None):
    place_id = row[id_col].strip()
    if place_id not in places:
        rows.add(id_col, f"unknown place {place_id!r} (add it to data/places.csv)")
        return
    place = places[place_id]
    west, south, east, north = schema.REGION_BOUNDS
    for column, low, high, key in ((lat_col, south, north, "lat"), (lon_col, west, east, "lon")):
        value = rows.number(row, column, low, high)
        if value is not None and abs(value - float(place[key])) > _COORD_TOLERANCE:
            rows.add(column, f"{value} differs from the gazetteer's {place[key]} for {place_id!r}")
    if geonameid_col and str(row[geonameid_col]).strip() != str(place["geonameid"]).strip():
        rows.add(geonameid_col, f"{row[geonameid_col]!r} differs from the gazetteer's {place['geonameid']!r}")


def _check_deaths(rows, row):
    columns = ("deaths_low", "deaths_best", "deaths_high")
    given = [(c, rows.integer(row, c, 0, None, optional=True)) for c in columns]
    given = [(c, n) for c, n in given if n is not None]
    for (_, lower), (column, upper) in zip(given, given[1:]):
        if upper < lower:
            rows.add(column, "deaths must satisfy deaths_low <= deaths_best <= deaths_high")
            return


def check_events(frame, actor_ids, places, file="data/events.csv"):
    """Check the events table against the actors and the gazetteer.

    Parameters
    ----------
    frame : pandas.DataFrame
        events.csv read as strings.
    actor_ids : collection of str
    places : dict
        Gazetteer rows (dicts of strings) keyed by place id.
    file : str
        Name used in messages.

    Returns
    -------
    list of Problem
    """
    rows, missing = _start(frame, file, schema.EVENT_COLUMNS)
    if missing:
        return missing
    for row in rows:
        rows.choice(row, "layer", schema.LAYERS)
        rows.slug(row, "event_type")
        rows.required(row, "title")
        rows.required(row, "description")
        _check_dates(rows, row)
        if row["place_id"].strip():
            rows.required(row, "place_name")
            rows.integer(row, "where_prec", 1, 7)
            _check_point(rows, row, places, "place_id", "lat", "lon", "geonameid")
        else:
            for column in ("lat", "lon", "where_prec", "geonameid"):
                if str(row[column]).strip():
                    rows.add(column, "is set but place_id is empty (an unmapped event has no coordinates)")
        rows.ids(row, "actors", actor_ids, "actor")
        _check_deaths(rows, row)
        rows.integer(row, "wounded", 0, None, optional=True)
        rows.integer(row, "strength", 0, None, optional=True)
        _check_source(rows, row)
    return rows.problems


def check_flows(frame, actor_ids, places, file="data/flows.csv"):
    """Check the flows table against the actors and the gazetteer; return a list of problems."""
    rows, missing = _start(frame, file, schema.FLOW_COLUMNS)
    if missing:
        return missing
    for row in rows:
        rows.slug(row, "flow_type")
        rows.required(row, "title")
        rows.required(row, "description")
        _check_dates(rows, row)
        for end in ("from", "to"):
            if rows.required(row, f"{end}_place_id"):
                _check_point(rows, row, places, f"{end}_place_id", f"{end}_lat", f"{end}_lon")
        rows.ids(row, "via_place_ids", places, "place")
        rows.ids(row, "actors", actor_ids, "actor")
        rows.integer(row, "magnitude", 0, None, optional=True)
        _check_source(rows, row)
    return rows.problems


def check_zones(zones, file="geodata/zones.geojson"):
    """Check the zones' properties and geometries; return a list of problems."""
    missing = check_columns(zones, file, schema.ZONE_PROPERTIES)
    if missing:
        return missing
    rows, _ = _start(zones.drop(columns="geometry").fillna("").astype(str), file, (), unit="feature")
    for row, geometry in zip(rows, zones.geometry):
        rows.required(row, "name")
        rows.choice(row, "precision", schema.ZONE_PRECISIONS)
        rows.required(row, "method")
        for column in ("valid_from", "valid_to"):
            value = row[column].strip()
            if value and not _YEAR_OR_DATE.match(value):
                rows.add(column, f"{value!r} is not a year or a date YYYY-MM-DD")
        if geometry is None or geometry.is_empty:
            rows.add("geometry", "is empty")
        elif geometry.geom_type not in ("Polygon", "MultiPolygon"):
            rows.add("geometry", f"is a {geometry.geom_type}, not a polygon")
        elif not geometry.is_valid:
            rows.add("geometry", "is not a valid polygon")
    return rows.problems


def check_sources(frame, file="data/sources.csv"):
    """Check the bibliography: unique slug ids, an author and a title on every row."""
    rows, missing = _start(frame, file, schema.SOURCE_COLUMNS)
    if missing:
        return missing
    for row in rows:
        if row["id"].strip():
            rows.slug(row, "id")
        rows.required(row, "author")
        rows.required(row, "title")
    return rows.problems


def check_source_ids(frame, source_ids, file):
    """Return a problem for each row of events or flows whose ``source_id`` is not in sources.csv."""
    if "source_id" not in frame:
        return []
    rows = _Rows(frame, file)
    for row in rows:
        value = rows.required(row, "source_id")
        if value and value not in source_ids:
            rows.add("source_id", f"unknown source {value!r} (add it to data/sources.csv)")
    return rows.problems
