# Two commands set everything up on a fresh machine (Python 3.11+ only):
#   make demo   -> virtual environment, install, scan seeds/ and write reports/seeds.md
#   make test   -> virtual environment, install, the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test bench peer fuzz clean

$(BIN)/factcheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# scan exits 1 when it finds an error, as it should on the seeds; only 2 (a usage error) fails make
demo: $(BIN)/factcheck
	$(BIN)/factcheck scan seeds --report reports/seeds.md; test $$? -le 1
	@$(BIN)/factcheck scan seeds --quiet --report reports/seeds.html > /dev/null; test $$? -le 1
	@echo "reports written to reports/seeds.md and reports/seeds.html"

test: $(BIN)/factcheck
	$(BIN)/factcheck rules lint
	$(BIN)/factcheck rules test > /dev/null || $(BIN)/factcheck rules test
	$(BIN)/python -m pytest

bench: $(BIN)/factcheck
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/engine_bench.py
	$(BIN)/python bench/store_bench.py

# hostile input at length: many more fuzz examples (FACTCHECK_FUZZ) and 20 MB inputs through the CLI, timed
fuzz: $(BIN)/factcheck
	FACTCHECK_FUZZ=$${FACTCHECK_FUZZ:-20000} $(BIN)/python -m pytest -p no:cacheprovider -s tests/test_hostile_fuzz.py

clean:
	rm -rf $(VENV) build *.egg-info
