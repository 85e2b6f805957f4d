"""A static map of the current view for slides and handouts, drawn with geopandas and matplotlib.

Same framing (the theatre), symbols and areas for vague places as the web map,
coloured by the side of the first actor (Paul Tol's colour-blind-safe palette);
labels placed by priority without collisions (:func:`atlas.map.labels.place_labels`);
plus a key of symbols and sides, a title with the years and filters, a scale
bar, a north arrow and the full citation. Sizes for a 16:9 slide and an A4 page.
"""

import functools
import io
import json
import math
from textwrap import fill

import geopandas as gpd
import matplotlib
import pandas as pd

matplotlib.use("Agg")  # no display: figures are only written to files
# Titles, zone and place names and the search text come from outside: a "$" in them must print
# as a dollar, not start mathtext (which may not parse, and then no figure is made). Set for the
# process, like the backend, so figures drawn at once in several threads all keep it.
matplotlib.rcParams.update({"text.parse_math": False, "text.usetex": False})
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Patch, Wedge  # noqa: E402
from shapely.geometry import Point, box  # noqa: E402

from ..map.areas import label_point  # noqa: E402
from ..map.flowends import clip_flows  # noqa: E402
from ..map.basemap import zone_label  # noqa: E402
from ..map.labels import place_labels  # noqa: E402
from ..map.popups import CITATION  # noqa: E402
from ..map.symbols import NO_ACTOR_COLOR, FLOW_COLORS, LAYER_LABELS, NEUTRAL, VAGUE_WHERE_PREC, flow_family_rows, ring_offsets  # noqa: E402
from ..map.symbols import SIDE_COLORS as _SIDE_COLORS  # noqa: E402
from ..paths import GEODATA_DIR  # noqa: E402

__all__ = ["FIGURE_CRS", "MARKERS", "SIDE_COLORS", "FIGURE_SIZES", "static_figure", "figure_bytes", "figure_filename",
           "selection_stem"]

# File names live in atlas.exports.filenames (no matplotlib there, so a page can name its files on
# every run); re-exported here for the figure's callers.
from .filenames import figure_filename, selection_stem  # noqa: E402

# Colour = side of the first actor named: the web map's colours (atlas.map.symbols), "" for no actor.
SIDE_COLORS = {**_SIDE_COLORS, "": NO_ACTOR_COLOR}
# Pixel sizes at the default 150 dpi: a 16:9 slide, and A4 landscape (297 x 210 mm).
FIGURE_SIZES = {"slide": (1920, 1080), "a4": (1754, 1240)}

# Lambert conformal conic fitted to Central Asia: distances true to a few per cent
# from Afghanistan to Moscow, so the scale bar holds across the map.
FIGURE_CRS = "+proj=lcc +lat_1=35 +lat_2=55 +lat_0=45 +lon_0=62 +datum=WGS84 +units=m"
MARKERS = {"incident": "o", "deployment": "s", "camp": "^", "diplomacy": "D"}
SOURCE = (f"Source: Jajneswar Sethi, {CITATION.split(', ', 1)[-1] if CITATION.startswith('Sethi, ') else CITATION}. "
          "Places: GeoNames. Boundaries: Natural Earth 1:10m (admin-0, admin-1). Rivers: Natural Earth, WDBII. "
          "Zones and 1992 oblasts approximate. Tajik Border Atlas.")
_MIN_SPAN_M = 500_000


def _theatre():
    features = json.loads((GEODATA_DIR / "theatre.geojson").read_text(encoding="utf-8"))["features"]
    return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")


def _extent(items, theatre, aspect):
    """Frame what is selected inside the theatre; items far outside it never widen the frame."""
    inside = items[items.intersects(theatre.buffer(100_000).iloc[0])] if len(items) else items
    west, south, east, north = inside.total_bounds if len(inside) else theatre.total_bounds
    cx, cy = (west + east) / 2, (south + north) / 2
    width, height = max(east - west, _MIN_SPAN_M) * 1.15, max(north - south, _MIN_SPAN_M) * 1.15
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def _nice_length(max_m):
    exponent = 10 ** math.floor(math.log10(max_m))
    for step in (5, 2, 1):
        if step * exponent <= max_m:
            return step * exponent
    return exponent


