"""A PostgreSQL server that hangs under a running site: its postmaster is frozen (SIGSTOP), so
new connections are accepted by the kernel and never answered. Cached pages keep coming from the
page cache, `/` still redirects, uncached pages get the 503 page within seconds.

Needs the suite's PostgreSQL (the pass of `scripts/test` on PostgreSQL); on SQLite there is no
server to freeze, and the silent-socket test in test_faults.py covers the same settings.
"""

import contextlib
import os
import signal
import tempfile
from pathlib import Path

import pytest

from tests.databases import copy_of_test_database
from tests.security.test_faults import app_server, fetch, redirect_of

PATHS = ["/de/", "/en/designers/", "/fr/"]


@contextlib.contextmanager
def frozen_postmaster():
    """SIGSTOP the suite's PostgreSQL postmaster, SIGCONT it afterwards whatever happens."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        data_directory = Path(cursor.fetchone()[0])
    pid = int((data_directory / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


@pytest.fixture(scope="module")
def site_on_postgres(django_db_setup, django_db_blocker, redis_server):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL pass: a real server to freeze")
    workdir = Path(tempfile.mkdtemp(prefix="maan-hung-db-"))
    with (
        django_db_blocker.unblock(),
        copy_of_test_database(workdir, site=("127.0.0.1", 80)) as url,
        app_server(
            workdir / "server.log",
            workers=2,
            DJANGO_SETTINGS_MODULE="tests.redis_settings",
            DATABASE_URL=url,
            DB_CONNECT_TIMEOUT="2",
            REDIS_URL=redis_server.url.rsplit("/", 1)[0] + "/2",
        ) as base,
    ):
        yield base, workdir / "server.log", django_db_blocker


# A database test, so that pytest-django runs it before the transactional tests (see
# test_cache_faults.py: the module's fixture copies the test database).
@pytest.mark.django_db
def test_cached_pages_answer_while_postgres_hangs(site_on_postgres):
    base, log, blocker = site_on_postgres
    warm = {}
    for path in PATHS:
        fetch(base + path, timeout=60)
        status, headers, html = fetch(base + path)
        assert (status, headers["X-Cache"]) == (200, "hit"), path
        warm[path] = html

    with blocker.unblock(), frozen_postmaster():
        for path in PATHS:
            status, headers, html = fetch(base + path, timeout=20)
            assert (status, headers["X-Cache"]) == (200, "hit"), path
            assert html == warm[path]
        assert redirect_of(f"{base}/", {"Accept-Language": "en"}) == (302, "/en/")
        # Not cached: the database is needed, and the worker gives up connecting in seconds.
        status, _headers, html = fetch(f"{base}/de/designerinnen/lena-hoffmann/", timeout=20)
        assert status == 503
        assert "Die Seite ist gleich wieder da." in html
        status, _headers, body = fetch(f"{base}/health/ready/", timeout=20)
        assert status == 503 and '"database": "failing"' in body
        assert fetch(f"{base}/health/live/", timeout=20)[0] == 200
    assert "database unavailable: OperationalError" in log.read_text()
