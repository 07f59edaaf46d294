# Two commands for a fresh machine with Python 3.11+ and make:
#   make run   – set up, migrate, load demo data, serve http://127.0.0.1:8000
#   make test  – set up, lint, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1:8000
# Test processes (pytest-xdist, one test database each); the suite is measured with 2 on 2 cores.
TEST_WORKERS ?= 2
# Development defaults; production sets its own environment (see README).
export DEBUG ?= 1

.PHONY: run test setup install messages compilemessages lint check clean bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) .env

# Development settings for this checkout (git-ignored; production sets its own environment).
.env:
	@printf 'DEBUG=1\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Wrote .env for development (DEBUG=1)."

compilemessages: $(STAMP)
	$(BIN)/pybabel compile --domain django --directory locale --statistics

setup: install compilemessages
	mkdir -p var/static var/media
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

# links in the console mails and the printed address name the host and port really served
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST)
run: setup
	@$(BIN)/python manage.py demo_logins
	$(BIN)/python manage.py runserver $(HOST)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup lint
	@start=$$(date +%s); $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup; rc=$$?; \
	echo "make test: Testsuite in $$(( $$(date +%s) - start )) s Wanduhr ($(TEST_WORKERS) Prozesse)"; exit $$rc

# Load benchmark against statewide data on PostgreSQL (README "Skalierung und Lasttest"); not a test.
bench: install compilemessages
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	DEBUG=0 $(BIN)/python bench/run.py

# Developers only (needs GNU gettext): refresh the message catalogues after changing strings.
messages: install
	DEBUG=1 $(BIN)/python manage.py update_catalogues

clean:
	rm -rf $(VENV) var
