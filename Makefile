# Quick start: `make demo` scores the seed article; `make test` runs the checks and the tests.
# Each target creates its own virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/000_31b07caf7277be3d.txt

.PHONY: demo test lint bench evaluate model clean

$(BIN)/framing: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/framing
	$(BIN)/framing score $(SEED)

test: $(BIN)/framing
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

evaluate: $(BIN)/framing
	$(BIN)/framing evaluate tests/data/gold/*.json

# Rebuild the shipped model from the project's training data (and NewsMTSC train for the
# target-sentiment model, MIT licence, Hamborg & Donnay 2021; its records never enter the repo).
NEWSMTSC ?= ../shared/data/newsmtsc/train.jsonl
model: $(BIN)/framing
	$(BIN)/framing train training --sentiment-data $(NEWSMTSC) -o lexicons/model.skops

# Speed, memory and accuracy benchmarks (see benchmarks/*.py for options; minutes, not seconds).
bench: $(BIN)/framing
	$(BIN)/python benchmarks/bench_sentiment.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_classifier.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
