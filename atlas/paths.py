"""Where the project's files live."""

from pathlib import Path

__all__ = ["ROOT", "DATA_DIR", "GEODATA_DIR", "STATIC_DIR", "SOURCES_DIR", "ARTICLE_PATH"]

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEODATA_DIR = ROOT / "geodata"
STATIC_DIR = ROOT / "static"
# The article stays outside the repository; only short quotes of it are in data/.
SOURCES_DIR = ROOT.parent / "shared" / "sources"
ARTICLE_PATH = SOURCES_DIR / "000_3dfe52d914b40e57.txt"
