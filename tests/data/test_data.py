"""The shipped dataset: cited, geocoded from GeoNames, and complete enough."""

import os
from pathlib import Path

import pandas as pd
import pytest

from atlas.data import schema
from atlas.paths import ARTICLE_PATH, SOURCES_DIR
from atlas.map.popups import event_popup_html
from atlas.data.gazetteer import geonames_city
from atlas.data.quotes import quote_in_text, word_count


def test_enough_events_in_every_layer(dataset):
    counts = dataset.events["layer"].value_counts()
    assert len(dataset.events) >= 50
    for layer in schema.LAYERS:
        assert counts.get(layer, 0) >= 8, layer
    assert len(dataset.flows) >= 5


def _source_text(source):
    """Return the text of one row of data/sources.csv, or None when we hold no copy of it.

    ``text_file`` names a file in the shared sources folder (``ATLAS_SOURCES_DIR``,
    by default ``../shared/sources``); ``ATLAS_ARTICLE`` still overrides the
    article's own path.
    """
    if not source["text_file"]:
        return None
    folder = Path(os.environ.get("ATLAS_SOURCES_DIR", SOURCES_DIR))
    path = folder / source["text_file"]
    if source["text_file"] == ARTICLE_PATH.name and os.environ.get("ATLAS_ARTICLE"):
        path = Path(os.environ["ATLAS_ARTICLE"])
    return path.read_text(encoding="utf-8") if path.exists() else None


@pytest.mark.parametrize("table", ["events", "flows"])
def test_every_quote_is_verbatim_in_its_source(dataset, table):
    frame = getattr(dataset, table)
    sources = dataset.sources.to_dict("records")
    texts = {source["id"]: _source_text(source) for source in sources}
    absent = [source["text_file"] for source in sources if source["text_file"] and texts[source["id"]] is None]
    if absent:
        message = f"source text missing: {', '.join(absent)} (set ATLAS_SOURCES_DIR or ATLAS_ARTICLE)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    # A source with no text_file is one we hold no copy of: its rows cannot be checked here.
    checked = [row for row in frame.itertuples() if texts.get(row.source_id) is not None]
    missing = [row.id for row in checked if not quote_in_text(row.source_quote, texts[row.source_id])]
    assert missing == []
    assert checked, "no row was checked against a source text"


def test_a_quote_is_checked_against_its_own_source(tmp_path, monkeypatch):
    # Two sources: a quote from the second is not found in the first.
    (tmp_path / "a.txt").write_text("The border was closed in 1996.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks resumed in Dushanbe.", encoding="utf-8")
    monkeypatch.setenv("ATLAS_SOURCES_DIR", str(tmp_path))
    monkeypatch.delenv("ATLAS_ARTICLE", raising=False)
    text_b = _source_text({"text_file": "b.txt"})
    assert quote_in_text("Talks resumed in Dushanbe", text_b)
    assert not quote_in_text("Talks resumed in Dushanbe", _source_text({"text_file": "a.txt"}))
    assert _source_text({"text_file": ""}) is None
    assert _source_text({"text_file": "missing.txt"}) is None


def test_no_row_is_more_precise_than_its_place(dataset):
    places = dataset.places.set_index("id")["where_prec"].astype(int)
    mapped = dataset.events[dataset.events["mapped"]]
    too_precise = [row.id for row in mapped.itertuples() if row.where_prec < places[row.place_id]]
    assert too_precise == []


@pytest.mark.parametrize("table", ["events", "flows"])
def test_every_row_names_a_source(dataset, table):
    frame = getattr(dataset, table)
    assert set(frame["source_id"]) <= set(dataset.sources["id"])


def test_the_bibliography_says_only_what_our_copy_gives(dataset):
    # Our copy of the article gives its author and title and nothing else.
    article = dataset.sources.set_index("id").loc["sethi_civil_war"]
    assert article["author"] == "Jajneswar Sethi"
    assert article["title"] == "Civil War in Tajikistan: Its Impact on Tajik-Russia Relations"
    assert [article[c] for c in ("journal", "volume", "year", "pages", "url")] == [""] * 5


