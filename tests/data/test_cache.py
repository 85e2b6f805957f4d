"""atlas.data.cache: a validated dataset kept on disk, used only while its files and the code are unchanged."""

import pickle

import pytest

from atlas.data import cache
from atlas.data.cache import KEEP_FILES, cache_key, load_dataset_cached
from atlas.data.validation import DataError


@pytest.fixture
def folders(data_copy):
    return data_copy / "data", data_copy / "geodata", data_copy / "cache"


@pytest.fixture
def loads(monkeypatch):
    """Count the real checks (atlas.data.loading.load_dataset) behind the cache."""
    calls = []
    real = cache.load_dataset

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(cache, "load_dataset", counted)
    return calls


def _stored(cache_dir):
    return sorted(cache_dir.glob("dataset-*.pickle"))


def test_a_second_start_reads_the_checked_dataset_from_disk(folders, loads):
    data_dir, geodata_dir, cache_dir = folders
    first = load_dataset_cached(data_dir, geodata_dir, cache_dir)
    second = load_dataset_cached(data_dir, geodata_dir, cache_dir)
    assert len(loads) == 1 and len(_stored(cache_dir)) == 1
    assert second.fingerprint == first.fingerprint
    assert second.events.crs == first.events.crs and second.events.crs.to_epsg() == 4326
    assert second.events.equals(first.events) and second.flows.equals(first.flows)
    assert list(second.geodata_files) == list(first.geodata_files)


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_a_changed_file_is_checked_again(folders, loads, change):
    data_dir, geodata_dir, cache_dir = folders
    load_dataset_cached(data_dir, geodata_dir, cache_dir)
    sources = data_dir / "sources.csv"
    if change == "edit":
        sources.write_text(sources.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "add":
        (data_dir / "notes.txt").write_text("a reader's note", encoding="utf-8")
    else:
        (data_dir / "notes.txt").unlink(missing_ok=True)
        (geodata_dir / "theatre.geojson").rename(geodata_dir / "theatre.old")
    try:
        load_dataset_cached(data_dir, geodata_dir, cache_dir)
    except DataError:
        pass  # a removed file may break the contract: checked again all the same
    assert len(loads) == 2


def test_a_change_to_the_code_is_checked_again(folders, loads, monkeypatch):
    data_dir, geodata_dir, cache_dir = folders
    load_dataset_cached(data_dir, geodata_dir, cache_dir)
    monkeypatch.setattr(cache, "_code_version", lambda: "a new rule")
    load_dataset_cached(data_dir, geodata_dir, cache_dir)
    assert len(loads) == 2


def test_broken_data_are_never_stored_and_fail_on_every_start(folders, loads):
    data_dir, geodata_dir, cache_dir = folders
    events = data_dir / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("E001,", "E001x,", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError):
            load_dataset_cached(data_dir, geodata_dir, cache_dir)
    assert len(loads) == 2 and not _stored(cache_dir)


def test_a_cut_short_file_is_checked_again_and_replaced(folders, loads):
    data_dir, geodata_dir, cache_dir = folders
    load_dataset_cached(data_dir, geodata_dir, cache_dir)
    stored = _stored(cache_dir)[0]
    stored.write_bytes(stored.read_bytes()[:100])
    data = load_dataset_cached(data_dir, geodata_dir, cache_dir)
    assert len(loads) == 2 and len(data.events) > 0
    assert isinstance(pickle.loads(stored.read_bytes()), type(data))


def test_off_stores_nothing(folders, loads, monkeypatch):
    data_dir, geodata_dir, cache_dir = folders
    monkeypatch.setenv("ATLAS_CACHE_DIR", "off")
    load_dataset_cached(data_dir, geodata_dir)
    load_dataset_cached(data_dir, geodata_dir)
    assert len(loads) == 2 and not cache_dir.exists()


def test_an_unwritable_folder_still_gives_the_dataset(folders, loads):
    data_dir, geodata_dir, cache_dir = folders
    cache_dir.write_text("a file where the folder should be", encoding="utf-8")
    assert len(load_dataset_cached(data_dir, geodata_dir, cache_dir).events) > 0
    assert not list(cache_dir.parent.glob("*.partial"))


def test_only_the_newest_datasets_are_kept(folders, monkeypatch):
    data_dir, geodata_dir, cache_dir = folders
    for version in range(KEEP_FILES + 2):
        monkeypatch.setattr(cache, "_code_version", lambda version=version: f"version {version}")
        load_dataset_cached(data_dir, geodata_dir, cache_dir)
    assert len(_stored(cache_dir)) == KEEP_FILES
    assert (cache_dir / f"dataset-{cache_key(data_dir, geodata_dir)}.pickle").exists()  # the last one


def test_the_key_names_the_folders(folders, tmp_path):
    data_dir, geodata_dir, _ = folders
    assert cache_key(data_dir, geodata_dir) == cache_key(data_dir, geodata_dir)
    assert cache_key(data_dir, geodata_dir) != cache_key(tmp_path / "elsewhere", geodata_dir)


def test_a_folder_named_two_ways_is_one_key(folders, monkeypatch):
    data_dir, geodata_dir, _ = folders
    monkeypatch.chdir(data_dir.parent)
    assert cache_key("data", "geodata") == cache_key(data_dir, geodata_dir)
