"""Map layers for the analysis page: the border belt, a zone choropleth, actors' extents."""

import math

import folium

from ..map.markers import RemoteGeoJson

__all__ = ["CHOROPLETH_COLORS", "BELT_COLOR", "belt_layer", "zone_choropleth_layer", "actor_extent_layer", "choropleth_color",
           "analysis_key"]

# ColorBrewer YlOrBr, 5 classes: ordered light to dark, readable in grey and for colour-blind viewers.
CHOROPLETH_COLORS = ["#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"]
BELT_COLOR = "#AA3377"  # Paul Tol's purple: apart from the sides' colours and the choropleth's browns


def analysis_key(width_km, most_events):
    """Return the key to the analysis map's own layers: ``[(swatch CSS, text), ...]``, belt, zones, actors.

    The map's legend explains the symbols; these three layers (a newcomer read
    the brown zones, the purple band and the coloured outlines as unexplained)
    are named here with their look. ``width_km`` is the belt's width each side of
    the border; ``most_events`` the largest number of events in one zone.
    """
    ramp = ", ".join(CHOROPLETH_COLORS)
    return [
        (f"background:{BELT_COLOR}1f;border:1.5px dashed {BELT_COLOR}",
         f"Border belt: {width_km:g} km each side of the Tajik-Afghan border"),
        (f"background:linear-gradient(90deg, {ramp});border:1.5px solid #5a3a1a",
         f"Zones filled by their events in this view, light 0 to dark {int(most_events)}"),
        ("background:#7777771a;border:2px solid #777777",
         "Where each actor was active each year: around its events in the theatre (25 km), in its side's colour"),
    ]


def _collection(features):
    return {"type": "FeatureCollection", "features": features}


def _feature(geometry, name, style=None):
    properties = {"name": name}
    if style:
        properties["style"] = style
    return {"type": "Feature", "properties": properties, "geometry": geometry.__geo_interface__}


def belt_layer(belt):
    """Return the border belt as a FeatureGroup."""
    width = float(belt["width_km"].iloc[0])
    group = folium.FeatureGroup(name=f"Border belt ({width:g} km each side)")
    RemoteGeoJson("", {"color": BELT_COLOR, "weight": 1.5, "fillColor": BELT_COLOR, "fillOpacity": 0.12,
                       "dashArray": "4 4"}, "belt", control=False,
                  data=_collection([_feature(belt.geometry.iloc[0], f"Border belt: {width:g} km on each side")])).add_to(group)
    return group


def choropleth_color(value, maximum):
    """Return the class colour of ``value`` on a scale from 0 to ``maximum`` (0 gets the lightest)."""
    if maximum <= 0 or value <= 0:
        return CHOROPLETH_COLORS[0]
    classes = len(CHOROPLETH_COLORS) - 1  # the lightest is kept for zero
    return CHOROPLETH_COLORS[max(1, min(classes, math.ceil(value / maximum * classes)))]


def zone_choropleth_layer(zones, counts):
    """Return the zones filled by their number of events in the selection.

    ``counts`` maps zone id to (events, deaths).
    """
    maximum = max((events for events, _ in counts.values()), default=0)
    features = []
    for zone, geometry in zip(zones.to_dict("records"), zones.geometry):
        events, deaths = counts.get(zone["id"], (0, 0))
        others = zone["aliases"].replace(";", ", ")
        label = f"{zone['name']} ({others}): {events} event(s), {deaths} death(s) reported"
        style = {"fillColor": choropleth_color(events, maximum), "fillOpacity": 0.75}
        features.append(_feature(geometry, label, style))
    group = folium.FeatureGroup(name="Zones by events (choropleth)")
    RemoteGeoJson("", {"color": "#5a3a1a", "weight": 1.5}, "choropleth", control=False,
                  data=_collection(features)).add_to(group)
    return group


def actor_extent_layer(extents):
    """Return where each actor was active, one outlined area per actor and year, in the actor's colour."""
    features = [
        _feature(geometry, f"{row['name']}, {row['year']}: {row['events']} event(s)",
                 {"color": row["color"], "fillColor": row["color"]})
        for row, geometry in zip(extents.to_dict("records"), extents.geometry)
    ]
    group = folium.FeatureGroup(name="Actors' areas of activity (in the theatre)")
    RemoteGeoJson("", {"weight": 2, "fillOpacity": 0.1}, "extents", control=False,
                  data=_collection(features)).add_to(group)
    return group
