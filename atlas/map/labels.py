"""Base-map labels placed by priority in the browser, with no two overlapping (Leaflet plugin).

The placing is done by ``atlas/vendor/atlas/labels.js`` (served from the app
like every other script); this element adds it to a folium map. The same
greedy rule, for the static figure, is :func:`place_labels`.
"""

import json

from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from ..paths import GEODATA_DIR
from .assets import GEODATA_URL

__all__ = ["BaseLabels", "LABEL_OBSTACLE_CLASSES", "place_labels", "boxes_overlap"]

# Elements labels never cover: the dynamic layers' symbols and the map's controls.
LABEL_OBSTACLE_CLASSES = ("atlas-marker", "atlas-symbol", "atlas-area-symbol", "atlas-arrow", "atlas-stack", "atlas-edge-marker",
                          "leaflet-control", "atlas-legend")


class BaseLabels(JSCSSMixin, Layer):
    """The names of geodata/labels.geojson, placed without collisions (a layer in the layer control).

    Parameters
    ----------
    embed : bool
        Put the labels into the page (standalone export) instead of letting the
        browser fetch ``labels.geojson`` from the app.
    name : str
        Name in the layer control.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.atlasLabels({{ this.url|tojson }}, {{ this.data|tojson }});
        {% endmacro %}
        """
    )
    default_js = [("atlas_labels", "atlas/labels.js")]

    def __init__(self, embed=False, name="Place names"):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "BaseLabels"
        self.url = "" if embed else f"{GEODATA_URL}/labels.geojson"
        self.data = json.loads((GEODATA_DIR / "labels.geojson").read_text(encoding="utf-8")) if embed else None


def boxes_overlap(a, b):
    """Return whether two boxes ``(x, y, w, h)`` overlap (touching edges do not)."""
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def place_labels(labels, obstacles=(), view=None):
    """Place labels greedily by priority: the rule of labels.js, for the static figure.

    Parameters
    ----------
    labels : list of dict
        Each with ``priority`` (1 is placed first), ``candidates`` (boxes
        ``(x, y, w, h)``, preferred first) and optionally ``order`` (ties) and
        ``keep`` (boxes that come with the label once placed, such as its
        dot: they must not fall on a label placed before, and the label's own
        box must not cover them) and ``reserve`` (True: its keep boxes are
        held free of every other label from the start, as a capital's dot).
    obstacles : iterable of box
        Areas no label may cover (symbols).
    view : box, optional
        Labels must lie wholly inside it.

    Returns
    -------
    list
        For each label, in input order, its chosen box or None when hidden.
    """
    order = sorted(range(len(labels)), key=lambda i: (labels[i]["priority"], labels[i].get("order", 0), i))
    taken, chosen, obstacles = [], [None] * len(labels), list(obstacles)
    # Reserved labels' dots (capitals, the data's towns) are held from the start: an area's name moves off them.
    reserved = [(box, i) for i, label in enumerate(labels) if label.get("reserve") for box in label.get("keep", ())]
    for i in order:
        keep = list(labels[i].get("keep", ()))
        # A town's dot cannot move: on a label placed before it (a higher priority), the town stays unnamed.
        if any(boxes_overlap(k, t) for k in keep for t in taken):
            continue
        for box in labels[i]["candidates"]:
            if view is not None and not (
                box[0] >= view[0] and box[1] >= view[1] and box[0] + box[2] <= view[0] + view[2] and box[1] + box[3] <= view[1] + view[3]
            ):
                continue
            if any(boxes_overlap(box, o) for o in [*obstacles, *taken, *keep]):
                continue
            if any(owner != i and boxes_overlap(box, held) for held, owner in reserved):
                continue
            chosen[i] = box
            taken.append(box)
            taken.extend(keep)
            break
    return chosen
