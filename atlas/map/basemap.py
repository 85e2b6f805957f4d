"""The map that stays put: countries, admin-1 units, relief, rivers, lakes, zones, the border, labels, legend, controls.

Everything here is drawn from geodata/ and data/places.csv, so the map is
complete with no tile server; online tiles are extra layers, off by default.
"""

import base64
import functools
import json
from html import escape

import folium
from branca.element import MacroElement
from folium.map import Layer
from folium.plugins import Fullscreen
from jinja2 import Template
import shapely
from shapely.geometry import shape

from ..paths import GEODATA_DIR
from .assets import GEODATA_URL, use_local_assets
from .labels import BaseLabels
from .markers import FarLabels, RemoteGeoJson
from .symbols import LAYER_LABELS, LAYER_SHAPES, flow_family_rows, marker_svg

__all__ = ["BORDER_CENTER", "DEFAULT_ZOOM", "MIN_ZOOM", "MAX_ZOOM", "FillFrame", "base_map", "zone_label", "zone_outlines", "legend_html", "theatre_properties"]

BORDER_CENTER = (37.9, 70.0)
DEFAULT_ZOOM = 7
# The zooms a reader can reach: 3 shows Eurasia (the far places), 12 a town's streets, past which
# Natural Earth's 1:10m lines and the relief have nothing more to show.
MIN_ZOOM, MAX_ZOOM = 3, 12
_COUNTRY_STYLE = {"fillColor": "#f6f3ec", "color": "#7a7a7a", "weight": 1.2, "fillOpacity": 1}
_ZONE_STYLE = {"color": "#3b5b92", "weight": 2, "dashArray": "6 4", "fillColor": "#3b5b92", "fillOpacity": 0.06}
_BORDER_STYLE = {"color": "#111111", "weight": 4, "opacity": 0.9}
# Admin-1 lines subtle, under everything the data draw; rivers blue over the border they follow.
_ADMIN1_STYLE = {"color": "#8c8275", "weight": 0.8, "opacity": 0.8, "dashArray": "4 3", "fill": False}
_RIVER_STYLE = {"color": "#3a7fbf", "weight": 1.6, "opacity": 0.9}
_LAKE_STYLE = {"color": "#3a7fbf", "weight": 0.8, "fillColor": "#a9cfe8", "fillOpacity": 1}


def _geojson(file_name, name, style, embed, to_back=False, tooltips=True, extent=None):
    """A GeoJSON layer from geodata/: fetched by the browser from the app, or embedded in the page."""
    # Fetched, the page stays small and the same on every rerun, and the browser caches the file.
    data = json.loads((GEODATA_DIR / file_name).read_text(encoding="utf-8")) if embed else None
    return RemoteGeoJson(f"{GEODATA_URL}/{file_name}", style, name, data=data, to_back=to_back, tooltips=tooltips,
                         extent=extent)


@functools.lru_cache(maxsize=4)
def _extent(file_name):
    """Return ``[[south, west], [north, east]]`` of a geodata file's coordinates (degrees), read once."""
    features = json.loads((GEODATA_DIR / file_name).read_text(encoding="utf-8"))["features"]
    west, south, east, north = shapely.GeometryCollection([shape(f["geometry"]) for f in features]).bounds
    return [[south, west], [north, east]]


def zone_label(zone):
    """Return a zone's label: its name, then its other names."""
    others = [a for a in zone["aliases"].split(";") if a and a.casefold() not in zone["name"].casefold()]
    return zone["name"] + (f" \u00b7 {others[0]}" if others else "")


def _zone_tooltip(zone):
    text = f"{zone['name']} \u2014 also {zone['aliases'].replace(';', ', ')}"
    if zone.get("valid_to"):
        text += f"; until {zone['valid_to']}"
    return text + f" ({zone['precision']})"


def zone_outlines(zones):
    """Return the zones as the map draws them: a GeoJSON FeatureCollection (EPSG:4326) whose ``name`` is the tooltip."""
    features = [
        {"type": "Feature", "properties": {"name": _zone_tooltip(zone)}, "geometry": geometry.__geo_interface__}
        for zone, geometry in zip(zones.to_dict("records"), zones.geometry)
    ]
    return {"type": "FeatureCollection", "features": features}


def _add_zones(zones, m, embed, url):
    group = folium.FeatureGroup(name="Conflict zones (approximate)")
    # From the validated dataset, so not the geodata file itself; fetched when the app serves them (about
    # 15 KB that would otherwise travel with every new selection), embedded in a standalone page.
    data = None if url and not embed else zone_outlines(zones)
    RemoteGeoJson(url or "", _ZONE_STYLE, "zones", data=data, control=False).add_to(group)
    group.add_to(m)


def theatre_properties():
    """Return the theatre's properties from geodata/theatre.geojson: ``max_bounds``, ``relief_bounds``, ``relief_url``...

    Bounds are Leaflet's ``[[south, west], [north, east]]`` in degrees.
    """
    features = json.loads((GEODATA_DIR / "theatre.geojson").read_text(encoding="utf-8"))["features"]
    return features[0]["properties"]


