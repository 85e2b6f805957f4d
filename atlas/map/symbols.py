"""Marker symbols: one shape per layer, the actor's colour, hollow when the place is vague."""

import math
from html import escape

from ..data.schema import VAGUE_WHERE_PREC  # from a province outward the point is only representative

__all__ = [
    "LAYER_SHAPES",
    "LAYER_LABELS",
    "FLOW_COLORS",
    "FLOW_FAMILIES",
    "flow_family_rows",
    "SIDE_COLORS",
    "NO_ACTOR_COLOR",
    "VAGUE_WHERE_PREC",
    "side_color",
    "marker_size",
    "marker_svg",
    "spider_offsets",
    "ring_offsets",
]

LAYER_SHAPES = {"incident": "circle", "deployment": "square", "camp": "triangle", "diplomacy": "diamond"}
LAYER_LABELS = {
    "incident": "Incidents",
    "deployment": "Troop deployments",
    "camp": "Training camps and bases",
    "diplomacy": "Diplomacy",
    "flow": "Flows",
}
# Paul Tol's "bright" scheme: distinct for colour-blind viewers and on a projector.
# Flows in three families, one hue each, so a view holds about eight hues with the sides' six
# (Paul Tol's "muted" teal and indigo, ochre; none is a side's colour): the flow's own type is
# named in its popup and in the legend beside its family.
FLOW_FAMILIES = {
    "people moving": ("#009988", ("refugees", "exodus", "exile")),
    "arms and fighters": ("#332288", ("weapons", "arms_transfer", "fighters", "training")),
    "money and goods": ("#997700", ("credits", "smuggling", "narcotics")),
}
FLOW_COLORS = {flow_type: color for color, types in FLOW_FAMILIES.values() for flow_type in types}
# Colour is the side of the first actor named: six hues a reader can decode on
# screen and on paper (Paul Tol's "bright" and "vibrant" schemes, colour-blind safe).
SIDE_COLORS = {
    "government camp": "#0077BB",
    "opposition camp": "#CC3311",
    "external": "#EE7733",
    "mediator": "#AA3377",
    "civilians": "#33BBEE",
}
NO_ACTOR_COLOR = "#777777"
NEUTRAL = "#555555"
BASE_SIZE = 16


def side_color(side):
    """Return the colour of a side (``SIDE_COLORS``), grey for none or an unknown one."""
    return SIDE_COLORS.get(side, NO_ACTOR_COLOR)


def marker_size(layer, deaths=None):
    """Return the symbol's size in pixels; incidents grow with the square root of deaths."""
    if layer == "incident" and deaths:
        return round(min(44, BASE_SIZE + 2.4 * math.sqrt(deaths)))
    return BASE_SIZE


def _shape(shape, size, stroke_width):
    half, inset = size / 2, stroke_width
    if shape == "circle":
        return f'<circle cx="{half}" cy="{half}" r="{half - inset}"/>'
    if shape == "square":
        return f'<rect x="{inset + 1}" y="{inset + 1}" width="{size - 2 * inset - 2}" height="{size - 2 * inset - 2}"/>'
    if shape == "triangle":
        return f'<polygon points="{half},{inset} {size - inset},{size - inset} {inset},{size - inset}"/>'
    return f'<polygon points="{half},{inset} {size - inset},{half} {half},{size - inset} {inset},{half}"/>'


def marker_svg(layer, size, color, vague=False, highlighted=False, event_id=""):
    """Return the SVG of one marker.

    Parameters
    ----------
    layer : str
        Chooses the shape (circle, square, triangle, diamond).
    size : int
        Width and height in pixels.
    color : str
        Fill colour ``#RRGGBB``.
    vague : bool
        Draw hollow with a dashed outline: the point stands for a region.
    highlighted : bool
        Thick black outline, for items a seminar chapter points at.
    """
    stroke_width = 3 if highlighted else 1.5
    stroke = "#000000" if highlighted else ("" if vague else "#ffffff")
    if vague:
        style = f'fill="#ffffff" fill-opacity="0.65" stroke="{stroke or color}" stroke-width="{stroke_width + 1}" stroke-dasharray="3 2"'
    else:
        style = f'fill="{color}" stroke="{stroke}" stroke-width="{stroke_width}"'
    classes = "atlas-symbol" + (" atlas-highlight" if highlighted else "")
    return (
        f'<svg class="{classes}" data-id="{escape(event_id)}" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" {style}>{_shape(LAYER_SHAPES[layer], size, stroke_width)}</svg>'
    )


# Spiral constants as in Leaflet.markercluster's spiderfier (pixels).
_SPIRAL_START, _SPIRAL_FOOT, _SPIRAL_GROWTH = 11.0, 28.0, 5.0
SPIDER_CIRCLE_MAX = 8


def spider_offsets(count, size=BASE_SIZE):
    """Return pixel offsets (dx, dy) that spread ``count`` facts of one place when it is clicked (spiderfy).

    Up to ``SPIDER_CIRCLE_MAX`` facts sit on a circle around the place, more on
    an Archimedean spiral, so the cost is linear in ``count`` and the result
    the same every time. ``atlas_symbols.js`` computes the same offsets in the
    browser; ``tests/map/test_symbols.py`` checks both.

    Returns
    -------
    list of (float, float)
        Screen pixels, x to the right and y down, rounded to 0.1 px.
    """
    if count <= 1:
        return [(0.0, 0.0)] * count
    if count <= SPIDER_CIRCLE_MAX:
        radius = max(size * 1.6, size * 1.4 * count / (2 * math.pi))
        step = 2 * math.pi / count
        return [(round(radius * math.sin(i * step), 1), round(-radius * math.cos(i * step), 1)) for i in range(count)]
    offsets, leg, angle = [], _SPIRAL_START * size / BASE_SIZE, 0.0
    for i in range(count):
        angle += _SPIRAL_FOOT * size / BASE_SIZE / leg + i * 0.0005
        offsets.append((round(leg * math.cos(angle), 1), round(leg * math.sin(angle), 1)))
        leg += 2 * math.pi * _SPIRAL_GROWTH * size / BASE_SIZE / angle
    return offsets


def ring_offsets(count, size=BASE_SIZE):
    """Return pixel offsets (dx, dy) that spread ``count`` markers of one place around it.

    Only the PNG/PDF figure (atlas.exports.figure) still uses permanent rings; the
    screen spiderfies on click (:func:`spider_offsets`).
    """
    if count <= 1:
        return [(0.0, 0.0)] * count
    radius = max(size * 0.9, count * size / (2 * math.pi) * 1.1)
    return [
        (radius * math.sin(2 * math.pi * i / count), -radius * math.cos(2 * math.pi * i / count))
        for i in range(count)
    ]


def flow_family_rows(flow_types=None):
    """Return the legend's flow rows: ``[(label, colour), ...]``, one per family.

    With ``flow_types`` only the families and types among them, e.g.
    ``("flows of arms and fighters: weapons, fighters", "#332288")``.
    """
    rows = []
    for family, (color, types) in FLOW_FAMILIES.items():
        shown = [t for t in types if flow_types is None or t in set(flow_types)]
        if shown:
            rows.append((f"{family}: " + ", ".join(t.replace("_", " ") for t in shown), color))
    return rows
