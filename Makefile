# Two commands set everything up on a fresh machine (Python 3.11+ only):
#   make demo   -> virtual environment, install, claims table of seeds/
#   make test   -> virtual environment, install, the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test bench peer clean

$(BIN)/factcheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/factcheck
	$(BIN)/factcheck claims seeds --format md

test: $(BIN)/factcheck
	$(BIN)/python -m pytest

bench: $(BIN)/factcheck
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
