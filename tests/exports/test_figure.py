"""The static figure: the requested size, not blank, a valid PDF."""

import io

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
import pytest
from matplotlib.image import imread

from atlas.exports.figure import figure_bytes, static_figure
from atlas.view.filters import Selection, select_events, select_flows


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
def test_outside_text_is_never_mathtext(dataset, text, tmp_path, monkeypatch):
    import dataclasses
    import json
    import shutil

    import matplotlib.text

    import atlas.exports.figure
    from atlas.paths import GEODATA_DIR

    # The base map's labels (zones, towns, countries) come from a data file too.
    geodata = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, geodata)
    labels = json.loads((geodata / "labels.geojson").read_text(encoding="utf-8"))
    for i, feature in enumerate(labels["features"]):
        feature["properties"]["text"] = f"{text} {i}"
    (geodata / "labels.geojson").write_text(json.dumps(labels), encoding="utf-8")
    monkeypatch.setattr(atlas.exports.figure, "GEODATA_DIR", geodata)
    zones = dataset.zones.copy()
    zones["name"] = [f"{text} {i}" for i in range(len(zones))]
    hostile = dataclasses.replace(dataset, zones=zones)
    events = dataset.events[dataset.events["year_start"] == 1993]
    fig = static_figure(hostile, events, dataset.flows.iloc[0:0], text, f"1993 \u00b7 search: {text}")
    shown = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert text in shown and f"1993 \u00b7 search: {text}" in shown
    assert any(s.startswith(text) and s != text for s in shown)  # a base-map label, as written
    assert all(not t.get_usetex() and not t.get_parse_math() for t in fig.findobj(matplotlib.text.Text))
    assert figure_bytes(fig, "png")[:4] == b"\x89PNG"  # "$x^{$" would not even parse as mathtext


# ---------------------------------------------------------------- cartography: framing, areas, labels, sizes, names
@pytest.mark.parametrize(
    "years, sides, fmt, view, expected",
    [
        ((1993, 1993), ["opposition camp"], "png", "", "atlas-1993-opposition.png"),
        ((1992, 1997), [], "pdf", "", "atlas-1992-1997.pdf"),
        ((1993, 1994), ["government camp", "external"], "png", "Chapter 5: Kulyab", "atlas-1993-1994-external-government-chapter-5-kulyab.png"),
    ],
)
def test_file_name_says_the_view(years, sides, fmt, view, expected):
    from atlas.exports.figure import figure_filename

    assert figure_filename(years, sides, fmt, view) == expected


@pytest.mark.parametrize("size", ["slide", "a4"])
def test_slide_and_a4_sizes(dataset, selection_1993, size):
    from atlas.exports.figure import FIGURE_SIZES

    events, flows = selection_1993
    png = figure_bytes(static_figure(dataset, events, flows, "1993", "1993", size_px=FIGURE_SIZES[size]), "png")
    image = imread(io.BytesIO(png))
    assert (image.shape[1], image.shape[0]) == FIGURE_SIZES[size]
    assert FIGURE_SIZES["slide"] == (1920, 1080) and abs(FIGURE_SIZES["a4"][0] / FIGURE_SIZES["a4"][1] - 297 / 210) < 0.01


def test_figure_frames_the_theatre_names_countries_and_keys_sides(dataset, selection_1993):
    import matplotlib.text

    from atlas.exports.figure import SIDE_COLORS

    events, flows = selection_1993
    fig = static_figure(dataset, events, flows, "1993", "1993")
    ax = fig.axes[0]
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]
    shown = {t.get_text() for t in texts}
    assert {"TAJIKISTAN", "AFGHANISTAN"} <= shown  # country names, inside the frame
    legend = {t.get_text() for t in fig.legends[0].get_texts()}
    assert {"government camp", "opposition camp"} <= legend  # the side key
    assert set(SIDE_COLORS) >= {"government camp", "opposition camp", "external", "mediator", "civilians"}
    # Moscow's items never widen the frame: the map spans the theatre's scale (well under 2,000 km).
    west, east = ax.get_xlim()
    assert east - west < 2_000_000
    # Labels on the map never overlap each other.
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() and not t.get_text().isdigit()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    figure_bytes(fig)


def test_vague_places_are_drawn_as_their_areas(dataset, selection_1993):
    events, flows = selection_1993
    located = events[events["mapped"]]
    vague = located[located["where_prec"].astype(int) >= 4]
    assert len(vague)
    fig = static_figure(dataset, events, flows, "1993", "1993")
    counts = [t.get_text() for t in fig.axes[0].texts if t.get_text().isdigit()]
    assert sum(map(int, counts)) == len(vague)  # one count symbol per area, all facts counted
    figure_bytes(fig)


def test_an_area_with_facts_of_several_sides_gets_a_split_ring(dataset):
    from matplotlib.patches import Wedge

    from atlas.exports.figure import SIDE_COLORS, _side_counts

    colors = {"a": SIDE_COLORS["government camp"], "b": SIDE_COLORS["opposition camp"]}
    group = pd.DataFrame({"actor_ids": [["b"], ["a"], ["b"], []]})
    # In the legend's order, whatever the rows' order; no actor named counted apart.
    assert _side_counts(group, colors) == [(colors["a"], 1), (colors["b"], 2), (SIDE_COLORS[""], 1)]
    border = dataset.events[dataset.events["place_id"] == "tajik_afghan_border"]
    sides = {colors_ for colors_, _ in _side_counts(border, _actor_colors(dataset))}
    assert len(sides) > 1  # the data's border facts are mixed: the case this checks
    fig = static_figure(dataset, border, dataset.flows.iloc[:0], "border", "all years")
    wedges = [p for p in fig.axes[0].patches if isinstance(p, Wedge)]
    assert sorted(w.get_facecolor()[:3] for w in wedges) == sorted(to_rgb(c) for c in sides)
    assert sum(w.theta2 - w.theta1 for w in wedges) == pytest.approx(360)
    figure_bytes(fig)


