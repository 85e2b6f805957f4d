import io
import json

import pandas as pd

from atlas.exports import events_geojson, flows_geojson, table_csv


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

    from atlas.exports import standalone_map_html

    html = standalone_map_html(dataset, dataset.events, dataset.flows, "All <events>", "1992-1997")
    assert "/app/static" not in html
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="', html)
    assert "All &lt;events&gt;" in html
    # The records are embedded for atlas_symbols.js (and its script inlined): one id per mapped event.
    assert "Atlas.select(" in html and "window.atlasShown" in html
    assert sum(html.count(f'"{i}"') > 0 for i in dataset.events.loc[dataset.events["mapped"], "id"]) == dataset.events["mapped"].sum()
