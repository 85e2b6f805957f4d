"""Altair charts that follow the filters."""

import math

# altair is imported by the functions that build a chart, not here: importing it took 0.3 s of a
# cold server's first run, which draws the map before any chart (ui.map_waits).
from ..data.schema import LAYERS
from ..map.symbols import LAYER_LABELS

__all__ = ["LAYER_COLORS", "LAYER_SHAPES", "timeline_chart", "timeline_data", "timeline_spec", "distance_chart", "zone_heat_chart", "actor_year_chart"]

# Layers in steps of grey, dark to light: on the map colour means a side (and a flow's family),
# and the layer is the symbol's shape. Hues here (rose, indigo) had read as the opposition's red
# and the arms flows' indigo on the same page, and added four hues to the view.
LAYER_COLORS = {"incident": "#2B2B2B", "deployment": "#6B6B6B", "camp": "#A3A3A3", "diplomacy": "#D0D0D0"}
# The map's shape of each layer (atlas_symbols.js SHAPES), in Vega-Lite's names.
LAYER_SHAPES = {"incident": "circle", "deployment": "square", "camp": "triangle-up", "diplomacy": "diamond"}


def timeline_chart(per_period):
    """Return a stacked bar chart of events per year (or month) by layer, counted where each event begins.

    Parameters
    ----------
    per_period : DataFrame
        Columns ``year`` (or ``month``, Timestamps), ``layer``, ``events``; see
        :func:`atlas.analysis.summary.events_per_year` and :func:`~atlas.analysis.summary.events_per_month`.
    """
    import altair as alt
    return _timeline(alt.Chart(timeline_data(per_period)), "month" in per_period)


def timeline_data(per_period):
    """Return ``per_period`` with the layer's label added (``layer_label``), the rows :func:`timeline_spec` draws."""
    return per_period.assign(layer_label=per_period["layer"].map(LAYER_LABELS))


def timeline_spec(monthly=False):
    """Return the Vega-Lite spec (dict) of :func:`timeline_chart` without its data.

    The spec is the same for every selection, so a page that passes the data
    separately (``st.vega_lite_chart(timeline_data(table), spec)``) has the
    chart's data updated when the selection changes instead of the chart
    built anew in the browser.
    """
    import altair as alt
    spec = _timeline(alt.Chart(), monthly).to_dict()
    spec.pop("data", None)
    spec.pop("datasets", None)
    return spec


def _timeline(chart, monthly):
    import altair as alt
    if monthly:
        x = alt.X("yearmonth(month):O", title="Month the event begins", axis=alt.Axis(labelAngle=-45))
        when = alt.Tooltip("yearmonth(month):T", title="month")
    else:
        # Ordinal in the data's order: every year is in the data (zeros included), so none is
        # skipped, and "before 1992" comes first.
        x = alt.X("year:O", title="Year the event begins", axis=alt.Axis(labelAngle=0), sort=None)
        when = alt.Tooltip("year:O")
    return (
        chart
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("events:Q", title="Events", stack=True, axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "layer_label:N",
                title="Layer",
                scale=alt.Scale(domain=[LAYER_LABELS[l] for l in LAYERS], range=[LAYER_COLORS[l] for l in LAYERS]),
                # Below the bars: on a phone a legend at the side took half the width and the
                # year axis kept two labels of six (a review at 390 px).
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            tooltip=[when, "layer_label:N", "events:Q"],
        )
        .properties(height=330)  # the bars keep about 200 px above the legend
    )


def _year_axis(years, title, earlier=False):
    # Quantitative, so a year with no event keeps its place; a tick and a label for every year.
    # Events that began before the first year sit one step left of it, labelled "before <first>".
    import altair as alt
    first, last = years
    start = first - 1 if earlier else first
    return dict(
        scale=alt.Scale(domain=[start - 0.5, last + 0.5], nice=False, zero=False),
        axis=alt.Axis(values=list(range(start, last + 1)), format="d", title=title, labelAngle=0, grid=False,
                      labelExpr=f"datum.value < {first} ? 'before {first}' : datum.label"),
    )


def _ceiling(values):
    """Return the first round number (a multiple of 20, 50, 100 ... km) at or above the largest of ``values``."""
    top = float(values.max()) if len(values) and values.notna().any() else 0.0
    for step in (20, 50, 100, 200, 500, 1000):
        if top <= 10 * step:
            return max(step, math.ceil(top / step) * step)
    return math.ceil(top / 1000) * 1000


