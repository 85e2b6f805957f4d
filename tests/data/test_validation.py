"""The loader rejects each kind of bad input with a message naming file, line, id, column, problem and rule.

Table-driven: one row per bad input, each run on a fresh copy of the data
(``data_copy``) or a broken copy of one table. Every rule of
:data:`atlas.data.schema.RULES` is exercised by at least one row, and
data/README.md lists the same rules (``test_readme_lists_every_rule``).
"""

import json
import re
import shutil

import pandas as pd
import pytest

from atlas.data import schema
from atlas.data.loading import load_dataset, read_table
from atlas.paths import ROOT
from atlas.data.validation import (
    DataError,
    Problem,
    check_actors,
    check_events,
    check_flows,
    check_places,
    check_quotes_in_article,
)


@pytest.fixture(scope="module")
def tables(data_dir_in_use):
    return {name: read_table(data_dir_in_use / f"{name}.csv") for name in ("actors", "places", "events", "flows")}


@pytest.fixture(scope="module")
def context(tables):
    places = {row["id"]: row for row in tables["places"].to_dict("records")}
    return set(tables["actors"]["id"]), places


def _broken(frame, row_id, changes):
    frame = frame.copy()
    for column, value in changes.items():
        frame.loc[frame["id"] == row_id, column] = value
    return frame


def _problems(data_copy):
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata", article=data_copy / "no-article.txt")
    return error.value.problems


def _matches(problems, message, rule, column=None, row_id=None):
    return any(message in p.message and p.rule == rule and (column is None or p.column == column)
               and (row_id is None or p.row_id == row_id) for p in problems)


def test_shipped_tables_have_no_problems(tables, context):
    actor_ids, places = context
    assert check_actors(tables["actors"]) == []
    assert check_places(tables["places"]) == []
    assert check_events(tables["events"], actor_ids, places) == []
    assert check_flows(tables["flows"], actor_ids, places) == []


# ---------------------------------------------------------------- events.csv rows
# (changes to row E029, column expected in the problem, message fragment, rule)
BAD_EVENT_ROWS = [
    ({"id": "E1"}, "id", "is not an event id", "R08"),
    ({"id": "X029"}, "id", "is not an event id", "R08"),
    ({"id": "e029"}, "id", "is not an event id", "R08"),
    ({"id": "E029 <b>"}, "id", "is not an event id", "R08"),
    ({"id": "E٠٢٩"}, "id", "is not an event id", "R08"),
    ({"id": "E001"}, "id", "duplicate id 'E001'", "R09"),
    ({"layer": "battle"}, "layer", "'battle' is not one of", "R11"),
    ({"event_type": "Big Attack"}, "event_type", "lower-case letters", "R13"),
    ({"title": ""}, "title", "is empty", "R10"),
    ({"wounded": "1e30"}, "wounded", "is not a whole number", "R14"),
    ({"description": ""}, "description", "is empty", "R10"),
    ({"where_prec": ""}, "where_prec", "is empty", "R10"),
    ({"place_name": ""}, "place_name", "is empty", "R10"),
    ({"date_start": "1993-13-01"}, "date_start", "not a date written YYYY-MM-DD", "R17"),
    ({"date_start": "1993-02-30", "date_end": "1993-03-01"}, "date_start", "not a date written", "R17"),
    ({"date_start": "14 July 1993"}, "date_start", "not a date written YYYY-MM-DD", "R17"),
    ({"date_end": "1993-07-01"}, "date_end", "is before date_start", "R17"),
    ({"date_start": "0001-01-01"}, "date_start", "outside the years 1979-", "R18"),
    ({"date_start": "1900-07-14"}, "date_start", "outside the years 1979-", "R18"),
    ({"date_end": "2300-01-01"}, "date_end", "outside the years 1979-", "R18"),
    ({"date_end": "9999-12-31"}, "date_end", "outside the years 1979-", "R18"),
    ({"date_prec": "9"}, "date_prec", "outside 1-5", "R14"),
    ({"date_prec": "x"}, "date_prec", "not a whole number", "R14"),
    ({"date_prec": ""}, "date_prec", "is empty", "R10"),
    ({"title": "\u200b\u200b"}, "title", "holds only invisible characters", "R10"),
    ({"date_start": "1992-01-01", "date_end": "1997-12-31", "date_prec": "1"}, "date_prec", "use 5", "R19"),
    ({"date_start": "1993-07-14", "date_end": "1993-07-15", "date_prec": "1"}, "date_prec", "use 2", "R19"),
    ({"date_start": "1993-07-14", "date_end": "1993-07-14", "date_prec": "2"}, "date_prec", "use 1", "R19"),
    ({"date_start": "1993-07-01", "date_end": "1993-07-07", "date_prec": "2"}, "date_prec", "use 3", "R19"),
    ({"date_start": "1993-07-01", "date_end": "1993-07-09", "date_prec": "3"}, "date_prec", "use 4", "R19"),
    ({"date_start": "1993-07-01", "date_end": "1993-08-31", "date_prec": "4"}, "date_prec", "use 5", "R19"),
    ({"date_start": "1993-07-20", "date_end": "1993-08-10", "date_prec": "4"}, "date_prec", "use 5", "R19"),
    ({"date_start": "1993-07-01", "date_end": "1993-07-31", "date_prec": "5"}, "date_prec", "use 4", "R19"),
    ({"where_prec": "0"}, "where_prec", "outside 1-7", "R14"),
    ({"where_prec": "1e1"}, "where_prec", "not a whole number", "R14"),
    ({"place_id": "atlantis"}, "place_id", "unknown place 'atlantis'", "R21"),
    ({"lat": "12.0"}, "lat", "outside the region", "R20"),
    ({"lat": "north"}, "lat", "not a number of degrees", "R20"),
    ({"lat": "nan"}, "lat", "not a number of degrees", "R20"),
    ({"lat": "inf"}, "lat", "not a number of degrees", "R20"),
    ({"lon": "4200000.5"}, "lon", "not a number of degrees", "R20"),
    ({"lon": "69.9"}, "lon", "differs from the gazetteer", "R23"),
    ({"geonameid": "1"}, "geonameid", "differs from the gazetteer", "R23"),
    ({"place_modern": "Stalinabad"}, "place_modern", "differs from the gazetteer", "R23"),
    ({"actors": "irp_uto;martians"}, "actors", "unknown actor 'martians'", "R21"),
    ({"deaths_low": "-3"}, "deaths_low", "outside 0-10,000,000", "R14"),
    ({"deaths_best": "many"}, "deaths_best", "not a whole number", "R14"),
    ({"deaths_best": "²"}, "deaths_best", "not a whole number", "R14"),
    ({"deaths_best": "١٢"}, "deaths_best", "not a whole number", "R14"),
    ({"lat": "٣٨.5"}, "lat", "not a number of degrees", "R20"),
    ({"date_start": "١٩٩٣-07-14"}, "date_start", "not a date written", "R17"),
    ({"wounded": "many"}, "wounded", "not a whole number", "R14"),
    ({"deaths_best": "1" + "0" * 30}, "deaths_best", "far larger than the limit", "R14"),
    ({"deaths_best": "9" * 5000}, "deaths_best", "far larger than the limit", "R14"),
    ({"deaths_low": "20000000"}, "deaths_low", "outside 0-10,000,000", "R14"),
    ({"deaths_high": "100"}, "deaths_high", "deaths_low <= deaths_best <= deaths_high", "R15"),
    ({"strength": "4,000"}, "strength", "not a whole number", "R14"),
    ({"strength": "1" + "0" * 30}, "strength", "far larger than the limit", "R14"),
    ({"strength": "4000.0"}, "strength", "not a whole number", "R14"),
    ({"source_note": ""}, "source_note", "is empty", "R10"),
    ({"source_note": "99"}, "source_note", "not a footnote number", "R25"),
    ({"source_note": "0"}, "source_note", "not a footnote number", "R25"),
    ({"source_note": "61;x"}, "source_note", "'x' is not a footnote number", "R25"),
    ({"source_quote": ""}, "source_quote", "is empty", "R10"),
    ({"source_quote": "word " * 41}, "source_quote", "has 41 words", "R26"),
    ({"source_quote": "w" * 5000}, "source_quote", "has 5000 characters", "R26"),
    ({"source_quote": ("abcdefghijk " * 39).strip()}, "source_quote", "characters; at most 400", "R26"),
]