def _scale_bar(ax, extent):
    west, south, east, north = extent
    length = _nice_length((east - west) / 5)
    x, y = west + (east - west) * 0.04, south + (north - south) * 0.06
    ax.plot([x, x + length], [y, y], color="black", linewidth=4, solid_capstyle="butt", zorder=20)
    ax.plot([x, x + length / 2], [y, y], color="white", linewidth=2, solid_capstyle="butt", zorder=21)
    ax.text(x + length / 2, y + (north - south) * 0.015, f"{length / 1000:,.0f} km", ha="center", va="bottom",
            fontsize=9, zorder=21)


def _beyond_note(ax, located, extent):
    """Name the places whose facts lie outside the figure's frame, with their counts (the web map's edge chips).

    ``located`` : the mapped events in ``FIGURE_CRS``. Returns the text written, or "" when none lie outside.
    """
    west, south, east, north = extent
    x, y = located.geometry.x, located.geometry.y
    outside = located[(x < west) | (x > east) | (y < south) | (y > north)]
    if not len(outside):
        return ""
    counts = outside.groupby("place_name", sort=False).size().sort_values(ascending=False, kind="stable")
    text = fill("Beyond this map: " + ", ".join(f"{name} ({count})" for name, count in counts.items()), 42)
    # Below the legend, in its column: over the map it would hide a place name.
    ax.figure.text(0.77, 0.065, text, ha="left", va="bottom", fontsize=8.5, color="#222222")
    return text


def _north_arrow(ax):
    ax.annotate("N", xy=(0.95, 0.93), xytext=(0.95, 0.83), xycoords="axes fraction", ha="center", va="center",
                fontsize=12, fontweight="bold", arrowprops=dict(facecolor="black", width=4, headwidth=12), zorder=20)


def _draw_events(ax, events, colors, highlight, metres_per_pixel):
    """Draw exact events as symbols (several at one place on a ring); return their boxes in points of the axes."""
    places = events.groupby([events.geometry.x.round(0), events.geometry.y.round(0)], sort=False)
    ranks, counts = places.cumcount(), places["id"].transform("size")
    drawn = []
    for row, rank, count in zip(events.to_dict("records"), ranks, counts):
        dx, dy = ring_offsets(count, 22)[rank]
        x, y = row["geometry"].x + dx * metres_per_pixel, row["geometry"].y - dy * metres_per_pixel
        color = colors.get(row["actor_ids"][0], NEUTRAL) if row["actor_ids"] else SIDE_COLORS[""]
        deaths = row["deaths_best"]
        size = 110 + (1.5 * int(deaths) if deaths is not None and deaths == deaths else 0)
        highlighted = row["id"] in highlight
        ax.scatter(
            [x], [y], s=size * (1.6 if highlighted else 1), marker=MARKERS[row["layer"]], facecolor=color,
            edgecolor="black" if highlighted else "white", linewidth=2.5 if highlighted else 1.2, alpha=0.9,
            zorder=12 if highlighted else 10,
        )
        drawn.append((x, y, math.sqrt(size * (1.6 if highlighted else 1))))
    return drawn


def _side_counts(group, colors):
    """Return ``[(colour, count), ...]`` of a group's events by side of their first actor, in the legend's order."""
    counts = {}
    for ids in group["actor_ids"]:
        color = colors.get(ids[0], NEUTRAL) if ids else SIDE_COLORS[""]
        counts[color] = counts.get(color, 0) + 1
    order = list(dict.fromkeys(SIDE_COLORS.values()))
    return sorted(counts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))


def _split_ring(ax, x, y, radius, counts):
    """Draw a ring split into one dashed arc per side, clockwise from the top, in proportion to the counts."""
    total, start = sum(count for _, count in counts), 90.0
    for color, count in counts:
        sweep = 360.0 * count / total
        ax.add_patch(Wedge((x, y), radius, start - sweep, start, width=radius * 0.22, facecolor=color,
                           edgecolor="white", linewidth=0.6, zorder=11.5))
        start -= sweep


