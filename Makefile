# Two commands on a fresh machine: `make demo` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv demo lint test check serve bench clean warm

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch is pinned in constraints.txt (the CPU wheel on disk); one pip call for everything.
	$(PY) -m pip install -q -c constraints.txt -e '.[nlp,postgres,web,dev]'
	$(MAKE) --no-print-directory warm
	touch $(STAMP)

# Compile and cache the numba kernels at install time, never on a user's first run.
warm:
	$(PY) -m grassroots.warmup

demo: venv
	$(VENV)/bin/grassroots demo

# The static gates: format, lint, types, layering.
lint: venv
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# `make test` is the whole check: the static gates, then pytest with doctests.
test: venv lint
	./scripts/system-deps.sh
	$(PY) -m pytest -q

# What CI runs (.ci/run): exactly `make test`, the README's test command.
check:
	$(MAKE) --no-print-directory test

bench: venv
	$(PY) -m bench.run_all

clean:
	rm -rf $(VENV) grassroots-data .pytest_cache .mypy_cache .ruff_cache
