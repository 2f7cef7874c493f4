"""Posts that arrive at the same moment: the rate limit counts each exactly once, and one form
posted several times at once is still one enquiry.

Real concurrency: threads posting to a real app server (gunicorn) on a copy of the test
database, once with its cache in its own memory (one process, eight threads) and once on the
test's Redis server (two processes sharing it); and threads taking rate-limit slots directly
from the local-memory cache and from Redis.
"""

import contextlib
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.test import RequestFactory

from enquiries import spam
from enquiries.models import EnquiryFormPage
from tests.databases import copy_of_test_database
from tests.enquiries.conftest import answers
from tests.security.test_faults import app_server

POSTS = 20
LIMIT = 5  # the default ENQUIRY_RATE_LIMIT


def _together(count: int, work):
    """Run `work(i)` in `count` threads released at the same instant; their results in order."""
    barrier = threading.Barrier(count)

    def run(number):
        barrier.wait()
        return work(number)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


# -- The slot itself, on each cache --------------------------------------------------------------


@pytest.fixture(params=["locmem", "redis"])
def rate_cache(request, settings):
    from django.core.cache import cache

    if request.param == "redis":
        request.getfixturevalue("redis_caches")
    cache.clear()
    settings.ENQUIRY_RATE_LIMIT = LIMIT
    yield request.param
    cache.clear()


def test_concurrent_slots_let_exactly_the_limit_through(rate_cache):
    post = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    taken = _together(POSTS, lambda _number: spam.take_rate_slot(post))
    assert taken.count(True) == LIMIT
    # Another address has its own count.
    assert spam.take_rate_slot(RequestFactory().post("/", REMOTE_ADDR="203.0.113.10"))


def test_a_slot_given_back_is_free_again(rate_cache):
    post = RequestFactory().post("/", REMOTE_ADDR="203.0.113.11")
    assert all(spam.take_rate_slot(post) for _ in range(LIMIT))
    assert not spam.take_rate_slot(post)
    spam.give_back_rate_slot(post)  # the refused one
    spam.give_back_rate_slot(post)  # a repeat that stored nothing
    assert spam.take_rate_slot(post)
    assert not spam.take_rate_slot(post)


# -- Whole posts against an app server -----------------------------------------------------------


class Server:
    def __init__(self, base: str, count_rows):
        self.base = base
        self.count_rows = count_rows

    def post_form(self, page_id: int, token: str, client: str, **changes):
        body = urllib.parse.urlencode({**answers(**changes), "form_token": token}, doseq=True)
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            f"{self.base}/de/anfrage-senden/{page_id}/",
            data=body.encode(),
            headers={
                "Origin": self.base,
                "Sec-Fetch-Site": "same-origin",
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": client,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def _row_counter(url: str):
    """Counts the copy's enquiries whose company starts with a prefix (SQLite file or PostgreSQL),
    or only those whose mails went out (`sent=True`)."""
    query = "SELECT count(*) FROM enquiries_enquiry WHERE form_data LIKE %s"
    sent = " AND notification_state = 'sent'"
    if url.startswith("sqlite:///"):
        import sqlite3

        def count(prefix, sent_only=False):
            with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
                sql = query.replace("%s", "?") + (sent if sent_only else "")
                return db.execute(sql, (f'%"{prefix}%',)).fetchone()[0]

        return count
    import psycopg

    def count(prefix, sent_only=False):
        with psycopg.connect(url) as db:
            sql = query.replace("form_data", "form_data::text") + (sent if sent_only else "")
            return db.execute(sql, (f'%"{prefix}%',)).fetchone()[0]

    return count


@pytest.fixture(scope="module", params=["locmem", "redis"])
def server(request, django_db_setup, django_db_blocker):
    """gunicorn on a copy of the test database: one process with eight threads and its own
    local-memory cache, or two processes with four threads each sharing the test's Redis."""
    workdir = Path(tempfile.mkdtemp(prefix="maan-enquiry-concurrency-"))
    environment = {
        "DATABASE_URL": None,
        "ENQUIRY_PROXY_COUNT": "1",  # each test posts from its own (forwarded) address
        "LOG_LEVEL": "WARNING",
    }
    if request.param == "redis":
        import redis

        redis_server = request.getfixturevalue("redis_server")
        if redis_server.process is None:
            redis_server.start()
        url = redis_server.url.rsplit("/", 1)[0] + "/3"
        redis.Redis.from_url(url).flushdb()
        environment.update(
            DJANGO_SETTINGS_MODULE="tests.redis_settings", REDIS_URL=url, workers=2, threads=4
        )
    else:
        environment.update(DJANGO_SETTINGS_MODULE="config.settings.test", workers=1, threads=8)
    with django_db_blocker.unblock(), copy_of_test_database(workdir, site=("127.0.0.1", 80)) as url:
        environment["DATABASE_URL"] = url
        workers = environment.pop("workers")
        threads = environment.pop("threads")
        # A short graceful timeout: the fixture waits 10 s for the server to stop.
        environment["GUNICORN_CMD_ARGS"] = f"--threads {threads} --graceful-timeout 3"
        with app_server(workdir / "server.log", workers=workers, **environment) as base:
            yield Server(base, _row_counter(url))


def _form_page_id(django_db_blocker) -> int:
    with django_db_blocker.unblock():
        return EnquiryFormPage.objects.get(locale__language_code="de").pk


# Database tests, so that pytest-django runs them before the transactional tests, whose flush at
# the end empties the test database the server's copy is made from.
@pytest.mark.django_db
def test_twenty_concurrent_posts_store_exactly_five(server, django_db_blocker):
    page_id = _form_page_id(django_db_blocker)
    tokens = [spam.make_token(page_id, {}, now=time.time() - 30) for _ in range(POSTS)]
    results = _together(
        POSTS,
        lambda number: server.post_form(
            page_id, tokens[number], "198.51.100.7", company=f"Ansturm {number}"
        ),
    )
    statuses = sorted(status for status, _html in results)
    assert statuses == [200] * LIMIT + [429] * (POSTS - LIMIT)
    assert server.count_rows("Ansturm ") == LIMIT
    # The team heard of each at once: every mail task finished while the others were storing
    # theirs (on SQLite it once failed with "database is locked": tests/core/test_sqlite_locking).
    assert server.count_rows("Ansturm ", sent_only=True) == LIMIT
    assert all("Vielen Dank" in html for status, html in results if status == 200)
    assert all("sehr viele Anfragen" in html for status, html in results if status == 429)


@pytest.mark.django_db
def test_one_form_posted_four_times_at_once_is_one_enquiry(server, django_db_blocker):
    page_id = _form_page_id(django_db_blocker)
    token = spam.make_token(page_id, {}, now=time.time() - 30)
    results = _together(
        4, lambda _number: server.post_form(page_id, token, "198.51.100.8", company="Doppelt GmbH")
    )
    assert [status for status, _html in results] == [200] * 4
    assert all("Vielen Dank" in html for _status, html in results)
    assert server.count_rows("Doppelt GmbH") == 1
    # The repeats gave their rate slots back: four more forms from this address fit in.
    more = [
        server.post_form(
            page_id,
            spam.make_token(page_id, {}, now=time.time() - 30),
            "198.51.100.8",
            company=f"Danach {number}",
        )[0]
        for number in range(LIMIT)
    ]
    assert more == [200] * (LIMIT - 1) + [429]
