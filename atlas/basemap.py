"""The map that stays put: countries, zones, the border, place labels, legend, controls.

Everything here is drawn from geodata/ and data/places.csv, so the map is
complete with no tile server; online tiles are extra layers, off by default.
"""

import json
from html import escape

import folium
from folium.plugins import Fullscreen
from shapely.ops import polylabel

from .assets import GEODATA_URL, use_local_assets
from .markers import FarLabels, MarkerBatch, RemoteGeoJson, RenderedHtml
from .paths import GEODATA_DIR
from .symbols import FLOW_COLORS, LAYER_LABELS, LAYER_SHAPES, marker_svg

__all__ = ["BORDER_CENTER", "DEFAULT_ZOOM", "base_map", "zone_label", "legend_html"]

BORDER_CENTER = (37.9, 70.0)
DEFAULT_ZOOM = 7
_LABELLED_KINDS = ("city", "town")
_COUNTRY_STYLE = {"fillColor": "#f6f3ec", "color": "#7a7a7a", "weight": 1.2, "fillOpacity": 1}
_ZONE_STYLE = {"color": "#3b5b92", "weight": 2, "dashArray": "6 4", "fillColor": "#3b5b92", "fillOpacity": 0.06}
_BORDER_STYLE = {"color": "#111111", "weight": 4, "opacity": 0.9}

_CSS = """
<style>
.atlas-marker, .atlas-arrow, .atlas-label { background: none; border: none; }
.atlas-place-label { font: 12px/1.1 sans-serif; color: #333; white-space: nowrap; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.atlas-place-label::before { content: ""; display: inline-block; width: 5px; height: 5px; margin-right: 3px; background: #333; border-radius: 50%; vertical-align: middle; }
.atlas-zone-label { font: italic 12px/1.15 sans-serif; color: #2b4372; text-align: center; text-shadow: 0 0 3px #fff, 0 0 3px #fff; transform: translate(-50%, -50%); width: 72px; white-space: normal; }
.atlas-popup h4 { margin: 0 0 .4em; font-size: 15px; }
.atlas-popup p { margin: .25em 0; font-size: 13px; }
.atlas-popup .atlas-prec { color: #666; }
.atlas-quote { margin: .5em 0; padding: .3em .6em; border-left: 3px solid #888; background: #f6f6f6; font-style: italic; font-size: 13px; }
.atlas-cite { color: #555; font-size: 12px; }
.atlas-legend { position: absolute; z-index: 1000; bottom: 12px; left: 10px; background: rgba(255,255,255,.92); padding: 8px 10px; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.35); font: 12px/1.35 sans-serif; max-width: 260px; }
.atlas-legend h5 { margin: 0 0 4px; font-size: 13px; }
.atlas-legend div { display: flex; align-items: center; gap: 6px; }
.atlas-legend svg { flex: none; }
.atlas-legend details summary { cursor: pointer; font-weight: bold; }
.atlas-far .atlas-zone-label, .atlas-far .atlas-place-label small { display: none; }
</style>
"""


def _geojson(file_name, name, style, embed, to_back=False):
    """A GeoJSON layer from geodata/: fetched by the browser from the app, or embedded in the page."""
    # Fetched, the page stays small and the same on every rerun, and the browser caches the file.
    data = json.loads((GEODATA_DIR / file_name).read_text(encoding="utf-8")) if embed else None
    return RemoteGeoJson(f"{GEODATA_URL}/{file_name}", style, name, data=data, to_back=to_back)


def zone_label(zone):
    """Return a zone's label: its name, then its other names."""
    others = [a for a in zone["aliases"].split(";") if a and a.casefold() not in zone["name"].casefold()]
    return zone["name"] + (f" \u00b7 {others[0]}" if others else "")


def _zone_tooltip(zone):
    text = f"{zone['name']} \u2014 also {zone['aliases'].replace(';', ', ')}"
    if zone.get("valid_to"):
        text += f"; until {zone['valid_to']}"
    return text + f" ({zone['precision']})"


def _label(lat, lon, html, anchor=(0, 0)):
    return {"lat": lat, "lon": lon, "html": html, "size": 1, "anchor": list(anchor), "class_name": "atlas-label"}


def _label_point(geometry):
    """The point deepest inside the zone's largest part: labels there clash least with towns at its edge."""
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    return polylabel(largest, tolerance=0.01)


def _add_zones(zones, m, embed):
    group = folium.FeatureGroup(name="Conflict zones (approximate)")
    features = [
        {"type": "Feature", "properties": {"name": _zone_tooltip(zone)}, "geometry": geometry.__geo_interface__}
        for zone, geometry in zip(zones.to_dict("records"), zones.geometry)
    ]
    # Zones are small: always in the page, drawn like the fetched outlines.
    RemoteGeoJson("", _ZONE_STYLE, "zones", data={"type": "FeatureCollection", "features": features}, control=False).add_to(group)
    labels = []
    for zone, geometry in zip(zones.to_dict("records"), zones.geometry):
        point = _label_point(geometry)
        name, _, other = zone_label(zone).partition(" \u00b7 ")
        html = f'<div class="atlas-zone-label">{escape(name)}' + (f"<br><small>{escape(other)}</small>" if other else "")
        labels.append(_label(point.y, point.x, html + "</div>"))
    MarkerBatch(labels).add_to(group)
    group.add_to(m)


