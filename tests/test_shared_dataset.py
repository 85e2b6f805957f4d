"""The dataset is shared by every session (st.cache_resource): no page may change it."""

import hashlib
import pickle

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from atlas.data.loading import data_fingerprint, load_dataset
from atlas.paths import ROOT


def _fingerprint(data):
    parts = []
    frames = [value for value in vars(data).values() if isinstance(value, pd.DataFrame)]
    assert len(frames) >= 7
    for frame in frames:
        plain = pd.DataFrame(frame).drop(columns=["geometry"], errors="ignore")
        parts.append(pickle.dumps((list(plain.columns), plain.astype(str).values.tolist())))
        if "geometry" in frame:
            parts.append(b"".join(g.wkb if g is not None else b"-" for g in frame.geometry))
    return hashlib.sha256(b"".join(parts)).hexdigest()


@pytest.mark.parametrize("page, moves", [
    ("app.py", [("slider", "years", (1994, 1995)), ("multiselect", "layers", ["incident"]),
                ("text_input", "q", "Kulyab")]),
    ("views/analysis.py", [("slider", "years", (1993, 1993))]),
    ("views/seminar.py", []),
])
def test_pages_leave_the_shared_dataset_unchanged(page, moves):
    at = AppTest.from_file(str(ROOT / page), default_timeout=120).run()
    for kind, key, value in moves:
        getattr(at, kind)(key=key).set_value(value)
        at.run()
    assert not at.exception
    dirs = ui.data._data_dirs()
    assert _fingerprint(ui.data._load(*dirs, data_fingerprint(*dirs))) == _fingerprint(load_dataset())

