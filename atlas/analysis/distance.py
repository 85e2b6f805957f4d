"""Distance of each event to the Tajik-Afghan border, and on which side it lies."""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from ..data.schema import LAYERS
from ..map.symbols import LAYER_LABELS
from .footprints import WHOLE_COUNTRY

__all__ = [
    "GEOD",
    "ON_BORDER_KM",
    "NO_DISTANCE",
    "THEATRE_LAYERS",
    "densify_km",
    "distance_to_line_km",
    "side_of_border",
    "border_distances",
    "median_by_layer",
    "listed_apart_heading",
    "km_text",
]

# What happens in the theatre of war; diplomacy (Moscow, Tashkent, Almaty) is far away by nature.
THEATRE_LAYERS = ("incident", "deployment", "camp")

GEOD = Geod(ellps="WGS84")
_STEP_KM = 1.0
# Closer than this, a point is on the border line as drawn (the line is simplified to ~0.5 km).
ON_BORDER_KM = 1.0
# The side of a fact known only to a whole country: it may lie anywhere from the
# border to the far frontier, so it has no distance (its country's centre point
# lies 7 km from the Panj for Tajikistan and 389 km away for Afghanistan).
NO_DISTANCE = "whole country: no distance"


def densify_km(line, step_km=_STEP_KM):
    """Return the vertices of a lon/lat line with extra points at most ``step_km`` apart (geodesic)."""
    coords = shapely.get_coordinates(line)
    points = [coords[0]]
    for (lon1, lat1), (lon2, lat2) in zip(coords[:-1], coords[1:]):
        _, _, length = GEOD.inv(lon1, lat1, lon2, lat2)
        extra = int(length / 1000 // step_km)
        if extra:
            points.extend(GEOD.npts(lon1, lat1, lon2, lat2, extra))
        points.append((lon2, lat2))
    return np.asarray(points, dtype=float)


def distance_to_line_km(points, line, step_km=_STEP_KM):
    """Return the geodesic distance in km from each point to a line, both in lon/lat (EPSG:4326).

    The line is densified to ``step_km`` and the nearest of its points is
    taken, so the result is within ``step_km / 2`` of the exact distance.
    Works at any distance (Moscow included), unlike a single projected CRS.

    Parameters
    ----------
    points : GeoSeries of Point, EPSG:4326
    line : LineString or MultiLineString, EPSG:4326

    Returns
    -------
    pandas.Series of float, aligned with ``points``
    """
    if points.crs is not None and not points.crs.equals("EPSG:4326"):
        raise ValueError("points must be in EPSG:4326 (lon/lat)")
    vertices = densify_km(line, step_km)
    result = np.full(len(points), np.nan)
    for i, point in enumerate(points):
        if point is None or point.is_empty:
            continue
        lon = np.full(len(vertices), point.x)
        lat = np.full(len(vertices), point.y)
        _, _, metres = GEOD.inv(lon, lat, vertices[:, 0], vertices[:, 1])
        result[i] = metres.min() / 1000
    return pd.Series(result, index=points.index)


def side_of_border(points, countries, left="Tajikistan", right="Afghanistan"):
    """Return, for each point, ``"Tajik side"``, ``"Afghan side"`` or the other country it lies in.

    A point in neither country gets that country's name, or ``"outside the map"``.
    """
    joined = gpd.sjoin(gpd.GeoDataFrame(geometry=points, crs=points.crs), countries[["name", "geometry"]],
                       how="left", predicate="within")
    names = joined.groupby(level=0)["name"].first().reindex(points.index)
    labels = {left: "Tajik side", right: "Afghan side"}
    return names.map(lambda n: labels.get(n, n) if isinstance(n, str) else "outside the map")


def border_distances(events, border, countries):
    """Return each mapped event's distance to the border (km) and side, with its year and layer.

    An event closer than :data:`ON_BORDER_KM` is "on the border": for the
    article's border-wide facts the point is only representative, and which
    bank it falls on means nothing. A fact known only to a whole country
    (``where_prec`` 6) has no distance (NaN) and the side
    :data:`NO_DISTANCE`: its representative point says nothing about how near
    the border it was.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``layer``, ``title``, ``year``, ``where_prec``, ``distance_km`` (km, NaN for a
        whole country), ``side``.
    """
    mapped = events[events["mapped"]]
    line = shapely.union_all(border.geometry.to_list())
    distance = distance_to_line_km(mapped.geometry, line)
    side = side_of_border(mapped.geometry, countries).where(distance >= ON_BORDER_KM, "on the border")
    whole_country = mapped["where_prec"].astype(int).to_numpy() == WHOLE_COUNTRY
    distance = np.where(whole_country, np.nan, distance)
    side = side.where(~whole_country, NO_DISTANCE)
    return pd.DataFrame(
        {
            "id": mapped["id"],
            "layer": mapped["layer"],
            "title": mapped["title"],
            "year": mapped["year_start"],
            "where_prec": mapped["where_prec"].astype(int),
            "distance_km": np.round(distance, 1),
            "side": side,
        }
    ).reset_index(drop=True)


def median_by_layer(distances, years):
    """Return the median distance (km) and the number of events per layer and year they begin.

    Parameters
    ----------
    distances : DataFrame
        From :func:`border_distances` (``layer``, ``year``, ``distance_km``).
    years : tuple of int
        First and last year chosen: every year appears even where a layer has
        no event (its median is then empty); events that began earlier are
        under ``"before <first>"`` (:func:`atlas.analysis.summary.year_bins`).

    Returns
    -------
    DataFrame
        ``layer``, ``year`` (a label), ``events``, ``median_km`` (NaN where there are no events).
        Events without a distance (NaN: known only to a whole country) are not counted.
    """
    from .summary import year_bins, year_label

    labelled = distances.assign(year=[year_label(y, years[0]) for y in distances["year"]])
    grouped = labelled.groupby(["layer", "year"])["distance_km"].agg(events="count", median_km="median")
    layers = sorted(set(distances["layer"]))
    grid = pd.MultiIndex.from_product([layers, year_bins(distances["year"], years)], names=["layer", "year"])
    table = grouped.reindex(grid).reset_index()
    table["events"] = table["events"].fillna(0).astype(int)
    table["median_km"] = table["median_km"].round(1)
    return table


def listed_apart_heading(listed, measured_layers):
    """Return the Markdown heading over the events listed beside the distance chart, not averaged in.

    Parameters
    ----------
    listed : DataFrame
        Rows of :func:`border_distances` left out of the chart: layers not
        measured (``layer`` not in ``measured_layers``) or no distance (NaN).
    measured_layers : sequence of str
        The layers the reader chose to measure.

    Returns
    -------
    str
        For example ``"**Listed, not averaged in**: diplomacy; 3 known only to a whole country (no distance)"``.
    """
    other = set(listed.loc[~listed["layer"].isin(measured_layers), "layer"])
    parts = [", ".join(LAYER_LABELS[layer] for layer in LAYERS if layer in other)] if other else []
    whole = int((listed["layer"].isin(measured_layers) & listed["distance_km"].isna()).sum())
    if whole:
        parts.append(f"{whole} known only to a whole country (no distance)")
    return "**Listed, not averaged in**: " + "; ".join(parts)


def km_text(distances_km):
    """Return distances (km, NaN for none) as text for a table: ``"1,234.5"``, blank where there is none.

    Streamlit shows a missing number as "None", which read as a value.
    """
    return pd.Series(distances_km).map(lambda km: "" if pd.isna(km) else f"{km:,.1f}")