def _draw_areas(ax, events, areas, colors, highlight, metres_per_pixel):
    """Draw each vague place's area with one symbol giving the count.

    An area whose facts all belong to one side is tinted in its colour; one
    with facts of several sides is grey, its symbol's ring split by side (as
    on the web map), so no side is credited with the others' facts.
    """
    drawn = []
    if events.empty:
        return drawn
    # Largest areas first, so a province stays visible over the country it lies in.
    groups = [(place_id, group) for place_id, group in events.groupby("place_id", sort=True) if place_id in areas.index]
    groups.sort(key=lambda item: -areas.loc[item[0]].geometry.area)
    for place_id, group in groups:
        area = areas.loc[place_id]
        counts = _side_counts(group, colors)
        color = counts[0][0] if len(counts) == 1 else NEUTRAL
        strong = bool(set(group["id"]) & set(highlight))
        shape = gpd.GeoSeries([area.geometry], crs=FIGURE_CRS)
        if area["area_kind"] == "border":
            shape.plot(ax=ax, color=color, linewidth=9, alpha=0.35, zorder=4.5)
        else:
            shape.plot(ax=ax, facecolor=color, alpha=0.12, zorder=2.5)
            shape.boundary.plot(ax=ax, color="black" if strong else color, linewidth=2 if strong else 1.2,
                                linestyle=(0, (4, 2)), zorder=2.6)
        x, y = area["label_x"], area["label_y"]
        if len(counts) == 1:
            ax.scatter([x], [y], s=260, marker="o", facecolor="white", edgecolor=color, linewidth=2, linestyle="--", zorder=11)
        else:
            ax.scatter([x], [y], s=260, marker="o", facecolor="white", edgecolor="none", zorder=11)
            # The marker's radius (s=260 points squared) in the map's metres.
            _split_ring(ax, x, y, math.sqrt(260) / 2 * ax.figure.dpi / 72 * metres_per_pixel, counts)
        ax.text(x, y, str(len(group)), ha="center", va="center", fontsize=7, fontweight="bold", color="#222222", zorder=12)
        drawn.append((x, y, 18))
    return drawn


@functools.lru_cache(maxsize=16)
def _read_layer(name, crs):
    frame = gpd.read_file(GEODATA_DIR / name)
    return frame.to_crs(crs) if crs else frame


def _layer(name, crs=None):
    """A geodata/ file as a GeoDataFrame (read once per process; a copy, free to change)."""
    return _read_layer(name, crs).copy()


def _areas():
    areas = _layer("areas.geojson")
    points = gpd.GeoSeries(gpd.points_from_xy(areas["label_lon"], areas["label_lat"]), crs="EPSG:4326").to_crs(FIGURE_CRS)
    areas = areas.to_crs(FIGURE_CRS)
    areas["label_x"], areas["label_y"] = points.x.values, points.y.values
    return areas.set_index("place_id")


_LABEL_STYLE = {
    "country": dict(fontsize=10, color="#6b5d4f", fontweight="bold", ha="center", va="center"),
    "zone": dict(fontsize=7.5, color="#2b4372", style="italic", ha="center", va="center"),
    "capital": dict(fontsize=8.5, color="#111111", fontweight="bold", ha="left", va="center"),
    "data_town": dict(fontsize=8, color="#222222", ha="left", va="center"),
    "town": dict(fontsize=7, color="#444444", ha="left", va="center"),
}


