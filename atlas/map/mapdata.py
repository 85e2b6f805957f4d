"""The map's records, sent to the browser once, and the selection, sent on every change.

Every mapped event and every flow travels once, as a static JSON file under
``static/data/`` whose name carries a hash of its content (the browser caches
it; a new dataset gets a new name). A filter change then sends only which rows
are selected, as a bitset, and what to highlight and frame; ``atlas_symbols.js``
shows and hides the symbols it has already drawn and builds a popup from the
cached record when one is clicked, with DOM text nodes, never HTML from data.

Two files per dataset:

- ``atlas-<hash>.json``: what drawing needs, column by column (ids, layer,
  coordinates, side, size, precision, place; flows' lines; the areas that stand
  for vague places).
- ``atlas-<hash>-text.json``: what a popup shows, fetched on the first hover
  or click.
"""

import base64
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from shapely.geometry import Point, shape

from ..data.cache import kept_on_disk
from ..data.dates import date_precision_phrase, format_date
from ..data.loading import AREAS_FILE, read_areas  # the data contract reads its files; re-exported here
from ..data.schema import LAYERS, SIDES
from ..exports.citation import item_link
from ..paths import GEODATA_DIR, STATIC_DIR
from .areas import alternate_points
from .flowends import drawn_flow_lines
from .assets import GZIP_TWIN, write_with_gzip_twin
from .popups import CITATION, actor_names, figures_text, place_text
from .symbols import FLOW_COLORS, NEUTRAL, SIDE_COLORS, VAGUE_WHERE_PREC, marker_size
from .viewport import far_table

__all__ = ["DATA_URL", "AREAS_FILE", "MapStore", "build_store", "write_store", "written_store", "write_hashed_json", "selection_bits", "selection_payload", "year_prediction", "side_key",
           "read_areas"]

DATA_URL = "/app/static/data"
_NO_SIDE = len(SIDES)  # index of "no actor named" in the sides list



@dataclass
class MapStore:
    """The map's records as sent to the browser, and where to find each row.

    Attributes
    ----------
    records : dict
        The drawing file's content (JSON-ready).
    text : dict
        The popup file's content (JSON-ready).
    event_ids, flow_ids : pandas.Index
        Row ``i`` of the records is bit ``i`` of a selection.
    url : str or None
        Where the browser fetches the records (None: they are embedded in the page).
    """

    records: dict
    text: dict
    event_ids: pd.Index
    flow_ids: pd.Index
    event_labels: pd.Index | None = None
    flow_labels: pd.Index | None = None
    first_actor: np.ndarray | None = None  # code of each row's first actor in ``actors``, -1 for none
    actors: tuple = ()  # (id, short name, side) by code
    url: str | None = None
    text_url: str | None = None
    digest: str = field(default="")


def _number(value):
    return None if value is None or pd.isna(value) else value


def _side_index(actor_ids, sides):
    if not actor_ids:
        return _NO_SIDE
    side = sides.get(actor_ids[0])
    return SIDES.index(side) if side in SIDES else _NO_SIDE


def _memo(function):
    """Call ``function`` once per distinct argument tuple: 100,000 rows share a few thousand dates and places."""
    cache = {}

    def call(*args):
        if args not in cache:
            cache[args] = function(*args)
        return cache[args]

    return call


def _popup_text(frame, names, where_columns, where):
    """Return the popup's text fields, one list per field, for every row of ``frame``."""
    when = _memo(lambda start, end, prec: f"{format_date(start, end, prec)} ({date_precision_phrase(prec)})")
    actors = _memo(lambda ids: ", ".join(actor_names(list(ids), names)) or "none named in the article")
    figure_columns = [c for c in ("deaths_low", "deaths_best", "deaths_high", "wounded", "strength", "magnitude", "magnitude_unit")
                      if c in frame]
    figures = _memo(lambda *values: figures_text(dict(zip(figure_columns, values))))
    cite = _memo(lambda note: f"{CITATION}, footnote {str(note).replace(';', ', ')}")
    place = _memo(lambda *values: where(dict(zip(where_columns, values))))

    def column(name):
        return frame[name].tolist()

    figure_values = zip(*(column(c) for c in figure_columns)) if figure_columns else ((),) * len(frame)
    return {
        "title": column("title"),
        "when": [when(a, b, int(c)) for a, b, c in zip(column("date_start"), column("date_end"), column("date_prec"))],
        "where": [place(*values) for values in zip(*(column(c) for c in where_columns))],
        "actors": [actors(tuple(ids)) for ids in column("actor_ids")],
        "figures": [figures(*values) for values in figure_values],
        "description": column("description"),
        "quote": column("source_quote"),
        "cite": [cite(note) for note in column("source_note")],
        # The item's own link (?event=E029 / ?flow=F003), relative to the map page: for the popup to offer.
        "link": [item_link(item_id) for item_id in column("id")],
    }


