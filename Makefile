# The two commands a newcomer needs: `make build` (the warehouse from data/reports) and
# `make test` (the whole suite). Both create .venv with the pinned dependencies if missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
REPORTS ?= data/reports

.PHONY: build test lint install clean

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
	$(BIN)/ruff check loaders tests scripts
	$(BIN)/sqlfluff lint models macros

test: $(STAMP) lint
	$(BIN)/pytest

clean:
	rm -rf target logs warehouse/*.duckdb warehouse/*.wal
