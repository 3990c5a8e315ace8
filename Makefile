# Brobygger: `make run` serves the demo, `make test` runs everything CI runs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PGDIR := /tmp/brobygger-test-pg-$(shell id -u)

.PHONY: run test venv dev-venv messages messages-update lint check serve demo clean

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.runtime
dev-venv: $(VENV)/.dev

messages: venv
	@$(PY) scripts/compile_messages.py

# Writes new strings from the code into every app's locale/da catalogue, to translate.
messages-update: venv
	DEBUG=1 $(PY) manage.py makemessages -l da --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'bench/*'
	@$(PY) scripts/compile_messages.py

demo: venv messages
	@scripts/system-deps run
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo --if-empty

run: demo
	@echo
	@echo "Brobygger runs on http://127.0.0.1:8000  (Ctrl-C stops it)"
	@echo "Sign in as koordinator, sagsbehandler, sagsbehandler2, opsoeger, analytiker, vejleder or admin"
	@echo "with the password brobygger-demo (demo users; no second factor on this demo server)."
	@echo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test:
	@scripts/system-deps test
	@$(MAKE) --no-print-directory dev-venv messages
	scripts/run-tests

lint: dev-venv
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