class _Relief(Layer):
    """Natural Earth's shaded relief as an image overlay, multiplied over the land (its own pane).

    Drawn by ``L.atlasRelief`` (atlas/vendor/atlas/atlas_outlines.js, in the bundle the labels load);
    folium adds it to the map when shown.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.atlasRelief({{ this._parent.get_name() }}, {{ this.url|tojson }}, {{ this.bounds|tojson }}, {{ this.opacity }});
        {% endmacro %}
        """
    )

    def __init__(self, url, bounds, show=True, opacity=0.8):
        super().__init__(name="Relief (Natural Earth)", overlay=True, control=True, show=show)
        self._name = "Relief"
        self.url, self.bounds, self.opacity = url, bounds, opacity


class _Frame(MacroElement):
    """Keep the view inside the base map: max bounds, and a minimum zoom at which the view fits inside them.

    Done by ``L.atlasFrame`` (atlas/vendor/atlas/atlas_outlines.js), which adds the scale bar as well.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.atlasFrame({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds):
        super().__init__()
        self._name = "Frame"
        self.bounds = bounds


class FillFrame(MacroElement):
    """Make the map fill its frame's height, whatever height streamlit-folium set on it in px.

    A page can then size the map's frame to the reader's screen (``ui.show_map``'s
    ``above``). A style rule, not an inline style: streamlit-folium sets the inline
    height again on every run.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var rule = document.createElement("style");
            rule.textContent = "#" + map.getContainer().id + "{height:100vh!important}";
            document.head.appendChild(rule);
            map.invalidateSize();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "FillFrame"


def _relief_url(theatre, embed):
    if not embed:
        return f"{GEODATA_URL}/{theatre['relief_url']}"
    data = (GEODATA_DIR / theatre["relief_url"]).read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode()


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
    for label, color in flow_family_rows():
        rows.append(f'<div><svg width="18" height="8"><line x1="0" y1="4" x2="18" y2="4" stroke="{color}" stroke-width="3"/></svg> {escape(label)}</div>')
    rows.append("</details></details></div>")
    return "\n".join(rows)


def base_map(dataset, location=BORDER_CENTER, zoom=DEFAULT_ZOOM, embed=False, legend_expanded=True, relief=True,
             zones_url=None, gestures=False):
    """Build the map that does not change with the filters.

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
    location : tuple of float
        Initial centre (lat, lon); the Tajik-Afghan border by default.
    zoom : int
        Initial zoom level.
    embed : bool
        Put the country and border outlines into the page (for a standalone
        file) instead of letting the browser fetch them from the app.
    legend_expanded : bool
        Start with the legend unfolded (a narrow map is better with it folded).
    relief : bool
        Show the shaded relief at first (it stays in the layer control either
        way); a choropleth reads better without it.
    zones_url : str, optional
        Where the app serves :func:`zone_outlines` of the dataset's zones (see
        ``ui``); without it (or with ``embed``) they are in the page.
    gestures : bool
        For a map inside a scrolling page: one finger or the mouse wheel
        scroll the page, two fingers or ctrl + wheel move the map
        (leaflet-gesture-handling, ``atlas_gestures.js``); in full screen the
        map takes every gesture.

    Returns
    -------
    folium.Map
        With every script and stylesheet pointing at the app's own copies.
    """
    # keyboard=False: Leaflet focuses the map on mousedown for keyboard panning, and
    # focusing an iframe that is partly off screen scrolls the page under the pointer,
    # so the click lands elsewhere and no popup opens.
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=False, keyboard=False)
    # Set on the map itself: folium passes min_zoom and max_zoom only to a tile layer it makes, so with
    # tiles=None the wheel zoomed on to 52, into an empty grey map.
    m.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)
    if gestures:
        m.options.update(gesture_handling=True)
    m = use_local_assets(m, jquery=False)
    theatre = theatre_properties()
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
    _geojson("countries.geojson", "Countries (Natural Earth)", _COUNTRY_STYLE, embed, to_back=True, tooltips=False).add_to(m)
    _Relief(_relief_url(theatre, embed), theatre["relief_bounds"], show=relief).add_to(m)
    # Clipped to the region by scripts/build_geodata.py: hidden where the view reaches past it (a popup
    # panned north had shown the clip as a dashed line along 46°N).
    _geojson("admin1.geojson", "Provinces (admin-1, Natural Earth)", _ADMIN1_STYLE, embed,
             extent=_extent("admin1.geojson")).add_to(m)
    _add_zones(dataset.zones, m, embed, zones_url)
    length = float(dataset.border["length_km"].iloc[0])
    _geojson("border.geojson", f"Tajik-Afghan border ({length:,.0f} km)", _BORDER_STYLE, embed).add_to(m)
    _geojson("lakes.geojson", "Lakes (GSHHG)", _LAKE_STYLE, embed).add_to(m)
    _geojson("rivers.geojson", "Rivers (Natural Earth, WDBII)", _RIVER_STYLE, embed).add_to(m)
    use_local_assets(BaseLabels(embed=embed)).add_to(m)
    _Frame(theatre["max_bounds"]).add_to(m)
    FarLabels().add_to(m)
    use_local_assets(Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen")).add_to(m)
    # The legend is a Leaflet control drawn by atlas_legend.js (inside the map, so full screen keeps it).
    return m
