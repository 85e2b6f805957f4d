"""ui.maps: each run's copy of the base map, with branca's templates compiled once or not at all."""

import copy

import branca.element
import folium
import jinja2
import pytest

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
    assert all(a._template is b._template or isinstance(a._template, maps._Text) for a, b in pairs)
    folium.FeatureGroup(name="only in the first").add_to(first)
    assert len(second._children) == len(_base(dataset)._children) < len(first._children)


@pytest.mark.parametrize("source", [
    "", "a", "a\n", "a\n\n", "a\r\nb\r\n", "x\ry\r", "  \n  ", "var m = {a: {b: 1}};\n",
    "L.marker([1, 2]).addTo(map_1);\r\n\r\n", "\u041a\u0443\u043b\u044f\u0431 \u2014 ok\n",
])
def test_text_without_jinja_syntax_renders_as_jinja_renders_it(source):
    template = maps._template(source)
    assert isinstance(template, maps._Text)
    assert template.render(this=None, kwargs={}) == jinja2.Template(source).render(this=None, kwargs={})


@pytest.mark.parametrize("source", ["{{ 1 + 1 }}", "{% if true %}yes{% endif %}", "{# a note #}x"])
def test_jinja_syntax_is_compiled(source):
    assert branca.element.Element(source)._template.render() == jinja2.Template(source).render()
    assert not isinstance(maps._template(source), maps._Text)


def test_outside_a_copy_each_element_compiles_its_own():
    assert branca.element.Element("{{ 1 + 1 }}")._template is not branca.element.Element("{{ 1 + 1 }}")._template


def test_anything_but_render_uses_the_real_template():
    assert maps._template("plain text").module is not None
