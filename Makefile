# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format demo install messages bench clean check-deploy

$(STAMP): requirements/dev.txt requirements/base.txt
	bash .ci/system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

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

test: install messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
