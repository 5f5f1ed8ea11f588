# Two commands do all the set-up on a fresh machine:
#   make run    installs trainplan in .venv and solves the built-in scenario
#   make test   installs trainplan with its test tools in .venv and runs the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint install clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/trainplan solve --out plans/binh-gia-2018

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/solve_bench.py

clean:
	rm -rf $(VENV) plans .pytest_cache .mypy_cache .ruff_cache
