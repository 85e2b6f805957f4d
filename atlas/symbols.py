"""Marker symbols: one shape per layer, the actor's colour, hollow when the place is vague."""

import math
from html import escape

__all__ = ["LAYER_SHAPES", "LAYER_LABELS", "FLOW_COLORS", "VAGUE_WHERE_PREC", "marker_size", "marker_svg", "ring_offsets"]

LAYER_SHAPES = {"incident": "circle", "deployment": "square", "camp": "triangle", "diplomacy": "diamond"}
LAYER_LABELS = {
    "incident": "Incidents",
    "deployment": "Troop deployments",
    "camp": "Training camps and bases",
    "diplomacy": "Diplomacy",
    "flow": "Flows",
}
# Paul Tol's "bright" scheme: distinct for colour-blind viewers and on a projector.
FLOW_COLORS = {
    "refugees": "#4477AA",
    "exodus": "#66CCEE",
    "weapons": "#EE6677",
    "arms_transfer": "#AA3377",
    "smuggling": "#CCBB44",
    "narcotics": "#228833",
    "fighters": "#BB5566",
    "exile": "#777777",
    "training": "#004488",
    "credits": "#997700",
}
VAGUE_WHERE_PREC = 4  # from a province outward the point is only representative
NEUTRAL = "#555555"
BASE_SIZE = 16


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


def ring_offsets(count, size=BASE_SIZE):
    """Return pixel offsets (dx, dy) that spread ``count`` markers of one place around it.

    One marker stays on its point; more sit on a ring, so each stays visible
    and clickable while its coordinates stay true.
    """
    if count <= 1:
        return [(0.0, 0.0)] * count
    radius = max(size * 0.9, count * size / (2 * math.pi) * 1.1)
    return [
        (radius * math.sin(2 * math.pi * i / count), -radius * math.cos(2 * math.pi * i / count))
        for i in range(count)
    ]
