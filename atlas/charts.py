"""Altair charts that follow the filters."""

import altair as alt

from .schema import LAYERS
from .symbols import LAYER_LABELS

__all__ = ["LAYER_COLORS", "timeline_chart"]

# Paul Tol's "muted" colours, one per layer.
LAYER_COLORS = {"incident": "#CC6677", "deployment": "#332288", "camp": "#DDCC77", "diplomacy": "#117733"}


def timeline_chart(per_year):
    """Return a stacked bar chart of events per year by layer.

    Parameters
    ----------
    per_year : DataFrame
        Columns ``year``, ``layer``, ``events`` (see :func:`atlas.summary.events_per_year`).
    """
    data = per_year.assign(layer_label=per_year["layer"].map(LAYER_LABELS))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year the event begins"),
            y=alt.Y("events:Q", title="Events", stack=True),
            color=alt.Color(
                "layer_label:N",
                title="Layer",
                scale=alt.Scale(domain=[LAYER_LABELS[l] for l in LAYERS], range=[LAYER_COLORS[l] for l in LAYERS]),
            ),
            tooltip=["year:O", "layer_label:N", "events:Q"],
        )
        .properties(height=220)
    )
