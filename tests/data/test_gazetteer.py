"""GeoNames look-ups (atlas/data/gazetteer.py): one record read alone equals the full table's."""

import pytest

from atlas.data import gazetteer


@pytest.mark.parametrize("geonameid", [1221874, 524901, 1512569])
def test_one_geonames_record_read_alone_equals_the_full_table(geonameid):
    alone = gazetteer._read_record(gazetteer._cities500_path(), geonameid)
    assert alone == gazetteer.geonames_cities()[geonameid]


def test_an_unknown_geonameid_has_no_record():
    assert gazetteer._read_record(gazetteer._cities500_path(), 999999999) is None