def _draw_labels(ax, labels, extent, symbols):
    """Place the base map's labels greedily by priority: none overlaps another, a symbol, or leaves the map."""
    fig = ax.figure
    fig.canvas.draw()
    to_px = ax.transData
    view = ax.get_window_extent()
    obstacles = [(px - r / 2 * fig.dpi / 72, py - r / 2 * fig.dpi / 72, r * fig.dpi / 72, r * fig.dpi / 72)
                 for px, py, r in ((*to_px.transform((x, y)), r) for x, y, r in symbols)]
    renderer = fig.canvas.get_renderer()
    items, texts = [], []
    west, south, east, north = extent
    for label, point in zip(labels.to_dict("records"), labels.geometry):
        if label["kind"] == "town" or not (west <= point.x <= east and south <= point.y <= north):
            continue
        style = _LABEL_STYLE[label["kind"]]
        text = label["text"].upper() if label["kind"] == "country" else label["text"]
        if label["kind"] == "zone" and label.get("subtext"):
            text += f"\n{label['subtext']}"
        artist = ax.text(point.x, point.y, text, zorder=15, clip_on=True, **style)
        artist.set_path_effects([_halo()])
        box = artist.get_window_extent(renderer)
        px, py = to_px.transform((point.x, point.y))
        w, h = box.width, box.height
        if style["ha"] == "center":
            candidates = [(px - w / 2 + dx * w, py - h / 2 + dy * h, w, h) for dx, dy in ((0, 0), (0, 1.6), (0, -1.6), (0.6, 0), (-0.6, 0))]
        else:
            # A capital or a town of the data ringed by symbols may stand further off, with a leader line.
            gaps = (5, 14, 26, 48, 72) if label["kind"] in ("capital", "data_town") else (5, 14, 26)
            candidates = [c for g in gaps for c in ((px + g, py - h / 2, w, h), (px - g - w, py - h / 2, w, h),
                                                    (px - w / 2, py + g, w, h), (px - w / 2, py - g - h, w, h))]
        items.append({"priority": label["priority"], "candidates": candidates, "keep": [] if style["ha"] == "center" else [(px - 3, py - 3, 6, 6)],
                      "reserve": label["kind"] in ("capital", "data_town")})
        texts.append((artist, label["kind"], (point.x, point.y), style["ha"], (px, py)))
    chosen = place_labels(items, obstacles, (view.x0, view.y0, view.width, view.height))
    inverse = to_px.inverted()
    for (artist, kind, (x, y), ha, (px, py)), box in zip(texts, chosen):
        if box is None:
            artist.remove()
            continue
        if ha != "center":
            ax.plot(x, y, "o", color="#222222", markersize=3, zorder=14)
            # The box's point nearest the dot: a name set further off than 30 px is joined to its dot.
            nx, ny = min(max(px, box[0]), box[0] + box[2]), min(max(py, box[1]), box[1] + box[3])
            if math.hypot(nx - px, ny - py) > 30:
                (lx, ly), (tx, ty) = inverse.transform((px, py)), inverse.transform((nx, ny))
                ax.plot([lx, tx], [ly, ty], color="#222222", linewidth=0.6, zorder=14)
        bx, by = inverse.transform((box[0] + (box[2] / 2 if ha == "center" else 0), box[1] + box[3] / 2))
        artist.set_position((bx, by))


def _figure_labels(dataset):
    """Labels for the figure: countries and capitals from geodata/labels.geojson; zones and data towns from the dataset."""
    base = _layer("labels.geojson")
    base = base[base["kind"].isin(["country", "capital"])]
    capitals = set(base["id"])
    rows = []
    for zone, geometry in zip(dataset.zones.to_dict("records"), dataset.zones.geometry):
        name, _, other = zone_label(zone).partition(" \u00b7 ")
        rows.append(dict(text=name, subtext=other, kind="zone", priority=2, geometry=label_point(geometry)))
    places = dataset.places
    for place in places[places["where_prec"].astype(int) < VAGUE_WHERE_PREC].to_dict("records"):
        if f"geonames-{place['geonameid']}" in capitals or place["kind"] not in ("city", "town", "village"):
            continue
        historic = place["aliases"].split(";")[0].strip()
        text = place["name"] + (f" ({historic})" if historic and historic.casefold() != place["name"].casefold() else "")
        rows.append(dict(text=text, subtext="", kind="data_town", priority=4, geometry=Point(place["lon"], place["lat"])))
    extra = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326") if rows else base.iloc[0:0]
    return gpd.GeoDataFrame(pd.concat([base, extra], ignore_index=True), crs="EPSG:4326")


