# Two commands on a fresh machine: `make serve` and `make test`.
# Each creates .venv with the pinned dependencies the first time.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build changes zensical new schema translations linkcheck verify verify-record browser screenshots bench lighthouse lint lock clean

$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or later is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test: $(VENV)/.runtime requirements.txt requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	@touch $@

serve: $(VENV)/.runtime  ## preview on http://127.0.0.1:8000 (or ADDR=host:port, PORT=port), rebuilding on every change
	@$(BIN)/python -m macros serve $(ADDR) $(if $(PORT),--port $(PORT)) || kill -PIPE $$PPID  # as check: no make noise

# On failure, make would add "make: *** [Makefile:NN: check] Error 1" under the report. GNU make has no
# switch to drop that line for one target, so the recipe ends make itself with SIGPIPE, which shells
# report silently: the report is the last thing printed and the exit status (141) still fails CI.
check: $(VENV)/.runtime  ## validate data/ and the pages' citations, without building
	@$(BIN)/python -m macros check || kill -PIPE $$PPID

# BASE: the version to compare with (default: where this branch left origin/main, or main).
# MARKDOWN=1 for a job summary (the default under GitHub Actions); STRICT=1 exits 1 when anything is flagged.
changes: $(VENV)/.runtime  ## what the working tree changes in the story, since BASE, in an editor's words
	@$(BIN)/python -m macros changes $(if $(BASE),--base '$(BASE)') $(if $(filter 1 yes true,$(MARKDOWN)),--markdown) \
		$(if $(filter 1 yes true,$(STRICT)),--strict) || kill -PIPE $$PPID

build: $(VENV)/.runtime  ## build site/ (replaced only when the build succeeds)
	$(BIN)/python -m macros build

# Zensical, Material's successor, in its own environment: it must build without MkDocs installed.
ZVENV := .venv-zensical
$(ZVENV)/.runtime: requirements-zensical.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or later is needed (found " + sys.version.split()[0] + "); set PYTHON=/path/to/python3.11")'
	@test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	@touch $@

zensical: $(ZVENV)/.runtime  ## build site-zensical/ with Zensical instead of MkDocs (see "Building with Zensical")
	$(ZVENV)/bin/python -m macros.engine.zensical

new: $(VENV)/.runtime  ## start a new event: moves the old one aside into event.old-*/, then writes a skeleton
	@$(BIN)/python -m macros new

schema: $(VENV)/.runtime  ## regenerate data/schemas/ from the model
	$(BIN)/python -m macros schema

translations: $(VENV)/.runtime  ## re-extract the site's messages into the .pot and update every catalog (locales/)
	$(BIN)/python -m macros.engine.translations
	$(BIN)/python -m macros schema  # the event schema completes the languages shipped

browser:  ## make sure a Chromium is there for the browser tests
	@bash tests/ensure-browser.sh

test: $(VENV)/.test browser  ## lint, then the whole suite, browser tests included
	@$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -n 2  # two workers: the suite is mostly builds and browser waits

screenshots: $(VENV)/.test browser  ## retake the README's screenshots of this event (.github/screenshots/)
	$(BIN)/python tests/screenshots.py

linkcheck: $(VENV)/.test  ## check external links (needs the network; not part of `make test`)
	$(BIN)/python -m macros build
	$(BIN)/linkchecker --check-extern --no-status --recursion-level=1 site/sources/index.html

# Quotes against their sources. trafilatura (the main-text extractor) is pinned with the test tools, since the
# offline tests need it and a site build never does; so verify needs the test environment.
verify: $(VENV)/.test  ## look for every quote in its sources (needs the network; not part of `make test`)
	@$(BIN)/python -m macros verify $(VERIFYFLAGS) || kill -PIPE $$PPID  # as check: the report ends the output

verify-record: $(VENV)/.test  ## make verify, then write what was found verbatim to data/verified.yml
	@$(BIN)/python -m macros verify --record $(VERIFYFLAGS) || kill -PIPE $$PPID

bench: $(VENV)/.test browser  ## measure build, check, preview and pages at 1x, 10x, 100x the data (BENCH_FULL=1: 1000x)
	$(BIN)/python -m bench

# Needs Node's npm: the pinned Lighthouse is installed into .cache/lighthouse/ the first time. SITE=dir measures
# a site already built; LIGHTHOUSE_RUNS=5 takes the median of 5.
lighthouse: $(VENV)/.runtime browser  ## Lighthouse's mobile Performance score of every page, median of 3 runs
	$(BIN)/python -m bench.lighthouse $(SITE)

# All three run, then lint fails if any did. `.venv/bin/ruff format macros tests` applies the format it checks.
lint: $(VENV)/.test  ## ruff (lint and format) and mypy
	@status=0; \
	$(BIN)/ruff check macros tests || status=1; \
	$(BIN)/ruff format --check --output-format concise macros tests || status=1; \
	$(BIN)/mypy macros || status=1; \
	exit $$status

# pip-compile keeps every pin that still fits the .in files; `make lock LOCKFLAGS=--upgrade` moves all to the newest.
# The test lock is constrained by requirements.txt (-c in requirements-test.in), so the two always agree.
LOCK = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url \
	--no-emit-find-links $(LOCKFLAGS)

lock: $(VENV)/.test  ## re-pin requirements*.txt from requirements*.in
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-test.txt requirements-test.in
	$(LOCK) --output-file requirements-zensical.txt requirements-zensical.in

clean:
	rm -rf site site-zensical .pytest_cache
