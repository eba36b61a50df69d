# One entry point. `make serve` and `make test` set themselves up from nothing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test lock bench audit clean check-chromium

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.runtime-installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## serve: build and serve the site with live reload on http://127.0.0.1:8000
serve: $(VENV)/.runtime-installed
	$(VENV)/bin/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## build: strict build into site/
build: $(VENV)/.runtime-installed
	$(VENV)/bin/mkdocs build --strict

## test: strict build of the real site, unit and fixture tests, snippet runs, browser tests
test: $(VENV)/.dev-installed check-chromium
	$(PY) -m pytest

check-chromium:
	@test -x "$(CHROMIUM)" || { echo "make test needs Chromium for the browser tests: run 'sudo apt-get install -y chromium fonts-wqy-microhei', or set CHROMIUM=/path/to/chromium"; exit 1; }

## lock: add every question id on the site to permalinks.lock
lock: $(VENV)/.runtime-installed
	$(PY) scripts/update_lock.py

## audit: question-bank coverage of the last build in site/
audit: build
	$(PY) ../shared/tools/bank_audit.py site

## bench: build-time and page-weight benchmarks, written to benchmarks/results.md
bench: $(VENV)/.dev-installed check-chromium
	$(PY) benchmarks/run.py

clean:
	rm -rf site .pytest_cache
