# Two commands do all the set-up on a fresh machine:
#   make run    installs trainplan in .venv and solves the two built-in scenarios
#   make test   installs trainplan with its test tools in .venv, checks the code and runs the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
# The folders installed as trainplan's subpackages (pyproject.toml, [tool.setuptools]).
PACKAGES := models checking wording solver generator files scenarios terminal reports commands
TYPECHECK := build/typecheck

.PHONY: run test lint typecheck install clean bench wheel-check wheel chromium-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# make run needs trainplan alone; make test also its test and lint tools.
$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

install: $(STAMP)

# Both built-in scenarios, each to a proven optimum in its own plan folder (scenarios/*/README.md).
run: $(RUN_STAMP)
	$(BIN)/trainplan solve --out plans/binh-gia-2018
	$(BIN)/trainplan solve --builtin lang-son-2026 --out plans/lang-son-2026

test: $(STAMP) lint chromium-deps
	$(BIN)/python -m pytest -q

# report.html's tests open it in a real headless Chromium: Debian's own package, installed
# when missing (as root, as on CI; about 15 s with the package lists).
CHROMIUM := /usr/bin/chromium
chromium-deps:
	test -x $(CHROMIUM) || (apt-get update -q && apt-get install -y -q --no-install-recommends chromium)

lint: typecheck | $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy follows imports as the installed package names them (trainplan.models, ...): it checks
# a tree of links named trainplan/, since the repository's top level is the package itself.
typecheck: | $(STAMP)
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/trainplan
	ln -s $(CURDIR)/__init__.py $(CURDIR)/cli.py $(TYPECHECK)/trainplan/
	for package in $(PACKAGES); do ln -s $(CURDIR)/$$package $(TYPECHECK)/trainplan/$$package; done
	cd $(TYPECHECK) && $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml -p trainplan

# Builds the wheel, installs it into a fresh virtual environment outside the checkout and
# runs trainplan from an unrelated folder (tests/test_wheel.py does this in the test suite).
wheel-check: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_wheel.py

# The wheel of the committed tree, built from a clean copy (no stale build/ files in it).
wheel: $(STAMP)
	rm -rf build/wheel-source && mkdir -p build/wheel-source dist
	git archive HEAD | tar -x -C build/wheel-source
	$(BIN)/python -m build --wheel --outdir dist build/wheel-source

# CP-SAT against its peers (greedy, HiGHS, CP-SAT's defaults): benchmarks/README.md
bench: $(STAMP)
	$(BIN)/python benchmarks/peers_bench.py

clean:
	rm -rf $(VENV) plans build dist .pytest_cache .mypy_cache .ruff_cache
