# CLD Hub. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

# requirements*.txt are the human-edited lists; requirements*.lock pin every package, direct and
# indirect, with hashes (`make lock`). Production installs requirements.lock the same way.
$(BIN)/activate: requirements.lock requirements-dev.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(BIN)/activate

install: $(BIN)/activate ## Create .venv and install the locked requirements (requirements-dev.lock)

# The dev lock is constrained by the runtime lock, so both pin shared packages alike. uv keeps the
# versions already in a lock; UPGRADE=1 (or `make lock UPGRADE="-P django"`) moves them on.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(if $(filter 1,$(UPGRADE)),--upgrade,$(UPGRADE))
lock: ## Regenerate requirements.lock and requirements-dev.lock from requirements*.txt (needs PyPI)
	@test -x $(BIN)/uv || $(MAKE) install
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt -c requirements.lock -o requirements-dev.lock
	$(BIN)/python -m tools.lockcheck

messages: install ## Compile the interface translations (locale/*/LC_MESSAGES/django.mo, git-ignored; needs GNU gettext)
	@command -v msgfmt >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; } || { echo "msgfmt is missing: apt-get install gettext" >&2; exit 1; }
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

makemessages: install ## Extract UI strings into locale/{fr,es,pt}/LC_MESSAGES/django.po
	$(BIN)/python manage.py makemessages -l fr -l es -l pt --ignore=.venv --ignore=bench --ignore=services --ignore=static --ignore=node_modules --ignore=frontend --ignore=tests

migrate: install messages ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput

demo: migrate ## Load the demo content (idempotent) and print the dev admin login
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py load_demo

# The mail worker and the periodic jobs run in the background and stop with the server.
run: demo ## Set up everything and serve http://127.0.0.1:8000 (or HOST=... PORT=...), with the mail worker
	$(BIN)/python manage.py db_worker --backend mail --queue-name '*' --no-reload -v0 & worker=$$!; \
	$(BIN)/python manage.py run_periodic --every 600 & periodic=$$!; \
	trap 'kill $$worker $$periodic 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT) || exit $$?

test: install messages ## Run the test suite (SQLite; PostgreSQL/search engine when .services.env is loaded)
	$(BIN)/python -m pytest

services: ## Start local PostgreSQL 15, OpenSearch 2.19.6, Redis and an S3 store (services/start.sh); writes .services.env
	services/start.sh

services-stop: ## Stop the local services (services/stop.sh)
	services/stop.sh

test-services: install messages ## Run the test suite on PostgreSQL + OpenSearch (needs `make services`)
	@test -f .services.env || { echo ".services.env is missing: run 'make services' first" >&2; exit 1; }
	set -a; . ./.services.env; set +a; $(BIN)/python -m pytest

.PHONY: test-cluster
test-cluster: install messages ## Two gunicorn app servers + a task worker on the services (deploy/); faults under load -> bench/cluster.json
	@test -f .services.env || { echo ".services.env is missing: run 'make services' first" >&2; exit 1; }
	set -a; . ./.services.env; set +a; $(BIN)/python -m pytest -m cluster tests/cluster -p no:randomly -p no:xdist -s

.PHONY: browser-deps test-browser
browser-deps: ## Debian's Chromium, npm and the browser suite's node packages (axe-core)
	@test -x /usr/bin/chromium || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || { echo "Chromium is missing: apt-get install chromium" >&2; exit 1; }
	@command -v npm >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } || { echo "npm is missing: apt-get install npm" >&2; exit 1; }
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

test-browser: install messages browser-deps ## Journeys and axe-core checks in Debian's Chromium against a fresh demo site (tests/browser)
	env -u DATABASE_URL -u ELASTICSEARCH_URL -u SEARCH_ENGINE -u HUB_REQUIRE_SERVICES PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
		$(BIN)/python -m pytest -m browser tests/browser

bench: install messages ## Benchmarks on a synthetic corpus (BENCH_PAGES, default 10000) -> BENCH_OUT (bench/results.json)
	$(BIN)/python -m bench

vendor: ## Re-vendor the map's d3/world-atlas files and country data (needs Node.js 18+; outputs are committed)
	cd frontend && npm ci --no-audit --no-fund && node build.mjs

.PHONY: vendor

lint: install ## ruff check, ruff format --check, locks up to date, Django checks, import layers (lint-imports), template indentation (djhtml) and line length
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m tools.lockcheck
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/djhtml --check templates
	$(BIN)/python -m tools.template_lines

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

backup: install ## Back up the database and media into BACKUP=<new dir> (hub/ops/backup.py)
	@test -n "$(BACKUP)" || { echo "usage: make backup BACKUP=<dir>" >&2; exit 2; }
	$(BIN)/python manage.py backup "$(BACKUP)"

restore: install ## Restore BACKUP=<dir> into an empty database and media (FORCE=1 replaces them)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=<dir> [FORCE=1]" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

soak: install messages ## gunicorn + 20 clients for SOAK_SECONDS (60) -> SOAK_OUT (soak.json): requests, errors, p95_ms
	SOAK_SECONDS=$(or $(SOAK_SECONDS),60) SOAK_OUT=$(or $(SOAK_OUT),soak.json) $(BIN)/python -m tools.soak

audit: install ## pip-audit of the locked requirements; fails on a known vulnerability (AUDIT_STRICT=1: also when unreachable)
	$(BIN)/python -m tools.audit

.PHONY: help install lock messages makemessages migrate bench demo run test services services-stop test-services lint format backup restore soak audit