def _alternates(geometry, label):
    """Other points ([lat, lon]) inside an area for its symbol, where another symbol covers the first."""
    if not geometry:
        return []
    points = alternate_points(shape(geometry), Point(float(label[1]), float(label[0])))
    return [[round(p.y, 5), round(p.x, 5)] for p in points]


def _areas(events, areas):
    """The areas that stand for the vague places the events use, in first-use order."""
    vague = events[events["where_prec"] >= VAGUE_WHERE_PREC]
    result, index = [], {}
    for place_id, name, lat, lon in zip(vague["place_id"], vague["place_name"], vague["lat"], vague["lon"]):
        if place_id in index:
            continue
        index[place_id] = len(result)
        feature = areas.get(place_id)
        props = (feature or {}).get("properties", {})
        label = [props.get("label_lat", lat), props.get("label_lon", lon)]
        geometry = (feature or {}).get("geometry")
        result.append({
            "place": place_id,
            "name": props.get("name") or name,
            "kind": props.get("area_kind", ""),
            "label": [round(float(label[0]), 5), round(float(label[1]), 5)],
            "alternates": _alternates(geometry, label),
            "geometry": geometry,
        })
    return result, index


def build_store(events, flows, actors, areas=None, theatre=None):
    """Return the :class:`MapStore` of every mapped event and every flow.

    Parameters
    ----------
    events, flows : GeoDataFrame
        As :func:`atlas.data.loading.load_dataset` returns them (all rows: the
        selection is sent separately).
    actors : DataFrame
        For names and sides.
    areas : dict, optional
        ``{place_id: GeoJSON feature}`` (see :func:`read_areas`); places
        without one are drawn at their representative point.
    theatre : shapely Polygon, optional
        From :func:`atlas.map.viewport.load_theatre`. With it the records also
        hold the points outside it (``far``, see :func:`atlas.map.viewport.far_table`),
        so that the map can predict a year change's far items.

    The records hold each row's years (``y0``, ``y1``) and first actor
    (``actor``, a code into ``actors``: ``[short name, side, colour]``) as
    well, for the same prediction (``atlas_years.js``).
    """
    names = dict(zip(actors["id"], actors["short_name"]))
    sides = dict(zip(actors["id"], actors["side"]))
    mapped = events[events["mapped"]]
    area_list, area_index = _areas(mapped, areas or {})
    deaths = mapped["deaths_best"].astype("float64")
    codes = {actor_id: i for i, actor_id in enumerate(actors["id"])}
    first_actor = np.array([codes.get(ids[0], -1) if ids else -1 for ids in mapped["actor_ids"]], dtype=np.int32)
    actor_table = tuple(zip(actors["id"], actors["short_name"], actors["side"]))
    layers = mapped["layer"].map({layer: i for i, layer in enumerate(LAYERS)}).astype(int)
    records = {
        "version": 1,
        "layers": list(LAYERS),
        "sides": [{"name": s, "color": SIDE_COLORS[s]} for s in SIDES] + [{"name": "no actor named", "color": NEUTRAL}],
        "areas": area_list,
        "events": {
            "id": mapped["id"].tolist(),
            "layer": layers.tolist(),
            "lat": mapped["lat"].astype(float).round(5).tolist(),
            "lon": mapped["lon"].astype(float).round(5).tolist(),
            "side": [_side_index(ids, sides) for ids in mapped["actor_ids"]],
            "size": [marker_size(layer, None if np.isnan(d) else int(d)) for layer, d in zip(mapped["layer"], deaths)],
            "prec": mapped["where_prec"].astype(int).tolist(),
            # Vague facts point at their area; exact ones have -1.
            "area": [area_index.get(p, -1) if w >= VAGUE_WHERE_PREC else -1
                     for p, w in zip(mapped["place_id"], mapped["where_prec"])],
            "y0": mapped["year_start"].astype(int).tolist(),
            "y1": mapped["year_end"].astype(int).tolist(),
            "actor": first_actor.tolist(),
        },
        "flows": {
            "id": flows["id"].tolist(),
            "type": flows["flow_type"].tolist(),
            "color": [FLOW_COLORS.get(t, NEUTRAL) for t in flows["flow_type"]],
            "weight": [round(3 + (1.2 * np.log10(m) if _number(m) and m > 0 else 0), 1) for m in flows["magnitude"]],
            # Into a whole country, not to its centre point (atlas.map.flowends).
            "points": [[[round(lat, 5), round(lon, 5)] for lon, lat in g.coords] for g in drawn_flow_lines(flows, areas)],
            "y0": flows["year_start"].astype(int).tolist(),
            "y1": flows["year_end"].astype(int).tolist(),
        },
        "actors": [[str(short), str(side), SIDE_COLORS.get(side, NEUTRAL)] for _, short, side in actor_table],
    }
    if theatre is not None:
        records["far"] = far_table(mapped, flows, theatre, areas)
    place_columns = [c for c in ("place_id", "place_name", "place_modern", "geonameid", "where_prec") if c in mapped]
    text = {
        "events": _popup_text(mapped, names, place_columns, place_text),
        "flows": _popup_text(flows, names, ["from_name", "to_name"], lambda r: f"from {r['from_name']} to {r['to_name']}"),
    }
    # Ids as Python strings: every run compares them with the selection's (an Arrow-backed index
    # was turned into 100,000 new strings on each comparison, 15 % of a first run at that size).
    return MapStore(records, text, pd.Index(mapped["id"].tolist(), dtype=object), pd.Index(flows["id"].tolist(), dtype=object),
                    mapped.index, flows.index, first_actor, actor_table)


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _write_hashed(target, content):
    # The name carries the content's hash: a file already there holds it (100,000 events: 68 MB not re-read).
    # With its gzip twin, which the browser asks for first (atlas.map.assets.write_with_gzip_twin).
    if not (target.exists() and _twin(target).exists()):
        write_with_gzip_twin(target, content)


