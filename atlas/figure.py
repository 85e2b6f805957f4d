"""A static map of the current view for slides and handouts, drawn with geopandas and matplotlib.

Same data, symbols and colours as the web map; plus a legend, a title with the
years and filters, a scale bar, a north arrow and a source line.
"""

import io
import math

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display: figures are only written to files
# Titles, zone and place names and the search text come from outside: a "$" in them must print
# as a dollar, not start mathtext (which may not parse, and then no figure is made). Set for the
# process, like the backend, so figures drawn at once in several threads all keep it.
matplotlib.rcParams.update({"text.parse_math": False, "text.usetex": False})
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Patch  # noqa: E402
from shapely.geometry import box  # noqa: E402

from .basemap import zone_label  # noqa: E402
from .popups import CITATION  # noqa: E402
from .symbols import FLOW_COLORS, LAYER_LABELS, NEUTRAL, VAGUE_WHERE_PREC, ring_offsets  # noqa: E402

__all__ = ["FIGURE_CRS", "MARKERS", "static_figure", "figure_bytes"]

# Lambert conformal conic fitted to Central Asia: distances true to a few per cent
# from Afghanistan to Moscow, so the scale bar holds across the map.
FIGURE_CRS = "+proj=lcc +lat_1=35 +lat_2=55 +lat_0=45 +lon_0=62 +datum=WGS84 +units=m"
MARKERS = {"incident": "o", "deployment": "s", "camp": "^", "diplomacy": "D"}
SOURCE = f"Source: {CITATION}. Places: GeoNames. Boundaries: Natural Earth 1:10m. Zones approximate. Tajik Border Atlas."
_MIN_SPAN_M = 500_000


def _extent(items, fallback):
    bounds = items.total_bounds if len(items) else fallback.total_bounds
    west, south, east, north = bounds
    cx, cy, span = (west + east) / 2, (south + north) / 2, max(east - west, north - south, _MIN_SPAN_M)
    half = span * 0.6
    return cx - half * 1.3, cy - half, cx + half * 1.3, cy + half


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


def _north_arrow(ax):
    ax.annotate("N", xy=(0.95, 0.93), xytext=(0.95, 0.83), xycoords="axes fraction", ha="center", va="center",
                fontsize=12, fontweight="bold", arrowprops=dict(facecolor="black", width=4, headwidth=12), zorder=20)


def _draw_events(ax, events, colors, highlight, metres_per_pixel):
    # Events sharing a place sit on a ring around it, as on the web map.
    places = events.groupby([events.geometry.x.round(0), events.geometry.y.round(0)], sort=False)
    ranks, counts = places.cumcount(), places["id"].transform("size")
    for row, rank, count in zip(events.to_dict("records"), ranks, counts):
        dx, dy = ring_offsets(count, 22)[rank]
        x, y = row["geometry"].x + dx * metres_per_pixel, row["geometry"].y - dy * metres_per_pixel
        color = colors.get(row["actor_ids"][0], NEUTRAL) if row["actor_ids"] else NEUTRAL
        deaths = row["deaths_best"]
        size = 110 + (1.5 * int(deaths) if deaths is not None and deaths == deaths else 0)
        vague = int(row["where_prec"]) >= VAGUE_WHERE_PREC
        highlighted = row["id"] in highlight
        ax.scatter(
            [x], [y], s=size * (1.6 if highlighted else 1), marker=MARKERS[row["layer"]],
            facecolor="white" if vague else color, edgecolor="black" if highlighted else (color if vague else "white"),
            linewidth=2.5 if highlighted else 1.2, linestyle="--" if vague else "-", alpha=0.9, zorder=12 if highlighted else 10,
        )


def _draw_flows(ax, flows, highlight):
    for row, geometry in zip(flows.to_dict("records"), flows.geometry):
        points = list(geometry.coords)
        color = "black" if row["id"] in highlight else FLOW_COLORS.get(row["flow_type"], NEUTRAL)
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=14, color=color,
                                         linestyle="--", linewidth=2, alpha=0.85, zorder=9))


