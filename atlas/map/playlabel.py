"""A large year label on the map while the years play, for an audience at the back of the room.

The label is a Leaflet layer inside a FeatureGroup, so it travels with the
changing layers (``feature_group_to_add``): when the next year's layers
replace these, the old label leaves the map with them.
"""

import folium
from branca.element import MacroElement
from jinja2 import Template

__all__ = ["PLAY_LABEL_CSS", "PlayLabel", "play_label_group"]

# Opaque: at .88 the base map's labels showed through the year (a reviewer's screenshot).
PLAY_LABEL_CSS = (
    ".atlas-play-label{position:absolute;z-index:900;top:10px;left:50%;transform:translateX(-50%);"
    "pointer-events:none;text-align:center;background:#fff;border-radius:8px;padding:2px 18px 6px;"
    "box-shadow:0 1px 5px rgba(0,0,0,.3);font-family:'DejaVu Sans',Arial,sans-serif;color:#111}"
    ".atlas-play-label b{display:block;font-size:64px;line-height:1.05;font-variant-numeric:tabular-nums}"
    ".atlas-play-label span{display:block;font-size:16px;color:#222;max-width:60vw}"
)


class PlayLabel(MacroElement):
    """The year (large) and what is shown (in words, under it), drawn over the map's top centre.

    Parameters
    ----------
    year : str
        E.g. ``"1993"`` or ``"1992\u20131994"``.
    caption : str
        The chapter or the filters in words. Both are set as text, never HTML.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, year, caption, css) {
            var Label = L.Layer.extend({
                onAdd: function (map) {
                    if (!document.getElementById("atlas-play-label-css")) {
                        var style = document.createElement("style");
                        style.id = "atlas-play-label-css";
                        style.textContent = css;
                        document.head.appendChild(style);
                    }
                    this._box = L.DomUtil.create("div", "atlas-play-label", map.getContainer());
                    var big = document.createElement("b"), small = document.createElement("span");
                    big.textContent = year;
                    small.textContent = caption;
                    this._box.appendChild(big);
                    this._box.appendChild(small);
                },
                onRemove: function () { L.DomUtil.remove(this._box); }
            });
            group.addLayer(new Label());
        })({{ this._parent.get_name() }}, {{ this.year|tojson }}, {{ this.caption|tojson }}, {{ this.css|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, year, caption):
        super().__init__()
        self._name = "PlayLabel"
        self.year, self.caption, self.css = str(year), str(caption), PLAY_LABEL_CSS


def play_label_group(year, caption):
    """Return a FeatureGroup (not in the layer control) holding the :class:`PlayLabel`."""
    group = folium.FeatureGroup(name="Year playing", control=False)
    PlayLabel(year, caption).add_to(group)
    return group
