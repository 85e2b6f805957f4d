import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from atlas.data.loading import load_dataset
from atlas.paths import ARTICLE_PATH, DATA_DIR, GEODATA_DIR

IN_CI = os.environ.get("CI", "").lower() == "true"

# The checked datasets the tests' copies of data/ leave (atlas.data.cache) go to a folder of this
# run, shared by the app servers the browser tests start, not to the project's .cache/.
if "ATLAS_CACHE_DIR" not in os.environ:
    os.environ["ATLAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="atlas-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ATLAS_CACHE_DIR"], True)


@pytest.fixture(scope="session")
def data_dir_in_use():
    """The data folder the tests load: data/, or a draft named in ATLAS_DATA_DIR."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or DATA_DIR)


@pytest.fixture(scope="session")
def dataset(data_dir_in_use):
    return load_dataset(data_dir_in_use)


@pytest.fixture(scope="session")
def article_text():
    """The source article, which lives outside the repository in ../shared/sources."""
    path = os.environ.get("ATLAS_ARTICLE", ARTICLE_PATH)
    if not os.path.exists(path):
        message = f"the source article is missing: {path}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with open(path, encoding="utf-8") as f:
        return f.read()


@pytest.fixture
def data_copy(tmp_path, data_dir_in_use):
    """A scratch copy of data/ and geodata/ that a test may break."""
    shutil.copytree(data_dir_in_use, tmp_path / "data")
    shutil.copytree(GEODATA_DIR, tmp_path / "geodata")
    return tmp_path


_browser_passed = []


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and "tests/browser" in report.nodeid:
        _browser_passed.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    # In CI a run that drove no browser proves nothing about what a person sees.
    if IN_CI and exitstatus == 0 and not _browser_passed:
        print("\nCI: no browser test passed; failing the run.")
        session.exitstatus = 1
