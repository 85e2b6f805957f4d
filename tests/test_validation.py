"""The validator rejects each kind of bad row and names file, line, id and column."""

import pandas as pd
import pytest

from atlas.loading import load_dataset, read_table
from atlas.validation import DataError, Problem, check_actors, check_events, check_flows, check_places


@pytest.fixture(scope="module")
def tables():
    from atlas.paths import DATA_DIR

    return {name: read_table(DATA_DIR / f"{name}.csv") for name in ("actors", "places", "events", "flows")}


@pytest.fixture(scope="module")
def context(tables):
    places = {row["id"]: row for row in tables["places"].to_dict("records")}
    return set(tables["actors"]["id"]), places


def _broken(frame, row_id, column, value):
    frame = frame.copy()
    frame.loc[frame["id"] == row_id, column] = value
    return frame


def test_shipped_tables_have_no_problems(tables, context):
    actor_ids, places = context
    assert check_actors(tables["actors"]) == []
    assert check_places(tables["places"]) == []
    assert check_events(tables["events"], actor_ids, places) == []
    assert check_flows(tables["flows"], actor_ids, places) == []


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("layer", "battle", "'battle' is not one of"),
        ("event_type", "Big Attack", "lower-case letters"),
        ("title", "", "is empty"),
        ("date_start", "1993-13-01", "not a date written YYYY-MM-DD"),
        ("date_start", "14 July 1993", "not a date written YYYY-MM-DD"),
        ("date_end", "1993-07-01", "is before date_start"),
        ("date_prec", "9", "outside 1-5"),
        ("where_prec", "0", "outside 1-7"),
        ("place_id", "atlantis", "unknown place 'atlantis'"),
        ("lat", "12.0", "outside the region"),
        ("lon", "69.9", "differs from the gazetteer"),
        ("lat", "north", "not a number"),
        ("geonameid", "1", "differs from the gazetteer"),
        ("actors", "irp_uto;martians", "unknown actor 'martians'"),
        ("deaths_low", "-3", "outside 0-None"),
        ("deaths_best", "many", "not a whole number"),
        ("deaths_high", "100", "deaths_low <= deaths_best <= deaths_high"),
        ("strength", "4,000", "not a whole number"),
        ("source_note", "", "is empty"),
        ("source_note", "99", "not a footnote number"),
        ("source_note", "61;x", "'x' is not a footnote number"),
        ("source_quote", "", "is empty"),
        ("source_quote", "word " * 41, "has 41 words"),
        ("id", "E001", "duplicate id 'E001'"),
    ],
)
def test_bad_event_rows(tables, context, column, value, message):
    actor_ids, places = context
    frame = _broken(tables["events"], "E029", column, value)
    problems = check_events(frame, actor_ids, places)
    assert problems, f"{column}={value!r} was accepted"
    matching = [p for p in problems if message in p.message]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.column == column
    assert problem.row_id in ("E029", "E001")
    line = int(tables["events"].index[tables["events"]["id"] == "E029"][0]) + 2
    assert problem.line in (line, 2)
    assert "data/events.csv, line" in str(problem)


def test_unmapped_event_must_not_carry_coordinates(tables, context):
    actor_ids, places = context
    frame = _broken(tables["events"], "E034", "lat", "38.5")
    problems = check_events(frame, actor_ids, places)
    assert [(p.row_id, p.column) for p in problems] == [("E034", "lat")]


def test_missing_column_is_named(tables, context):
    actor_ids, places = context
    problems = check_events(tables["events"].drop(columns="source_quote"), actor_ids, places)
    assert [(p.column, p.message) for p in problems] == [("source_quote", "required column is missing")]


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("from_place_id", "nowhere", "unknown place 'nowhere'"),
        ("to_lat", "55.0", "differs from the gazetteer"),
        ("via_place_ids", "dushanbe;nowhere", "unknown place 'nowhere'"),
        ("magnitude", "lots", "not a whole number"),
        ("flow_type", "", "is empty"),
    ],
)
def test_bad_flow_rows(tables, context, column, value, message):
    actor_ids, places = context
    problems = check_flows(_broken(tables["flows"], "F001", column, value), actor_ids, places)
    assert any(message in p.message and p.column == column and p.row_id == "F001" for p in problems), problems


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("side", "neutral", "'neutral' is not one of"),
        ("kind", "", "is empty"),
        ("color", "red", "not a colour"),
        ("id", "Bad Id", "lower-case letters"),
    ],
)
def test_bad_actor_rows(tables, column, value, message):
    problems = check_actors(_broken(tables["actors"], "un", column, value))
    assert any(message in p.message and p.column == column for p in problems), problems


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("source", "memory", "'memory' is not one of"),
        ("geonameid", "", "needs its geonameid"),
        ("lon", "120", "outside the region"),
    ],
)
def test_bad_place_rows(tables, column, value, message):
    problems = check_places(_broken(tables["places"], "dushanbe", column, value))
    assert any(message in p.message and p.column == column for p in problems), problems


def test_problem_message_names_everything():
    problem = Problem("data/events.csv", 12, "E010", "date_start", "'x' is not a date")
    assert str(problem) == "data/events.csv, line 12 (id E010), column 'date_start': 'x' is not a date"


def test_load_dataset_reports_every_problem(data_copy):
    events = data_copy / "data" / "events.csv"
    frame = pd.read_csv(events, dtype=str, keep_default_na=False)
    frame.loc[0, "layer"] = "nonsense"
    frame.loc[4, "actors"] = "ghosts"
    frame.to_csv(events, index=False)
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata")
    text = str(error.value)
    assert "2 problem(s)" in text
    assert "events.csv, line 2 (id E001), column 'layer'" in text
    assert "line 6 (id E005), column 'actors': unknown actor 'ghosts'" in text


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"id,name\n\xff\xfe,x\n", "is not UTF-8"),
        (None, "file not found"),
    ],
)
def test_unreadable_files_are_named(data_copy, content, message):
    path = data_copy / "data" / "actors.csv"
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert "actors.csv" in str(error.value) and message in str(error.value)


def test_broken_zone_is_named(data_copy):
    path = data_copy / "geodata" / "zones.geojson"
    path.write_text(path.read_text().replace('"precision":"admin boundary"', '"precision":"guessed"', 1))
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert "zones.geojson, feature 1 (id kunduz), column 'precision'" in str(error.value)
