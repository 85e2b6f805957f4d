"""The map's changing layer: the selection, a few hundred bytes a filter change.

streamlit-folium sends the FeatureGroups given as ``feature_group_to_add`` on
every change while the base map stays in the browser. The atlas sends one
small group holding an :class:`AtlasSelection`: the selected rows as a bitset
(see :mod:`atlas.map.mapdata`), what to highlight and where to look. The records
themselves reach the browser once, as a static file (or embedded, for a
standalone page), and ``atlas_symbols.js`` draws them.
"""

import json
from types import SimpleNamespace

import folium
import pandas as pd
from branca.element import CssLink, Figure, JavascriptLink
from folium.elements import JSCSSMixin

from ..data.schema import LAYERS
from .assets import use_local_assets
from .mapdata import build_store, selection_payload, year_prediction
from .markers import RemoteGeoJson, RenderedHtml
from .symbols import LAYER_LABELS, flow_family_rows

__all__ = ["AtlasSelection", "selection_group", "zone_highlight_group", "dynamic_layers", "script_json"]

_HIGHLIGHT_ZONE_STYLE = {"color": "#c4570c", "weight": 5, "dashArray": None, "fillColor": "#c4570c", "fillOpacity": 0.12}
SELECTION_LAYER_NAME = "Events and flows"


def script_json(value):
    """Return ``value`` as JSON that is safe inside an HTML ``<script>`` (no ``</script>``, no markup)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _legend_config(expanded=True):
    return {
        "layers": [LAYER_LABELS[layer] for layer in LAYERS],
        "flows": [list(row) for row in flow_family_rows()],
        "expanded": expanded,
    }


class AtlasSelection(JSCSSMixin):
    """Apply a selection to the map's symbols (``Atlas.select`` in ``atlas_symbols.js``).

    Parameters
    ----------
    store : atlas.map.mapdata.MapStore
        Its ``url`` is fetched once by the browser; without one the records are
        embedded in the page (a standalone file).
    payload : dict
        From :func:`atlas.map.mapdata.selection_payload`.
    legend_expanded : bool
        Start with the legend unfolded (it is folded on maps narrower than 600 px anyway).
    report_drawn : bool
        Once the map has drawn its first selection, send ``{"drawn": true}`` as the
        map component's value (streamlit-folium's frame), which runs the page again:
        a page can leave what lies below the map to that run, so the first map does
        not wait for it.
    """

    default_js = [
        ("atlas_symbols.js", ""),
        ("atlas_canvas.js", ""),
        ("atlas_frame.js", ""),
        ("atlas_legend.js", ""),
        ("atlas_years.js", ""),
    ]
    default_css = [("atlas_map.css", "")]

    def __init__(self, store, payload, legend_expanded=True, report_drawn=False):
        super().__init__()
        self._name = "AtlasSelection"
        self.store, self.payload, self.legend_expanded = store, payload, legend_expanded
        self.report_drawn = report_drawn
        use_local_assets(self)
        # No Jinja: streamlit-folium asks the template's ``script`` macro for the JavaScript.
        self._template = SimpleNamespace(module=SimpleNamespace(script=lambda this, kwargs=None: this.script()))

    def script(self):
        """Return the JavaScript that applies the selection."""
        group = self._parent.get_name()
        map_name = self._parent._parent.get_name() if self._parent._parent is not None else "map"
        return f"Atlas.select({map_name}, {group}, {script_json(self._config())}, {script_json(self.payload)});"

    def _config(self):
        config = {"legend": _legend_config(self.legend_expanded)}
        if self.report_drawn:
            config["reportDrawn"] = True
        if self.store.url:
            config.update(url=self.store.url, text_url=self.store.text_url)
        else:
            config.update(records=self.store.records, text=self.store.text)
        return config

    def render(self, **kwargs):
        # Written directly, not through a Jinja template: the payload is data, never a template.
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the element inside a Figure"
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(RenderedHtml(self.script()), name=self.get_name())


def selection_group(store, events, flows, actors, highlight=(), highlight_zones=(), frame=None, legend_expanded=True,
                    year_base=None, report_drawn=False):
    """Return the one FeatureGroup a filter change sends: the selection of ``store``'s rows.

    Parameters
    ----------
    store : atlas.map.mapdata.MapStore
    events, flows : DataFrame
        The selected rows.
    actors : DataFrame
        For the on-map key when one side is selected.
    highlight : iterable of str
        Event and flow ids drawn with a thick black outline.
    frame : dict, optional
        From :func:`atlas.map.viewport.frame_for_selection`.
    year_base : dict, optional
        The arguments of :func:`atlas.map.mapdata.year_prediction` but the store
        (``events``, ``flows``, ``years``, ``slider``, ``focus``): the map then
        draws a year slider's move at once, before the server's selection comes.
    report_drawn : bool
        See :class:`AtlasSelection`.
    """
    # Only the columns the payload needs: filtering a GeoDataFrame would copy its geometry on every change.
    keep = events["mapped"].to_numpy(dtype=bool) if "mapped" in events else slice(None)
    mapped = pd.DataFrame({"id": events["id"].to_numpy()[keep]}, index=events.index[keep])
    payload = selection_payload(store, mapped, flows, highlight, highlight_zones, frame)
    if year_base is not None:
        payload["years"] = year_prediction(store, **year_base)
    group = folium.FeatureGroup(name=f"{SELECTION_LAYER_NAME} ({len(mapped) + len(flows)})")
    AtlasSelection(store, payload, legend_expanded, report_drawn).add_to(group)
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


def dynamic_layers(events, flows, actors, highlight=(), zones=None, highlight_zones=(), store=None, frame=None,
                   legend_expanded=True, year_base=None, report_drawn=False):
    """Return every changing layer: highlighted zones (if any), then the selection.

    Without ``store`` the selected rows themselves are embedded (a standalone
    page, a test); a page passes the dataset's store (see ``ui.map_store``) so
    that only the selection travels. ``year_base``, ``report_drawn``: see :func:`selection_group`.
    """
    if store is None:
        store = build_store(events, flows, actors)
    groups = [zone_highlight_group(zones, highlight_zones)] if zones is not None and len(highlight_zones) else []
    return [*groups, selection_group(store, events, flows, actors, highlight, highlight_zones, frame, legend_expanded,
                                     year_base, report_drawn)]
