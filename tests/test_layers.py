"""Render the changing layers and check the HTML and JavaScript they produce."""

import re

import folium

from atlas.filters import Selection, select_events, select_flows
from atlas.layers import dynamic_layers, event_feature_groups, flow_feature_group


def _render(groups):
    m = folium.Map(tiles=None)
    for group in groups:
        group.add_to(m)
    return m.get_root().render()


def test_one_marker_per_mapped_event(dataset):
    html = _render(event_feature_groups(dataset.events, dataset.actors))
    ids = re.findall(r'atlas-symbol[^>]*?data-id=\\?"(E\d+)', html)
    assert sorted(set(ids)) == sorted(dataset.events.loc[dataset.events["mapped"], "id"])
    assert len(ids) == dataset.events["mapped"].sum()


def test_groups_are_named_by_layer_with_counts(dataset):
    names = [g.layer_name for g in dynamic_layers(dataset.events, dataset.flows, dataset.actors)]
    assert names[0].startswith("Incidents (") and names[-1] == f"Flows ({len(dataset.flows)})"


def test_filtered_years_change_the_markers(dataset):
    only_1994 = select_events(dataset.events, Selection(years=(1994, 1994)))
    html = _render(event_feature_groups(only_1994, dataset.actors))
    ids = set(re.findall(r'atlas-symbol[^>]*?data-id=\\?"(E\d+)', html))
    assert "E060" in ids and "E029" not in ids


def test_vague_places_are_hollow_and_highlight_stands_out(dataset):
    html = _render(event_feature_groups(dataset.events, dataset.actors, highlight=["E029"]))
    assert "stroke-dasharray" in html
    assert html.count("atlas-highlight") == 1


def test_text_is_escaped_for_html_and_javascript(dataset):
    events = dataset.events.copy()
    events.loc[events["id"] == "E029", "title"] = "<img src=x onerror=alert(1)> `${boom}`"
    html = _render(event_feature_groups(events, dataset.actors))
    assert "<img src=x" not in html
    # Escaped for HTML, then written as JSON (where & is \u0026), never as code.
    assert "\\u0026lt;img src=x" in html


def test_flows_are_directed_lines(dataset):
    html = _render([flow_feature_group(dataset.flows, dataset.actors)])
    assert html.count('"points"') == len(dataset.flows)
    assert html.count('"class_name": "atlas-arrow"') == len(dataset.flows)
    assert "rotate(" in html


def test_empty_selection_gives_empty_groups(dataset):
    none = select_events(dataset.events, Selection(years=(1992, 1997), actors=frozenset()))
    none_flows = select_flows(dataset.flows, Selection(years=(1992, 1997), actors=frozenset()))
    groups = dynamic_layers(none, none_flows, dataset.actors)
    assert [g.layer_name[-3:] for g in groups] == ["(0)"] * 5
