# The two commands that matter: `make run` and `make test`. Everything installs into
# .venv from the locked, hashed requirement files (pip --require-hashes); nothing is
# installed by hand. `make lock` rewrites the locks from requirements*.in.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
TEST_WORKERS ?= 2
PYTEST_ARGS ?=

LOCK := $(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

.PHONY: run test lint fmt messages bench backup restore install install-dev chromium deploy-hosts clean lock

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

## Run the portal with demo data: web on http://127.0.0.1:8000/, Celery worker and beat.
## (The embedded PostgreSQL and Redis and the process runner are development packages.)
run: install-dev
	$(PY) -m cluster_portal.launcher run

## Run the whole test suite (lint, then pytest on PostgreSQL, Redis, Celery, SMTP, Chromium).
test: install-dev chromium deploy-hosts
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m cluster_portal.launcher exec -- $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

chromium:
	./bin/ensure-chromium

## nginx, PostgreSQL and Redis from Debian for the multi-host proof (tests/deploy).
deploy-hosts:
	./bin/ensure-deploy-hosts
## Back up the database and uploads into var/backups/<UTC time>/ (see README, "Backups").
backup: install
	$(PY) -m cluster_portal.launcher exec -- $(PY) manage.py backup

## Restore a backup folder: make restore FROM=var/backups/20270115T100000Z
restore: install
	@test -n "$(FROM)" || (echo "usage: make restore FROM=var/backups/<folder>" && exit 2)
	$(PY) -m cluster_portal.launcher exec -- $(PY) manage.py restore $(FROM)

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/djlint templates --lint

fmt: install-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## Extract and compile translations (needs GNU gettext; the compiled .mo is committed).
messages: install-dev
	$(PY) manage.py makemessages --locale pl --ignore ".venv/*" --ignore "var/*" --no-obsolete
	$(PY) manage.py compilemessages --locale pl --ignore ".venv/*"

bench: install-dev
	@for script in bench/*.py; do echo "== $$script"; $(PY) -m cluster_portal.launcher exec -- $(PY) $$script || exit 1; done

## Rewrite requirements.txt and requirements-dev.txt (pinned, with hashes) from the .in files.
lock: install-dev
	$(LOCK) --output-file=requirements.txt requirements.in
	$(LOCK) --output-file=requirements-dev.txt requirements-dev.in

clean:
	rm -rf var/test-media .pytest_cache .ruff_cache