def _legend(ax, events, flows):
    handles = [
        Line2D([], [], marker=MARKERS[layer], linestyle="", markerfacecolor="#777777", markeredgecolor="white",
               markersize=9, label=LAYER_LABELS[layer])
        for layer in MARKERS
        if layer in set(events["layer"])
    ]
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#777777",
                          markersize=9, label="place only approximate"))
    for flow_type in sorted(set(flows["flow_type"])):
        handles.append(Line2D([], [], color=FLOW_COLORS.get(flow_type, NEUTRAL), linestyle="--", linewidth=2,
                              label=f"flow: {flow_type.replace('_', ' ')}"))
    handles.append(Line2D([], [], color="#111111", linewidth=3, label="Tajik-Afghan border"))
    handles.append(Patch(facecolor="#3b5b92", alpha=0.15, edgecolor="#3b5b92", linestyle="--", label="conflict zone"))
    ax.figure.legend(handles=handles, loc="center left", bbox_to_anchor=(0.77, 0.5), fontsize=9, frameon=False,
                     title="Colour: first actor named\nIncident size: deaths", title_fontsize=9, alignment="left")


def static_figure(dataset, events, flows, title, subtitle, highlight=(), highlight_zones=(), size_px=(1600, 1000),
                  dpi=150):
    """Draw the view as a matplotlib Figure of exactly ``size_px`` pixels at ``dpi``.

    Parameters
    ----------
    dataset : atlas.loading.Dataset
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
    fig.subplots_adjust(left=0.01, right=0.76, top=0.9, bottom=0.06)
    mapped = events[events["mapped"]].to_crs(FIGURE_CRS)
    flows_p = flows.to_crs(FIGURE_CRS)
    border = dataset.border.to_crs(FIGURE_CRS)
    shown = gpd.GeoSeries([*mapped.geometry, *flows_p.geometry], crs=FIGURE_CRS)
    extent = _extent(shown, border)
    frame = gpd.GeoSeries([box(*extent)], crs=FIGURE_CRS)
    view = frame.to_crs("EPSG:4326").iloc[0].bounds
    countries = dataset.countries.cx[view[0] - 5 : view[2] + 5, view[1] - 5 : view[3] + 5].to_crs(FIGURE_CRS)
    countries.plot(ax=ax, facecolor="#f6f3ec", edgecolor="#8a8a8a", linewidth=0.6, zorder=1)
    zones = dataset.zones.to_crs(FIGURE_CRS)
    for zone, geometry in zip(zones.to_dict("records"), zones.geometry):
        strong = zone["id"] in highlight_zones
        gpd.GeoSeries([geometry]).plot(ax=ax, facecolor="#3b5b92", alpha=0.18 if strong else 0.07, zorder=2)
        gpd.GeoSeries([geometry]).boundary.plot(ax=ax, color="#c4570c" if strong else "#3b5b92",
                                                linewidth=2.5 if strong else 1, linestyle="--", zorder=3)
        point = geometry.representative_point()
        ax.text(point.x, point.y, zone_label(zone), fontsize=7, style="italic", color="#2b4372", ha="center",
                zorder=4, clip_on=True)
    border.plot(ax=ax, color="#111111", linewidth=2.2, zorder=5)
    places = dataset.places[dataset.places["kind"].isin(["city", "town"])]
    places = gpd.GeoDataFrame(places, geometry=gpd.points_from_xy(places["lon"], places["lat"]), crs="EPSG:4326")
    for place, point in zip(places.to_dict("records"), places.to_crs(FIGURE_CRS).geometry):
        ax.plot(point.x, point.y, "o", color="#333333", markersize=2.5, zorder=6)
        ax.text(point.x, point.y, f" {place['name']}", fontsize=7, color="#333333", va="center", zorder=6, clip_on=True)
    _draw_flows(ax, flows_p, set(highlight))
    metres_per_pixel = (extent[2] - extent[0]) / (width * 0.75)
    _draw_events(ax, mapped, dict(zip(dataset.actors["id"], dataset.actors["color"])), set(highlight), metres_per_pixel)
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    _scale_bar(ax, extent)
    _north_arrow(ax)
    _legend(ax, mapped, flows_p)
    fig.suptitle(title, fontsize=15, fontweight="bold", x=0.01, ha="left", y=0.975)
    fig.text(0.01, 0.915, subtitle, fontsize=10, ha="left", color="#333333")
    fig.text(0.01, 0.02, SOURCE, fontsize=7.5, ha="left", color="#444444")
    return fig


def figure_bytes(fig, fmt="png"):
    """Return the figure as PNG or PDF bytes and close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=fig.dpi)
    plt.close(fig)
    return buffer.getvalue()
