"""The page cache when a service behind it fails: Redis down (pages served uncached), Redis hung
(one timeout, then pages served uncached until it answers again) and the database down (cached
pages still served). The services are real and really stopped or frozen."""

import logging
import tempfile
from pathlib import Path

import pytest

from tests.databases import copy_of_test_database
from tests.security.test_faults import app_server, fetch

REPO = Path(__file__).resolve().parents[2]
PATHS = ["/de/", "/en/designers/", "/nl/", "/fr/"]


@pytest.mark.django_db
def test_redis_down_pages_are_served_uncached_with_one_warning(
    client, demo, redis_caches, caplog, monkeypatch
):
    from core import cache

    monkeypatch.setattr(cache, "_failing", False)
    client.get("/de/")
    assert client.get("/de/")["X-Cache"] == "hit"

    redis_caches.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for path in [*PATHS, *PATHS]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert response["X-Cache"] == "bypass"
            assert not response.cookies
        assert client.get("/health/").json()["cache"] == "failing"
    messages = [record.getMessage() for record in caplog.records if record.name == "core.cache"]
    assert messages == ["cache unavailable (ConnectionError): serving without it"]

    redis_caches.start()
    monkeypatch.setattr(cache, "_retry_at", 0.0)  # REDIS_RETRY_AFTER has passed
    client.get("/de/")
    assert client.get("/de/")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_a_hung_redis_costs_one_timeout_and_a_publish_meanwhile_shows_when_it_answers(
    client, demo, redis_caches, caplog, monkeypatch, settings
):
    """A frozen redis-server (SIGSTOP: connections open, nothing answers) costs this process one
    command's timeout, not one per cache call: the pages after it are served uncached without
    asking Redis, for `REDIS_RETRY_AFTER` seconds. An editor's publish while it hangs cannot
    replace the versions kept in Redis; when Redis answers again, the process replaces them
    before it uses anything kept there, and the visitor sees the new title, not the page kept
    before the publish."""
    from core import cache
    from project.models import ProjectPage

    monkeypatch.setattr(cache, "_failing", False)
    monkeypatch.setattr(cache, "_retry_at", 0.0)
    settings.REDIS_RETRY_AFTER = 600  # no retry while the test runs, however slow the machine
    failures = []
    failed = cache._failed
    monkeypatch.setattr(cache, "_failed", lambda error: (failures.append(error), failed(error)))
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    url = about.url
    for path in [url, url, *PATHS]:
        client.get(path)
    assert client.get(url)["X-Cache"] == "hit"

    redis_caches.freeze()
    try:
        with caplog.at_level(logging.WARNING, logger="core.cache"):
            for path in [url, *PATHS, *PATHS]:
                response = client.get(path)
                assert response.status_code == 200, path
                assert response["X-Cache"] == "bypass"
            assert client.get("/health/").json()["cache"] == "failing"
            about.title = "Über uns im Aachener Norden"
            about.save_revision().publish()
            assert "Über uns im Aachener Norden" in client.get(url).content.decode()
        assert len(failures) == 1, failures  # one command timed out; no other was sent
        assert type(failures[0]).__name__ == "TimeoutError"
    finally:
        redis_caches.thaw()

    monkeypatch.setattr(cache, "_retry_at", 0.0)  # REDIS_RETRY_AFTER has passed
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert client.get(PATHS[1]).status_code == 200  # the first page after: Redis answers
        shown = client.get(url)  # kept in Redis before the publish: not served
    assert "Über uns im Aachener Norden" in shown.content.decode()
    assert client.get(url)["X-Cache"] == "hit"  # Redis keeps pages again
    assert "Über uns im Aachener Norden" in client.get(url).content.decode()
    messages = [record.getMessage() for record in caplog.records if record.name == "core.cache"]
    assert messages == [
        "cache unavailable (TimeoutError): serving without it",
        "cache available again",
    ]


@pytest.fixture(scope="module")
def cached_site(django_db_setup, django_db_blocker, redis_server):
    """An app server (gunicorn) on a copy of the test database with its caches on the test's
    Redis server; yields its base URL and a function that takes its database down for real."""
    from django.db import connection

    workdir = Path(tempfile.mkdtemp(prefix="maan-cache-fault-"))
    with django_db_blocker.unblock(), copy_of_test_database(workdir, site=("127.0.0.1", 80)) as url:
        vendor = connection.vendor

        def stop_database():
            if vendor == "sqlite":
                # The file goes and a folder takes its place: every new connection fails to open it.
                path = Path(url.removeprefix("sqlite:///"))
                path.rename(workdir / "gone.sqlite3")
                path.mkdir()
                return
            import psycopg

            name = url.rsplit("/", 1)[1]
            admin = url.rsplit("/", 1)[0] + "/postgres"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (name,),
                )

        try:
            with app_server(
                workdir / "server.log",
                workers=2,
                DJANGO_SETTINGS_MODULE="tests.redis_settings",
                DATABASE_URL=url,
                REDIS_URL=redis_server.url.rsplit("/", 1)[0] + "/1",
            ) as base:
                yield base, stop_database
        finally:
            if vendor != "sqlite":
                import psycopg

                name = url.rsplit("/", 1)[1]
                admin = url.rsplit("/", 1)[0] + "/postgres"
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


# A database test, so that pytest-django runs it before the transactional tests, whose flush at
# the end empties the test database this fixture copies (module scope: copied before the test's
# transaction begins).
@pytest.mark.django_db
def test_database_down_cached_pages_are_still_served(cached_site):
    base, stop_database = cached_site
    warm = {}
    for path in PATHS:
        status, _headers, html = fetch(base + path)
        assert status == 200, (path, html[:2000])
        status, headers, html = fetch(base + path)
        assert headers["X-Cache"] == "hit"
        warm[path] = html

    stop_database()
    for path in PATHS:
        status, headers, html = fetch(base + path)
        assert status == 200, path
        assert headers["X-Cache"] == "hit"
        assert html == warm[path]
        assert "Set-Cookie" not in headers
    status, headers, html = fetch(base + "/de/designerinnen/lena-hoffmann/")
    assert status == 503
    assert "Die Seite ist gleich wieder da." in html
    status, _headers, _body = fetch(f"{base}/health/")
    assert status == 503
