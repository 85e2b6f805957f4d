"""Where the project's files live."""

import os
from pathlib import Path

__all__ = ["ROOT", "DATA_DIR", "GEODATA_DIR", "STATIC_DIR", "SOURCES_DIR", "ARTICLE_PATH"]

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
# A draft's outlines (ATLAS_GEODATA_DIR, set when the server starts) are drawn by every
# module that reads geodata/ directly (base map, labels, figure), not only served.
GEODATA_DIR = Path(os.environ.get("ATLAS_GEODATA_DIR") or ROOT / "geodata")
STATIC_DIR = ROOT / "static"
# The article stays outside the repository; only short quotes of it are in data/.
SOURCES_DIR = ROOT.parent / "shared" / "sources"
ARTICLE_PATH = SOURCES_DIR / "000_3dfe52d914b40e57.txt"
