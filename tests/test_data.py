"""The shipped dataset: cited, geocoded from GeoNames, and complete enough."""

import pytest

from atlas import schema
from atlas.gazetteer import geonames_city
from atlas.quotes import quote_in_text, word_count


def test_enough_events_in_every_layer(dataset):
    counts = dataset.events["layer"].value_counts()
    assert len(dataset.events) >= 50
    for layer in schema.LAYERS:
        assert counts.get(layer, 0) >= 8, layer
    assert len(dataset.flows) >= 5


@pytest.mark.parametrize("table", ["events", "flows"])
def test_every_quote_is_verbatim_in_the_article(dataset, article_text, table):
    frame = getattr(dataset, table)
    missing = [row.id for row in frame.itertuples() if not quote_in_text(row.source_quote, article_text)]
    assert missing == []


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
