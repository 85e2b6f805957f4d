"""atlas.map.templates: branca's templates compiled once per source while copying, never for plain text."""

import branca.element
import jinja2
import pytest

from atlas.map.templates import PlainText, compiled_once, install, make_template


@pytest.fixture(autouse=True)
def installed():
    install()


@pytest.mark.parametrize("source", [
    "", "a", "a\n", "a\n\n", "a\r\nb\r\n", "x\ry\r", "  \n  ", "var m = {a: {b: 1}};\n",
    "L.marker([1, 2]).addTo(map_1);\r\n\r\n", "\u041a\u0443\u043b\u044f\u0431 \u2014 ok\n",
])
def test_text_without_jinja_syntax_renders_as_jinja_renders_it(source):
    template = make_template(source)
    assert isinstance(template, PlainText)
    assert template.render(this=None, kwargs={}) == jinja2.Template(source).render(this=None, kwargs={})
    assert branca.element.Element(source).render() == jinja2.Template(source).render()


@pytest.mark.parametrize("source", ["{{ 1 + 1 }}", "{% if true %}yes{% endif %}", "{# a note #}x"])
def test_jinja_syntax_is_compiled(source):
    assert not isinstance(make_template(source), PlainText)
    assert branca.element.Element(source)._template.render() == jinja2.Template(source).render()


def test_one_compiled_template_per_source_only_while_copying():
    assert make_template("{{ 1 }}") is not make_template("{{ 1 }}")
    with compiled_once():
        assert make_template("{{ 1 }}") is make_template("{{ 1 }}")
    assert make_template("{{ 1 }}") is not make_template("{{ 1 }}")


def test_anything_but_render_uses_the_real_template():
    assert make_template("plain text").module is not None
    with pytest.raises(AttributeError):
        make_template("plain text").no_such_attribute