def _twin(target):
    return target.with_name(target.name + GZIP_TWIN)


def write_hashed_json(prefix, value, static_dir=STATIC_DIR):
    """Write ``value`` as ``static_dir/data/<prefix>-<hash>.json`` (and its gzip twin) once; return the URL the app serves it at.

    The name changes with the content, so a browser may keep the file as long as it likes.
    """
    content = _dumps(value).encode()
    name = f"{prefix}-{hashlib.sha256(content).hexdigest()[:16]}.json"
    _write_hashed(Path(static_dir) / "data" / name, content)
    return f"{DATA_URL}/{name}"


def write_store(store, static_dir=STATIC_DIR):
    """Write the store's two files under ``static_dir/data`` (content-hash names, each with its gzip twin) and set its URLs.

    Cheap when the files exist already (several app processes share them).
    Returns ``store``.
    """
    records, text = _dumps(store.records).encode(), _dumps(store.text).encode()
    digest = hashlib.sha256(records + b"\0" + text).hexdigest()[:16]
    for name, content in ((f"atlas-{digest}.json", records), (f"atlas-{digest}-text.json", text)):
        _write_hashed(Path(static_dir) / "data" / name, content)
    store.url, store.text_url = f"{DATA_URL}/atlas-{digest}.json", f"{DATA_URL}/atlas-{digest}-text.json"
    store.digest = digest
    return store


def written_store(events, flows, actors, areas=None, theatre=None, key=None, static_dir=STATIC_DIR, cache_dir=None):
    """Return :func:`build_store` of these rows with its files written (:func:`write_store`), kept on disk under ``key``.

    Parameters
    ----------
    events, flows, actors, areas, theatre
        As for :func:`build_store`.
    key : str, optional
        What the rows were read from and checked by (:func:`atlas.data.cache.cache_key`
        of the data and geodata folders, which also covers the areas and the
        theatre). With it, a restarted server reads the store back from
        ``.cache/datasets`` (0.13 s at 100,000 events, where building and
        writing it take 2.2 s); without it, the store is built every time.
    static_dir : path-like
        Where the files are served from; files missing there are written again.
    cache_dir : path-like, optional
        As for :func:`atlas.data.cache.kept_on_disk` (``"off"``: nothing kept).
    """
    def build():
        return write_store(build_store(events, flows, actors, areas, theatre), static_dir)

    if key is None:
        return build()
    store = kept_on_disk("map-store", key, build, cache_dir)
    data = Path(static_dir) / "data"
    files = [data / f"atlas-{store.digest}{tail}.json" for tail in ("", "-text")]
    if store.digest and not all(f.exists() and _twin(f).exists() for f in files):
        store = write_store(store, static_dir)  # a cleaned static folder: the kept records are written again
    return store


def _positions(index, ids, labels=None, selected_labels=None):
    """Return the positions in ``index`` of ``ids`` (-1 where absent), by row label when the labels agree."""
    ids = np.asarray(ids, dtype=object)
    if labels is not None and selected_labels is not None and labels.is_unique:
        found = labels.get_indexer(selected_labels)
        if (found >= 0).all() and (index.to_numpy(dtype=object)[found] == ids).all():
            return found
    return index.get_indexer(pd.Index(ids))


