"""ui.maps: each run's copy of the base map renders as a plain Jinja copy would, and shares no children."""

import copy

import branca.element
import folium
import jinja2

from atlas.map.templates import PlainText
from ui import maps


def _base(dataset):
    return maps._base_map(dataset, (maps._data_dirs(), dataset.fingerprint), True, False)


def test_a_run_copy_renders_as_with_jinja_everywhere(dataset, monkeypatch):
    ours = maps._map_for_this_run(dataset).get_root().render()
    monkeypatch.setattr(branca.element, "Template", jinja2.Template)
    assert copy.deepcopy(_base(dataset)).get_root().render() == ours


def test_copies_share_compiled_templates_but_not_children(dataset):
    first, second = maps._map_for_this_run(dataset), maps._map_for_this_run(dataset)
    pairs = list(zip(first.get_root().script._children.values(), second.get_root().script._children.values()))
    assert pairs and all(a is not b for a, b in pairs)
    assert all(a._template is b._template or isinstance(a._template, PlainText) for a, b in pairs)
    folium.FeatureGroup(name="only in the first").add_to(first)
    assert len(second._children) == len(_base(dataset)._children) < len(first._children)
