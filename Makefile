# kongthun: `make demo` starts the app with a demo; `make test` runs every test on SQLite and PostgreSQL.
# Both install what they need first (apt, pip into .venv/, npm).
.PHONY: setup demo test test-fast lint bench check clean

VENV := .venv/bin
HOST ?= 127.0.0.1
PORT ?= 8000

setup:
	@bash scripts/setup.sh

demo: setup
	$(VENV)/kongthun demo
	$(VENV)/kongthun serve --host $(HOST) --port $(PORT)

lint: setup
	$(VENV)/ruff check src tests bench scripts
	$(VENV)/lint-imports --config pyproject.toml

test: setup lint
	$(VENV)/python scripts/run_tests.py

# SQLite only, for quick runs while coding.
test-fast: setup
	$(VENV)/pytest

check: setup
	$(VENV)/kongthun check

bench: setup
	$(VENV)/python bench/run.py

clean:
	rm -rf var/kongthun.sqlite3* var/static
