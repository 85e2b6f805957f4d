"""The static figure: the requested size, not blank, a valid PDF."""

import io

import numpy as np
import pytest
from matplotlib.image import imread

from atlas.figure import figure_bytes, static_figure
from atlas.filters import Selection, select_events, select_flows


@pytest.fixture(scope="module")
def selection_1993(dataset):
    selection = Selection(years=(1993, 1993))
    return select_events(dataset.events, selection), select_flows(dataset.flows, selection)


@pytest.mark.parametrize("size", [(1600, 1000), (1200, 900)])
def test_png_has_the_requested_size_and_is_not_blank(dataset, selection_1993, size):
    events, flows = selection_1993
    png = figure_bytes(static_figure(dataset, events, flows, "1993", "1993 \u00b7 all actors", size_px=size), "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = imread(io.BytesIO(png))
    assert image.shape[1] == size[0] and image.shape[0] == size[1]
    # Not blank: many distinct colours, and a fair share of non-white pixels.
    rgb = (image[..., :3] * 255).astype(np.uint8).reshape(-1, 3)
    assert len(np.unique(rgb, axis=0)) > 50
    assert (rgb.sum(axis=1) < 760).mean() > 0.3  # the land is drawn, not just white paper


def test_pdf_is_valid(dataset, selection_1993):
    events, flows = selection_1993
    pdf = figure_bytes(static_figure(dataset, events, flows, "1993", "1993"), "pdf")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 20_000


def test_empty_selection_still_draws_the_region(dataset):
    events = dataset.events.iloc[0:0]
    png = figure_bytes(static_figure(dataset, events, dataset.flows.iloc[0:0], "Nothing", "no events"), "png")
    assert len(png) > 50_000


MATHTEXT = ["$", "$x^{$", "$\\notacommand$", "a $5 and $6 b", "\\$5", "$$\\frac{1}{2}$$", "![x](http://other.invalid/p.png)",
            "\u041a\u0443\u0440\u0433\u0430\u043d-\u0422\u044e\u0431\u0435 \u016d \u201cq\u201d"]


@pytest.mark.parametrize("text", MATHTEXT)
def test_outside_text_is_never_mathtext(dataset, text):
    import dataclasses

    import matplotlib.text

    zones = dataset.zones.copy()
    zones["name"] = [f"{text} {i}" for i in range(len(zones))]
    places = dataset.places.copy()
    places["name"] = text
    hostile = dataclasses.replace(dataset, zones=zones, places=places)
    events = dataset.events[dataset.events["year_start"] == 1993]
    fig = static_figure(hostile, events, dataset.flows.iloc[0:0], text, f"1993 \u00b7 search: {text}")
    shown = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert text in shown and f"1993 \u00b7 search: {text}" in shown
    assert all(not t.get_usetex() and not t.get_parse_math() for t in fig.findobj(matplotlib.text.Text))
    assert figure_bytes(fig, "png")[:4] == b"\x89PNG"  # "$x^{$" would not even parse as mathtext