def _date_prec_of_span(start, end):
    """UCDP GED's date_prec for a span: 1 one day, 2 two to six days, 3 seven days, 4 one calendar month, 5 longer."""
    days = (end - start).days + 1
    if days == 1:
        return 1
    if days <= 6:
        return 2
    if days == 7:
        return 3
    if (start.year, start.month) == (end.year, end.month):
        return 4
    return 5


@pytest.mark.parametrize(
    "start, end, prec",
    [
        ("1993-07-14", "1993-07-14", 1),
        ("1993-07-14", "1993-07-15", 2),
        ("1993-07-14", "1993-07-19", 2),
        ("1993-07-14", "1993-07-20", 3),
        ("1993-07-01", "1993-07-31", 4),
        ("1993-07-25", "1993-08-03", 5),
        ("1992-07-01", "1992-08-31", 5),
        ("1992-01-01", "1997-12-31", 5),
    ],
)
def test_date_prec_rule(start, end, prec):
    assert _date_prec_of_span(pd.Timestamp(start), pd.Timestamp(end)) == prec


@pytest.mark.parametrize("table", ["events", "flows"])
def test_date_prec_matches_the_span(dataset, table):
    frame = getattr(dataset, table)
    wrong = [
        (row.id, row.date_prec, _date_prec_of_span(row.date_start, row.date_end))
        for row in frame.itertuples()
        if row.date_prec != _date_prec_of_span(row.date_start, row.date_end)
    ]
    assert wrong == []


def test_wounded_are_whole_numbers_and_shown(dataset):
    events = dataset.events.set_index("id")
    assert events.loc["E060", "wounded"] == 50
    assert events["wounded"].dropna().ge(0).all()
    row = dataset.events[dataset.events["id"] == "E060"].iloc[0]
    assert "50 wounded" in event_popup_html(row, dataset.actors)


def test_the_slider_spans_the_war_and_keeps_earlier_facts_in_reach(dataset):
    # E065 begins "since the early 1980s" and keeps its true start; the slider
    # still runs over the war years, and every row overlaps them.
    assert dataset.years == (1992, 1997)
    assert dataset.events.set_index("id").loc["E065", "year_start"] == 1980
    first, last = dataset.years
    for frame in (dataset.events, dataset.flows):
        assert ((frame["year_end"] >= first) & (frame["year_start"] <= last)).all()


@pytest.mark.parametrize("table", ["events", "flows"])
def test_quotes_are_short(dataset, table):
    frame = getattr(dataset, table)
    assert frame["source_quote"].map(word_count).max() <= schema.MAX_QUOTE_WORDS


@pytest.mark.parametrize("table", ["events", "flows"])
def test_footnotes_exist_in_the_article(dataset, article_text, table):
    # Footnote numbers stand alone on a line in the article.
    lines = {line.strip() for line in article_text.splitlines()}
    for row in getattr(dataset, table).itertuples():
        for note in row.source_note.split(";"):
            assert note in lines, (row.id, note)


def test_every_place_resolves_through_the_gazetteer(dataset):
    place_ids = set(dataset.places["id"])
    used = set(dataset.events.loc[dataset.events["mapped"], "place_id"])
    used |= set(dataset.flows["from_place_id"]) | set(dataset.flows["to_place_id"])
    assert used <= place_ids


def test_gazetteer_agrees_with_geonames(dataset):
    from_geonames = dataset.places[dataset.places["source"] == "geonames"]
    assert len(from_geonames) >= 10
    for place in from_geonames.itertuples():
        record = geonames_city(place.geonameid)
        assert record is not None, place.id
        assert place.lat == pytest.approx(record["latitude"], abs=1e-4), place.id
        assert place.lon == pytest.approx(record["longitude"], abs=1e-4), place.id
        names = {record["name"].casefold(), *(a.casefold() for a in record["alternatenames"])}
        aliases = {a.strip().casefold() for a in place.aliases.split(";")}
        assert names & aliases, f"{place.id}: no alias is a GeoNames name"


