"""The year shown over the map while the years play (atlas.map.playlabel)."""

import re

import folium

from atlas.map.playlabel import PLAY_LABEL_CSS, play_label_group


def test_the_year_and_caption_go_into_the_map_as_text():
    m = folium.Map(tiles=None)
    play_label_group("1993", "<b>all actors</b>").add_to(m)
    html = m.get_root().render()
    assert '"1993"' in html and "textContent = caption" in html
    assert '"\\u003cb\\u003eall actors\\u003c/b\\u003e"' in html  # JSON-escaped, set as text


def test_the_box_is_opaque():
    # At rgba(255,255,255,.88) the base map's labels showed through the year.
    box = re.search(r"\.atlas-play-label\{([^}]*)\}", PLAY_LABEL_CSS).group(1)
    background = re.search(r"background:([^;]*)", box).group(1)
    assert background in ("#fff", "#ffffff", "white")
