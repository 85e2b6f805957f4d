"""Search: every kind of alias, diacritics, quotes and footnotes, with the reason each row matched."""

import pandas as pd
import pytest

from atlas.view.search import footnote_query, match_reasons, normalize, search_mask

ACTORS = pd.DataFrame(
    {
        "id": ["jamiat", "tj_gov"],
        "name": ["Jamiat-e-Islami (Ahmad Shah Massoud)", "Government of Tajikistan"],
        "short_name": ["Jamiat-e-Islami", "Tajik government"],
        "aliases": ["Jamiat-e-Islami;Massoud;Masood;Massod", "Tajik Government;Rakhmonov"],
    }
)
PLACES = pd.DataFrame(
    {
        "id": ["kulob", "bokhtar", "panj"],
        "name": ["K\u016dlob", "Bokhtar", "Panj"],
        "aliases": ["Kulyab;Kulob;K\u016dlob", "Kurgan-Tyube;Qurghonteppa;Bokhtar", "Pyandzh;Panj"],
    }
)
EVENTS = pd.DataFrame(
    {
        "id": ["E1", "E2", "E3", "E4"],
        "title": ["Attack into Kulyab", "Massoud's camp", "Summit in Moscow", "Crossing at the river"],
        "description": ["", "", "Talks \u2018behind closed doors\u2019", ""],
        "source_quote": ["a major attack was launched", "", "", "the fighters crossed the river"],
        "source_note": ["61", "45;46", "7", "61"],
        "place_name": ["Kulyab", "Kunduz", "Moscow", "Pyandzh"],
        "place_id": ["kulob", "", "", "panj"],
        "actor_ids": [("tj_gov",), ("jamiat",), (), ("jamiat", "tj_gov")],
    }
)
FLOWS = pd.DataFrame(
    {
        "id": ["F1"],
        "title": ["Refugees flee"],
        "description": [""],
        "source_quote": [""],
        "source_note": ["25"],
        "from_place_id": ["bokhtar"],
        "to_place_id": ["panj"],
        "via_place_ids": [""],
        "from_name": ["Kurgan-Tyube"],
        "to_name": ["Panj"],
        "actor_ids": [()],
    }
)


@pytest.mark.parametrize(
    "raw, folded",
    [("K\u016dlob", "kulob"), ("KULOB", "kulob"), ("Kurgan-Tyube", "kurgan tyube"), ("  Hizb-i-Islami ", "hizb i islami"),
     ("People\u2019s Front", "people's front"), ("Qo\u02bbrg\u02bbonteppa", "qo'rg'onteppa")],
)
def test_normalize(raw, folded):
    assert normalize(raw) == folded


@pytest.mark.parametrize(
    "text, ids, reason",
    [
        # actor aliases: every spelling the actors table holds
        ("Masood", ["E2", "E4"], "actor Jamiat-e-Islami (as Masood)"),
        ("massod", ["E2", "E4"], "actor Jamiat-e-Islami (as Massod)"),
        ("Massoud", ["E2", "E4"], "actor Jamiat-e-Islami (as Massoud)"),
        ("Rakhmonov", ["E1", "E4"], "actor Tajik government (as Rakhmonov)"),
        ("tajik government", ["E1", "E4"], "actor Tajik government"),
        # place aliases, historic and modern, with and without diacritics
        ("Kulob", ["E1"], "place K\u016dlob"),
        ("Kulyab", ["E1"], "place K\u016dlob (as Kulyab)"),
        ("K\u016dlob", ["E1"], "place K\u016dlob"),
        ("Panj", ["E4"], "place Panj"),
        ("pyandzh", ["E4"], "place Panj (as Pyandzh)"),
        # title, description with curly quotes, quote phrase
        ("attack into", ["E1"], "title"),
        ("'behind closed doors'", ["E3"], "description"),
        ("crossed the river", ["E4"], "quote"),
        # footnotes
        ("fn 61", ["E1", "E4"], "footnote 61"),
        ("footnote 46", ["E2"], "footnote 46"),
        ("FN61", ["E1", "E4"], "footnote 61"),
        # nothing
        ("Dushanbe", [], None),
    ],
)
def test_search_events(text, ids, reason):
    reasons = match_reasons(EVENTS, text, ACTORS, PLACES)
    assert list(EVENTS.loc[reasons != "", "id"]) == ids
    for found in reasons[reasons != ""]:
        assert reason in found


