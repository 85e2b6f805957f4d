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
