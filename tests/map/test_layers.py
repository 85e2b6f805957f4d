"""Render the changing layer and check the JavaScript it sends: a selection, never the records."""

import base64
import json
import re

import folium
import numpy as np
import pytest
from streamlit_folium import _get_feature_group_string

from atlas.map.assets import bundle_path
from atlas.map.basemap import base_map
from atlas.view.filters import Selection, select_events, select_flows
from atlas.map.layers import dynamic_layers, script_json
from atlas.map.mapdata import build_store, write_store


def _render(groups):
    m = folium.Map(tiles=None)
    for group in groups:
        group.add_to(m)
    return m.get_root().render()


def _payload(text):
    """The selection payload: the last JSON argument of Atlas.select(...)."""
    call = re.search(r"Atlas\.select\((\w+), (\w+), (\{.*\}), (\{.*\})\);", text)
    assert call, "no Atlas.select call"
    return json.loads(call.group(3)), json.loads(call.group(4))


def _bits(text, count):
    raw = np.unpackbits(np.frombuffer(base64.b64decode(text), dtype=np.uint8))[:count]
    return np.flatnonzero(raw).tolist()


def test_standalone_page_embeds_the_selected_records(dataset):
    html = _render(dynamic_layers(dataset.events, dataset.flows, dataset.actors))
    config, payload = _payload(html)
    assert sorted(config["records"]["events"]["id"]) == sorted(dataset.events.loc[dataset.events["mapped"], "id"])
    assert _bits(payload["events"], len(config["records"]["events"]["id"])) == list(range(dataset.events["mapped"].sum()))
    # The map's own modules are linked from the app, not from a CDN.
    assert f'<script src="/app/static/vendor/{bundle_path()}"></script>' in html


def test_a_page_sends_only_the_selection(dataset, tmp_path):
    store = write_store(build_store(dataset.events, dataset.flows, dataset.actors), tmp_path)
    only_1994 = select_events(dataset.events, Selection(years=(1994, 1994)))
    flows = select_flows(dataset.flows, Selection(years=(1994, 1994)))
    m = base_map(dataset)
    text = "".join(_get_feature_group_string(g, m, i) for i, g in enumerate(
        dynamic_layers(only_1994, flows, dataset.actors, store=store)))
    config, payload = _payload(text)
    assert config["url"] == store.url and "records" not in config
    shown = [store.records["events"]["id"][i] for i in _bits(payload["events"], len(store.event_ids))]
    assert sorted(shown) == sorted(only_1994.loc[only_1994["mapped"], "id"])
    assert "E060" in shown and "E029" not in shown
    assert len(text.encode()) < 2_000  # the records stay in the browser's cached file
    assert "map_div" in text and "feature_group_feature_group_0" in text


def test_highlight_and_frame_travel_with_the_selection(dataset, tmp_path):
    store = write_store(build_store(dataset.events, dataset.flows, dataset.actors), tmp_path)
    frame = {"bbox": [[36, 68], [39, 72]], "far": [], "key": 3}
    html = _render(dynamic_layers(dataset.events, dataset.flows, dataset.actors, ["E029"], store=store, frame=frame))
    _, payload = _payload(html)
    assert payload["highlight"] == ["E029"] and payload["frame"]["key"] == 3


def test_text_is_never_markup_in_the_script(dataset):
    events = dataset.events.copy()
    events.loc[events["id"] == "E029", "title"] = "</script><img src=x onerror=alert(1)> `${boom}` {{ x }}"
    html = _render(dynamic_layers(events, dataset.flows, dataset.actors))
    assert "<img src=x" not in html and "</script><img" not in html
    config, _ = _payload(html)
    # The title arrives as the same text, for the browser to put into a text node.
    assert config["text"]["events"]["title"][list(config["records"]["events"]["id"]).index("E029")].startswith("</script><img")


def test_script_json_escapes_what_closes_a_script():
    assert script_json({"a": "</script>&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'


def test_empty_selection_sends_empty_bitsets(dataset, tmp_path):
    store = write_store(build_store(dataset.events, dataset.flows, dataset.actors), tmp_path)
    none = select_events(dataset.events, Selection(years=(1992, 1997), actors=frozenset()))
    none_flows = select_flows(dataset.flows, Selection(years=(1992, 1997), actors=frozenset()))
    groups = dynamic_layers(none, none_flows, dataset.actors, store=store)
    assert [g.layer_name for g in groups] == ["Events and flows (0)"]
    _, payload = _payload(_render(groups))
    assert _bits(payload["events"], len(store.event_ids)) == [] and _bits(payload["flows"], len(store.flow_ids)) == []


@pytest.mark.parametrize("report_drawn", [False, True])
def test_only_a_page_that_asks_is_told_the_map_is_drawn(dataset, tmp_path, report_drawn):
    # Each report runs the page again: the Analysis and Seminar maps must not cost a run for nothing.
    store = write_store(build_store(dataset.events, dataset.flows, dataset.actors), tmp_path)
    html = _render(dynamic_layers(dataset.events, dataset.flows, dataset.actors, store=store, report_drawn=report_drawn))
    config, _ = _payload(html)
    assert config.get("reportDrawn", False) is report_drawn
