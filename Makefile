# Two commands on a fresh machine: `make demo` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv demo test check serve bench clean warm

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch is pinned in constraints.txt (the CPU wheel on disk); one pip call for everything.
	$(PY) -m pip install -q -c constraints.txt -e '.[nlp,postgres,dev]'
	$(MAKE) --no-print-directory warm
	touch $(STAMP)

# Compile and cache the numba kernels at install time, never on a user's first run.
warm:
	$(PY) -m grassroots.warmup

demo: venv
	$(VENV)/bin/grassroots demo

# `make test` is the whole check (CI runs it through .ci/run): format, lint, types, layering, tests.
test: venv
	./scripts/system-deps.sh
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

check: test

bench: venv
	$(PY) -m bench.run_all

clean:
	rm -rf $(VENV) grassroots-data .pytest_cache .mypy_cache .ruff_cache
