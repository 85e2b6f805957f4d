import pytest

from atlas.viewport import view_for_bounds


@pytest.mark.parametrize(
    "bounds, zoom_range",
    [
        ((67.0, 36.0, 72.0, 39.5), (6, 8)),  # the border region
        ((37.0, 33.0, 77.0, 56.0), (3, 4)),  # Moscow to Afghanistan
        ((68.77, 38.53, 68.78, 38.54), (9, 9)),  # one point: capped
    ],
)
def test_zoom_fits(bounds, zoom_range):
    center, zoom = view_for_bounds(bounds)
    assert zoom_range[0] <= zoom <= zoom_range[1]
    assert bounds[1] <= center[0] <= bounds[3] and bounds[0] <= center[1] <= bounds[2]


def test_view_for_selection(dataset):
    from atlas.viewport import view_for_selection

    diplomacy = dataset.events[dataset.events["layer"] == "diplomacy"]
    center, zoom = view_for_selection(diplomacy, dataset.flows.iloc[0:0])
    assert zoom <= 4  # Moscow to Afghanistan
    assert view_for_selection(dataset.events.iloc[0:0], dataset.flows.iloc[0:0]) is None
