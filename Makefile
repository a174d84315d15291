# Two commands on a fresh machine: `make serve` and `make test`.
# Each creates .venv with the pinned dependencies the first time.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build new schema linkcheck browser bench lock clean

$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or later is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

serve: $(VENV)/.runtime  ## preview on http://127.0.0.1:8000, rebuilding on every change
	$(BIN)/python -m macros serve

check: $(VENV)/.runtime  ## validate data/ and the pages' citations, without building
	@$(BIN)/python -m macros check

build: $(VENV)/.runtime  ## build site/ (replaced only when the build succeeds)
	$(BIN)/python -m macros build

new: $(VENV)/.runtime  ## start a new event: a skeleton in data/ and docs/index.md (refuses unsaved changes)
	@$(BIN)/python -m macros new

schema: $(VENV)/.runtime  ## regenerate data/schemas/ from the model
	$(BIN)/python -m macros schema

browser:  ## make sure a Chromium is there for the browser tests
	@bash tests/ensure-browser.sh

test: $(VENV)/.test browser  ## the whole suite, browser tests included
	$(BIN)/python -m pytest -n 2  # two workers: the suite is mostly builds and browser waits

linkcheck: $(VENV)/.test  ## check external links (needs the network; not part of `make test`)
	$(BIN)/python -m macros build
	$(BIN)/linkchecker --check-extern --no-status --recursion-level=1 site/sources/index.html

bench: $(VENV)/.runtime  ## print how long `make check` and a full build take
	$(BIN)/python tests/bench.py

lock:  ## re-pin requirements*.txt from requirements*.in
	rm -rf /tmp/explainer-lock && $(PYTHON) -m venv /tmp/explainer-lock
	/tmp/explainer-lock/bin/pip install --quiet -r requirements-test.in
	@echo "Update requirements.txt / requirements-test.txt from: /tmp/explainer-lock/bin/pip freeze"

clean:
	rm -rf site .pytest_cache
