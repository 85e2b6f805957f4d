"""Symbols: the side palette and spiderfy offsets."""

import math
import pytest

from atlas.data.schema import SIDES
from atlas.map.symbols import NO_ACTOR_COLOR, SIDE_COLORS, side_color, spider_offsets


def test_one_colour_per_side_and_few_hues():
    assert set(SIDE_COLORS) == set(SIDES)
    assert len({*SIDE_COLORS.values(), NO_ACTOR_COLOR}) == len(SIDES) + 1 <= 8
    assert side_color("government camp") == "#0077BB" and side_color(None) == NO_ACTOR_COLOR


@pytest.mark.parametrize("count", [0, 1, 2, 5, 8, 9, 40, 500])
def test_spider_offsets_are_deterministic_and_distinct(count):
    offsets = spider_offsets(count)
    assert offsets == spider_offsets(count) and len(offsets) == count
    if count > 1:
        # Every fact gets its own spot, clear of the place itself.
        assert len(set(offsets)) == count
        assert min(math.hypot(x, y) for x, y in offsets) >= 10
        nearest = min(math.dist(a, b) for i, a in enumerate(offsets) for b in offsets[i + 1:i + 3])
        assert nearest >= 10


def test_spider_offsets_are_linear():
    # Each spot on the spiral follows from the one before, whatever the count: one step per fact
    # (no all-pairs work), so 10,000 facts at one place cost 10,000 steps. No timing: counted.
    assert spider_offsets(10_000)[:500] == spider_offsets(500) == spider_offsets(2_000)[:500]


def test_spiral_grows_slowly():
    # 10,000 facts at one place spread over a few hundred pixels, not a ring kilometres wide.
    radius = max(math.hypot(x, y) for x, y in spider_offsets(10_000))
    assert radius < 1500