@pytest.mark.parametrize("changes, column, message, rule", BAD_EVENT_ROWS)
def test_bad_event_rows(tables, context, changes, column, message, rule):
    actor_ids, places = context
    problems = check_events(_broken(tables["events"], "E029", changes), actor_ids, places)
    assert _matches(problems, message, rule, column), problems
    line = int(tables["events"].index[tables["events"]["id"] == "E029"][0]) + 2
    assert all(p.line == line for p in problems if p.column == column and p.rule == rule)


@pytest.mark.parametrize("where_prec, flagged", [("1", True), ("5", True), ("6", False), ("7", False)])
def test_an_event_is_never_placed_more_precisely_than_its_place(tables, context, where_prec, flagged):
    # E002 is at 'tajikistan' (where_prec 6, a country): a 1 had drawn it as an exact point,
    # its popup saying "Tajikistan - exact place" (a tester's input, 2026-12-05).
    actor_ids, places = context
    problems = check_events(_broken(tables["events"], "E002", {"where_prec": where_prec}), actor_ids, places)
    found = [p for p in problems if p.column == "where_prec"]
    assert [(p.row_id, p.rule) for p in found] == ([("E002", "R23")] if flagged else [])
    assert not flagged or "finer than its place 'tajikistan' is known to (6" in found[0].message


@pytest.mark.parametrize("value, message", [("1" + "0" * 30, "far larger"), ("-1", "outside 0-"), ("some", "not a whole")])
def test_wounded_is_a_bounded_whole_number(tables, context, value, message):
    actor_ids, places = context
    frame = tables["events"].assign(wounded="")
    problems = check_events(_broken(frame, "E029", {"wounded": value}), actor_ids, places)
    assert [(p.row_id, p.column, p.rule) for p in problems] == [("E029", "wounded", "R14")]
    assert message in problems[0].message


@pytest.mark.parametrize("value, message", [("sethi_1999", "sethi_1999"), ("", "is empty")])
def test_source_id_must_name_a_source(tables, value, message):
    from atlas.data.validation import check_source_ids

    problems = check_source_ids(_broken(tables["events"], "E029", {"source_id": value}), {"sethi_civil_war"}, "data/events.csv")
    assert [p.row_id for p in problems if message in p.message] == ["E029"], problems


