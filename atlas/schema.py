"""The data contract: columns, allowed values and ranges of data/ and geodata/.

data/README.md documents the same contract for people; keep them in step.
"""

__all__ = [
    "LAYERS",
    "SIDES",
    "ACTOR_KINDS",
    "ZONE_PRECISIONS",
    "PLACE_SOURCES",
    "DATE_PRECISION",
    "WHERE_PRECISION",
    "REGION_BOUNDS",
    "MAX_FOOTNOTE",
    "MAX_QUOTE_WORDS",
    "ACTOR_COLUMNS",
    "PLACE_COLUMNS",
    "EVENT_COLUMNS",
    "FLOW_COLUMNS",
    "SOURCE_COLUMNS",
    "ZONE_PROPERTIES",
]

LAYERS = ("incident", "deployment", "camp", "diplomacy")
SIDES = ("government camp", "opposition camp", "external", "mediator", "civilians")
ACTOR_KINDS = ("state", "armed force", "armed group", "coalition", "organisation", "population")
ZONE_PRECISIONS = ("admin boundary", "approximate")
PLACE_SOURCES = ("geonames", "derived")

# UCDP GED's codes, restated from its codebook (lower is more precise).
DATE_PRECISION = {
    1: "exact day",
    2: "a span of 2-6 days",
    3: "a certain week",
    4: "a certain month",
    5: "longer than a month",
}
WHERE_PRECISION = {
    1: "exact place",
    2: "near a named place",
    3: "district",
    4: "province or oblast",
    5: "part of a country, or between places",
    6: "whole country",
    7: "over water or in airspace",
}

# west, south, east, north in degrees: Tajikistan's neighbours and Moscow.
REGION_BOUNDS = (25.0, 25.0, 82.0, 60.0)
MAX_FOOTNOTE = 73  # the article's last footnote
MAX_QUOTE_WORDS = 40

ACTOR_COLUMNS = ("id", "name", "short_name", "side", "kind", "color", "aliases")
PLACE_COLUMNS = (
    "id", "name", "aliases", "kind", "country", "geonameid", "lat", "lon", "where_prec", "source", "note",
)
EVENT_COLUMNS = (
    "id", "layer", "event_type", "title", "description", "date_start", "date_end", "date_prec",
    "place_name", "place_id", "place_modern", "geonameid", "lat", "lon", "where_prec", "actors",
    "deaths_low", "deaths_best", "deaths_high", "wounded", "strength", "source_id", "source_note", "source_quote",
)
FLOW_COLUMNS = (
    "id", "flow_type", "title", "description", "date_start", "date_end", "date_prec",
    "from_place_id", "from_name", "from_lat", "from_lon", "to_place_id", "to_name", "to_lat", "to_lon",
    "via_place_ids", "actors", "magnitude", "magnitude_unit", "source_id", "source_note", "source_quote",
)
# data/sources.csv, the bibliography; text_file names the source's text in the
# shared sources folder (paths.SOURCES_DIR), empty when we hold no copy.
SOURCE_COLUMNS = ("id", "author", "title", "journal", "volume", "year", "pages", "url", "text_file")
ZONE_PROPERTIES = ("id", "name", "aliases", "kind", "country", "valid_from", "valid_to", "precision", "method")
