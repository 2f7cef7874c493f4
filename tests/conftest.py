"""Fixtures for the whole suite.

The test database is built once per run with the demo content (`load_demo`): the pages,
translations, navigation and footer a visitor sees. Each test runs in a transaction that is
rolled back, so tests can change anything without affecting the next one.

Tests marked `no_demo` build their own rows (`tests/factories.py`) and hold with or without the
demo. When every test a run selects is so marked, the run skips `load_demo` (minutes on a busy
machine); one unmarked test in the selection and the demo is loaded as before.
"""

import sys

import pytest
from django.core.management import call_command

DEMO_ADMIN_PASSWORD = "demo-admin-password-for-tests"

demo_needed = pytest.StashKey[bool]()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "no_demo: builds its own data (tests/factories.py); a run of only such tests loads no demo",
    )
    config.stash[demo_needed] = True


# Where the site's code takes another path on SQLite than on PostgreSQL (the sync's lock and
# heartbeat, click counting, search, the bounded listings' SQL, the settings per engine, a cache
# fault that removes the database file, concurrent posts, a data migration) or where the
# embedded default of `make run` must hold (load_demo): these run in both passes of
# `scripts/test`. The other tests that are not browser tests run on PostgreSQL only, when both
# passes run (docs/testing.md).
BOTH_ENGINES = (
    "tests/catalogue/",
    "tests/demo/",
    "tests/enquiries/",
    "tests/seo/",
    "tests/shop_links/",
    "tests/core/test_bounded_listings.py",
    "tests/core/test_settings.py",
    "tests/core/test_sqlite_locking.py",
    "tests/products/test_migration.py",
    "tests/products/test_products.py",
    "tests/security/test_cache_faults.py",
)


def pytest_itemcollected(item):
    """Marks BOTH_ENGINES' tests `both_engines` (before `-m` selects)."""
    if item.nodeid.startswith(BOTH_ENGINES):
        item.add_marker(pytest.mark.both_engines)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Decided once the selection is final (after -k, -m and deselection by other plugins).

    The browser tests go to the end of the tests that roll back (pytest-django runs those first,
    then the transactional ones, which empty the database, then those without one): the browser
    tests keep both cores busy (Chromium, the site's server, the Nu checker), while the tests
    before them use one, which leaves the other to the PostgreSQL pass that `scripts/test` runs
    beside this one. They must come before the transactional tests: their server copies the
    test database, demo and all."""
    config.stash[demo_needed] = any(item.get_closest_marker("no_demo") is None for item in items)
    items.sort(
        key=lambda item: (_django_group(item), item.get_closest_marker("browser") is not None)
    )


def _django_group(item) -> int:
    """pytest-django's order: 0 rolled back, 1 transactional, 2 no database (a stable sort by it
    keeps the order pytest-django gave)."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    transactional = (
        marker is not None
        and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    ) or bool({"transactional_db", "live_server"} & set(fixtures))
    if transactional:
        return 1
    return 0 if marker is not None or "db" in fixtures else 2


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    if not request.config.stash[demo_needed]:
        return
    with django_db_blocker.unblock():
        # load_demo also makes the image renditions of every page (demo/renditions.py): they
        # are part of the session's database, and no test encodes AVIF/WebP again.
        call_command(
            "load_demo",
            admin_password=DEMO_ADMIN_PASSWORD,
            no_sample_application=True,  # tests start with no enquiry
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )


@pytest.fixture(autouse=True)
def fresh_page_frame():
    """A new version of the cached page frame and an empty page cache for each test: the rollback
    at a test's end sends no signal, so what a test cached would otherwise outlive its rows."""
    from wagtail.models import Site

    from core import frame, pagecache

    frame.reset()
    pagecache.reset()
    # Wagtail caches the sites' root paths; a test that changed a site (the factories make their
    # home the default site's root) leaves them stale after its rollback.
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def uncached_pages(settings, monkeypatch):
    """No page cache and no page fragments (`core.fragments`): for tests that count the queries
    of rendering a page (a cache miss, every part of the page rendered)."""
    from core import fragments

    settings.PAGE_CACHE_TIMEOUT = 0
    monkeypatch.setattr(fragments, "ENABLED", False)