def test_unmapped_event_must_not_carry_coordinates(tables, context):
    actor_ids, places = context
    problems = check_events(_broken(tables["events"], "E034", {"lat": "38.5", "place_modern": "x"}), actor_ids, places)
    assert [(p.row_id, p.column, p.rule) for p in problems] == [("E034", "lat", "R22"), ("E034", "place_modern", "R22")]


def test_missing_column_is_named(tables, context):
    actor_ids, places = context
    problems = check_events(tables["events"].drop(columns="source_quote"), actor_ids, places)
    assert [(p.column, p.message, p.rule) for p in problems] == [("source_quote", "required column is missing", "R07")]


# ---------------------------------------------------------------- flows.csv rows
BAD_FLOW_ROWS = [
    ({"id": "F1"}, "id", "is not a flow id", "R08"),
    ({"id": "E001"}, "id", "is not a flow id", "R08"),
    ({"from_place_id": "nowhere"}, "from_place_id", "unknown place 'nowhere'", "R21"),
    ({"to_place_id": ""}, "to_place_id", "is empty", "R10"),
    ({"to_lat": "55.0"}, "to_lat", "differs from the gazetteer", "R23"),
    ({"from_name": "Stalinabad"}, "from_name", "differs from the gazetteer", "R23"),
    ({"to_name": ""}, "to_name", "differs from the gazetteer", "R23"),
    ({"via_place_ids": "dushanbe;nowhere"}, "via_place_ids", "unknown place 'nowhere'", "R21"),
    ({"actors": "ghosts"}, "actors", "unknown actor 'ghosts'", "R21"),
    ({"magnitude": "lots"}, "magnitude", "not a whole number", "R14"),
    ({"magnitude": "١٢"}, "magnitude", "not a whole number", "R14"),
    ({"magnitude": "1" + "0" * 30}, "magnitude", "far larger than the limit", "R14"),
    ({"magnitude": "5", "magnitude_unit": ""}, "magnitude_unit", "is empty but magnitude is given", "R16"),
    ({"magnitude_unit": "tonnes"}, "magnitude_unit", "'tonnes' is not one of", "R11"),
    ({"flow_type": ""}, "flow_type", "is empty", "R10"),
    ({"flow_type": "teleport"}, "flow_type", "'teleport' is not one of", "R11"),
    ({"date_prec": "1"}, "date_prec", "use 5", "R19"),
    ({"date_end": "2999-01-01"}, "date_end", "outside the years", "R18"),
    ({"source_quote": "x" * 401}, "source_quote", "401 characters", "R26"),
]


@pytest.mark.parametrize("changes, column, message, rule", BAD_FLOW_ROWS)
def test_bad_flow_rows(tables, context, changes, column, message, rule):
    actor_ids, places = context
    problems = check_flows(_broken(tables["flows"], "F001", changes), actor_ids, places)
    assert _matches(problems, message, rule, column), problems


# ---------------------------------------------------------------- actors.csv and places.csv rows
BAD_ACTOR_ROWS = [
    ({"side": "neutral"}, "side", "'neutral' is not one of", "R11"),
    ({"kind": ""}, "kind", "is empty", "R10"),
    ({"color": "red"}, "color", "not a colour", "R28"),
    ({"color": "#12345"}, "color", "not a colour", "R28"),
    ({"id": "Bad Id"}, "id", "lower-case letters", "R08"),
    ({"id": "russia"}, "id", "duplicate id 'russia'", "R09"),
    ({"name": ""}, "name", "is empty", "R10"),
]


@pytest.mark.parametrize("changes, column, message, rule", BAD_ACTOR_ROWS)
def test_bad_actor_rows(tables, changes, column, message, rule):
    problems = check_actors(_broken(tables["actors"], "un", changes))
    assert _matches(problems, message, rule, column), problems


BAD_PLACE_ROWS = [
    ("dushanbe", {"source": "memory"}, "source", "'memory' is not one of", "R11"),
    ("dushanbe", {"kind": "castle"}, "kind", "'castle' is not one of", "R11"),
    ("dushanbe", {"country": "XX"}, "country", "not an ISO 3166-1 alpha-2", "R12"),
    ("dushanbe", {"country": "tj"}, "country", "not an ISO 3166-1 alpha-2", "R12"),
    ("dushanbe", {"country": "TJK"}, "country", "not an ISO 3166-1 alpha-2", "R12"),
    ("dushanbe", {"geonameid": ""}, "geonameid", "needs its geonameid", "R24"),
    ("dushanbe", {"geonameid": "abc"}, "geonameid", "not a whole number", "R14"),
    ("dushanbe", {"geonameid": "999999999"}, "geonameid", "not in GeoNames' cities500", "R24"),
    ("dushanbe", {"lat": "38.6"}, "lat", "differs from GeoNames'", "R24"),
    ("moscow", {"lat": "37.61781", "lon": "55.75204"}, "lat", "lat and lon swapped?", "R24"),
    ("dushanbe", {"aliases": "Springfield", "name": "Springfield"}, "aliases", "is a GeoNames name", "R24"),
    ("dushanbe", {"lon": "120"}, "lon", "outside the region", "R20"),
    ("dushanbe", {"where_prec": "9"}, "where_prec", "outside 1-7", "R14"),
    ("dushanbe", {"id": "Dushanbe"}, "id", "lower-case letters", "R08"),
    ("kunduz_province", {"note": ""}, "note", "must say how its point was chosen", "R24"),
]


