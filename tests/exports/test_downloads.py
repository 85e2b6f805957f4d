import io
import json

import pandas as pd
import pytest

from atlas.exports.downloads import events_geojson, flows_geojson, table_csv


def test_csv_round_trips(dataset):
    frame = pd.read_csv(io.BytesIO(table_csv(dataset.events)), dtype=str, keep_default_na=False)
    assert list(frame["id"]) == list(dataset.events["id"])
    assert "actor_ids" not in frame and frame.loc[0, "date_start"] == "1992-05-01"


def test_geojson_has_the_mapped_events(dataset):
    data = json.loads(events_geojson(dataset.events))
    assert len(data["features"]) == dataset.events["mapped"].sum()
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["source_quote"]


def test_flows_geojson_are_lines(dataset):
    data = json.loads(flows_geojson(dataset.flows))
    assert {f["geometry"]["type"] for f in data["features"]} == {"LineString"}


def test_standalone_html_needs_no_server(dataset):
    import re

    from atlas.exports.downloads import standalone_map_html

    html = standalone_map_html(dataset, dataset.events, dataset.flows, "All <events>", "1992-1997")
    assert "/app/static" not in html
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="', html)
    assert "All &lt;events&gt;" in html
    # The records are embedded for atlas_symbols.js (and its script inlined): one id per mapped event.
    assert "Atlas.select(" in html and "window.atlasShown" in html
    assert sum(html.count(f'"{i}"') > 0 for i in dataset.events.loc[dataset.events["mapped"], "id"]) == dataset.events["mapped"].sum()


@pytest.mark.parametrize(
    "cell, written",
    [
        ("=HYPERLINK(\"http://other.invalid\",\"x\")", "'=HYPERLINK(\"http://other.invalid\",\"x\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("- item", "'- item"),
        ("Kulyab", "Kulyab"),
        ("a=b", "a=b"),  # only the first character counts
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_text_cells_cannot_run_as_formulas(cell, written):
    frame = pd.DataFrame({"title": [cell], "deaths": [-5], "lat": [-1.5]})
    back = pd.read_csv(io.BytesIO(table_csv(frame)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back.loc[0, "title"] == written
    assert (back.loc[0, "deaths"], back.loc[0, "lat"]) == ("-5", "-1.5")  # numbers stay numbers


@pytest.mark.parametrize(
    "text",
    ["Курган-Тюбе", "Qŭrghonteppa", "\u201cour border\u201d", "Ленинабад \u2014 Khujand", "\u00b2 \U0001f5fa"],
)
def test_csv_is_utf8_with_a_byte_order_mark(text):
    data = table_csv(pd.DataFrame({"name": [text]}))
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with it
    assert data.decode("utf-8-sig") == f"name\r\n{text}\r\n"


def test_the_events_download_is_neutralised(dataset):
    events = dataset.events.copy()
    events.loc[events.index[0], "title"] = "=cmd|' /C calc'!A0"
    frame = pd.read_csv(io.BytesIO(table_csv(events)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert frame.loc[0, "title"] == "'=cmd|' /C calc'!A0"
    assert frame.loc[0, "lat"] == str(dataset.events.iloc[0]["lat"])