def _bits(count, positions):
    mask = np.zeros(count, dtype=bool)
    mask[positions[positions >= 0]] = True
    return base64.b64encode(np.packbits(mask).tobytes()).decode("ascii")


def selection_bits(index, ids, labels=None, selected_labels=None):
    """Return the rows of ``index`` found in ``ids`` as a base64 bitset (bit ``i`` = row ``i``, MSB first).

    With ``labels`` (the store's source row labels) and ``selected_labels`` (the
    selection's), rows are found by label, ten times faster than by id at
    100,000 rows; the ids are then checked, and looked up when they disagree.
    """
    return _bits(len(index), _positions(index, ids, labels, selected_labels))


def _side_key(store, positions):
    """The on-map key when every selected fact's first actor is of one side (from the store's codes)."""
    if store.first_actor is None or not len(positions) or (positions < 0).any():
        return None
    codes = np.unique(store.first_actor[positions])
    if codes[0] < 0:
        return None
    sides = {store.actors[c][2] for c in codes.tolist()}
    if len(sides) != 1:
        return None
    side = sides.pop()
    return {"side": side, "color": SIDE_COLORS.get(side, NEUTRAL), "actors": sorted({store.actors[c][1] for c in codes.tolist()})}


def selection_payload(store, events, flows, highlight=(), highlight_zones=(), frame=None, key=None):
    """Return what one filter change sends to the browser (a few hundred bytes for the built-in data).

    Parameters
    ----------
    store : MapStore
    events, flows : DataFrame
        The selection (any rows of the store; unmapped events are ignored).
    highlight : iterable of str
        Event or flow ids drawn with a thick black outline.
    highlight_zones : iterable of str
        Zone ids outlined boldly (drawn by the page's zone layer).
    frame : dict, optional
        From :func:`atlas.map.viewport.frame_for_selection`: ``bbox`` and ``far``;
        the map flies to ``bbox`` when ``frame["key"]`` changes.
    key : dict, optional
        The on-map key; by default, when every selected fact's first actor is
        of one side, ``{"side", "color", "actors"}`` naming those actors.
    """
    positions = _positions(store.event_ids, events["id"], store.event_labels, events.index)
    payload = {
        "events": _bits(len(store.event_ids), positions),
        "flows": selection_bits(store.flow_ids, flows["id"], store.flow_labels, flows.index),
        "highlight": sorted(set(highlight)),
        "zones": sorted(set(highlight_zones)),
    }
    if frame is not None:
        payload["frame"] = frame
    key = _side_key(store, positions) if key is None else key
    if key:
        payload["key"] = key
    return payload


def year_prediction(store, events, flows, years, slider="years", focus=()):
    """Return what lets the map draw a move of the year slider before the server answers (``payload["years"]``).

    ``atlas_years.js`` watches the page's slider (the widget with key ``slider``)
    and, when it moves, selects the rows of ``events``/``flows`` whose years
    overlap the slider's (``y0``/``y1`` in the store), the far items and the
    on-map key among them, and draws that at once. The server's selection,
    arriving after, is drawn only where it differs: the prediction can make
    the map faster, never wrong.

    Parameters
    ----------
    store : MapStore
    events, flows : DataFrame
        The selection with every filter but the years and months (any rows of
        the store; unmapped events are ignored).
    years : (int, int)
        The years the page's selection has now.
    slider : str
        The year slider's widget key.
    focus : iterable of str
        The ids the frame looks at (see :func:`atlas.map.viewport.focus_rows`):
        the far items are those of the focused rows when any is selected.
    """
    keep = events["mapped"].to_numpy(dtype=bool) if "mapped" in events else slice(None)
    ids = events["id"].to_numpy()[keep]
    positions = _positions(store.event_ids, ids, store.event_labels, events.index[keep])
    return {
        "slider": slider,
        "range": [int(years[0]), int(years[1])],
        "events": _bits(len(store.event_ids), positions),
        "flows": selection_bits(store.flow_ids, flows["id"], store.flow_labels, flows.index),
        "focus": sorted(set(focus or ())),
    }


def side_key(events, actors):
    """Return the on-map key when every selected event's first actor is of one side, else None.

    Colour tells the side; the key names the actors behind it (``{"side", "color", "actors"}``).
    """
    first = [ids[0] for ids in events["actor_ids"] if ids]
    if not first or len(first) < len(events):
        return None
    sides = dict(zip(actors["id"], actors["side"]))
    names = dict(zip(actors["id"], actors["short_name"]))
    found = {sides.get(a) for a in first}
    if len(found) != 1:
        return None
    side = found.pop()
    return {"side": side, "color": SIDE_COLORS.get(side, NEUTRAL), "actors": sorted({names.get(a, a) for a in first})}
