"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "www.made-in-aachen-nord.example",
    "DATABASE_URL": "sqlite:///" + str(ROOT / ".tmp" / "production-check.sqlite3"),
}


def manage(*args, env_overrides=None, drop=()):
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", *drop}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **(env_overrides or {})})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", env_overrides=env, drop=(missing,))
    assert result.returncode != 0
    assert f"Set the environment variable {missing}" in result.stderr


def test_s3_storage_is_selected_by_bucket_name_and_never_overwrites():
    code = (
        "from django.conf import settings as s; o = s.STORAGES['default'];"
        "print(o['BACKEND'], o['OPTIONS']['file_overwrite'], o['OPTIONS']['endpoint_url'])"
    )
    env = {
        **PRODUCTION,
        "AWS_STORAGE_BUCKET_NAME": "media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
    }
    result = manage("shell", "-c", code, env_overrides=env)
    assert (
        result.stdout.strip().splitlines()[-1]
        == "core.storage.MediaStorage False http://127.0.0.1:9"
    )


@pytest.mark.django_db
def test_suite_runs_on_the_configured_database():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
    if expected == "postgresql":
        from django.conf import settings

        assert "django.contrib.postgres" in settings.INSTALLED_APPS


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = manage("shell", "-c", code, env_overrides=PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == "60 True", result.stderr
    result = manage("shell", "-c", code, env_overrides={**PRODUCTION, "DB_CONN_MAX_AGE": "0"})
    assert result.stdout.strip().splitlines()[-1] == "0 True", result.stderr


MACHINE_TRANSLATOR = (
    "from wagtail_localize.machine_translators import get_machine_translator as g; t = g();"
    "print(type(t).__name__, t.get_api_endpoint() if hasattr(t, 'get_api_endpoint') else '-')"
)


@pytest.mark.parametrize(
    ("settings_module", "key", "expected"),
    [
        ("config.settings.production", "", "NoneType -"),
        ("config.settings.production", "k3y", "DeepLTranslator https://api.deepl.com/v2/translate"),
        ("config.settings.dev", "", "DummyTranslator -"),
        (
            "config.settings.dev",
            "k3y:fx",
            "DeepLTranslator https://api-free.deepl.com/v2/translate",
        ),
    ],
)
def test_deepl_api_key_switches_machine_translation_to_deepl(settings_module, key, expected):
    # Only the translator object is built: nothing is sent to DeepL.
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": settings_module, "DEEPL_API_KEY": key}
    result = manage("shell", "-c", MACHINE_TRANSLATOR, env_overrides=env)
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


def test_review_mails_come_from_the_configured_sender_to_moderators_only():
    code = (
        "from django.conf import settings as s; print(s.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL, "
        "s.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS, s.WAGTAILADMIN_NOTIFICATION_USE_HTML)"
    )
    result = manage("shell", "-c", code, env_overrides=PRODUCTION)
    last = result.stdout.strip().splitlines()[-1]
    assert last == "Made in Aachen-Nord <hallo@made-in-aachen-nord.example> False False"
    env = {
        **PRODUCTION,
        "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL": "redaktion@example.org",
        "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS": "true",
    }
    result = manage("shell", "-c", code, env_overrides=env)
    assert result.stdout.strip().splitlines()[-1] == "redaktion@example.org True False"


def test_on_the_embedded_sqlite_readers_and_a_writer_never_wait_for_each_other(tmp_path):
    """The task worker or a catalogue sync commits while a visitor's page is reading: with the
    write-ahead log neither waits (with SQLite's rollback journal the commit waited for the
    reader and failed with "database is locked"); the reader sees the last committed state, the
    new rows once it reads again."""
    code = """
from django.db import connections
writer = connections["default"]
writer.settings_dict["OPTIONS"]["timeout"] = 1
reader = connections.create_connection("default")
with writer.cursor() as c:
    c.execute("CREATE TABLE shelf (name TEXT)")
    c.execute("INSERT INTO shelf VALUES ('committed')")
with reader.cursor() as r:
    r.execute("BEGIN")
    r.execute("SELECT name FROM shelf")
    r.fetchall()
    with writer.cursor() as c:
        c.execute("INSERT INTO shelf VALUES ('synced')")
    print("commit: done")
    r.execute("SELECT name FROM shelf ORDER BY name")
    print("reading:", [row[0] for row in r.fetchall()])
    r.execute("COMMIT")
    r.execute("SELECT name FROM shelf ORDER BY name")
    print("next read:", [row[0] for row in r.fetchall()])
"""
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    result = manage(
        "shell",
        "-c",
        code,
        env_overrides={**database, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
    )
    assert result.returncode == 0, result.stderr
    assert "commit: done" in result.stdout, result.stdout + result.stderr
    assert "reading: ['committed']" in result.stdout
    assert "next read: ['committed', 'synced']" in result.stdout
