"""What visitors and load balancers get when a service behind the site is down.

The database fault is real: an app server (gunicorn, as in production) whose database address
points at a loopback port where nothing listens.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@contextlib.contextmanager
def app_server(log: Path, workers: int = 1, **environment):
    """gunicorn serving the site on a free loopback port with `environment` added to this
    process's; yields its base URL once it answers, and stops it afterwards."""
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **environment}
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "config.wsgi"),
                *("--pythonpath", "site", "--bind", f"127.0.0.1:{port}"),
                *("--workers", str(workers), "--no-control-socket"),
            ],
            cwd=REPO,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(300):
            try:
                fetch(f"{base}/health/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the app server did not start:\n" + log.read_text())
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    log = tmp_path_factory.mktemp("no-db") / "server.log"
    with app_server(
        log,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"postgres://site@127.0.0.1:{_free_port()}/site",
    ) as base:
        yield base, log


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/de/", "Die Seite ist gleich wieder da."),
        ("/en/designers/", "back in a moment"),
        ("/nl/", "zo weer terug"),
        ("/fr/", "de retour dans un instant"),
    ],
)
def test_database_down_gives_a_friendly_503_in_the_visitors_language(
    site_without_database, path, text
):
    base, log = site_without_database
    status, headers, html = fetch(base + path)
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert text in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert "Set-Cookie" not in headers
    assert "database unavailable: OperationalError" in log.read_text()


def test_health_endpoint_names_the_failing_database(site_without_database):
    base, _log = site_without_database
    status, headers, body = fetch(f"{base}/health/")
    assert status == 503
    assert json.loads(body) == {"database": "failing", "cache": "ok", "storage": "ok"}
    assert "no-cache" in headers["Cache-Control"]


@pytest.mark.django_db
def test_health_endpoint_is_ok_when_everything_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "storage": "ok"}
    assert not response.cookies


@pytest.mark.django_db
def test_health_endpoint_notices_storage_that_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "media"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = str(blocker)

    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["storage"] == "failing"
    assert response.json()["database"] == "ok"
