# The README's commands. Every target bootstraps .venv from the pinned requirements when it is
# missing or stale, so a fresh clone needs only Python 3.11+ and make.
#
#   make serve   generate pages and serve them at http://127.0.0.1:8000 (live reload)
#   make test    the whole suite (REQUIRE_BROWSER=1 turns a missing Chromium into a failure)
#   make build   mkdocs build --strict into site/
#   make bench   the benchmark (prints figures, compares against the pinned baseline)
#   make fidelity  accuracy on the real-page corpora (headline, date, author, body) against the floors
#   make train-classifier  train the body line classifier from the corpora (deterministic)
#   make lint    ruff, mypy, and the GitHub workflow checks; all offline
#   make audit   Lighthouse (mobile) on the home page and an article page, served gzipped; needs npm
#   make clean   remove build output and tool caches (keeps .venv; rm -rf .venv to reset it)

# The interpreter that creates .venv; override with `make PYTHON=python3.12 ...`.
PYTHON ?= python3
# Extra flags for `mkdocs serve`, e.g. `make serve SERVE_FLAGS=--dirty` on a large seed folder.
SERVE_FLAGS ?=
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k links -x"`.
PYTEST_ARGS ?=
# Extra arguments for the benchmark, e.g. `make bench BENCH_ARGS="--sizes 100,1000"`.
BENCH_ARGS ?=
# Extra arguments for `make fidelity`, e.g. `make fidelity FIDELITY_ARGS="--worst 30"`.
FIDELITY_ARGS ?=
# Extra arguments for `make audit`, e.g. `make audit AUDIT_ARGS="--runs 5 --why"`.
AUDIT_ARGS ?=
# The browser Lighthouse drives.
CHROME_PATH ?= /usr/bin/chromium

# Material prints a boxed warning that MkDocs 2.0 will not run it on every start; MkDocs is
# pinned below 2 (requirements.txt) for exactly that reason, so the warning says nothing here.
export NO_MKDOCS_2_WARNING := 1

VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
# Two stamps, so `make serve` does not wait for the test and lint tools:
# the site stamp follows what the site build needs, the dev stamp adds the rest.
SITE_STAMP := $(VENV)/.seedsite-site
DEV_STAMP := $(VENV)/.seedsite-dev

.DEFAULT_GOAL := help
.PHONY: help serve test build bench fidelity train-classifier lint audit clean

help:
	@sed -n 's/^#   make /make /p' Makefile

# A venv whose interpreter no longer runs (moved folder, removed base Python) is rebuilt whole.
$(SITE_STAMP): requirements.txt pyproject.toml
	@$(BIN)/python -c '' 2>/dev/null || { \
	  $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	    || { echo "seedsite needs Python 3.11+; set PYTHON=... (tried '$(PYTHON)')" >&2; exit 1; }; \
	  echo "Creating $(VENV) with $(PYTHON)"; \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps --editable .
	@touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	@touch $@

serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve -a 127.0.0.1:8000 $(SERVE_FLAGS)

build: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(DEV_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(DEV_STAMP) fidelity
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

fidelity: $(DEV_STAMP)
	$(BIN)/python scripts/fidelity.py --check $(FIDELITY_ARGS)

# Writes scripts/seedsite/classify/model.json and the fold models of tests/corpus/cv-models/.
train-classifier: $(DEV_STAMP)
	$(BIN)/python scripts/train_classifier.py

# Every tool here runs offline: zizmor's online audits need a GitHub token and the network.
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml
	$(BIN)/zizmor --offline --no-progress .github

# Lighthouse, pinned exactly, in .audit/ (which ignores itself, as .venv does). 12.x is the last
# line that runs on Node 18 and 20 (Debian 12 ships 18.19); 13.x needs Node 22.19 or newer.
LIGHTHOUSE_VERSION := 12.8.2
AUDIT_DIR := .audit
AUDIT_STAMP := $(AUDIT_DIR)/.lighthouse-$(LIGHTHOUSE_VERSION)

# Node and npm come from Debian when they are missing and we may install them (root, apt-get).
$(AUDIT_STAMP):
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's nodejs and npm"; \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 update -q \
	      && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -q \
	        --no-install-recommends nodejs npm; \
	  else echo "make audit needs node and npm (Debian: apt-get install nodejs npm)" >&2; exit 1; fi; }
	@mkdir -p $(AUDIT_DIR) && echo '*' > $(AUDIT_DIR)/.gitignore
	npm install --prefix $(AUDIT_DIR) --no-audit --no-fund --save-exact lighthouse@$(LIGHTHOUSE_VERSION)
	@touch $@

# Not part of `make test`: it needs npm, and its performance figure varies with the machine's load.
audit: $(SITE_STAMP) $(AUDIT_STAMP)
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python scripts/audit.py \
	  --lighthouse $(AUDIT_DIR)/node_modules/lighthouse/cli/index.js $(AUDIT_ARGS)

# Generated pages are build output (see .gitignore); seeds/ stays the single source of truth.
clean:
	rm -rf site .seedsite-cache build-report.json bench-results
	rm -rf docs/index.md docs/page docs/articles docs/archive docs/tags
	rm -f docs/.seedsite-manifest.json docs/.seedsite.lock
	rm -rf docs/.seedsite-tmp
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