def _country_labels_in_view(labels, countries, extent):
    """Move each country's label to the point deepest inside its part in the view, so every country shown is named."""
    west, south, east, north = extent
    margin = 0.06 * (east - west)
    frame = box(west + margin, south + margin, east - margin, north - margin)
    labels = labels.copy()
    by_name = dict(zip(countries["name"], countries.geometry))
    for index, label in labels[labels["kind"] == "country"].iterrows():
        part = by_name.get(label["text"])
        part = part.intersection(frame) if part is not None else None
        if part is not None and not part.is_empty and part.area > 0.01 * frame.area:
            labels.loc[index, "geometry"] = label_point(part)
    return labels


def _halo():
    from matplotlib import patheffects

    return patheffects.withStroke(linewidth=2.5, foreground="white")


def _draw_flows(ax, flows, highlight):
    for row, geometry in zip(flows.to_dict("records"), flows.geometry):
        points = list(geometry.coords)
        color = "black" if row["id"] in highlight else FLOW_COLORS.get(row["flow_type"], NEUTRAL)
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=14, color=color,
                                         linestyle="--", linewidth=2, alpha=0.85, zorder=9))


def _legend(ax, events, flows, sides=(), mixed=False):
    handles = [
        Line2D([], [], marker=MARKERS[layer], linestyle="", markerfacecolor="#777777", markeredgecolor="white",
               markersize=9, label=LAYER_LABELS[layer])
        for layer in MARKERS
        if layer in set(events["layer"])
    ]
    handles.append(Patch(facecolor="#777777", alpha=0.2, edgecolor="#777777", linestyle="--",
                         label="place known only as a\nprovince, region or\ncountry (facts counted)"))
    if mixed:
        handles.append(Patch(facecolor=NEUTRAL, alpha=0.2, edgecolor=NEUTRAL, linestyle="--",
                             label="such a place with facts of\nseveral sides: grey, its\nring split by side"))
    for side in [s for s in SIDE_COLORS if s in set(sides)]:
        handles.append(Patch(facecolor=SIDE_COLORS[side], edgecolor="white", label=side or "no actor named"))
    for label, color in flow_family_rows(set(flows["flow_type"])):
        handles.append(Line2D([], [], color=color, linestyle="--", linewidth=2, label=fill(f"flow, {label}", 30)))
    handles.append(Line2D([], [], color="#111111", linewidth=3, label="Tajik-Afghan border"))
    handles.append(Patch(facecolor="#3b5b92", alpha=0.15, edgecolor="#3b5b92", linestyle="--", label="conflict zone"))
    ax.figure.legend(handles=handles, loc="center left", bbox_to_anchor=(0.77, 0.5), fontsize=9, frameon=False,
                     title="Colour: side of the first actor named\nIncident size: deaths", title_fontsize=9, alignment="left")


