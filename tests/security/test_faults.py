"""What visitors and load balancers get when a service behind the site is down or hangs.

The database faults are real: an app server (gunicorn, as in production) whose database address
points at a loopback port where nothing listens, or at one that accepts and never answers.
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

from tests.silent import silent_server

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict | None = None, timeout: float = 10):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@contextlib.contextmanager
def app_server(log: Path, workers: int = 1, **environment):
    """gunicorn serving the site on a free loopback port with `environment` added to this
    process's; yields its base URL once it answers, and stops it afterwards."""
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    env.update(environment)
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
                fetch(f"{base}/health/live/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the app server did not start:\n" + log.read_text())
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a worker still stuck in a request a test left hanging
            server.kill()
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


@pytest.fixture(scope="module")
def site_with_hung_database(tmp_path_factory):
    """An app server whose database accepts connections and never answers (a frozen or
    overloaded server), with the connect timeout the settings read from DB_CONNECT_TIMEOUT."""
    log = tmp_path_factory.mktemp("hung-db") / "server.log"
    with (
        silent_server() as database,
        app_server(
            log,
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=f"postgres://site@{database.host}:{database.port}/site",
            DB_CONNECT_TIMEOUT="2",
        ) as base,
    ):
        yield base, log, database


def test_a_hung_database_gives_the_503_page_in_seconds_not_a_hung_worker(site_with_hung_database):
    base, log, database = site_with_hung_database
    # The client waits 20 s at most; without a connect timeout the worker would wait for ever.
    status, headers, html = fetch(base + "/de/designerinnen/", timeout=20)
    assert status == 503
    assert "Die Seite ist gleich wieder da." in html
    assert headers["Retry-After"] == "30"
    assert database.connections > 0, "the site did try the hung database"
    assert "database unavailable: OperationalError" in log.read_text()

    assert fetch(f"{base}/health/ready/", timeout=20)[0] == 503
    assert fetch(f"{base}/health/live/", timeout=20)[0] == 200
    assert redirect_of(f"{base}/", {"Accept-Language": "fr-BE,fr"}) == (302, "/fr/")


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


@pytest.mark.parametrize("path", ["/health/", "/health/ready/"])
def test_readiness_names_the_failing_database(site_without_database, path):
    base, _log = site_without_database
    status, headers, body = fetch(base + path)
    assert status == 503
    assert json.loads(body) == {
        "status": "failing",
        "database": "failing",
        "cache": "ok",
        "storage": "ok",
    }
    assert "no-cache" in headers["Cache-Control"]


def test_liveness_answers_without_the_database(site_without_database):
    base, _log = site_without_database
    status, headers, body = fetch(f"{base}/health/live/")
    assert status == 200
    assert json.loads(body) == {"status": "ok"}
    assert "Set-Cookie" not in headers


def test_root_redirects_to_a_language_without_the_database(site_without_database):
    base, _log = site_without_database
    assert redirect_of(base + "/?ref=x", {"Accept-Language": "nl"}) == (302, "/nl/?ref=x")


def redirect_of(url: str, headers: dict) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=20)
    return redirect.value.code, redirect.value.headers["Location"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/health/", "/health/ready/"])
def test_readiness_is_ok_when_everything_answers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    assert not response.cookies


@pytest.mark.django_db
def test_storage_that_cannot_be_written_degrades_but_keeps_the_server_in_rotation(
    client, settings, tmp_path
):
    blocker = tmp_path / "media"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = str(blocker)

    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "storage": "failing",
    }
