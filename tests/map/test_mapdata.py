"""The records sent once and the selection sent on every change."""

import base64
import gzip
import json

import numpy as np
import pandas as pd
import pytest

from atlas.map.mapdata import build_store, selection_bits, selection_payload, side_key, write_store, written_store
from atlas.paths import GEODATA_DIR
from atlas.map.symbols import SIDE_COLORS


@pytest.mark.parametrize(
    "index, ids, expected",
    [
        (["a", "b", "c"], ["c", "a"], [1, 0, 1]),
        (["a", "b", "c"], [], [0, 0, 0]),
        (["a", "b", "c"], ["x", "b"], [0, 1, 0]),  # unknown ids (unmapped events) are ignored
        ([f"e{i}" for i in range(10)], ["e9", "e0", "e8"], [1, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
    ],
)
def test_selection_bits(index, ids, expected):
    raw = np.unpackbits(np.frombuffer(base64.b64decode(selection_bits(pd.Index(index), ids)), dtype=np.uint8))
    assert raw[: len(index)].tolist() == expected and not raw[len(index):].any()


def test_bitset_size_is_linear_and_small():
    index = pd.Index([f"S{i:06d}" for i in range(100_000)])
    text = selection_bits(index, index[::2])
    assert len(text) == 16_668  # 100,000 bits in base64: 17 KB whatever is selected


def test_store_has_one_row_per_mapped_event_with_its_side_colour(dataset):
    store = build_store(dataset.events, dataset.flows, dataset.actors)
    events = store.records["events"]
    assert events["id"] == dataset.events.loc[dataset.events["mapped"], "id"].tolist()
    sides = dict(zip(dataset.actors["id"], dataset.actors["side"]))
    row = events["id"].index("E029")
    first_actor = dataset.events.set_index("id").loc["E029", "actor_ids"][0]
    assert store.records["sides"][events["side"][row]]["color"] == SIDE_COLORS[sides[first_actor]]
    assert len(store.text["events"]["quote"]) == len(events["id"])
    assert store.records["flows"]["id"] == dataset.flows["id"].tolist()


def test_vague_facts_point_at_one_area_per_place(dataset):
    store = build_store(dataset.events, dataset.flows, dataset.actors)
    events, areas = store.records["events"], store.records["areas"]
    border = [a["place"] for a in areas].index("tajik_afghan_border")
    on_border = [i for i, a in enumerate(events["area"]) if a == border]
    assert len(on_border) == (dataset.events["place_id"] == "tajik_afghan_border").sum()
    exact = [a for a, p in zip(events["area"], events["prec"]) if p < 4]
    assert set(exact) == {-1}


def test_areas_file_gives_the_geometry_and_label_point(dataset):
    feature = {"type": "Feature", "properties": {"place_id": "kulyab_oblast", "area_kind": "admin1", "name": "Kulyab oblast",
                                                 "label_lat": 38.0, "label_lon": 69.8},
               "geometry": {"type": "Polygon", "coordinates": [[[69, 37.5], [70.5, 37.5], [70.5, 38.5], [69, 37.5]]]}}
    store = build_store(dataset.events, dataset.flows, dataset.actors, {"kulyab_oblast": feature})
    area = next(a for a in store.records["areas"] if a["place"] == "kulyab_oblast")
    assert area["label"] == [38.0, 69.8] and area["kind"] == "admin1" and area["geometry"]["type"] == "Polygon"


def test_files_are_named_by_content_and_written_once(dataset, tmp_path):
    store = write_store(build_store(dataset.events, dataset.flows, dataset.actors), tmp_path)
    again = write_store(build_store(dataset.events, dataset.flows, dataset.actors), tmp_path)
    assert store.url == again.url and store.url.startswith("/app/static/data/atlas-")
    files = sorted(p.name for p in (tmp_path / "data").iterdir())
    names = [store.url.rsplit("/", 1)[1], store.text_url.rsplit("/", 1)[1]]
    assert files == sorted(names + [name + ".gz" for name in names])  # each with its gzip twin
    records = tmp_path / "data" / names[0]
    assert json.loads(records.read_text())["events"]["id"] == store.records["events"]["id"]
    assert gzip.decompress((tmp_path / "data" / (names[0] + ".gz")).read_bytes()) == records.read_bytes()
    changed = dataset.events.copy()
    changed.loc[changed["id"] == "E029", "title"] = "another title"
    assert write_store(build_store(changed, dataset.flows, dataset.actors), tmp_path).url != store.url


def test_side_key_only_when_one_side(dataset):
    opposition = dataset.actors.loc[dataset.actors["side"] == "opposition camp", "id"]
    chosen = dataset.events[dataset.events["actor_ids"].map(lambda ids: bool(ids) and ids[0] in set(opposition))]
    key = side_key(chosen, dataset.actors)
    assert key["side"] == "opposition camp" and key["color"] == SIDE_COLORS["opposition camp"] and key["actors"]
    assert side_key(dataset.events, dataset.actors) is None
    # The payload carries the same key, from the store's codes.
    store = build_store(dataset.events, dataset.flows, dataset.actors)
    mapped = chosen[chosen["mapped"]]
    assert selection_payload(store, mapped, dataset.flows.iloc[0:0])["key"] == side_key(mapped, dataset.actors)
    assert "key" not in selection_payload(store, dataset.events[dataset.events["mapped"]], dataset.flows)


def test_popup_text_says_what_the_popup_module_says(dataset):
    from atlas.data.dates import date_precision_phrase, format_date
    from atlas.map.popups import figures_text, place_text

    store = build_store(dataset.events, dataset.flows, dataset.actors)
    text = store.text["events"]
    for i, row in enumerate(dataset.events[dataset.events["mapped"]].to_dict("records")):
        assert text["where"][i] == place_text(row)
        assert text["figures"][i] == figures_text(row)
        assert text["when"][i] == f"{format_date(row['date_start'], row['date_end'], row['date_prec'])} ({date_precision_phrase(row['date_prec'])})"
        assert text["quote"][i] == row["source_quote"] and text["title"][i] == row["title"]
    flow = store.text["flows"]
    assert flow["where"][0] == f"from {dataset.flows['from_name'].iloc[0]} to {dataset.flows['to_name'].iloc[0]}"
    assert flow["figures"] == [figures_text(r) for r in dataset.flows.to_dict("records")]


def test_bits_by_row_label_agree_with_bits_by_id(dataset):
    store = build_store(dataset.events, dataset.flows, dataset.actors)
    chosen = dataset.events[dataset.events["mapped"]].iloc[::3]
    by_label = selection_bits(store.event_ids, chosen["id"], store.event_labels, chosen.index)
    assert by_label == selection_bits(store.event_ids, chosen["id"])
    # A frame whose labels mean other rows (reset index) falls back to the ids.
    shuffled = chosen.reset_index(drop=True)
    assert selection_bits(store.event_ids, shuffled["id"], store.event_labels, shuffled.index) == by_label


def test_popup_text_offers_each_items_link(dataset):
    """research (issue 13): every popup's text carries the item's own link for the map client to show."""
    from atlas.map.mapdata import _popup_text
    from atlas.map.popups import place_text

    mapped = dataset.events[dataset.events["mapped"]].head(3)
    names = dict(zip(dataset.actors["id"], dataset.actors["short_name"]))
    columns = ["place_id", "place_name", "place_modern", "geonameid", "where_prec"]
    text = _popup_text(mapped, names, columns, place_text)
    assert text["link"] == [f"?event={i}" for i in mapped["id"]]


def test_area_symbols_carry_other_points_inside_their_area(dataset):
    # Where another symbol covers an area's first point, the browser moves its symbol to one of these.
    from shapely.geometry import Point, shape

    from atlas.map.mapdata import read_areas

    store = build_store(dataset.events, dataset.flows, dataset.actors, read_areas(GEODATA_DIR))
    areas = [a for a in store.records["areas"] if a["geometry"] and a["geometry"]["type"].endswith("Polygon")]
    assert areas
    for area in areas:
        assert area["alternates"], area["name"]
        for lat, lon in area["alternates"]:
            assert shape(area["geometry"]).buffer(1e-6).contains(Point(lon, lat)), area["name"]


def test_store_gives_each_row_its_years_and_first_actor_for_the_year_prediction(dataset):
    from atlas.map.viewport import THEATRE_FILE, load_theatre

    theatre = load_theatre(GEODATA_DIR, dataset.zones, dataset.border)
    store = build_store(dataset.events, dataset.flows, dataset.actors, theatre=theatre)
    events, mapped = store.records["events"], dataset.events[dataset.events["mapped"]]
    assert events["y0"] == mapped["year_start"].tolist() and events["y1"] == mapped["year_end"].tolist()
    assert store.records["flows"]["y0"] == dataset.flows["year_start"].tolist()
    row = events["id"].index("E029")
    short, side, color = store.records["actors"][events["actor"][row]]
    first = dataset.actors.set_index("id").loc[mapped.set_index("id").loc["E029", "actor_ids"][0]]
    assert (short, side, color) == (first["short_name"], first["side"], SIDE_COLORS[first["side"]])
    assert {entry[2] for entry in store.records["far"]["events"]} >= {"Moscow"}
    assert "far" not in build_store(dataset.events, dataset.flows, dataset.actors).records  # no theatre, no far table
    assert THEATRE_FILE


def test_year_prediction_sends_the_rows_of_every_filter_but_the_years(dataset):
    from atlas.map.mapdata import year_prediction

    store = build_store(dataset.events, dataset.flows, dataset.actors)
    prediction = year_prediction(store, dataset.events, dataset.flows.iloc[:2], (1993, 1994), focus=["E2", "E1"])
    assert prediction == {"slider": "years", "range": [1993, 1994],
                          "events": selection_bits(store.event_ids, dataset.events["id"]),
                          "flows": selection_bits(store.flow_ids, dataset.flows["id"].iloc[:2]), "focus": ["E1", "E2"]}


@pytest.fixture
def builds(monkeypatch):
    """Count the real builds behind written_store."""
    from atlas.map import mapdata
    calls, real = [], mapdata.build_store

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(mapdata, "build_store", counted)
    return calls


def test_a_restarted_server_reads_the_map_store_back(dataset, builds, tmp_path):
    from atlas.map.mapdata import written_store
    args = (dataset.events, dataset.flows, dataset.actors)
    first = written_store(*args, key="k1", static_dir=tmp_path / "static", cache_dir=tmp_path / "cache")
    again = written_store(*args, key="k1", static_dir=tmp_path / "static", cache_dir=tmp_path / "cache")
    assert len(builds) == 1 and again is not first
    assert again.records == first.records and again.text == first.text and again.url == first.url
    assert list(again.event_ids) == list(first.event_ids) and again.event_ids.dtype == object
    assert (tmp_path / "static" / "data" / f"atlas-{again.digest}.json").exists()


@pytest.mark.parametrize("change", ["another key", "no key", "files removed"])
def test_the_map_store_is_built_or_written_again_when_it_must(dataset, builds, tmp_path, change):
    from atlas.map.mapdata import written_store
    args, static = (dataset.events, dataset.flows, dataset.actors), tmp_path / "static"
    first = written_store(*args, key="k1", static_dir=static, cache_dir=tmp_path / "cache")
    if change == "files removed":
        for path in (static / "data").glob("atlas-*.json"):
            path.unlink()
    key = {"another key": "k2", "no key": None, "files removed": "k1"}[change]
    again = written_store(*args, key=key, static_dir=static, cache_dir=tmp_path / "cache")
    assert len(builds) == (1 if change == "files removed" else 2)
    assert again.digest == first.digest
    assert (static / "data" / f"atlas-{first.digest}.json").exists()
    assert (static / "data" / f"atlas-{first.digest}-text.json").exists()


def test_a_missing_gzip_twin_is_written_again(dataset, tmp_path):
    store = written_store(dataset.events, dataset.flows, dataset.actors, key="k", static_dir=tmp_path, cache_dir=tmp_path / "cache")
    twin = tmp_path / "data" / (store.url.rsplit("/", 1)[1] + ".gz")
    twin.unlink()
    again = written_store(dataset.events, dataset.flows, dataset.actors, key="k", static_dir=tmp_path, cache_dir=tmp_path / "cache")
    assert again.url == store.url and twin.is_file()
