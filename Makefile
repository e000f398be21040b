# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

# Prefect keeps its state under the project, never in the user's ~/.prefect.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1
export PREFECT_LOGGING_LEVEL ?= WARNING
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

## make run: install, ingest the seeds into ./data/pairwatch.db, write a digest under ./out/
run: $(STAMP)
	$(BIN)/pairwatch ingest --seeds seeds
	$(BIN)/pairwatch digest --format md --out out/ --backfill

## make test: install the dev extras and run the whole suite
test: $(DEV_STAMP)
	$(BIN)/python -m pytest

## make bench: every benchmark under bench/ in one table, written to bench/RESULTS.md (needs ../shared)
bench: $(DEV_STAMP)
	$(BIN)/python bench/run_all.py

## make lint: ruff, and the import layers of pyproject.toml [tool.importlinter]
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf data out .prefect .pytest_cache
