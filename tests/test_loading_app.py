"""The app with a draft data folder: problems listed (never a traceback), edits seen without restart, outlines served only once valid."""

import json
import os

import pytest
from streamlit.testing.v1 import AppTest

from atlas.map.assets import install_geodata
from atlas.data.geocheck import check_geodata_folder
from atlas.data.loading import data_fingerprint, load_dataset
from atlas.paths import GEODATA_DIR, ROOT, STATIC_DIR


def _run(page="app.py"):
    return AppTest.from_file(str(ROOT / page), default_timeout=90).run()


@pytest.fixture
def draft(data_copy, monkeypatch):
    """A draft copy of data/ and geodata/, named in ATLAS_DATA_DIR and ATLAS_GEODATA_DIR."""
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy / "data"))
    monkeypatch.setenv("ATLAS_GEODATA_DIR", str(data_copy / "geodata"))
    yield data_copy
    # Serve the shipped outlines again for the tests that follow.
    install_geodata(check_geodata_folder(GEODATA_DIR)[0])


def _touch(path, text):
    """Write ``text`` and make sure the modification time moves, however coarse the file system's clock."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_broken_draft_lists_every_problem_not_a_traceback(draft):
    events = draft / "data" / "events.csv"
    _touch(events, events.read_text(encoding="utf-8").replace(",1993-07-14,1993-07-14,1,", ",1993-07-14,1993-07-14,9,", 1)
           + 'E999,incident,attack,"Unclosed\n')
    (draft / "geodata" / "zones.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    (draft / "data" / "actors.csv").write_bytes(b"id,name\n\xff\n")
    at = _run()
    assert not at.exception
    assert "cannot start" in at.error[0].value
    listing = at.code[0].value
    assert "events.csv, line" in listing and "a quote opened on line" in listing
    assert "actors.csv, line 2: is not UTF-8 text" in listing
    assert "zones.geojson, column 'features': holds no features" in listing
    assert "Traceback" not in listing


@pytest.mark.parametrize("page", ["app.py", "views/analysis.py", "views/seminar.py"])
@pytest.mark.parametrize("file, key, value, expected", [
    ("theatre.geojson", "relief_url", "/etc/hostname", "relief_url': '/etc/hostname' is not the name of a PNG file"),
    ("theatre.geojson", "max_bounds", "everywhere", "max_bounds': 'everywhere' is not [[south, west], [north, east]]"),
    ("areas.geojson", "label_lat", "north", "label_lat': label_lat, label_lon ['north', "),
    ("labels.geojson", "alternates", "x", "alternates': 'x' is not a list of [lon, lat] points"),
])
def test_a_broken_theatre_area_or_label_is_named_on_every_page(draft, page, file, key, value, expected):
    # They had given Streamlit's redacted error, an empty map, or a server file (/etc/hostname) inside
    # the "Map as HTML" export; now the loader names them like every other file.
    path = draft / "geodata" / file
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"][key] = value
    _touch(path, json.dumps(data))
    at = _run(page)
    assert not at.exception
    assert "cannot start" in at.error[0].value
    # Written on one line here: a file of several features names the feature (feature 1 (id ...)), one of one the line.
    listing = at.code[0].value
    assert (f"{file}, feature 1" in listing or f"{file}, line 1" in listing) and f"column '{expected}" in listing, listing


def test_an_edit_shows_on_the_next_page_load_without_restart(draft):
    at = _run()
    assert not at.exception and not at.error
    events = draft / "data" / "events.csv"
    good = events.read_text(encoding="utf-8")
    _touch(events, good.replace(",1993-07-14,1993-07-14,1,", ",1993-07-14,1993-07-20,1,", 1))
    at = _run()
    assert not at.exception
    assert "(id E029), column 'date_prec'" in at.code[0].value and "[R19]" in at.code[0].value
    _touch(events, good)
    at = _run()
    assert not at.exception and not at.error


def test_seminar_page_with_a_broken_draft_story(draft):
    story = draft / "data" / "story.yaml"
    _touch(story, story.read_text(encoding="utf-8").replace("years: [1992, 1992]", "years: [1992, seven]", 1))
    at = _run("views/seminar.py")
    assert not at.exception
    assert "years" in at.code[0].value and "[R41]" in at.code[0].value
    # The map does not read the story: a lecturer's slip there leaves the researchers' page working.
    at = _run()
    assert not at.exception and not at.error


def test_outlines_are_served_from_the_draft_only_after_they_pass(draft):
    countries = draft / "geodata" / "countries.geojson"
    served = STATIC_DIR / "geodata" / "countries.geojson"
    data = json.loads(countries.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name"] = "Afghanistan (draft)"
    broken = json.loads(json.dumps(data))
    broken["features"][1]["properties"]["name"] = ""
    _touch(countries, json.dumps(broken))
    at = _run()
    assert "[R33]" in at.code[0].value
    assert "Afghanistan (draft)" not in served.read_text(encoding="utf-8")  # not copied while broken
    _touch(countries, json.dumps(data))
    at = _run()
    assert not at.exception and not at.error
    assert "Afghanistan (draft)" in served.read_text(encoding="utf-8")  # fixed: served, no restart


def test_install_geodata_serves_exactly_the_validated_files(data_copy, tmp_path):
    folder = data_copy / "geodata"
    shipped = sorted(p.name for p in folder.iterdir() if p.suffix in (".geojson", ".png") and p.name != "rivers.geojson")
    (folder / "relief.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)
    (folder / "rivers.geojson").write_text('{"type": "FeatureCollection", "features": []}')  # invalid: not served
    static = tmp_path / "static"
    (static / "geodata").mkdir(parents=True)
    (static / "geodata" / "old.geojson").write_text("{}")  # no longer in the folder: removed
    passed, problems = check_geodata_folder(folder)
    assert [p.file for p in problems] == [str(folder / "rivers.geojson")]
    served = install_geodata(passed, static)
    assert sorted(p.name for p in served) == sorted({*shipped, "relief.png"})
    # Each outline with its gzip twin, which the map asks for (atlas_fetch.js); the relief as it is.
    twins = [name + ".gz" for name in shipped if name.endswith(".geojson")]
    assert sorted(p.name for p in (static / "geodata").iterdir()) == sorted({*shipped, "relief.png", *twins})


def test_fingerprint_changes_with_any_file(data_copy):
    data, geodata = data_copy / "data", data_copy / "geodata"
    first = data_fingerprint(data, geodata)
    assert data_fingerprint(data, geodata) == first
    _touch(data / "story.yaml", (data / "story.yaml").read_text(encoding="utf-8") + "\n")
    second = data_fingerprint(data, geodata)
    assert second != first
    (geodata / "rivers.geojson").write_text("{}")
    assert data_fingerprint(data, geodata) != second


def test_a_draft_geodata_folder_is_the_one_every_module_reads(tmp_path):
    import subprocess
    import sys

    code = "from atlas.paths import GEODATA_DIR; print(GEODATA_DIR)"
    env = {**os.environ, "ATLAS_GEODATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(tmp_path)