def _add_place_labels(places, m):
    group = folium.FeatureGroup(name="Place names (GeoNames)")
    labels = []
    for place in places[places["kind"].isin(_LABELLED_KINDS)].to_dict("records"):
        name = escape(place["name"])
        historic = place["aliases"].split(";")[0]
        if historic.casefold() != place["name"].casefold():
            name += f" <small>({escape(historic)})</small>"
        labels.append(_label(place["lat"], place["lon"], f'<div class="atlas-place-label">{name}</div>', (3, 7)))
    MarkerBatch(labels).add_to(group)
    group.add_to(m)


def legend_html(actors=None, expanded=True):
    """Return the legend: one symbol per layer, precision, flows, border and zones.

    With ``actors`` (a DataFrame), it also lists the actors' colours. Folded
    (``expanded=False``) it shows only its title until clicked.
    """
    state = " open" if expanded else ""
    rows = [f'<div class="atlas-legend" id="atlas-legend"><details{state}><summary><b>Legend</b></summary>']
    for layer in LAYER_SHAPES:
        rows.append(f"<div>{marker_svg(layer, 14, '#777777')} {escape(LAYER_LABELS[layer])}</div>")
    rows.append(f"<div>{marker_svg('incident', 14, '#777777', vague=True)} place only approximate (province or wider)</div>")
    rows.append('<div><svg width="24" height="10"><line x1="0" y1="5" x2="24" y2="5" stroke="#4477AA" stroke-width="3" stroke-dasharray="6 4"/></svg> flow (arrow shows direction)</div>')
    rows.append('<div><svg width="24" height="10"><line x1="0" y1="5" x2="24" y2="5" stroke="#111" stroke-width="4"/></svg> Tajik-Afghan border</div>')
    rows.append('<div><svg width="24" height="12"><rect x="1" y="1" width="22" height="10" fill="#3b5b92" fill-opacity=".08" stroke="#3b5b92" stroke-dasharray="4 3"/></svg> conflict zone</div>')
    rows.append('<div style="display:block;color:#555">Colour: first actor named. Incident size: deaths.</div>')
    if actors is not None:
        rows.append("<details><summary>Actor colours</summary>")
        for actor in actors.to_dict("records"):
            rows.append(f"<div>{marker_svg('incident', 12, actor['color'])} {escape(actor['short_name'])}</div>")
        rows.append("</details>")
    rows.append("<details><summary>Flow colours</summary>")
    for flow_type, color in FLOW_COLORS.items():
        rows.append(f'<div><svg width="18" height="8"><line x1="0" y1="4" x2="18" y2="4" stroke="{color}" stroke-width="3"/></svg> {escape(flow_type.replace("_", " "))}</div>')
    rows.append("</details></details></div>")
    return "\n".join(rows)


def base_map(dataset, location=BORDER_CENTER, zoom=DEFAULT_ZOOM, embed=False, legend_expanded=True):
    """Build the map that does not change with the filters.

    Parameters
    ----------
    dataset : atlas.loading.Dataset
    location : tuple of float
        Initial centre (lat, lon); the Tajik-Afghan border by default.
    zoom : int
        Initial zoom level.
    embed : bool
        Put the country and border outlines into the page (for a standalone
        file) instead of letting the browser fetch them from the app.
    legend_expanded : bool
        Start with the legend unfolded (a narrow map is better with it folded).

    Returns
    -------
    folium.Map
        With every script and stylesheet pointing at the app's own copies.
    """
    # keyboard=False: Leaflet focuses the map on mousedown for keyboard panning, and
    # focusing an iframe that is partly off screen scrolls the page under the pointer,
    # so the click lands elsewhere and no popup opens.
    m = use_local_assets(
        folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=True, min_zoom=3, max_zoom=12,
                   keyboard=False)
    )
    # Online tiles: extra layers for those with a network; nothing is fetched until one is switched on.
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=True, show=False).add_to(m)
    folium.TileLayer(
        tiles="https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png",
        attr="Map data: &copy; OpenStreetMap contributors, SRTM | Style: &copy; OpenTopoMap (CC-BY-SA)",
        name="OpenTopoMap terrain (online)",
        overlay=True,
        show=False,
        max_zoom=17,
    ).add_to(m)
    _geojson("countries.geojson", "Countries (Natural Earth)", _COUNTRY_STYLE, embed, to_back=True).add_to(m)
    _add_zones(dataset.zones, m, embed)
    length = float(dataset.border["length_km"].iloc[0])
    _geojson("border.geojson", f"Tajik-Afghan border ({length:,.0f} km)", _BORDER_STYLE, embed).add_to(m)
    _add_place_labels(dataset.places, m)
    FarLabels().add_to(m)
    use_local_assets(Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen")).add_to(m)
    m.get_root().header.add_child(RenderedHtml(_CSS), name="atlas_css")
    # The legend is a Leaflet control drawn by atlas_legend.js (inside the map, so full screen keeps it).
    return m
