"""Altair charts that follow the filters."""

import altair as alt

from .schema import LAYERS
from .symbols import LAYER_LABELS

__all__ = ["LAYER_COLORS", "timeline_chart", "distance_chart", "zone_heat_chart", "actor_year_chart"]

# Paul Tol's "muted" colours, one per layer.
LAYER_COLORS = {"incident": "#CC6677", "deployment": "#332288", "camp": "#DDCC77", "diplomacy": "#117733"}


def timeline_chart(per_period):
    """Return a stacked bar chart of events per year (or month) by layer, counted where each event begins.

    Parameters
    ----------
    per_period : DataFrame
        Columns ``year`` (or ``month``, Timestamps), ``layer``, ``events``; see
        :func:`atlas.summary.events_per_year` and :func:`~atlas.summary.events_per_month`.
    """
    data = per_period.assign(layer_label=per_period["layer"].map(LAYER_LABELS))
    if "month" in data:
        x = alt.X("yearmonth(month):O", title="Month the event begins", axis=alt.Axis(labelAngle=-45))
        when = alt.Tooltip("yearmonth(month):T", title="month")
    else:
        # Ordinal, but every year is in the data (zeros included), so none is skipped.
        x = alt.X("year:O", title="Year the event begins", axis=alt.Axis(labelAngle=0))
        when = alt.Tooltip("year:O")
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("events:Q", title="Events", stack=True, axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "layer_label:N",
                title="Layer",
                scale=alt.Scale(domain=[LAYER_LABELS[l] for l in LAYERS], range=[LAYER_COLORS[l] for l in LAYERS]),
            ),
            tooltip=[when, "layer_label:N", "events:Q"],
        )
        .properties(height=220)
    )


def distance_chart(distances):
    """Return each event's distance to the border by year, coloured by side, with the yearly median.

    A symlog scale keeps Moscow (about 3,000 km) and the border (0 km) on one chart.
    """
    y = alt.Y("distance_km:Q", title="Distance to the Tajik-Afghan border (km)", scale=alt.Scale(type="symlog"),
              axis=alt.Axis(values=[0, 10, 30, 100, 300, 1000, 3000]))
    points = (
        alt.Chart(distances)
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("year:O", title="Year the event begins"),
            y=y,
            color=alt.Color("side:N", title="Where", scale=alt.Scale(scheme="tableau10")),
            xOffset=alt.XOffset("jitter:Q"),
            tooltip=["id:N", "title:N", "year:O", "distance_km:Q", "side:N", "where_prec:Q"],
        )
        .transform_calculate(jitter="random()")
    )
    median = (
        alt.Chart(distances)
        .mark_line(color="black", point=alt.OverlayMarkDef(color="black", shape="diamond", size=60))
        .encode(x="year:O", y=alt.Y("median(distance_km):Q", scale=alt.Scale(type="symlog")),
                tooltip=["year:O", alt.Tooltip("median(distance_km):Q", title="median km")])
    )
    return (points + median).properties(height=300)


def _heat(table, row_field, scheme, tooltip, sort=None):
    return (
        alt.Chart(table)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y(f"{row_field}:N", title=None, sort=sort),
            color=alt.Color("events:Q", title="Events", scale=alt.Scale(scheme=scheme)),
            tooltip=tooltip,
        )
        .properties(height=alt.Step(26))
    )


def zone_heat_chart(table):
    """Return the zone x year table as a heat map of events (deaths in the tooltip)."""
    return _heat(table, "zone", "yelloworangebrown", ["zone:N", "year:O", "events:Q", "deaths:Q"])


def actor_year_chart(table):
    """Return events per actor per year as a heat map; ``table`` has actor, year, events."""
    return _heat(table, "actor", "blues", ["actor:N", "year:O", "events:Q"], sort="-color")
