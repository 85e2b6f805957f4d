"""Charts build valid Vega-Lite specs from the summaries."""

import pandas as pd
import pytest

from atlas.analysis.charts import actor_year_chart, distance_chart, timeline_chart, zone_heat_chart
from atlas.analysis.distance import border_distances
from atlas.analysis.summary import events_per_actor_year, events_per_year
from atlas.analysis.zonejoin import events_in_zones, zone_year_table


def test_charts_validate(dataset):
    years = dataset.years
    charts = [
        timeline_chart(events_per_year(dataset.events, years)),
        distance_chart(border_distances(dataset.events, dataset.border, dataset.countries), years),
        zone_heat_chart(zone_year_table(events_in_zones(dataset.events, dataset.zones), dataset.zones, years)),
        actor_year_chart(events_per_actor_year(dataset.events, dataset.actors, years)),
    ]
    for chart in charts:
        spec = chart.to_dict()  # raises if the spec is invalid
        assert spec.get("mark") or spec.get("layer")


def test_distance_chart_labels_every_year_on_a_continuous_axis(dataset):
    distances = border_distances(dataset.events, dataset.border, dataset.countries)
    spec = distance_chart(distances[distances["year"] != 1994], (1992, 1997)).to_dict()
    x = spec["layer"][0]["encoding"]["x"]
    assert x["type"] == "quantitative"
    assert x["axis"]["values"][-6:] == [1992, 1993, 1994, 1995, 1996, 1997]
    later = distance_chart(distances, (1995, 1997)).to_dict()["layer"][0]["encoding"]["x"]["axis"]
    assert later["values"] == [1994, 1995, 1996, 1997] and "before 1995" in later["labelExpr"]


def test_heat_map_legend_counts_whole_events(dataset):
    table = zone_year_table(events_in_zones(dataset.events, dataset.zones), dataset.zones, dataset.years)
    spec = zone_heat_chart(table).to_dict()
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["format"] == "d" and legend["tickMinStep"] == 1


@pytest.mark.parametrize("values, top", [([0.0, 124.0], 140), ([0.0, 120.0], 120), ([3.0], 20), ([], 20),
                                         ([640.0], 700), ([3058.6], 3500)])
def test_the_distance_axis_ends_on_a_tick_above_the_farthest_point(values, top):
    # Points at 124 km had sat above the last tick (120), with nothing to read them by.
    from atlas.analysis.charts import _ceiling

    assert _ceiling(pd.Series(values, dtype=float)) == top


def test_distance_chart_tells_layers_by_the_maps_shapes_with_its_key_below(dataset):
    # Three greys alone were hard to tell apart, and a key at the side took half a phone's width.
    distances = border_distances(dataset.events, dataset.border, dataset.countries)
    spec = distance_chart(distances, (1992, 1997)).to_dict()
    points = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    assert [layer["mark"]["filled"] for layer in points] == [True, False]  # exact filled, vague hollow
    for layer in points:
        shape = layer["encoding"]["shape"]
        assert shape["field"] == "layer_label"
        assert dict(zip(shape["scale"]["domain"], shape["scale"]["range"]))["Incidents"] == "circle"
        assert shape["legend"]["orient"] == layer["encoding"]["color"]["legend"]["orient"] == "bottom"
