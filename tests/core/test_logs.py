"""Production's log lines: one JSON object each, a stable `event`, no personal data."""

import logging

import pytest
from django.http import HttpResponseServerError
from django.test import RequestFactory
from django.utils.log import log_response

from catalogue.sample import SAMPLE_DIR


def test_a_record_is_one_json_object_with_its_event_and_fields(json_log):
    logging.getLogger("catalogue.sync").warning(
        "Sync of %s failed", "feed.json", extra={"event": "catalogue_sync_failed", "run_id": 7}
    )
    (line,) = json_log.read()
    assert "\n" not in json_log.text.rstrip("\n")
    assert line["level"] == "WARNING"
    assert line["logger"] == "catalogue.sync"
    assert line["message"] == "Sync of feed.json failed"
    assert (line["event"], line["run_id"]) == ("catalogue_sync_failed", 7)
    assert line["time"].endswith("+00:00")


def test_a_server_error_is_logged_without_the_visitors_address_agent_or_query(json_log):
    request = RequestFactory().post(
        "/de/anfrage-senden/5/?email=erika@example.org&name=Erika",
        {"email": "erika@example.org"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="Mozilla/5.0 Geheimbrowser",
    )
    try:
        raise ValueError("SMTP refused erika@example.org from 203.0.113.77")
    except ValueError:
        log_response(
            "Internal Server Error: %s",
            request.path,
            response=HttpResponseServerError(),
            request=request,
            exception=True,
        )
    (line,) = json_log.read()
    assert line["logger"] == "django.request"
    assert line["status_code"] == 500
    assert line["exception"] == "ValueError"
    assert "/de/anfrage-senden/5/" in line["message"]
    for personal in ("erika", "Erika", "203.0.113.77", "Geheimbrowser", "name="):
        assert personal not in json_log.text
    assert "[email]" in line["traceback"] and "[ip]" in line["traceback"]


def test_the_formatter_is_production_s_default_and_text_the_development_default():
    import subprocess
    import sys

    from tests.core.test_settings import PRODUCTION, ROOT

    code = "from django.conf import settings as s; print(s.LOGGING['handlers']['console']['formatter'])"
    formats = {}
    for module, extra in (("production", PRODUCTION), ("dev", {})):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT / "site",
            env={
                "DJANGO_SETTINGS_MODULE": f"config.settings.{module}",
                "PATH": "/usr/bin",
                **extra,
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        formats[module] = result.stdout.strip()
    assert formats == {"production": "json", "dev": "text"}


@pytest.mark.django_db
def test_a_refused_and_a_failed_catalogue_sync_are_logged(demo, tmp_path, json_log, monkeypatch):
    from catalogue.sync import engine
    from catalogue.sync.engine import run_sync

    run_sync(str(tmp_path / "missing.json"))
    (refused,) = json_log.events("catalogue_sync_refused")
    assert refused["level"] == "ERROR" and refused["run_id"]

    def explode(self):
        raise RuntimeError("database went away")

    monkeypatch.setattr(engine.Sync, "run", explode)
    summary = run_sync(str(SAMPLE_DIR / "catalogue.json"))
    assert summary.status == "failed"
    (failed,) = json_log.events("catalogue_sync_failed")
    assert failed["level"] == "ERROR" and failed["exception"] == "RuntimeError"
    assert failed["run_id"] == summary.run_id


def test_addresses_are_masked_but_times_and_ports_are_kept():
    from core.logs import scrub

    text = "retry at 12:30:45 for erika@example.org via 203.0.113.7:25, ::1 and 2001:db8::7"
    assert scrub(text) == "retry at 12:30:45 for [email] via [ip]:25, [ip] and [ip]"