def test_words_found_in_different_fields():
    reasons = match_reasons(EVENTS, "Massoud river", ACTORS, PLACES)
    assert list(EVENTS.loc[reasons != "", "id"]) == ["E4"]
    assert reasons.iloc[3] == "massoud: actor Jamiat-e-Islami (as Massoud); river: title, quote"


@pytest.mark.parametrize(
    "text, reason",
    [("Qurghonteppa", "place Bokhtar (as Qurghonteppa)"), ("Pyandzh", "place Panj (as Pyandzh)"), ("fn 25", "footnote 25")],
)
def test_search_flows_by_either_end(text, reason):
    assert list(match_reasons(FLOWS, text, ACTORS, PLACES)) == [reason]


def test_without_lookups_only_the_rows_own_text():
    assert list(search_mask(EVENTS, "Kulob")) == [False] * 4
    assert list(search_mask(EVENTS, "Kulyab")) == [True, False, False, False]


def test_empty_search_matches_everything():
    assert search_mask(EVENTS, "  ", ACTORS, PLACES).all()
    assert (match_reasons(EVENTS, "", ACTORS, PLACES) == "").all()


@pytest.mark.parametrize("text, number", [("fn 61", 61), ("footnote 7", 7), ("fn. 3", 3), ("n 12", 12), ("61", None),
                                          ("fn x", None)])
def test_footnote_query(text, number):
    assert footnote_query(text) == number


def test_built_in_data_alias_spellings(dataset):
    """The spellings the article uses for Massoud all find the same events."""
    found = [set(dataset.events.loc[search_mask(dataset.events, name, dataset.actors, dataset.places), "id"])
             for name in ("Massoud", "Masood", "Massod")]
    assert found[0] and found[0] == found[1] == found[2]


@pytest.mark.parametrize("text, names", [("Pyandzh", ["place Panj (as Pyandzh)"]), ("Masood", ["actor Jamiat-e-Islami (as Masood)"]),
                                         ("zzz", []), ("fn 3", [])])
def test_matching_names(text, names):
    from atlas.view.search import matching_names

    assert matching_names(text, ACTORS, PLACES) == names



@pytest.mark.parametrize(
    "text, column, value, names",
    [
        # the article writes Rakhmonov; Rahmon(ov) is the same president's modern spelling
        ("Rahmon", "actor_ids", "tj_gov", ["actor Tajik government (as Rahmon)"]),
        ("Rahmonov", "actor_ids", "tj_gov", ["actor Tajik government (as Rahmonov)"]),
        # the UTO's leader, whom the article names (E055, E087)
        ("Said Abdullah Nuri", "actor_ids", "irp_uto", ["actor IRP / UTO (as Said Abdullah Nuri)"]),
        # Kulyab oblast carries its centre's modern names, with and without the breve
        ("Kulob", "place_id", "kulyab_oblast",
         ["place K\u016dlob", "place Kulyab oblast (1992) (as Kulob)", "place between Kulob and Bokhtar"]),
        ("K\u016dlob", "place_id", "kulyab_oblast",
         ["place K\u016dlob", "place Kulyab oblast (1992) (as Kulob)", "place between Kulob and Bokhtar"]),
        # the press spelling of Panj: no fact is placed there, but the name is known
        ("Pyanj", "place_id", "panj", ["place Panj (as Pyanj)"]),
    ],
)
def test_built_in_modern_and_press_spellings(dataset, text, column, value, names):
    """A reader typing the modern or press spelling finds every row tied to that actor or place."""
    from atlas.view.search import matching_names

    events = dataset.events
    if column == "actor_ids":
        tied = set(events.loc[events["actor_ids"].map(lambda ids: value in ids), "id"])
    else:
        tied = set(events.loc[events["place_id"] == value, "id"])
    reasons = match_reasons(events, text, dataset.actors, dataset.places)
    found = set(events.loc[reasons != "", "id"])
    assert tied <= found
    assert matching_names(text, dataset.actors, dataset.places) == names


def test_rahmon_finds_what_rakhmonov_finds_for_the_government(dataset):
    events, actors, places = dataset.events, dataset.actors, dataset.places
    government = events["actor_ids"].map(lambda ids: "tj_gov" in ids)
    assert government.sum() > 10
    assert (search_mask(events, "Rahmon", actors, places) == government).all()
    assert set(events.loc[search_mask(events, "Kulob", actors, places), "id"]) >= {"E029"}
