# The two commands of the README:  `make run`  and  `make test`.
# Both set everything up on a fresh machine (a .venv with the Python packages;
# for the tests also Debian packages such as chromium and poppler-utils).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
AXE    := .cache/axe/node_modules/axe-core/axe.min.js

.PHONY: run test test-fast test-browser snapshots bench lint system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

PORT ?= 8000

## make run: open the facilitator's view on a demo workshop (or SESSION=name, PORT=8001)
run: $(STAMP)
	@if [ -z "$(SESSION)" ]; then $(BIN)/facilitator demo >/dev/null; fi
	$(BIN)/facilitator run $(or $(SESSION),demo) --port $(PORT)

system-deps:
	@bash scripts/system-deps.sh

$(AXE):
	mkdir -p .cache/axe
	cd .cache/axe && npm install --silent --no-audit --no-fund axe-core@4 >/dev/null

## make test: lint and the import contracts, then every test; browser tests in their own process
## (two pytest-xdist workers each: CI has 2 cores, and most tests wait on a subprocess, a
## server or a browser; a module stays on one worker, for its module-scoped fixtures)
XDIST ?= -n 2 --dist loadfile
test: $(STAMP) system-deps $(AXE) lint
	$(PY) -m pytest -m "not browser" -q -p no:cacheprovider $(XDIST)
	$(PY) -m pytest -m browser -q -p no:cacheprovider $(XDIST)

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not slow" -q

snapshots: $(STAMP)
	$(PY) -m pytest tests/tui --snapshot-update -q

bench: $(STAMP) system-deps
	$(PY) bench/run_all.py

## make lint: ruff, mypy on all of facilitator/, the import contracts (part of make test)
lint: $(STAMP)
	$(BIN)/ruff check facilitator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .cache .pytest_cache