@pytest.mark.parametrize(
    "historic, place_id",
    [
        ("Kurgan-Tyube", "bokhtar"),
        ("Qurghonteppa", "bokhtar"),
        ("Kulyab", "kulob"),
        ("Toloqan", "taloqan"),
        ("Garm", "rasht"),
        ("Leninabad", "khujand"),
        ("Nurek", "norak"),
    ],
)
def test_historic_names_are_aliases(dataset, historic, place_id):
    place = dataset.places.set_index("id").loc[place_id]
    assert historic in place["aliases"].split(";")


def test_places_missing_from_geonames_say_how_they_were_placed(dataset):
    derived = dataset.places[dataset.places["source"] == "derived"]
    assert (derived["note"].str.len() > 20).all()
    khozdeh = dataset.places.set_index("id").loc["khozdeh"]
    assert int(khozdeh["where_prec"]) >= 2


def test_unmapped_events_say_why(dataset):
    unmapped = dataset.events[~dataset.events["mapped"]]
    assert unmapped["description"].str.contains("not mapped").all()


def test_zones(dataset):
    zones = dataset.zones
    assert len(zones) >= 6
    assert {"kunduz", "takhar", "kulyab_oblast", "kurgan_tyube_oblast", "garm", "gbao_border"} <= set(zones["id"])
    assert zones.geometry.is_valid.all()


def test_border_length_is_reported(dataset):
    length = float(dataset.border["length_km"].iloc[0])
    assert 1000 < length < 1500


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("events", "source_id", "nobody_1999", "unknown source (not in sources.csv): 'nobody_1999'"),
        ("flows", "source_id", "", "is empty"),
        ("events", "wounded", "fifty", "'fifty' is not a whole number"),
    ],
)
def test_a_broken_source_or_wounded_cell_is_named(data_copy, table, column, value, message):
    from atlas.data.loading import load_dataset
    from atlas.data.validation import DataError

    path = data_copy / "data" / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, column] = value
    frame.to_csv(path, index=False)
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata")
    first_id = frame.loc[0, "id"]
    assert f"data/{table}.csv, line 2 (id {first_id}), column '{column}': {message}" in str(error.value)


def test_a_missing_bibliography_is_named(data_copy):
    from atlas.data.loading import load_dataset
    from atlas.data.validation import DataError

    (data_copy / "data" / "sources.csv").unlink()
    with pytest.raises(DataError, match="sources.csv: file not found"):
        load_dataset(data_copy / "data", data_copy / "geodata")


def test_a_source_text_is_a_plain_file_name(data_copy):
    from atlas.data.loading import load_dataset
    from atlas.data.validation import DataError

    path = data_copy / "data" / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("000_3dfe52d914b40e57.txt", "../../etc/passwd"),
                    encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert [(p.column, p.rule) for p in error.value.problems] == [("text_file", "R21")]


def test_the_loader_checks_each_quote_against_its_own_source(data_copy, article_text, monkeypatch):
    from atlas.data.loading import load_dataset
    from atlas.data.validation import DataError

    # A second publication whose text lacks E001's quote: E001, moved to it, is reported; the rest pass.
    (data_copy / "other.txt").write_text("A text about something else.", encoding="utf-8")
    (data_copy / "article.txt").write_text(article_text, encoding="utf-8")
    monkeypatch.setenv("ATLAS_SOURCES_DIR", str(data_copy))
    monkeypatch.setenv("ATLAS_ARTICLE", str(data_copy / "article.txt"))
    with (data_copy / "data" / "sources.csv").open("a", encoding="utf-8") as f:
        f.write("other_2001,A. Author,Another Title,,,,,,other.txt\n")
    path = data_copy / "data" / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == "E001", "source_id"] = "other_2001"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError) as error:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert [(p.row_id, p.rule) for p in error.value.problems] == [("E001", "R27")]
