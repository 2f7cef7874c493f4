# The two commands: `make run` (the site with demo content) and `make test` (everything).
.PHONY: run test setup lint format messages

PY := .venv/bin/python

setup:
	@scripts/bootstrap

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
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
