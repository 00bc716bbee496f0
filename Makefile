# The workbook's commands. `make run` and `make test` bootstrap their own environment:
# .venv is created when missing or older than pyproject.toml, then the package is installed.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?=
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: help run test test-fast lint format lab validate docs model bench strip clean-reports env

help: ## show this help
	@echo "policy-review workbook. Commands:"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@echo "setting up $(VENV) (first run, or pyproject.toml changed) ..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

env: $(STAMP) ## create or update the environment only

run: $(STAMP) ## execute every params/*.yaml, render HTML into reports/ (index: reports/index.html; JOBS=N)
	$(BIN)/policy-review run $(if $(JOBS),--jobs $(JOBS))

lint: $(STAMP) ## ruff (check and format), the stages' layers and no cycle (import-linter), no dead code (vulture)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python tools/dead_code.py

format: $(STAMP) ## reformat the whole tree (ruff format, then ruff's safe fixes)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(STAMP) lint ## run the lint, then the whole test suite (lib, notebooks, end to end, browser)
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP) ## only the fast library tests
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not slow" $(PYTEST_ARGS)

lab: $(STAMP) ## open JupyterLab on notebooks/
	$(BIN)/jupyter lab --notebook-dir=notebooks

validate: $(STAMP) ## check curated and reference data
	$(BIN)/policy-review validate

docs: $(STAMP) ## rewrite what is generated from the table declarations (lib/policy_review/tables/) (data dictionaries, schemas, template)
	$(BIN)/python -m policy_review.tables.generated --write

model: $(STAMP) ## train the linear area model on the project's data and ship it (after editing term lists, curated tables or reports)
	$(BIN)/python -m policy_review.draft.classifiers --write

bench: $(STAMP) ## print the benchmark figures (runner vs plain loop, per-run time, extraction, area classifiers, recycled text)
	$(BIN)/python benchmarks/bench_plans.py
	$(BIN)/python benchmarks/bench_draft.py
	$(BIN)/python benchmarks/bench_classifier.py
	$(BIN)/python benchmarks/bench_recycling.py
	$(BIN)/python benchmarks/bench_whole.py
	$(BIN)/python benchmarks/bench_runs.py $(BENCH_ARGS)

strip: $(STAMP) ## strip outputs from the notebooks before committing
	$(BIN)/jupyter nbconvert --clear-output --inplace notebooks/*.ipynb

clean-reports: ## delete generated reports/
	rm -rf reports
