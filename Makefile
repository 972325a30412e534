# The platform's commands. `make run` serves a living demo site; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
PIP := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt

.PHONY: run test serve bench lint install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) run --host 127.0.0.1 --port 5000

# The production server: gunicorn with deploy/gunicorn.conf.py, against DATABASE_URL, REDIS_URL
# and SMTP_URL from the environment. APP_ENV defaults to production, which needs SECRET_KEY.
serve: install
	@if [ "$${APP_ENV:-production}" = production ] && [ -z "$$SECRET_KEY" ]; then \
		echo "make serve runs in production mode (APP_ENV=production), which needs SECRET_KEY."; \
		echo "Set it to a random value of at least 32 characters, the same on every machine:"; \
		echo "  export SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"; \
		echo "(or APP_ENV=development make serve to try gunicorn on a development setup)"; \
		exit 1; \
	fi
	APP_ENV=$${APP_ENV:-production} $(FLASK) db upgrade
	APP_ENV=$${APP_ENV:-production} exec $(BIN)/gunicorn -c deploy/gunicorn.conf.py

# Every benchmark in bench/ in turn (see bench/README.md); each prints its figures.
bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

test: install-test
	scripts/ensure-chromium
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/bandit -q -c pyproject.toml -r app.py config.py extensions.py blueprints models services rules integrations deploy

clean:
	rm -rf $(VENV) instance/platform.db*