@pytest.mark.parametrize("row_id, changes, column, message, rule", BAD_PLACE_ROWS)
def test_bad_place_rows(tables, row_id, changes, column, message, rule):
    problems = check_places(_broken(tables["places"], row_id, changes))
    assert _matches(problems, message, rule, column), problems


def test_quotes_are_checked_against_the_article(tables, article_text):
    frame = _broken(tables["events"], "E029", {"source_quote": "Russia invaded Mars in 1993"})
    problems = check_quotes_in_article(frame, article_text, "data/events.csv")
    assert [(p.row_id, p.rule) for p in problems] == [("E029", "R27")]
    assert check_quotes_in_article(tables["flows"], article_text, "data/flows.csv") == []


def test_a_draft_is_checked_against_the_article(data_copy, article_text, monkeypatch):
    article = data_copy / "article.txt"
    article.write_text(article_text, encoding="utf-8")
    monkeypatch.setenv("ATLAS_ARTICLE", str(article))
    path = data_copy / "data" / "flows.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("fell victim to cleansing") == 1  # in F002's quote
    path.write_text(text.replace("fell victim to cleansing", "fell victim to the war"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert [(p.row_id, p.rule) for p in error.value.problems] == [("F002", "R27")]


# ---------------------------------------------------------------- files that cannot be read as tables
def _replace_header(name, old, new):
    def change(text):
        first, rest = text.split("\n", 1)
        return first.replace(old, new, 1) + "\n" + rest
    return change


# (file in data/, how to break it: bytes, None = delete, "dir" = a folder, or a function of the text; message, rule)
BAD_CSV_FILES = [
    ("actors.csv", b"", "is empty", "R06"),
    ("actors.csv", b"\n\n  \n", "is empty", "R06"),
    ("actors.csv", None, "file not found", "R01"),
    ("actors.csv", "dir", "is a folder, not a file", "R01"),
    ("places.csv", lambda t: t.split("\n", 1)[0] + "\n", "has a header but no rows", "R06"),
    ("events.csv", lambda t: t.split("\n", 1)[0] + "\n\n", "has a header but no rows", "R06"),
    ("actors.csv", lambda t: (t.split("\n", 2)[0] + "\n" + t.split("\n", 2)[1] + "\n").encode() + b"x,\xff\xfe,1\n",
     "is not UTF-8 text: byte 0xff on line 3", "R02"),
    ("events.csv", lambda t: t.encode("utf-16"), "is not UTF-8 text: byte 0xff on line 1", "R02"),
    ("actors.csv", lambda t: t.replace(",", ";"), "separates its columns with ';'", "R04"),
    ("flows.csv", lambda t: t.replace(",", "\t"), "separates its columns with TAB", "R04"),
    ("actors.csv", lambda t: t + 'zz,"Unclosed,Z,external,state,#000000,\n', "a quote opened on line", "R05"),
    ("actors.csv", lambda t: t + 'zz,"Bad" quote,Z,external,state,#000000,\n', "is not valid CSV from line", "R05"),
    ("actors.csv", lambda t: t + "zz,Short\n", "has 2 fields; the header has 7", "R05"),
    ("events.csv", _replace_header("events", "description", "title"), "appears twice in the header", "R07"),
    ("actors.csv", _replace_header("actors", "aliases", ""), "has no column name", "R07"),
    ("actors.csv", _replace_header("actors", "color", "colour"), "required column is missing", "R07"),
    # An extra column was dropped unsaid, a correction written in it with it (a tester's input, 2026-12-05).
    ("actors.csv", lambda t: "\n".join(line + ("," + ("notes" if i == 0 else "see fn 12")) if line else line
                                      for i, line in enumerate(t.split("\n"))), "is not a column the atlas reads",
     "R07"),
    # ... and one filled in on some rows only: each short row was named (R05), the column not (R07).
    ("actors.csv", lambda t: "\n".join(line + (",notes" if i == 0 else ",see fn 12" if i == 2 else "") if line else line
                                      for i, line in enumerate(t.split("\n"))), "is not a column the atlas reads", "R07"),
    ("events.csv", lambda t: t.replace("Attack into Kulyab", "Attack\x00into Kulyab", 1), "U+0000", "R03"),
    ("actors.csv", lambda t: t.replace("Russia", "Rus\x1bsia", 1), "U+001B", "R03"),
    # A 200,000-character description had been told about double quotes, with no id.
    ("events.csv", lambda t: t.replace("Attack into Kulyab", "x" * 200_000, 1),
     "(id E029) holds a field of more than 131,072 characters", "R05"),
    # A right-to-left override in a title had turned the app's own sentence around it backwards.
    ("events.csv", lambda t: t.replace("Attack into Kulyab", "\u202eAttack into Kulyab", 1),
     "bidirectional control character U+202E", "R03"),
    ("places.csv", lambda t: t.replace("Republic of Tajikistan", "Republic of\u2067 Tajikistan", 1),
     "bidirectional control character U+2067", "R03"),
]


@pytest.mark.parametrize("name, breakage, message, rule", BAD_CSV_FILES)
def test_unreadable_csv_files_are_named(data_copy, name, breakage, message, rule):
    path = data_copy / "data" / name
    if breakage is None:
        path.unlink()
    elif breakage == "dir":
        path.unlink()
        path.mkdir()
    elif callable(breakage):
        result = breakage(path.read_text(encoding="utf-8"))
        path.write_bytes(result if isinstance(result, bytes) else result.encode("utf-8"))
    else:
        path.write_bytes(breakage)
    problems = _problems(data_copy)
    assert _matches(problems, message, rule), problems
    assert all(name in p.file for p in problems if p.rule == rule)


def _source_fields(year="", url=""):
    def change(text):
        head, row = text.rstrip("\n").split("\n")
        fields = row.split(",")
        fields[5], fields[7] = year, url  # id,author,title,journal,volume,year,pages,url,text_file
        return head + "\n" + ",".join(fields) + "\n"
    return change


@pytest.mark.parametrize("year, url, column, message", [
    ("199", "", "year", "'199' is not a year written with four digits"),
    ("1999a", "", "year", "is not a year written with four digits"),
    ("0999", "", "year", "999 is not a year from 1000 to"),
    ("2999", "", "year", "2999 is not a year from 1000 to"),
    ("", "www.example.org/article", "url", "is not an http:// or https:// address"),
    ("", "javascript:alert(1)", "url", "is not an http:// or https:// address"),
    ("", "https://example.org/a b", "url", "without spaces"),
])
def test_a_sources_year_and_url_are_checked(data_copy, year, url, column, message):
    # Both are printed in every citation a reader copies; they had not been checked at all.
    path = data_copy / "data" / "sources.csv"
    path.write_text(_source_fields(year, url)(path.read_text(encoding="utf-8")), encoding="utf-8")
    problems = _problems(data_copy)
    assert _matches(problems, message, "R44", column=column, row_id="sethi_civil_war"), problems


def test_a_sources_year_and_url_may_be_given(data_copy):
    path = data_copy / "data" / "sources.csv"
    path.write_text(_source_fields("1998", "https://example.org/sethi?id=1")(path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    dataset = load_dataset(data_copy / "data", data_copy / "geodata", article=data_copy / "no-article.txt")
    assert dataset.sources.iloc[0]["year"] == "1998"


def test_control_character_names_its_line(data_copy):
    path = data_copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), start=1) if row.startswith("E029,"))
    path.write_text(text.replace("Attack into Kulyab", "Attack\x00into Kulyab", 1), encoding="utf-8")
    problems = _problems(data_copy)
    assert [(p.line, p.row_id, p.rule) for p in problems] == [(line, "E029", "R03")]  # and the row's id


@pytest.mark.parametrize("written, shown, rule", [
    ("E029\u00a0,", r"'E029\xa0'", "R08"),  # a no-break space, as a word processor writes one
    ("E029\u2002,", r"'E029\u2002'", "R08"),  # an en space
    ("\u3000E029,", r"'\u3000E029'", "R08"),  # an ideographic space
])
def test_a_unicode_space_at_an_ids_end_is_reported_not_trimmed(data_copy, written, shown, rule):
    # Python's strip() had removed them unseen: the file said one id, the atlas showed another.
    path = data_copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nE029,", "\n" + written, 1), encoding="utf-8")
    problems = _problems(data_copy)
    assert _matches(problems, shown, rule, column="id"), problems


def test_spaces_and_tabs_around_cells_are_trimmed(data_copy):
    # What a person types around a comma is not part of a value; nothing to report.
    path = data_copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nE029,", "\n  E029 \t,", 1), encoding="utf-8")
    dataset = load_dataset(data_copy / "data", data_copy / "geodata", article=data_copy / "no-article.txt")
    assert "E029" in set(dataset.events["id"])


def test_lines_are_physical_after_blank_lines_and_quoted_line_breaks(data_copy):
    path = data_copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    # A blank line after the header, and a line break inside E001's quoted description.
    header, rest = text.split("\n", 1)
    rest = rest.replace("sign the Collective Security Treaty at Tashkent.",
                        "sign the Collective Security\nTreaty at Tashkent.", 1)
    rest = rest.replace("Attack into Kulyab kills", "Attack into Kulyab kill", 1)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    broken = header + "\n\n" + rest.replace(",1993-07-14,1993-07-14,1,", ",1993-07-14,1993-07-14,9,", 1)
    path.write_text(broken, encoding="utf-8")
    problems = _problems(data_copy)
    expected = next(i for i, row in enumerate(broken.split("\n"), start=1) if row.startswith("E029,"))
    assert [(p.row_id, p.line, p.rule) for p in problems] == [("E029", expected, "R14")]
    assert expected == int(frame.index[frame["id"] == "E029"][0]) + 2 + 2  # one blank line, one quoted break
    assert f"events.csv, line {expected} (id E029), column 'date_prec'" in str(problems[0])


def test_problem_message_names_everything():
    problem = Problem("data/events.csv", 12, "E010", "date_start", "'x' is not a date", rule="R17")
    assert str(problem) == "data/events.csv, line 12 (id E010), column 'date_start': 'x' is not a date [R17]"


@pytest.mark.parametrize("row_id, shown", [
    ("E029\u00a0", "(id E029\\xa0)"),  # a no-break space had read as a stray blank: "(id E029 )"
    ("E029\u200b", "(id E029\\u200b)"),  # a zero-width space had not shown at all
    ("K\u016dlob", "(id K\u016dlob)"),  # a letter is a letter
])
def test_a_problem_shows_an_ids_invisible_characters(row_id, shown):
    assert shown in str(Problem("data/events.csv", 27, row_id, "id", "x", rule="R08"))


def test_load_dataset_reports_every_problem_in_every_file(data_copy):
    events = data_copy / "data" / "events.csv"
    frame = pd.read_csv(events, dtype=str, keep_default_na=False)
    frame.loc[0, "layer"] = "nonsense"
    frame.loc[4, "actors"] = "ghosts"
    frame.to_csv(events, index=False)
    (data_copy / "data" / "places.csv").write_bytes(b"id,name\n\xff\n")
    (data_copy / "geodata" / "zones.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    (data_copy / "data" / "flows.csv").unlink()
    problems = _problems(data_copy)
    text = "\n".join(map(str, problems))
    assert "events.csv, line 2 (id E001), column 'layer'" in text
    assert "line 6 (id E005), column 'actors': unknown actor 'ghosts'" in text
    assert "places.csv, line 2: is not UTF-8 text" in text
    assert "flows.csv: file not found" in text
    assert "zones.geojson, column 'features': holds no features" in text


@pytest.mark.parametrize("breakage, where", [
    (lambda t: t.replace("years: [1992, 1992]", "years: [1980, 1992]", 1), ("1", "years", "R41")),
    (lambda t: "chapters: [", ("", "", "R40")),
])
def test_a_broken_story_stops_the_seminar_not_the_dataset(data_copy, breakage, where):
    # A lecturer's slip in the chapters had stopped the whole atlas: the map the researchers use too.
    from atlas.seminar.story import load_story

    story = data_copy / "data" / "story.yaml"
    story.write_text(breakage(story.read_text(encoding="utf-8")), encoding="utf-8")
    dataset = load_dataset(data_copy / "data", data_copy / "geodata", article=data_copy / "no-article.txt")
    with pytest.raises(DataError) as error:
        load_story(dataset, story)
    assert [(p.row_id, p.column, p.rule) for p in error.value.problems] == [where]
    assert "story.yaml, line" in str(error.value.problems[0])


def test_ids_are_unique_across_events_and_flows(data_copy):
    flows = data_copy / "data" / "flows.csv"
    flows.write_text(flows.read_text(encoding="utf-8").replace("\nF001,", "\nE001,", 1), encoding="utf-8")
    problems = _problems(data_copy)
    assert _matches(problems, "is also used in data", "R09", "id", "E001") or _matches(
        problems, "is also used in", "R09", "id", "E001"), problems


# ---------------------------------------------------------------- geodata/
def _edit_json(name, change):
    def breakage(folder):
        path = folder / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    return breakage


def _set(name, index, key, value):
    def change(data):
        data["features"][index]["properties"][key] = value
    return _edit_json(name, change)


def _write(name, content):
    def breakage(folder):
        path = folder / name
        if content == "dir":
            path.unlink(missing_ok=True)
            path.mkdir()
        elif content is None:
            path.unlink()
        else:
            path.write_bytes(content)
    return breakage


def _scale(data, factor=111_000):
    def scale(value):
        return [scale(v) for v in value] if isinstance(value, list) else value * factor
    for feature in data["features"]:
        feature["geometry"]["coordinates"] = scale(feature["geometry"]["coordinates"])


def _two_borders(data):
    data["features"].append(data["features"][0])


def _border_polygon(data):
    coords = data["features"][0]["geometry"]["coordinates"]
    data["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [coords[:3] + coords[:1]]}


def _drop_property(key):
    def change(data):
        for feature in data["features"]:
            feature["properties"].pop(key, None)
    return change


_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
# (how to break geodata/, message fragment, rule); each breakage is one bad input.
BAD_GEODATA = [
    (_write("zones.geojson", b'{"type": "FeatureCollection", "features": []}'), "holds no features", "R30"),
    (_write("zones.geojson", b'{"type": "Feature"}'), "not a GeoJSON FeatureCollection", "R30"),
    (_write("zones.geojson", b'{"type": "FeatureCollection",\n "features": [\n}'), "is not valid JSON", "R30"),
    (_write("zones.geojson", b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
                             b' "geometry": {"type": "Point", "coordinates": [NaN, 1]}}]}'), "is not valid JSON",
     "R30"),
    (_write("zones.geojson", b""), "is empty", "R30"),
    (_write("zones.geojson", b"\xff\xfe{}"), "is not UTF-8 text", "R02"),
    (_write("zones.geojson", "dir"), "is a folder, not a file", "R01"),
    (_write("countries.geojson", None), "file not found", "R01"),
    (_write("border.geojson", b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
                              b'{"length_km": 5}, "geometry": {"type": "LineString", "coordinates": "x"}}]}'),
     "cannot be read as a geometry", "R30"),
    (_edit_json("countries.geojson", _scale), "coordinates are not WGS 84 degrees", "R31"),
    (_edit_json("zones.geojson", _scale), "coordinates are not WGS 84 degrees", "R31"),
    (_edit_json("countries.geojson", lambda d: d.update(crs={"type": "name", "properties": {
        "name": "urn:ogc:def:crs:EPSG::3857"}})), "is not WGS 84", "R31"),
    (_edit_json("border.geojson", _two_borders), "holds 2 features; the border is one line", "R32"),
    (_edit_json("border.geojson", _border_polygon), "is a Polygon, not a line", "R32"),
    (_edit_json("border.geojson", _drop_property("length_km")), "is not a positive number of kilometres", "R32"),
    (_set("border.geojson", 0, "length_km", "1166"), "is not a positive number of kilometres", "R32"),
    (_set("border.geojson", 0, "length_km", -3), "is not a positive number of kilometres", "R32"),
    (_set("countries.geojson", 3, "name", ""), "is empty or missing", "R33"),
    (_edit_json("countries.geojson", _drop_property("name")), "is empty or missing", "R33"),
    (_set("zones.geojson", 0, "aliases", ["Kunduz", "Qunduz"]), "must be text, names separated by ';'", "R34"),
    (_edit_json("zones.geojson", _drop_property("method")), "required property is missing", "R34"),
    (_set("zones.geojson", 0, "aliases", None), "must be text, names separated by ';'", "R34"),
    (_set("zones.geojson", 0, "name", 42), "must be text (a JSON string)", "R34"),
    (_set("zones.geojson", 0, "valid_to", None), "must be text (a JSON string)", "R34"),
    (_set("zones.geojson", 0, "precision", "guessed"), "'guessed' is not one of", "R11"),
    (_set("zones.geojson", 0, "country", "XX"), "not an ISO 3166-1 alpha-2", "R12"),
    (_set("zones.geojson", 0, "id", "Kunduz Province"), "lower-case letters", "R08"),
    (_set("zones.geojson", 1, "id", "kunduz"), "duplicate id 'kunduz'", "R09"),
    (_set("zones.geojson", 0, "name", ""), "is empty", "R10"),
    (_set("zones.geojson", 0, "valid_from", "1993-02-30"), "not a year or a real date", "R35"),
    (_set("zones.geojson", 0, "valid_to", "soon"), "not a year or a real date", "R35"),
    (_edit_json("zones.geojson", lambda d: (d["features"][0]["properties"].update(valid_from="1995",
                                                                                   valid_to="1993"))),
     "is before valid_from", "R35"),
    (_edit_json("zones.geojson", lambda d: d["features"][0].update(geometry={
        "type": "LineString", "coordinates": [[69, 37], [70, 38]]})), "not a polygon", "R34"),
    (_edit_json("zones.geojson", lambda d: d["features"][0].update(geometry={
        "type": "Polygon", "coordinates": [[[69, 37], [70, 38], [70, 37], [69, 38], [69, 37]]]})),
     "not a valid polygon", "R34"),
    (_edit_json("zones.geojson", lambda d: d["features"][0].update(geometry=None)), "is empty", "R34"),
    (_write("relief.png", b"GIF89a not a png"), "is not a PNG image", "R36"),
    (_write("relief.json", b"{bounds: [1, 2]}"), "is not valid JSON", "R36"),
    (_write("rivers.geojson", b'{"type": "FeatureCollection", "features": []}'), "holds no features", "R30"),
    # The theatre, the areas and the labels: each property the map reads, of its type (a tester's inputs, 2026-12-05).
    (_write("theatre.geojson", None), "file not found", "R01"),
    (_set("theatre.geojson", 0, "max_bounds", "everywhere"), "is not [[south, west], [north, east]]", "R37"),
    (_set("theatre.geojson", 0, "max_bounds", [[60, 25], [25, 82]]), "south below north", "R37"),
    (_set("theatre.geojson", 0, "relief_bounds", [[28, 52], [46, "east"]]), "in numbers", "R37"),
    (_set("theatre.geojson", 0, "relief_url", "/etc/hostname"), "is not the name of a PNG file in this folder", "R37"),
    (_set("theatre.geojson", 0, "relief_url", "../data/relief.png"), "no path, no address", "R37"),
    (_set("theatre.geojson", 0, "relief_url", "http://other.invalid/relief.png"), "no path, no address", "R37"),
    (_set("theatre.geojson", 0, "relief_url", "missing.png"), "is not the name of a PNG file", "R37"),
    (_edit_json("theatre.geojson", _two_borders), "holds 2 features; the theatre is one polygon", "R37"),
    (_set("areas.geojson", 0, "label_lat", "north"), "is not a point in degrees", "R38"),
    (_set("areas.geojson", 0, "area_kind", "province"), "'province' is not one of admin1", "R38"),
    (_set("areas.geojson", 0, "place_id", ""), "is empty or missing", "R38"),
    (_edit_json("areas.geojson", lambda d: d["features"][0].update(geometry=None)), "the area to draw", "R38"),
    (_set("labels.geojson", 0, "alternates", "x"), "is not a list of [lon, lat] points", "R39"),
    (_set("labels.geojson", 0, "alternates", [[70, 36, 1]]), "is not a list of [lon, lat] points", "R39"),
    (_set("labels.geojson", 0, "priority", "1"), "is not a whole number 1-5", "R39"),
    (_set("labels.geojson", 0, "kind", "city"), "'city' is not one of country", "R39"),
    (_set("labels.geojson", 0, "text", None), "is empty or missing", "R39"),
    (_set("labels.geojson", 0, "min_zoom", float("nan")), "is not valid JSON", "R36"),
    (_set("labels.geojson", 0, "min_zoom", True), "is not a zoom level 0-20", "R39"),
]


def _drop_area(place):
    return _edit_json("areas.geojson", lambda d: d.update(
        features=[f for f in d["features"] if f["properties"]["place_id"] != place]))


@pytest.mark.parametrize("breakage", [_drop_area("tajikistan"), _write("areas.geojson", None)])
def test_a_vague_place_without_its_area_is_named(data_copy, breakage):
    # Its facts were drawn as a bare symbol at the place's point: vagueness shown as exactness (a tester's input).
    breakage(data_copy / "geodata")
    problems = _problems(data_copy)
    named = [p for p in problems if p.rule == "R38" and p.row_id == "tajikistan"]
    assert named and "places.csv" in named[0].file and "has no area for it" in named[0].message, problems
    text = (data_copy / "data" / "places.csv").read_text(encoding="utf-8").split("\n")
    assert text[named[0].line - 1].startswith("tajikistan,")


@pytest.mark.parametrize("breakage, message, rule", BAD_GEODATA)
def test_bad_geodata_is_named(data_copy, breakage, message, rule):
    breakage(data_copy / "geodata")
    problems = _problems(data_copy)
    assert _matches(problems, message, rule), problems
    assert all("geodata/" in p.file for p in problems)


def test_empty_feature_collection_is_one_message(data_copy):
    (data_copy / "geodata" / "zones.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    problems = _problems(data_copy)
    assert len(problems) == 1 and problems[0].rule == "R30"


def test_broken_zone_is_named(data_copy):
    path = data_copy / "geodata" / "zones.geojson"
    path.write_text(path.read_text().replace('"precision":"admin boundary"', '"precision":"guessed"', 1))
    problems = _problems(data_copy)
    # The physical line: geodata files hold one feature a line, after the FeatureCollection's opening line.
    assert "zones.geojson, line 2 (id kunduz), column 'precision'" in str(problems[0])


def test_indented_geojson_names_the_line_where_the_feature_starts(data_copy):
    path = data_copy / "geodata" / "zones.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][2]["properties"]["precision"] = "guessed"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    problems = _problems(data_copy)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert '"type": "Feature"' in lines[problems[0].line - 1]
    assert sum('"type": "Feature"' in line for line in lines[: problems[0].line]) == 3


def test_geojson_on_one_line_counts_features(data_copy):
    path = data_copy / "geodata" / "zones.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][2]["properties"]["precision"] = "guessed"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = _problems(data_copy)
    assert "zones.geojson, feature 3 (id " in str(problems[0])


def test_countries_problem_names_the_line(data_copy):
    path = data_copy / "geodata" / "countries.geojson"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if '"name": "Iran"' in line or '"name":"Iran"' in line)
    path.write_text("\n".join(lines).replace('"Iran"', '""', 1), encoding="utf-8")
    problems = _problems(data_copy)
    assert [(p.line, p.column, p.rule) for p in problems] == [(number, "name", "R33")]


def test_valid_extra_geodata_files_are_listed_for_serving(data_copy):
    folder = data_copy / "geodata"
    shipped = {p.name for p in folder.iterdir() if p.suffix in (".geojson", ".png")}
    (folder / "relief.png").write_bytes(_PNG)
    shutil.copy(folder / "border.geojson", folder / "rivers_extra.geojson")
    (folder / "notes.txt").write_text("not served")
    data = load_dataset(data_copy / "data", folder, article=data_copy / "none.txt")
    names = {path.name for path in data.geodata_files}
    assert names == {*shipped, "relief.png", "rivers_extra.geojson"}


# ---------------------------------------------------------------- the rules, documented and tested
def _readme_rules():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Rules the loader enforces", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- \*\*(R\d\d)\*\*", section, flags=re.M)


def test_readme_lists_every_rule():
    documented = _readme_rules()
    assert len(documented) == len(set(documented))
    assert sorted(documented) == sorted(schema.RULES)
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for rule, words in schema.RULES.items():
        assert f"- **{rule}** {words}." in text, rule


def test_every_rule_has_a_bad_input():
    from tests.seminar.test_story import BAD_CHAPTERS, BAD_STORY_FILES

    tested = {row[-1] for table in (BAD_EVENT_ROWS, BAD_FLOW_ROWS, BAD_ACTOR_ROWS, BAD_PLACE_ROWS, BAD_CSV_FILES,
                                    BAD_GEODATA, BAD_CHAPTERS, BAD_STORY_FILES) for row in table}
    tested |= {"R22", "R27"}  # test_unmapped_event_must_not_carry_coordinates, test_quotes_are_checked_against_the_article
    tested |= {"R44"}  # test_a_sources_year_and_url_are_checked
    assert set(schema.RULES) - tested == set()


def test_count_of_bad_inputs():
    from tests.seminar.test_story import BAD_CHAPTERS, BAD_STORY_FILES

    counts = {"events rows": len(BAD_EVENT_ROWS), "flows rows": len(BAD_FLOW_ROWS), "actors rows": len(BAD_ACTOR_ROWS),
              "places rows": len(BAD_PLACE_ROWS), "CSV files": len(BAD_CSV_FILES), "geodata": len(BAD_GEODATA),
              "story chapters": len(BAD_CHAPTERS), "story files": len(BAD_STORY_FILES)}
    print(counts, sum(counts.values()))
    assert sum(counts.values()) >= 150
