# One entry point. `make serve` and `make test` set themselves up from nothing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PROPERDOCS_VENV := .venv-properdocs
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible builds: the sitemap's dates and gzip header come from the commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: serve build build-properdocs test lock bench audit clean browser anki pdf i18n-status

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.publish-installed: requirements-publish.txt $(VENV)/.runtime-installed
	$(PY) -m pip install --quiet -r requirements-publish.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements-publish.txt $(VENV)/.runtime-installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# ProperDocs (the MkDocs fork kept by former maintainers) in its own environment: the same pins
# as requirements.txt with properdocs in place of mkdocs, installed without dependency
# resolution so that nothing pulls mkdocs back in.
$(PROPERDOCS_VENV)/.installed: requirements.txt requirements-properdocs.txt
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	grep -v -E '^(mkdocs|mkdocs-get-deps)==' requirements.txt | cat - requirements-properdocs.txt > $(PROPERDOCS_VENV)/requirements.txt
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --no-deps -r $(PROPERDOCS_VENV)/requirements.txt
	touch $@

## serve: build and serve the site with live reload on http://127.0.0.1:8000
serve: $(VENV)/.runtime-installed
	$(VENV)/bin/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## build: strict build into site/
build: $(VENV)/.runtime-installed
	$(VENV)/bin/mkdocs build --strict

## anki: the Anki deck (one note per question) into site/downloads/; run after `make build`
anki: $(VENV)/.publish-installed
	$(PY) scripts/make_anki.py
	$(PY) scripts/make_anki.py --config mkdocs.zh.yml --site-dir site/zh

## pdf: the site and the cheat sheet as PDFs (Chromium's print engine) into site/downloads/; after `make build`
pdf: $(VENV)/.publish-installed browser
	$(PY) scripts/make_pdf.py
	$(PY) scripts/make_pdf.py --config mkdocs.zh.yml --site-dir site/zh

## build-properdocs: the same strict build with ProperDocs, into site-properdocs/
build-properdocs: $(PROPERDOCS_VENV)/.installed
	$(PROPERDOCS_VENV)/bin/properdocs build --strict -f mkdocs.yml --site-dir site-properdocs

## test: strict build of the real site (MkDocs and ProperDocs), unit and fixture tests, snippets, browser tests
test: $(VENV)/.dev-installed $(PROPERDOCS_VENV)/.installed browser
	PROPERDOCS=$(PROPERDOCS_VENV)/bin/properdocs $(PY) -m pytest

## browser: Debian's Chromium and fonts for the browser tests (installed when missing, see the script)
browser:
	@scripts/ensure-browser.sh

## lock: record every question id on the site, with its page, in permalinks.lock
lock: $(VENV)/.runtime-installed
	$(PY) scripts/update_lock.py

## i18n-status: what the Chinese edition lacks or lags behind (untranslated pages, lagging questions, glossary)
i18n-status: $(VENV)/.runtime-installed
	$(PY) scripts/i18n.py status

## audit: question-bank coverage of the last build in site/
audit: build
	$(PY) ../shared/tools/bank_audit.py site

## bench: build-time and page-weight benchmarks, written to benchmarks/results.md
bench: $(VENV)/.dev-installed browser
	$(PY) benchmarks/run.py

clean:
	rm -rf site site-properdocs .pytest_cache
