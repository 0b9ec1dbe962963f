# Two commands for a new user: `make demo` (main job) and `make test` (the whole suite).
# Each creates its own virtualenv in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# Every Python package (runtime, dev extras and the build backend) comes from the lock file, each file
# checked against its sha256; the project itself is installed editable on top, without dependencies.
LOCK := requirements.lock
# Tools that write and audit the lock (not needed to install it): their own virtualenv.
TOOLS := $(VENV)/tools

.PHONY: demo cli-demo test lint bench bench-national bench-peers mer simulate monitor clean lock audit-deps

$(BIN)/meedoen: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# After changing a dependency in pyproject.toml: resolve again and write every file's hash (needs PyPI).
lock:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv pip-audit
	$(TOOLS)/bin/uv pip compile pyproject.toml mk/build-system.in --extra dev --generate-hashes --universal \
	  --python-version 3.11 --custom-compile-command "make lock" --quiet -o $(LOCK)

# Known vulnerabilities in the locked versions (needs internet: asks the PyPI advisory database).
audit-deps:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet pip-audit
	$(TOOLS)/bin/pip-audit --require-hashes --disable-pip -r $(LOCK)

include mk/web.mk

# The main job: the web app with demo data on http://127.0.0.1:8000 (mk/web.mk).
demo: web-demo

# The rules engine alone: one example household checked on the command line.
cli-demo: $(BIN)/meedoen
	$(BIN)/meedoen check meedoen/examples/household_arnhem.json

lint: $(BIN)/meedoen
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The whole suite on SQLite, then the web tests again on a throwaway PostgreSQL cluster.
test: lint web-install
	$(BIN)/pytest
	$(MAKE) web-test-postgres

# The bestuursrapportage (three times a year) on the demo city: tables, then HTML, PDF and CSV in out/.
# With real data: `python -m meedoen.web.manage export_monitor DIR` and `meedoen monitor report DIR ...`.
PERIOD ?= 2024-T3
monitor: $(BIN)/meedoen
	$(BIN)/meedoen monitor demo out/monitor-data
	$(BIN)/meedoen monitor report out/monitor-data --period $(PERIOD) --municipality arnhem --out out/monitor

bench: $(BIN)/meedoen
	$(BIN)/python bench/run.py
	$(BIN)/python bench/simulation.py
	$(BIN)/python bench/simulation_peer.py
	$(BIN)/python bench/monitor_kpis.py
	$(MAKE) bench-national

# The national population on Dask (#21): one process vs 1 and 2 workers, peak memory per worker, a
# 20-variant sweep on 1M households. NATIONAL_SCALE=0.1 for a quicker run.
NATIONAL_SCALE ?= 1.0
bench-national: $(BIN)/meedoen
	$(BIN)/python bench/national.py --scale $(NATIONAL_SCALE)

# OpenFisca and PolicyEngine-core on the same rules, each in its own virtualenv (bench/peers/.venvs).
bench-peers: $(BIN)/meedoen
	bash bench/peers/setup.sh
	$(BIN)/python bench/peers/run.py

# Minima-effect reports of Arnhem and Nijmegen for 2026 (HTML, PDF, CSV in out/).
mer: $(BIN)/meedoen
	$(BIN)/meedoen mer --municipality arnhem --date 2026-01-01 --out out/mer-arnhem-2026
	$(BIN)/meedoen mer --municipality nijmegen --date 2026-01-01 --out out/mer-nijmegen-2026

# Policy simulations: Nijmegen widens the Meedoen-regeling from 120 % to 140 %; Arnhem the IIT from
# 105 % to 120 % (reports in out/).
simulate: $(BIN)/meedoen
	$(BIN)/meedoen simulate --municipality nijmegen --date 2026-01-01 \
	  --baseline meedoen/examples/reforms/nijmegen_meedoenregeling_120.yaml \
	  --reform meedoen/examples/reforms/nijmegen_meedoenregeling_140.yaml --out out/simulatie-nijmegen-140
	$(BIN)/meedoen simulate --municipality arnhem --date 2026-01-01 \
	  --reform meedoen/examples/reforms/arnhem_iit_120.yaml --out out/simulatie-arnhem-iit-120
	$(BIN)/meedoen simulate --municipality arnhem --date 2026-01-01 \
	  --reform meedoen/examples/reforms/arnhem_iit_120_budgetneutraal.yaml \
	  --out out/simulatie-arnhem-iit-120-budgetneutraal

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
