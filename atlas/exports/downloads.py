"""Downloads of the current selection: CSV, GeoJSON and a standalone HTML map."""

import json
from html import escape

import folium
import pandas as pd

from ..data.loading import read_areas
from ..map.assets import inline_assets
from ..map.basemap import base_map
from ..map.layers import dynamic_layers
from ..map.mapdata import build_store
from ..map.markers import RenderedHtml

__all__ = ["FORMULA_STARTS", "neutralise_formulas", "table_csv", "events_geojson", "flows_geojson", "standalone_html", "standalone_map_html", "EXPORT_COLUMNS"]

EXPORT_COLUMNS = [
    "id", "layer", "event_type", "title", "description", "date_start", "date_end", "date_prec",
    "place_name", "place_modern", "geonameid", "lat", "lon", "where_prec", "actors",
    "deaths_low", "deaths_best", "deaths_high", "strength", "source_note", "source_quote",
]


# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain(frame):
    frame = pd.DataFrame(frame).drop(columns=["geometry", "actor_ids", "mapped", "year_start", "year_end"], errors="ignore")
    for column in ("date_start", "date_end"):
        if column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return frame


def _inert(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def neutralise_formulas(frame):
    """Return a copy of ``frame`` whose text cells cannot run as spreadsheet formulas.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading single quote, as OWASP recommends against CSV
    injection. Numbers stay numbers (a negative number is not text), and so
    do missing values.
    """
    frame = pd.DataFrame(frame).copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].map(_inert)
    return frame


def table_csv(frame):
    """Return a table as CSV bytes for a spreadsheet, without the atlas's helper columns.

    RFC 4180 rows in UTF-8 with a byte-order mark, so Excel shows Cyrillic names, ``ŭ`` and
    typographic quotes correctly; text cells neutralised against formulas
    (see :func:`neutralise_formulas`).
    """
    # CRLF ends rows (RFC 4180), and the csv writer then quotes any cell holding a bare CR.
    return neutralise_formulas(_plain(frame)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _feature_collection(frame):
    plain = _plain(frame)
    features = []
    for record, geometry in zip(json.loads(plain.to_json(orient="records")), frame.geometry):
        if geometry is None:
            continue
        features.append({"type": "Feature", "properties": record, "geometry": geometry.__geo_interface__})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def events_geojson(events):
    """Return the mapped events as a GeoJSON FeatureCollection string (unmapped ones have no geometry)."""
    return _feature_collection(events)


def flows_geojson(flows):
    """Return flows as a GeoJSON FeatureCollection of LineStrings."""
    return _feature_collection(flows)


def standalone_html(folium_map):
    """Return a map as one HTML file that opens from disk with no server and no network.

    The map must be built with ``embed=True`` (see :func:`atlas.map.basemap.base_map`)
    so its outlines are in the page; scripts and stylesheets are inlined here.
    """
    return inline_assets(folium_map.get_root().render())


def standalone_map_html(dataset, events, flows, title, subtitle="", center=None, zoom=None, highlight=(),
                        highlight_zones=(), frame=None, areas=None):
    """Return the current view as one self-contained HTML file (opens from disk, offline).

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
    events, flows : GeoDataFrame
        The selection to show.
    title, subtitle : str
        Shown in a box above the map (escaped).
    center, zoom : optional
        The view when there is no ``frame``; by default the Tajik-Afghan border.
    frame : dict, optional
        From :func:`atlas.map.viewport.frame_for_view`: the file opens framed
        on the selection inside the theatre, far places as markers on its edge,
        as the app's map does.
    areas : dict, optional
        ``{place_id: GeoJSON feature}`` of the vague places' areas (the page's
        ``ui.vague_areas``, read once); default: ``geodata/areas.geojson``.
    """
    # With a frame the map opens where the frame puts it: a wider starting view would be pulled into the
    # base map's bounds by an animation that lands after, and undoes, the frame.
    kwargs = {"location": center, "zoom": zoom} if center is not None and frame is None else {}
    m = base_map(dataset, embed=True, **kwargs)
    # With the vague places' areas, as the page's map has them: without, a province's facts showed their
    # symbol but not the province they stand for.
    store = build_store(events, flows, dataset.actors, read_areas() if areas is None else areas)
    for group in dynamic_layers(events, flows, dataset.actors, highlight, dataset.zones, highlight_zones, store=store,
                                frame=frame):
        group.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    heading = (
        '<div class="atlas-export-heading" style="position:absolute;z-index:1000;top:10px;left:60px;right:60px;background:rgba(255,255,255,.92);'
        'padding:6px 12px;border-radius:6px;font:14px sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        f"<b>{escape(title)}</b><br><span>{escape(subtitle)}</span></div>"
    )
    m.get_root().html.add_child(RenderedHtml(heading), name="atlas_heading")
    return standalone_html(m)
