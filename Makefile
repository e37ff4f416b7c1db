# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format demo install messages bench clean check-deploy \
	system-packages system-packages-test

# Debian packages, checked on every run (quick when present): running needs a few; the
# browser tests add chromium. Each says what it installs first and upgrades nothing.
system-packages:
	@bash .ci/system-packages run

system-packages-test:
	@bash .ci/system-packages test

$(STAMP): requirements/dev.txt requirements/base.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

install: system-packages $(STAMP)

messages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: install messages
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py seed_demo --if-empty
	@echo
	@echo "  Konsultacje runs at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: install messages
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py seed_demo --reset

# The suite runs in parallel (pytest-xdist, one process per core), then the tests marked
# `services` run serially: they share the real Celery worker's fixed database
# (test_<DATABASE_NAME>), which xdist's per-process databases would miss. Both runs report;
# either failing fails (5, "nothing selected", is not a failure). Serially:
# make test PYTEST_ARGS="-n 0". With the clock a year ahead: CLOCK_OFFSET_DAYS=400 make test.
PYTEST_ARGS ?= -n auto
test: system-packages-test install messages
	@status=0; \
	$(BIN)/python -m pytest -m "not services" $(PYTEST_ARGS) || [ $$? -eq 5 ] || status=1; \
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m services -n 0 || [ $$? -eq 5 ] || status=1; \
	exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=konsultacje.example.org DJANGO_SETTINGS_MODULE=config.settings.base \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) var