def distance_chart(distances, years):
    """Return each event's distance to the border by the year it begins, with the median per layer and year.

    Parameters
    ----------
    distances : DataFrame
        From :func:`atlas.analysis.distance.border_distances`, already narrowed to the
        layers measured (the theatre's by default).
    years : tuple of int
        First and last year on the axis; every year is labelled, empty ones too.

    Exactly placed events are filled dots, those known only to a province or
    wider hollow ones; their points are representative, so their distances are too.
    """
    import altair as alt
    first, last = years
    last = max(last, int(distances["year"].max())) if len(distances) else last
    earlier = bool(len(distances)) and int(distances["year"].min()) < first
    data = distances.assign(
        bin=distances["year"].clip(lower=first - 1),
        layer_label=distances["layer"].map(LAYER_LABELS),
        placed=["province or wider" if p >= 4 else "exactly placed" for p in distances["where_prec"]],
    )
    layers = [layer for layer in LAYERS if layer in set(distances["layer"])] or list(LAYERS)
    # Below the plot, as the timeline's: at the side it took half a phone's width. And each layer has
    # its map symbol's shape: three shades of grey alone were hard to tell apart among scattered points.
    legend = alt.Legend(orient="bottom", direction="vertical", labelLimit=0)
    domain = [LAYER_LABELS[l] for l in layers]
    color = alt.Color("layer_label:N", title="Layer", legend=legend, scale=alt.Scale(
        domain=domain, range=[LAYER_COLORS[l] for l in layers]))
    shape = alt.Shape("layer_label:N", title="Layer", legend=legend, scale=alt.Scale(
        domain=domain, range=[LAYER_SHAPES[l] for l in layers]))
    # Up to the next tick above the farthest point: points at 124 km had sat above the last tick (120)
    # with nothing to read them by (Vega's own rounding stopped at the data).
    y = alt.Y("distance_km:Q", title="km to the border", scale=alt.Scale(domain=[0, _ceiling(data["distance_km"])]))
    axis = _year_axis((first, last), "Year the event begins", earlier)
    x = alt.X("x:Q", **axis)
    tooltip = ["id:N", "title:N", alt.Tooltip("year:Q", format="d"), "layer_label:N", "distance_km:Q", "side:N",
               "placed:N"]
    jittered = alt.Chart(data).transform_calculate(x="datum.bin + (random() - 0.5) * 0.5")
    exact = jittered.transform_filter("datum.placed == 'exactly placed'").mark_point(
        size=70, opacity=0.85, filled=True).encode(x=x, y=y, color=color, shape=shape, tooltip=tooltip)
    vague = jittered.transform_filter("datum.placed != 'exactly placed'").mark_point(
        size=70, strokeWidth=2, filled=False).encode(x=x, y=y, color=color, shape=shape, tooltip=tooltip)
    median = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(shape="diamond", size=80), strokeWidth=2.5)
        .encode(
            x=alt.X("bin:Q", **axis),
            y=alt.Y("median(distance_km):Q"),
            color=color,
            tooltip=["layer_label:N", alt.Tooltip("bin:Q", format="d", title="year (or earlier)"),
                     alt.Tooltip("median(distance_km):Q", title="median km"), alt.Tooltip("count():Q", title="events")],
        )
    )
    # 420 px in all: Streamlit sizes the chart's box by it, and the key below takes its lines from it.
    return (exact + vague + median).properties(height=420, padding={"left": 10, "top": 10, "right": 10, "bottom": 10})


def _heat(table, row_field, scheme, tooltip, sort=None):
    import altair as alt
    base = alt.Chart(table).encode(
        x=alt.X("year:O", title="Year the event begins", scale=alt.Scale(domain=list(dict.fromkeys(table["year"]))),
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{row_field}:N", title=None, sort=sort, axis=alt.Axis(labelLimit=0)),
    )
    # Whole counts: a legend of whole numbers, and the count written in each cell.
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color("events:Q", title="Events", scale=alt.Scale(scheme=scheme, domainMin=0),
                        legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("events:Q", format="d"),
        color=alt.condition("datum.events > 0", alt.value("black"), alt.value("#bbbbbb")),
    )
    return (rect + text).properties(height=alt.Step(26))


def zone_heat_chart(table):
    """Return the zone x year table as a heat map of whole event counts (how placed and deaths in the tooltip)."""
    fields = ["zone:N", "year:O", "events:Q", "exactly placed:Q", "province or wider:Q", "deaths:Q"]
    return _heat(table, "zone", "yelloworangebrown", [f for f in fields if f.split(":")[0] in table.columns])


def actor_year_chart(table):
    """Return events per actor per year as a heat map of whole counts; ``table`` has actor, year, events."""
    import altair as alt
    # Sorted by a field, not "-color": the text layer's colour is a fixed value, which Vega-Lite cannot sort by.
    return _heat(table, "actor", "blues", ["actor:N", "year:O", "events:Q"],
                 sort=alt.EncodingSortField("events", op="sum", order="descending"))
