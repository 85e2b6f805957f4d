# Two commands: `make run` sets up and starts the dashboard; `make test` sets up and runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
# XStatic packages build with pkg_resources; constraints.txt keeps a setuptools that has it.
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup chromium firefox nginx benchmark benchmark-quick serve

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip>=23"
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) -c "from atlas.map.assets import install_static_assets; install_static_assets()"

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -n "$$ATLAS_CHROMIUM" ] || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Debian's Firefox ESR: the talk file is checked in Firefox too (tests/browser/test_talk_firefox.py, over Marionette).
firefox:
	@command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || [ -n "$$ATLAS_FIREFOX" ] || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr; }

# Debian's nginx for deploy/serve.sh and its test (skipped without it outside CI).
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || [ -n "$$NGINX" ] || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }

# The page is run once as soon as the server answers (deploy/warm.py), so the data check
# and the imports are done before the first reader opens it.
run: setup
	@( $(PY) -c "from atlas.devserver import wait_until_up; wait_until_up('http://127.0.0.1:8501/_stcore/health', timeout=120)" \
		&& $(PY) deploy/warm.py http://127.0.0.1:8501 ) >/dev/null 2>&1 &
	$(PY) -m streamlit run app.py

test: setup chromium firefox nginx
	$(PY) -m pytest

# Speed, side by side with the baselines (README.md, "Speed"); figures printed and
# written to benchmarks/out/*.json. Localhost only, bounded; about 30-40 minutes in all.
benchmark: setup chromium nginx
	$(PY) benchmarks/slider_latency.py
	$(PY) benchmarks/chapter_change.py
	$(PY) benchmarks/first_map.py
	$(PY) benchmarks/concurrency.py
	$(PY) benchmarks/concurrency.py --varied
	$(PY) benchmarks/concurrency.py --nginx 1 2
	$(PY) benchmarks/sizes.py
	$(PY) benchmarks/map_build.py

# A few minutes: the same scripts with fewer repetitions and sizes.
benchmark-quick: setup chromium
	$(PY) benchmarks/slider_latency.py --moves 10 --memory-moves 20
	$(PY) benchmarks/concurrency.py --moves 4
	$(PY) benchmarks/sizes.py --sizes 55 1000 --one-place --moves 2

# The atlas from N app processes behind nginx on http://127.0.0.1:8080 (README.md, "Scale-out").
N ?= 2
serve: setup nginx
	deploy/serve.sh $(N)
