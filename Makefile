# The two commands: `make run` (the site with demo content) and `make test` (everything).
# `make run` installs what running the site needs; the test tools (pytest, moto, Playwright, ruff,
# the npm packages) come with `make test` and the targets that use them (setup).
.PHONY: run test setup setup-run lint format messages

PY := .venv/bin/python

setup:
	@scripts/bootstrap test

setup-run:
	@scripts/bootstrap run

# One line per step; load_demo ends with the address and the logins in a box.
run: setup-run
	@echo "run: migrating the database"
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py load_demo
	@$(PY) manage.py runserver 127.0.0.1:8000

test:
	@scripts/test

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Extract interface strings into locale/*/LC_MESSAGES/django.po (then translate the new entries).
messages: setup
	$(PY) manage.py makemessages -l de -l en -l nl -l fr --ignore=.venv --ignore=node_modules --ignore=artifacts --no-obsolete --add-location=file
