"""The map's changing layers: events by layer and flows, as folium FeatureGroups.

These are what streamlit-folium sends on each change (``feature_group_to_add``)
while the base map stays in the browser.
"""

import math
from html import escape

import folium
import pandas as pd

from .markers import LineBatch, MarkerBatch, RemoteGeoJson
from .popups import event_popup_html, flow_popup_html
from .schema import LAYERS
from .symbols import (
    FLOW_COLORS,
    LAYER_LABELS,
    NEUTRAL,
    VAGUE_WHERE_PREC,
    marker_size,
    marker_svg,
    ring_offsets,
)

__all__ = ["event_feature_groups", "flow_feature_group", "zone_highlight_group", "dynamic_layers", "actor_colors"]

_HIGHLIGHT_ZONE_STYLE = {"color": "#c4570c", "weight": 5, "dashArray": None, "fillColor": "#c4570c", "fillOpacity": 0.12}


def actor_colors(actors):
    """Return ``{actor id: colour}``."""
    return dict(zip(actors["id"], actors["color"]))


def _whole(value):
    return None if value is None or pd.isna(value) else int(value)


def _event_marker(row, colors, popup, offset, highlighted):
    size = marker_size(row["layer"], _whole(row["deaths_best"]))
    color = colors.get(row["actor_ids"][0], NEUTRAL) if row["actor_ids"] else NEUTRAL
    vague = int(row["where_prec"]) >= VAGUE_WHERE_PREC
    dx, dy = offset
    return {
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "html": marker_svg(row["layer"], size, color, vague=vague, highlighted=highlighted, event_id=row["id"]),
        "size": size,
        "anchor": [round(size / 2 - dx, 1), round(size / 2 - dy, 1)],
        "class_name": f"atlas-marker atlas-{row['layer']}",
        "tooltip": escape(row["title"]),
        "popup": popup,
        "z": 1000 if highlighted else 0,
    }


def event_feature_groups(events, actors, highlight=()):
    """Return one FeatureGroup per layer holding the mapped events, in layer order.

    Events that share a place are spread on a small ring around it (see
    :func:`atlas.symbols.ring_offsets`); unmapped events are left out.
    """
    colors, highlight = actor_colors(actors), set(highlight)
    names = dict(zip(actors["id"], actors["short_name"]))
    mapped = events[events["mapped"]]
    places = mapped.groupby(["lat", "lon"], sort=False)
    offsets = {
        event_id: ring_offsets(count)[rank]
        for event_id, rank, count in zip(mapped["id"], places.cumcount(), places["id"].transform("size"))
    }
    groups = []
    for layer in LAYERS:
        rows = mapped[mapped["layer"] == layer]
        group = folium.FeatureGroup(name=f"{LAYER_LABELS[layer]} ({len(rows)})")
        markers = [
            _event_marker(row, colors, event_popup_html(row, names), offsets[row["id"]], row["id"] in highlight)
            for row in rows.to_dict("records")
        ]
        MarkerBatch(markers).add_to(group)
        groups.append(group)
    return groups


def _bearing_on_screen(a, b):
    """Clockwise angle from north of the segment a->b as drawn in Web Mercator."""

    def y(lat):
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    return math.degrees(math.atan2(b[1] - a[1], y(b[0]) - y(a[0])))


def _arrowhead(line, color, size):
    a, b = line[-2], line[-1]
    tip = (a[0] + (b[0] - a[0]) * 0.85, a[1] + (b[1] - a[1]) * 0.85)
    angle = _bearing_on_screen(a, b)
    return {
        "lat": tip[0],
        "lon": tip[1],
        "html": (
            f'<svg width="{size}" height="{size}" viewBox="0 0 10 10" style="transform: rotate({angle:.1f}deg)">'
            f'<polygon points="5,0 10,10 5,7.5 0,10" fill="{color}" stroke="#ffffff" stroke-width="0.8"/></svg>'
        ),
        "size": size,
        "anchor": [size / 2, size / 2],
        "class_name": "atlas-arrow",
    }


def flow_feature_group(flows, actors, highlight=()):
    """Return one FeatureGroup with every flow as a directed line.

    Line width grows with the logarithm of the magnitude; an arrowhead shows
    the direction. Each line carries a popup with its quote.
    """
    group = folium.FeatureGroup(name=f"{LAYER_LABELS['flow']} ({len(flows)})")
    highlight = set(highlight)
    names = dict(zip(actors["id"], actors["short_name"]))
    lines, arrows = [], []
    for row, geometry in zip(flows.to_dict("records"), flows.geometry):
        points = [[lat, lon] for lon, lat in geometry.coords]
        color = FLOW_COLORS.get(row["flow_type"], NEUTRAL)
        magnitude = _whole(row["magnitude"]) or 0
        weight = 3 + (1.2 * math.log10(magnitude) if magnitude > 0 else 0)
        highlighted = row["id"] in highlight
        arrows.append(_arrowhead(points, color, 14 + int(weight)))
        lines.append(
            {
                "points": points,
                "style": {
                    "color": "#000000" if highlighted else color,
                    "weight": round(weight + (3 if highlighted else 0), 1),
                    "opacity": 0.85,
                    "dashArray": None if highlighted else "8 6",
                    "className": f"atlas-flow atlas-flow-{row['flow_type']}" + (" atlas-highlight" if highlighted else ""),
                },
                "tooltip": escape(row["title"]),
                "popup": flow_popup_html(row, names),
            }
        )
    LineBatch(lines).add_to(group)
    # Arrowheads are plain markers without popups: the same batch as events and labels draws them.
    MarkerBatch(arrows).add_to(group)
    return group


def zone_highlight_group(zones, zone_ids):
    """Return a FeatureGroup outlining the zones ``zone_ids`` boldly (a seminar chapter's focus)."""
    chosen = zones[zones["id"].isin(list(zone_ids))]
    group = folium.FeatureGroup(name=f"Highlighted zones ({len(chosen)})")
    features = [
        {"type": "Feature", "properties": {"name": zone["name"]}, "geometry": geometry.__geo_interface__}
        for zone, geometry in zip(chosen.to_dict("records"), chosen.geometry)
    ]
    RemoteGeoJson("", _HIGHLIGHT_ZONE_STYLE, "highlighted zones", control=False,
                  data={"type": "FeatureCollection", "features": features}).add_to(group)
    return group


def dynamic_layers(events, flows, actors, highlight=(), zones=None, highlight_zones=()):
    """Return every changing layer: highlighted zones (if any), one group per event layer, then the flows."""
    groups = [zone_highlight_group(zones, highlight_zones)] if zones is not None and len(highlight_zones) else []
    return [*groups, *event_feature_groups(events, actors, highlight), flow_feature_group(flows, actors, highlight)]
