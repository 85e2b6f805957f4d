import pytest

from atlas.map.viewport import bounds_of_view, frame_for_view, view_for_bounds


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
    from atlas.map.viewport import view_for_selection

    diplomacy = dataset.events[dataset.events["layer"] == "diplomacy"]
    center, zoom = view_for_selection(diplomacy, dataset.flows.iloc[0:0])
    assert zoom <= 4  # Moscow to Afghanistan
    assert view_for_selection(dataset.events.iloc[0:0], dataset.flows.iloc[0:0]) is None


import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
from shapely.geometry import box  # noqa: E402

from atlas.map.viewport import frame_for_selection, load_theatre  # noqa: E402

THEATRE = box(66.5, 35.0, 75.5, 41.0)


def _events(rows):
    return pd.DataFrame(rows, columns=["id", "place_id", "place_name", "lat", "lon", "mapped"])


_NO_FLOWS = pd.DataFrame(columns=["id", "from_name", "from_lat", "from_lon", "to_name", "to_lat", "to_lon"])


@pytest.mark.parametrize(
    "rows, bbox_inside, far_names",
    [
        # Dushanbe and Kunduz frame the map; Moscow and Almaty go to the edge, counted.
        ([("E1", "dushanbe", "Dushanbe", 38.54, 68.78, True), ("E2", "kunduz", "Kunduz", 36.73, 68.86, True),
          ("E3", "moscow", "Moscow", 55.75, 37.62, True), ("E4", "moscow", "Moscow", 55.75, 37.62, True),
          ("E5", "almaty", "Almaty", 43.25, 76.91, True)], ((36.73, 68.78), (38.54, 68.86)), {"Moscow": 2, "Almaty": 1}),
        # Only far items: the whole theatre.
        ([("E3", "moscow", "Moscow", 55.75, 37.62, True)], ((35.0, 66.5), (41.0, 75.5)), {"Moscow": 1}),
        # Nothing: the whole theatre, nothing at the edge.
        ([], ((35.0, 66.5), (41.0, 75.5)), {}),
    ],
)
def test_frame_inside_theatre_with_far_items_apart(rows, bbox_inside, far_names):
    frame = frame_for_selection(_events(rows), _NO_FLOWS, THEATRE, key=1)
    (south, west), (north, east) = frame["bbox"]
    (s, w), (n, e) = bbox_inside
    assert south <= s and west <= w and north >= n and east >= e
    assert 35.0 <= south and 66.5 <= west and north <= 41.0 and east <= 75.5  # never beyond the theatre
    assert {f["name"]: f["count"] for f in frame["far"]} == far_names
    assert frame["key"] == 1


def test_one_town_opens_at_a_readable_scale():
    frame = frame_for_selection(_events([("E1", "dushanbe", "Dushanbe", 38.54, 68.78, True)]), _NO_FLOWS, THEATRE)
    (south, west), (north, east) = frame["bbox"]
    assert north - south >= 1.4 and east - west >= 1.8
    assert view_for_bounds((west, south, east, north))[1] <= 8


def test_flow_ends_outside_are_far(dataset):
    flows = dataset.flows[dataset.flows["id"] == "F006"]
    frame = frame_for_selection(dataset.events.iloc[0:0], flows, THEATRE)
    assert [f["name"] for f in frame["far"]] == ["Russia"]  # Tajikistan's point is inside


def test_vague_place_counts_at_its_area_label_point():
    areas = {"afghanistan": {"properties": {"label_lat": 36.5, "label_lon": 68.5}}}
    rows = [("E1", "afghanistan", "Afghanistan", 33.84, 66.0, True)]
    assert frame_for_selection(_events(rows), _NO_FLOWS, THEATRE, areas)["far"] == []
    assert frame_for_selection(_events(rows), _NO_FLOWS, THEATRE)["far"][0]["name"] == "Afghanistan"


