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



def _answer_fingerprint(answer):
    if isinstance(answer, (pd.DataFrame, pd.Series)):
        plain = pd.DataFrame(answer).drop(columns=["geometry"], errors="ignore")
        geometry = b"".join(g.wkb if g is not None else b"-" for g in answer.geometry) if "geometry" in answer else b""
        return hashlib.sha256(pickle.dumps((list(plain.columns), list(plain.index), plain.astype(str).values.tolist()))
                              + geometry).hexdigest()
    if isinstance(answer, (tuple, list)):
        return tuple(_answer_fingerprint(part) for part in answer)
    if isinstance(answer, dict):
        return tuple((key, _answer_fingerprint(value)) for key, value in answer.items())
    return hashlib.sha256(pickle.dumps(answer)).hexdigest()


def test_answers_shared_between_sessions_stay_as_they_were_made():
    """ui.select, the frame, the tables ... are handed to every session (atlas.view.memo): no page may change them."""
    from atlas.view import memo
    from atlas.view.filters import select_events, select_flows

    memo.clear()
    moves = [("slider", "years", (1994, 1995)), ("text_input", "q", "Kulyab"), ("text_input", "q", ""),
             ("slider", "years", (1992, 1997))]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    for kind, key, value in moves:
        getattr(at, kind)(key=key).set_value(value)
        at.run()
    kept = {(name, repr(key)): (answer, _answer_fingerprint(answer)) for name, key, answer in memo.entries()}
    assert {"select", "frame", "tables", "sources"} <= {name for name, _ in kept}
    for tab in ("Events table", "Flows table", "Over time"):  # the same views again, every tab open in turn
        at.session_state["below_map"] = tab
        for kind, key, value in moves:
            getattr(at, kind)(key=key).set_value(value)
            at.run()
    assert not at.exception
    for (name, key), (answer, made) in kept.items():
        assert _answer_fingerprint(answer) == made, f"{name} {key} was changed after it was kept"
    data = ui.data._load(*ui.data._data_dirs(), data_fingerprint(*ui.data._data_dirs()))
    for name, selection, (events, flows) in [e for e in memo.entries() if e[0] == "select"]:
        assert _answer_fingerprint(events) == _answer_fingerprint(select_events(data.events, selection, data.actors, data.places))
        assert _answer_fingerprint(flows) == _answer_fingerprint(select_flows(data.flows, selection, data.actors, data.places))
