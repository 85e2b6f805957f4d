"""What the baseline apps share: the events of ATLAS_DATA_DIR as a plain table, a local-asset map."""

import os
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from atlas.map.assets import install_static_assets, use_local_assets  # noqa: E402
from atlas.paths import DATA_DIR  # noqa: E402

__all__ = ["read_events", "local_map", "install_static_assets", "use_local_assets"]


def read_events():
    """Return the mapped events of ``ATLAS_DATA_DIR`` (or data/) with their years, read as a tutorial would."""
    folder = Path(os.environ.get("ATLAS_DATA_DIR") or DATA_DIR)
    events = pd.read_csv(folder / "events.csv", keep_default_na=False, dtype=str)
    events = events[events["place_id"] != ""].copy()
    events["lat"] = events["lat"].astype(float)
    events["lon"] = events["lon"].astype(float)
    events["year_start"] = events["date_start"].str[:4].astype(int)
    events["year_end"] = events["date_end"].str[:4].astype(int)
    return events


def local_map(**kwargs):
    """A folium map with no tiles whose Leaflet comes from the app's static/ folder (no network)."""
    import folium

    return use_local_assets(folium.Map(location=(37.9, 70.0), zoom_start=7, tiles=None, **kwargs))