def test_theatre_from_file_or_documented_geometry(tmp_path, dataset):
    fallback = load_theatre(tmp_path, dataset.zones, dataset.border)
    assert fallback.contains(dataset.border.geometry.iloc[0])
    gpd.GeoDataFrame({"name": ["theatre"]}, geometry=[THEATRE], crs="EPSG:4326").to_file(tmp_path / "theatre.geojson")
    assert load_theatre(tmp_path).equals(THEATRE)


def test_far_table_lists_each_point_outside_the_theatre_with_its_place():
    from atlas.map.viewport import far_table

    events = _events([("E1", "dushanbe", "Dushanbe", 38.54, 68.78, True), ("E2", "moscow", "Moscow", 55.75, 37.62, True),
                      ("E3", "moscow", "Moskva", 55.7501, 37.6201, True)])
    flows = pd.DataFrame([("F1", "Russia", 55.0, 37.0, "Dushanbe", 38.54, 68.78), ("F2", "Dushanbe", 38.54, 68.78, "Moscow", 55.75, 37.62)],
                         columns=_NO_FLOWS.columns)
    table = far_table(events, flows, THEATRE)
    # Moscow's two spellings lie within 100 m: one place (group 0); the flows' Russian ends too.
    assert table["events"] == [[1, 0, "Moscow", 55.75, 37.62], [2, 0, "Moskva", 55.7501, 37.6201]]
    assert table["from"] == [[0, 1, "Russia", 55.0, 37.0]]
    assert table["to"] == [[1, 0, "Moscow", 55.75, 37.62]]
    assert table["limits"] == [8, 50]


def _far_as_the_browser_groups_them(table, event_ids, flow_ids, event_rows, flow_rows):
    """What atlas_years.js does with a far table (kept beside it so the two are read together)."""
    groups, order = {}, []

    def add(entry, item_id):
        group = groups.get(entry[1])
        if group is None:
            group = groups[entry[1]] = {"lat": entry[3], "lon": entry[4], "name": entry[2], "ids": []}
            order.append(group)
        if item_id not in group["ids"]:
            group["ids"].append(item_id)

    for part, rows, ids in (("events", event_rows, event_ids), ("from", flow_rows, flow_ids), ("to", flow_rows, flow_ids)):
        for entry in table[part]:
            if entry[0] in rows:
                add(entry, ids[entry[0]])
    order.sort(key=lambda g: -len(g["ids"]))
    return [{"lat": g["lat"], "lon": g["lon"], "name": g["name"], "count": len(g["ids"]), "ids": g["ids"][:table["limits"][1]]}
            for g in order[:table["limits"][0]]]


@pytest.mark.parametrize("years", [(1992, 1997), (1992, 1992), (1993, 1994), (1995, 1997), (1997, 1997)])
def test_far_table_gives_the_browser_the_far_items_the_server_computes(dataset, years):
    # The map predicts a year move's far items from the table; the server's frame must agree, or the map redraws twice.
    from atlas.map.mapdata import read_areas
    from atlas.map.viewport import far_table
    from atlas.paths import GEODATA_DIR
    from atlas.view.filters import select_events, select_flows, Selection

    theatre, areas = load_theatre(GEODATA_DIR, dataset.zones, dataset.border), read_areas(GEODATA_DIR)
    mapped = dataset.events[dataset.events["mapped"]]
    table = far_table(mapped, dataset.flows, theatre, areas)
    selection = Selection(years=years)
    events, flows = select_events(dataset.events, selection), select_flows(dataset.flows, selection)
    event_rows = set(mapped.index.get_indexer(events.index[events["mapped"]]).tolist())
    flow_rows = set(dataset.flows.index.get_indexer(flows.index).tolist())
    predicted = _far_as_the_browser_groups_them(table, mapped["id"].tolist(), dataset.flows["id"].tolist(), event_rows, flow_rows)
    assert predicted == frame_for_selection(events, flows, theatre, areas)["far"]
    assert predicted  # the built-in data have far items every year (Moscow, Almaty ...)