def _actor_colors(dataset):
    from atlas.exports.figure import SIDE_COLORS

    return {actor: SIDE_COLORS.get(side, SIDE_COLORS[""]) for actor, side in zip(dataset.actors["id"], dataset.actors["side"])}


@pytest.mark.parametrize(
    "actors, expected",
    [
        (None, "atlas-1993"),
        ("opposition camp", "atlas-1993-opposition"),
        ("government camp+opposition camp", "atlas-1993-government-opposition"),
    ],
)
def test_selection_stem_names_the_sides(dataset, actors, expected):
    from atlas.exports.figure import selection_stem

    chosen = None
    if actors:
        chosen = frozenset(dataset.actors.loc[dataset.actors["side"].isin(actors.split("+")), "id"])
    assert selection_stem(Selection(years=(1993, 1993), actors=chosen), dataset.actors) == expected


def test_selection_stem_names_one_actor(dataset):
    from atlas.exports.figure import selection_stem

    actor = dataset.actors["id"].iloc[0]
    assert selection_stem(Selection(years=(1992, 1997), actors=frozenset({actor})), dataset.actors) in (
        f"atlas-1992-1997-{actor.replace('_', '-')}", f"atlas-1992-1997-{dataset.actors['side'].iloc[0].split(' ')[0]}")


def test_selection_stem_ignores_the_no_actor_choice(dataset):
    from atlas.exports.filenames import selection_stem
    from atlas.view.filters import UNNAMED_ACTOR, Selection

    every = frozenset({*dataset.actors["id"], UNNAMED_ACTOR})
    assert selection_stem(Selection(years=(1993, 1993), actors=every), dataset.actors) == "atlas-1993"


def test_a_capital_ringed_by_symbols_is_still_named(dataset):
    # All years on an A4 page: five symbols sit around Dushanbe; its name stands further off, joined by a line.
    fig = static_figure(dataset, dataset.events, dataset.flows, "all", "1992-1997", size_px=(1754, 1240))
    assert "Dushanbe" in [t.get_text() for t in fig.axes[0].texts]
    figure_bytes(fig)


@pytest.mark.parametrize("text, expected", [
    ("Kŭlob", "atlas-1993-search-kulob"),
    ("  fn 61 ", "atlas-1993-search-fn-61"),
    ("Масуд", "atlas-1993-search-" + __import__("hashlib").blake2b("Масуд".encode(), digest_size=3).hexdigest()),
    ("", "atlas-1993"),
    ("a" * 80, "atlas-1993-search-" + "a" * 30),
    ("../../etc/passwd", "atlas-1993-search-etc-passwd"),
])
def test_selection_stem_names_the_search(dataset, text, expected):
    from atlas.exports.filenames import selection_stem

    assert selection_stem(Selection(years=(1993, 1993), text=text), dataset.actors) == expected


def test_two_searches_in_another_script_get_two_names(dataset):
    from atlas.exports.filenames import selection_stem

    names = {selection_stem(Selection(years=(1993, 1993), text=t), dataset.actors) for t in ("Куляб", "Масуд", "\U0001f525")}
    assert len(names) == 3 and all(n.startswith("atlas-1993-search-") for n in names)


@pytest.mark.parametrize("changes, expected", [
    ({"layers": frozenset({"camp"})}, "atlas-1993-camp"),
    ({"layers": frozenset({"incident", "deployment", "camp", "diplomacy", "flow"})}, "atlas-1993"),
    ({"layers": frozenset()}, "atlas-1993-no-layers"),
    ({"event_types": frozenset({"attack"})}, "atlas-1993-types-attack"),
    ({"event_types": frozenset({"attack", "treaty", "deployment"})}, "atlas-1993-3-types"),
    ({"months": ("1993-03", "1993-05")}, "atlas-1993-03-1993-05"),
    ({"months": ("1993-03", "1993-03"), "text": "Kulob"}, "atlas-1993-03-search-kulob"),
])
def test_selection_stem_names_layers_types_and_months(dataset, changes, expected):
    from dataclasses import replace

    from atlas.exports.filenames import selection_stem

    assert selection_stem(replace(Selection(years=(1993, 1993)), **changes), dataset.actors) == expected


def test_places_beyond_the_frame_are_named_with_their_counts(dataset):
    # The web map marks Moscow on its edge; the figure had dropped it without a word (a newcomer's report).
    import matplotlib.text

    selection = Selection(years=(1993, 1993), text="Kulyab")
    events, flows = select_events(dataset.events, selection), select_flows(dataset.flows, selection)
    fig = static_figure(dataset, events, flows, "1993", "1993, search Kulyab")
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().startswith("Beyond this map")]
    outside = events[events["mapped"] & events["place_name"].str.contains("Moscow")]
    assert len(outside) and texts and f"Moscow ({len(outside)})" in texts[0].replace("\n", " ")
    figure_bytes(fig)
