"""ui.maps: each run's copy of the base map shares compiled templates, and nothing else."""

import copy

import branca.element
import folium

from ui import maps


def _base(dataset):
    return maps._base_map(dataset, (maps._data_dirs(), dataset.fingerprint), True, False)


def test_a_run_copy_renders_as_a_plain_deep_copy(dataset):
    plain = copy.deepcopy(_base(dataset)).get_root().render()
    assert maps._map_for_this_run(dataset).get_root().render() == plain


def test_copies_share_templates_but_not_children(dataset):
    first, second = maps._map_for_this_run(dataset), maps._map_for_this_run(dataset)
    shared = [(a, b) for a, b in zip(first.get_root().script._children.values(), second.get_root().script._children.values())]
    assert shared and all(a._template is b._template and a is not b for a, b in shared)
    folium.FeatureGroup(name="only in the first").add_to(first)
    assert len(second._children) == len(_base(dataset)._children) < len(first._children)


def test_outside_a_copy_branca_compiles_as_before():
    assert branca.element.Element("{{ 1 + 1 }}")._template is not branca.element.Element("{{ 1 + 1 }}")._template
    assert branca.element.Element("{{ 1 + 1 }}")._template.render() == "2"
