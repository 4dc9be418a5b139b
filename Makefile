# Bright Spots. `make help` lists the targets.
PYTHON_VERSION ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run install migrate demo serve test test-postgres postgres test-browser lint format check bench lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON_VERSION) -m venv $(VENV)

$(STAMP): $(PY) requirements.lock pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

migrate: install ## Apply database migrations
	@mkdir -p var
	$(MANAGE) migrate --noinput

demo: migrate ## Load demo content (idempotent)
	$(MANAGE) seed_demo

run: migrate ## Set up everything and serve on http://127.0.0.1:8000 with demo data
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Bright Spots is starting on http://$(HOST):$(PORT)/"
	@$(MANAGE) show_demo_logins
	@echo "Stop it with Ctrl+C."
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole suite (set DATABASE_URL to test against PostgreSQL)
	@mkdir -p var
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest -m "not browser" --cov --cov-report=term:skip-covered

postgres: ## Install (Debian's package) and start a local PostgreSQL; prints its DATABASE_URL
	@bash .ci/postgres

test-postgres: install ## The whole suite on a local PostgreSQL (installed and started if needed)
	DATABASE_URL="$$(bash .ci/postgres | tail -n 1)" $(MAKE) test

test-browser: install ## Browser tests: Playwright driving /usr/bin/chromium, axe-core checks
	$(PY) -m pytest -m browser -p no:cacheprovider

lint: install ## ruff check and format check; import-linter contracts; mypy (pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

format: install ## Fix lint and formatting where ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install ## Django's system checks, including production settings
	$(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') ALLOWED_HOSTS=brightspots.example.org $(MANAGE) check --deploy --fail-level WARNING

bench: install ## Benchmarks; results written to docs/performance.md
	$(PY) -m bench

.PHONY: bench-pages
bench-pages: install ## Pages vs a bare Wagtail page, the 50-user load test, worker memory (BENCH_LOAD=0: no load test)
	$(PY) -m bench bench_pages

lock: $(PY) ## Re-pin every dependency into requirements.lock from pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]" && $(PY) -m pip uninstall --yes --quiet bright-spots
	$(PY) -m pip freeze --exclude-editable | grep -v '^bright-spots' > requirements.lock

# A real OpenSearch node from Maven Central artifacts (searchnode/); data under var/searchnode.
.PHONY: search-node search-node-stop test-search-node
SEARCH_NODE_PORT ?= 9200
export SEARCH_NODE_PORT

search-node: install ## Start a real OpenSearch node on 127.0.0.1:$SEARCH_NODE_PORT (9200); waits for green
	$(PY) searchnode/control.py start

search-node-stop: ## Stop the OpenSearch node(s) started by make search-node, cleanly
	$(PY) searchnode/control.py stop

test-search-node: install ## The search suite against a real node (started and stopped here)
	@mkdir -p var
	$(PY) searchnode/control.py start
	SEARCH_ENGINE=opensearch3 SEARCH_URL=http://127.0.0.1:$(SEARCH_NODE_PORT) SEARCH_INDEX_PREFIX=test_ \
	  $(PY) -m pytest tests/search --search-node -p no:cacheprovider; \
	  status=$$?; $(PY) searchnode/control.py stop; exit $$status

clean: ## Remove the virtualenv, collected static files and caches (keeps var/ data)
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .coverage htmlcov
