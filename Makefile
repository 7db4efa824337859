# detente: the two commands of the README.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= detente.duckdb

.PHONY: demo test test-slow install docs bench eval train train-dates clean

$(BIN)/detente: pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (set PY=...)"; exit 2; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,docs]'
	@touch $(BIN)/detente

install: $(BIN)/detente

## demo: set up, ingest the bundled samples into detente.duckdb, print the events
demo: install
	$(BIN)/detente ingest samples/ --db $(DB)
	$(BIN)/detente events --db $(DB)

## test: set up and run the test suite (what CI runs)
test: install
	$(BIN)/python -m pytest -q -m "not slow"

test-slow: install
	$(BIN)/python -m pytest -q -m slow

eval: install
	$(BIN)/detente eval

## train: fit the learned scorer on the corpus train split, export int8 ONNX into the package, tune on corpus-dev
train: install
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[train]'
	$(BIN)/python -m detente.events.scorer.train --finetune 2 --epochs 12 --reexport
	$(BIN)/python scripts/tune_scorer.py --keep 0 --write

## train-dates: fit the date gate (dates/gate.py) on the tune half of the allsides articles in ../shared
train-dates: install
	$(BIN)/python scripts/train_date_gate.py

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache

## docs: build the documentation site into site/ (fails on broken links or references)
docs: install
	$(BIN)/pip install -q -e '.[docs]'
	$(BIN)/python scripts/gen_cli_docs.py --check
	$(BIN)/python scripts/gen_eval_docs.py --check
	$(BIN)/mkdocs build --strict --site-dir site