def static_figure(dataset, events, flows, title, subtitle, highlight=(), highlight_zones=(), size_px=(1920, 1080),
                  dpi=150):
    """Draw the view as a matplotlib Figure of exactly ``size_px`` pixels at ``dpi``.

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
    events, flows : GeoDataFrame
        The selection to draw (unmapped events are skipped).
    title, subtitle : str
        The subtitle should state the years and filters.
    highlight, highlight_zones : collection of str
        Ids drawn with a thick outline.

    Every text is drawn as written: no mathtext, no TeX.
    """
    width, height = size_px
    fig, ax = plt.subplots(figsize=(width / dpi, height / dpi), dpi=dpi)
    # geopandas' plot() ends with plt.draw(), a full render each time: draw once, when placing labels and saving.
    fig.canvas.draw_idle = lambda *args, **kwargs: None
    fig.subplots_adjust(left=0.01, right=0.76, top=0.9, bottom=0.06)
    located = events[events["mapped"]]
    vague = located[located["where_prec"].astype(int) >= VAGUE_WHERE_PREC]
    mapped = located[located["where_prec"].astype(int) < VAGUE_WHERE_PREC].to_crs(FIGURE_CRS)
    areas = _areas()
    flows_p = flows.to_crs(FIGURE_CRS)
    # Drawn as the web map draws them: into a whole country, not to its centre point (atlas.map.flowends).
    countries = {place_id: geometry for place_id, geometry, kind in zip(areas.index, areas.geometry, areas["area_kind"])
                 if kind == "country"}
    flows_p = flows_p.set_geometry(clip_flows(flows_p, countries), crs=FIGURE_CRS)
    theatre = _theatre().to_crs(FIGURE_CRS)
    border = dataset.border.to_crs(FIGURE_CRS)
    # Frame the points the view shows: exact events and the flows' ends and turns.
    points = [*mapped.geometry, *(Point(xy) for line in flows_p.geometry for xy in line.coords)]
    shown = gpd.GeoSeries(points, crs=FIGURE_CRS)
    aspect = (0.75 * width) / (0.84 * height)
    extent = _extent(shown, theatre.geometry, aspect)
    frame = gpd.GeoSeries([box(*extent)], crs=FIGURE_CRS)
    view = frame.to_crs("EPSG:4326").iloc[0].bounds
    countries = dataset.countries.cx[view[0] - 5 : view[2] + 5, view[1] - 5 : view[3] + 5].to_crs(FIGURE_CRS)
    countries.plot(ax=ax, facecolor="#f6f3ec", edgecolor="#8a8a8a", linewidth=0.6, zorder=1)
    admin1 = _layer("admin1.geojson").cx[view[0] - 2 : view[2] + 2, view[1] - 2 : view[3] + 2]
    admin1.to_crs(FIGURE_CRS).boundary.plot(ax=ax, color="#8c8275", linewidth=0.4, linestyle=(0, (3, 2)), zorder=1.2)
    _layer("lakes.geojson", FIGURE_CRS).plot(ax=ax, facecolor="#a9cfe8", edgecolor="#3a7fbf",
                                                                        linewidth=0.3, zorder=1.3)
    zones = dataset.zones.to_crs(FIGURE_CRS)
    for zone, geometry in zip(zones.to_dict("records"), zones.geometry):
        strong = zone["id"] in highlight_zones
        gpd.GeoSeries([geometry]).plot(ax=ax, facecolor="#3b5b92", alpha=0.18 if strong else 0.05, zorder=2)
        gpd.GeoSeries([geometry]).boundary.plot(ax=ax, color="#c4570c" if strong else "#3b5b92",
                                                linewidth=2.5 if strong else 0.8, linestyle="--", zorder=3)
    border.plot(ax=ax, color="#111111", linewidth=2.2, zorder=5)
    _layer("rivers.geojson", FIGURE_CRS).plot(ax=ax, color="#3a7fbf", linewidth=0.9, zorder=5.5)
    _draw_flows(ax, flows_p, set(highlight))
    sides = dict(zip(dataset.actors["id"], dataset.actors["side"]))
    colors = {actor: SIDE_COLORS.get(side, SIDE_COLORS[""]) for actor, side in sides.items()}
    metres_per_pixel = (extent[2] - extent[0]) / (width * 0.75)
    symbols = _draw_areas(ax, vague, areas, colors, set(highlight), metres_per_pixel)
    symbols += _draw_events(ax, mapped, colors, set(highlight), metres_per_pixel)
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    labels = _country_labels_in_view(_figure_labels(dataset).to_crs(FIGURE_CRS), countries, extent)
    _draw_labels(ax, labels, extent, symbols)
    _scale_bar(ax, extent)
    _north_arrow(ax)
    # The web map marks them on its edge; a figure had dropped them unsaid (Moscow, in a search for Kulyab).
    _beyond_note(ax, located.to_crs(FIGURE_CRS), extent)
    shown_sides = {sides.get(ids[0], "") if ids else "" for ids in located["actor_ids"]}
    mixed = any(len(_side_counts(group, colors)) > 1 for _, group in vague.groupby("place_id"))
    _legend(ax, located, flows_p, shown_sides, mixed)
    fig.suptitle(title, fontsize=15, fontweight="bold", x=0.01, ha="left", y=0.975)
    fig.text(0.01, 0.915, subtitle, fontsize=10, ha="left", color="#333333")
    fig.text(0.01, 0.02, SOURCE, fontsize=7, ha="left", color="#444444", wrap=True)
    return fig


def figure_bytes(fig, fmt="png"):
    """Return the figure as PNG or PDF bytes and close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=fig.dpi)
    plt.close(fig)
    return buffer.getvalue()
