"""Many markers as one folium element: a JSON list drawn by a few lines of Leaflet.

A folium Marker with its icon, tooltip and popup is four Python objects and
four templates; at 10,000 events that takes seconds on every rerun. These
elements carry the same content as plain data, so building and sending the
layers costs little more than ``json.dumps``.
"""

from branca.element import Element, Figure, MacroElement
from folium.map import Layer
from jinja2 import Template

__all__ = ["MarkerBatch", "LineBatch", "RemoteGeoJson", "RenderedHtml", "FarLabels"]


class RenderedHtml(Element):
    """HTML or script that is already rendered, added to a page as it is.

    branca's Element compiles its text as a Jinja template: slow for a page
    of markers, and wrong for text from the data ("{{" would be run). This
    keeps the text as it is.
    """

    def __init__(self, text):
        super().__init__()
        self.text = text

    def render(self, **kwargs):
        return self.text


class _FastScript(MacroElement):
    def render(self, **kwargs):
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the element inside a Figure"
        script = self._template.module.__dict__["script"](self, kwargs)
        figure.script.add_child(RenderedHtml(script), name=self.get_name())


class MarkerBatch(_FastScript):
    """DivIcon markers with tooltips and popups, added to the parent layer.

    Parameters
    ----------
    markers : list of dict
        Each with ``lat``, ``lon``, ``html`` (the icon), ``size``, ``anchor``
        ([x, y] pixels), ``class_name``, ``tooltip`` and ``popup`` (HTML,
        already escaped), and ``z`` (z-index offset).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (layer, markers) {
            markers.forEach(function (m) {
                var icon = L.divIcon({html: m.html, iconSize: [m.size, m.size], iconAnchor: m.anchor, className: m.class_name});
                var marker = L.marker([m.lat, m.lon], {icon: icon, zIndexOffset: m.z || 0, interactive: !!m.popup});
                if (m.tooltip) { marker.bindTooltip(m.tooltip); }
                if (m.popup) { marker.bindPopup(m.popup, {maxWidth: 380}); }
                marker.addTo(layer);
            });
        })({{ this._parent.get_name() }}, {{ this.markers|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, markers):
        super().__init__()
        self._name = "MarkerBatch"
        self.markers = list(markers)


class LineBatch(_FastScript):
    """Polylines with tooltips and popups, added to the parent layer.

    Parameters
    ----------
    lines : list of dict
        Each with ``points`` ([[lat, lon], ...]), ``style`` (Leaflet path
        options), ``tooltip`` and ``popup`` (HTML, already escaped).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (layer, lines) {
            lines.forEach(function (l) {
                L.polyline(l.points, l.style).bindTooltip(l.tooltip).bindPopup(l.popup, {maxWidth: 380}).addTo(layer);
            });
        })({{ this._parent.get_name() }}, {{ this.lines|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, lines):
        super().__init__()
        self._name = "LineBatch"
        self.lines = list(lines)


class RemoteGeoJson(Layer):
    """Outlines the browser fetches from the app (or that the page embeds), with name tooltips.

    Unlike ``folium.GeoJson`` it keeps no geometry in Python, so rendering the
    map neither reads nor measures it on every rerun.

    Parameters
    ----------
    url : str
        Where the app serves the GeoJSON file.
    style : dict
        Leaflet path options for every feature; a feature's ``properties.style``
        overrides them for that feature.
    name : str
        Name in the layer control.
    data : dict, optional
        The GeoJSON itself, to embed in a standalone page instead of fetching ``url``.
    to_back : bool
        Put the layer under all others once drawn (for the land).
    tooltips : bool
        Show each feature's ``name`` on hover (False for the countries: their
        labels name them, and a tooltip over all the land covered town names).
    extent : list, optional
        ``[[south, west], [north, east]]`` in degrees: the box the outlines were
        clipped to. Where the view reaches past it they are hidden, so the
        clip's straight edge never shows.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.atlasOutlines({{ (this.url if this.data is none else "")|tojson }}, {{ this.style|tojson }},
            {{ this.data|tojson if this.data is not none else "null" }}, {{ this.to_back|tojson }}, {{ this.tooltips|tojson }},
            {{ this.extent|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, url, style, name, data=None, show=True, control=True, to_back=False, tooltips=True, extent=None):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "RemoteGeoJson"
        self.url, self.style, self.data, self.to_back, self.tooltips = url, style, data, to_back, tooltips
        self.extent = extent


class FarLabels(MacroElement):
    """Hide the small labels when zoomed out far, where they would pile up."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            function toggle() { map.getContainer().classList.toggle("atlas-far", map.getZoom() < {{ this.min_zoom }}); }
            map.on("zoomend", toggle);
            toggle();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, min_zoom=6):
        super().__init__()
        self._name = "FarLabels"
        self.min_zoom = min_zoom