def test_a_vague_area_reaching_into_the_theatre_is_neither_framed_nor_far():
    # Afghanistan's label point lies south of the theatre, but its north is in it: its symbol goes
    # wherever the map looks inside it. It was a chip "Afghanistan · 6 items outside the theatre".
    from atlas.map.viewport import far_table

    afghanistan = {"properties": {"label_lat": 33.0, "label_lon": 66.0},
                   "geometry": {"type": "Polygon", "coordinates": [[[60, 29], [75, 29], [75, 37.5], [60, 37.5], [60, 29]]]}}
    russia = {"properties": {"label_lat": 55.75, "label_lon": 37.62},
              "geometry": {"type": "Polygon", "coordinates": [[[30, 50], [60, 50], [60, 60], [30, 60], [30, 50]]]}}
    rows = [("E1", "afghanistan", "Afghanistan", 33.0, 66.0, True), ("E2", "russia", "Russia", 55.75, 37.62, True)]
    areas = {"afghanistan": afghanistan, "russia": russia}
    frame = frame_for_selection(_events(rows), _NO_FLOWS, THEATRE, areas)
    assert [f["name"] for f in frame["far"]] == ["Russia"]
    assert frame["bbox"] == [[35.0, 66.5], [41.0, 75.5]]  # nothing inside to frame: the whole theatre
    assert [e[2] for e in far_table(_events(rows), _NO_FLOWS, THEATRE, areas)["events"]] == ["Russia"]


@pytest.mark.parametrize("center, zoom, size, expected", [
    ((0, 0), 0, (256, 256), [[-85.0511, -180.0], [85.0511, 180.0]]),  # the whole Web Mercator world
    ((0, 0), 1, (256, 256), [[-66.5133, -90.0], [66.5133, 90.0]]),  # a quarter of it each way
    ((0, 170), 1, (256, 256), [[-66.5133, 80.0], [66.5133, 180.0]]),  # cut at the antimeridian
])
def test_bounds_of_view_are_what_leaflet_shows(center, zoom, size, expected):
    assert bounds_of_view(center, zoom, size) == expected


def test_a_chapters_own_view_sets_the_frame_and_keeps_the_far_places(dataset):
    # A lecturer's center and zoom (data/story.yaml): Kunduz at zoom 8 instead of the frame of the whole selection.
    events, flows = dataset.events, dataset.flows
    framed = frame_for_view(dataset, events, flows, load_theatre(), highlight=())
    chosen = frame_for_view(dataset, events, flows, load_theatre(), highlight=(), view=((36.73, 68.86), 8))
    (south, west), (north, east) = chosen["bbox"]
    assert south < 36.73 < north and west < 68.86 < east and (east - west) < 5  # 800 px at zoom 8: 4.4 degrees
    assert framed["bbox"] != chosen["bbox"] and chosen["far"] == framed["far"]


def test_a_flow_into_a_whole_country_is_pointed_at_where_it_is_drawn():
    # Flows to "Afghanistan" ended at its centre, south of the theatre: a chip "Afghanistan · 4" stood
    # beside Afghanistan's own ring. Drawn into the country (atlas.map.flowends), they end at its border.
    from shapely.geometry import LineString

    afghanistan = {"properties": {"label_lat": 33.0, "label_lon": 66.0, "area_kind": "country"},
                   "geometry": {"type": "Polygon", "coordinates": [[[60, 29], [75, 29], [75, 37.5], [60, 37.5], [60, 29]]]}}
    flows = gpd.GeoDataFrame(
        {"id": ["F1"], "from_place_id": ["dushanbe"], "from_name": ["Dushanbe"], "from_lat": [38.5], "from_lon": [68.8],
         "to_place_id": ["afghanistan"], "to_name": ["Afghanistan"], "to_lat": [33.0], "to_lon": [66.0]},
        geometry=[LineString([(68.8, 38.5), (66.0, 33.0)])], crs="EPSG:4326")
    no_events = _events([])
    assert [f["name"] for f in frame_for_selection(no_events, flows, THEATRE)["far"]] == ["Afghanistan"]
    frame = frame_for_selection(no_events, flows, THEATRE, {"afghanistan": afghanistan})
    assert frame["far"] == []
    assert frame["bbox"][0][0] <= 37.5  # framed on the line's end at the border
