# Two commands: `make run` sets up and starts the dashboard; `make test` sets up and runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
# XStatic packages build with pkg_resources; constraints.txt keeps a setuptools that has it.
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup chromium benchmark

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip>=23"
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) -c "from atlas.assets import install_static_assets; install_static_assets()"

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -n "$$ATLAS_CHROMIUM" ] || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

run: setup
	$(PY) -m streamlit run app.py

test: setup chromium
	$(PY) -m pytest

benchmark: setup chromium
	$(PY) benchmarks/map_build.py
	$(PY) benchmarks/slider_latency.py
	$(PY) benchmarks/chapter_change.py
