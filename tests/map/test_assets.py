"""What the map's messages and files carry: compacted scripts (atlas.map.assets)."""

import gzip

import pytest

from atlas.map.assets import compact_script, write_with_gzip_twin


@pytest.mark.parametrize(
    "text, expected",
    [
        (None, None),
        ("", ""),
        ("\n    var a = 1;\n\n        // why\n    a += 2;  \n", "var a = 1;\n// why\na += 2;"),
        # A line comment still ends its line: nothing after it is swallowed.
        ("  f(); // note\n  g();", "f(); // note\ng();"),
        ("<style>\n    #map_div { width: 100%; }\n</style>", "<style>\n#map_div { width: 100%; }\n</style>"),
    ],
)
def test_compact_script_drops_indentation_and_blank_lines(text, expected):
    assert compact_script(text) == expected


def test_streamlit_folium_is_sent_compacted_scripts():
    # ui.maps wraps the one call st_folium makes to its component (its message is sent on every run).
    import streamlit_folium

    import ui.maps

    sent = {}
    wrapped = ui.maps._compact_component(lambda **kwargs: sent.update(kwargs))
    assert ui.maps._compact_component(wrapped) is wrapped  # wrapped once, however often imported
    assert getattr(streamlit_folium._component_func, "compacts", False)
    wrapped(script="\n    var m = 1;\n", header="  <meta>\n", layer_control=None, feature_group="  x;", key="  k ")
    assert sent == {"script": "var m = 1;", "header": "<meta>", "layer_control": None, "feature_group": "x;",
                    "key": "  k "}


@pytest.mark.parametrize("first_run", [True, False])
def test_a_new_frames_scripts_begin_with_the_early_script_and_only_then(first_run):
    # Only a page visit's first run makes a new frame, which loads the scripts (atlas.map.early).
    import ui.maps

    sent = {}
    wrapped = ui.maps._compact_component(lambda **kwargs: sent.update(kwargs))
    token = ui.maps._EARLY.set(first_run)
    try:
        wrapped(script='L.atlasOutlines("/app/static/geodata/a.geojson", {});', feature_group="",
                js_links=["/app/static/vendor/atlas/atlas-map-1.js"], css_links=["/app/static/vendor/atlas/atlas-map-1.css"])
    finally:
        ui.maps._EARLY.reset(token)
    links = sent["js_links"]
    assert links[-1] == "/app/static/vendor/atlas/atlas-map-1.js"
    assert (len(links) == 2 and links[0].startswith("data:text/javascript")) is first_run
    assert len(links) == (2 if first_run else 1)


def test_a_gzip_twin_holds_the_same_bytes_and_is_the_same_every_time(tmp_path):
    content = b'{"type": "FeatureCollection", "features": []}' * 100
    plain, twin = write_with_gzip_twin(tmp_path / "a.geojson", content)
    assert twin.name == "a.geojson.gz" and plain.read_bytes() == content
    assert gzip.decompress(twin.read_bytes()) == content
    first = twin.read_bytes()
    write_with_gzip_twin(tmp_path / "b.geojson", content)
    assert (tmp_path / "b.geojson.gz").read_bytes() == first  # no time stamp inside: a content's twin never changes
