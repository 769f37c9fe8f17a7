# The two commands a newcomer needs: `make build` (the warehouse from data/reports) and
# `make test` (the whole suite). Both create .venv with the pinned dependencies if missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
REPORTS ?= data/reports

.PHONY: build test test-fast lint install clean docs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/govreports load $(REPORTS)
	$(BIN)/govreports build

lint: $(STAMP)
	$(BIN)/ruff check loaders govreports tests scripts bench examples
	$(BIN)/sqlfluff lint models macros analyses data-tests

test: $(STAMP) lint
	$(BIN)/pytest

# The lane to run while editing: the tests that build no warehouse (tests/conftest.py marks
# the others) and dbt's unit tests on empty models.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not warehouse"
	$(BIN)/python scripts/run_dbt_unit_tests.py

# the static dbt docs site (one HTML file) of the built warehouse: target/static_index.html
docs: $(STAMP)
	$(BIN)/dbt docs generate --static --project-dir . --profiles-dir .
	@echo "open target/static_index.html"

clean:
	rm -rf target logs warehouse/*.duckdb warehouse/*.duckdb.*

# The benchmark of issues 7 and 21 (bench/run.py): synthetic corpora of BENCH_SIZES reports
# with the files of data/wild/reports, in a temporary folder; load + build timed against one
# DuckDB regexp pass and a plain Python script, then a year's batch (3%) and +10 reports, with
# peak memory and disk; prints a table and writes bench/results.json (bench/README.md).
BENCH_SIZES ?= 1000 10000
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES)