@pytest.fixture
def uncached_pages_with_fragments(settings):
    """No page cache, the page fragments (`core.fragments`) kept as in production."""
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def demo(db):
    """The German home page of the demo site, reloading the demo if a transactional test wiped it."""
    from home.models import HomePage

    home = HomePage.objects.filter(locale__language_code="de").first()
    if home is None:
        call_command(
            "load_demo",
            admin_password=DEMO_ADMIN_PASSWORD,
            no_renditions=True,
            no_sample_application=True,
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )
        home = HomePage.objects.get(locale__language_code="de")
    return home


def shared_rows(django_db_blocker, build):
    """Rows a module's tests share, built once: Django's `TestCase.setUpTestData` for pytest.

    For a module-scoped fixture: `yield from shared_rows(django_db_blocker, build)`. `build()`
    runs in a transaction that stays open while the module's tests run; each test's own
    transaction is a savepoint inside it, rolled back after the test, so every test starts from
    the rows as `build()` left them; after the module's last test the whole is rolled back.
    `build()` should return primary keys, and a function-scoped fixture read the rows again for
    each test (a test may change the objects it is handed). Not for transactional tests (they
    empty the database); pytest-django runs those after the module's others, when the rows are
    gone."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            value = build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# The password of the users `login` makes.
PASSWORD = "role-password-for-tests"


@pytest.fixture
def login(demo):
    """`login("Editors")`: a client logged in as a new user whose only group is that role."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    def _login(group_name: str) -> Client:
        username = "user-" + group_name.lower().replace(" ", "-").replace("(", "").replace(")", "")
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group_name))
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        client.user = user
        return client

    return _login


@pytest.fixture
def admin_client(client, demo):
    """A client logged in as the demo's administrator."""
    client.login(username="admin", password=DEMO_ADMIN_PASSWORD)
    return client


@pytest.fixture
def json_log():
    """The lines production's JSON formatter writes during the test, parsed (a list of dicts)."""
    import io
    import json
    import logging

    from core.logs import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)

    class Lines(list):
        @property
        def text(self) -> str:
            return stream.getvalue()

        def events(self, name: str) -> list[dict]:
            return [line for line in self.read() if line.get("event") == name]

        def read(self) -> list[dict]:
            self[:] = [json.loads(line) for line in stream.getvalue().splitlines()]
            return self

    yield Lines()
    root.removeHandler(handler)
    root.setLevel(level)


class RedisServer:
    """Debian's redis-server on a free loopback port, without persistence; `stop()` and
    `start()` take it down and bring it back on the same port, `freeze()` and `thaw()` hang it
    and let it go on with what it holds (fault tests)."""

    def __init__(self, workdir, config=None):
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.workdir = workdir
        self.config = config  # a redis.conf to start with (the port, bind and dir given here win)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        import shutil
        import subprocess
        import time

        import redis

        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not shutil.which(binary):
            pytest.fail("redis-server is missing; install Debian's redis-server package")
        self.process = subprocess.Popen(
            [
                binary,
                *([str(self.config)] if self.config else []),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.workdir)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _attempt in range(100):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def freeze(self):
        """Stop the process without ending it (SIGSTOP): connections open, nothing answers."""
        import signal

        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        import signal

        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.thaw()  # a frozen process acts on no signal but this one
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_caches(redis_server, settings):
    """The site's caches ("default" and "pages") on the test's real Redis server, emptied."""
    from django.core.cache import caches

    from config.settings.base import redis_caches

    if redis_server.process is None:
        redis_server.start()
    settings.CACHES = redis_caches(redis_server.url)
    caches["pages"].clear()
    caches["default"].clear()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
