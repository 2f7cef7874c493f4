"""What the browser tests need: the site in its own server, Chromium, axe-core, the Nu HTML checker.

The site runs in a separate process (gunicorn) on a copy of the suite's test database, which
holds the demo content, rather than in pytest-django's `live_server`: that one empties the test
database after each test, and the rest of the suite relies on the demo loaded into it once.

Nothing is skipped. A missing tool (Chromium, Java, the npm packages) fails the tests with a line
saying what to install, so that CI can never pass without having run them.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, Response, sync_playwright
from scripts.chromium import CHROMIUM_ARGS

from tests.browser.pages import WIDTHS
from tests.conftest import DEMO_ADMIN_PASSWORD
from tests.databases import copy_of_test_database

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
START_TIMEOUT = 90  # seconds; migrating a fresh Wagtail database on PostgreSQL takes about 10
ACCESS_LOG_FORMAT = "%(r)s %(s)s %(M)s ms"
SERVER_LOG_LINES = 80  # of the site server's log shown with a failed test


class _ServerLog:
    """The running site server's log (set by `site_url`), so that a failed test shows what the
    server wrote while it ran: which address answered 404, a traceback, a locked database. The
    server runs in its own process and its log is deleted with the session, so CI's output is
    the only place a failure that does not repeat can be read."""

    path: Path | None = None


def _server_log_size() -> int:
    try:
        return _ServerLog.path.stat().st_size if _ServerLog.path else 0
    except OSError:
        return 0


def pytest_runtest_setup(item):
    item.stash[_server_log_start] = _server_log_size()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.failed or _ServerLog.path is None:
        return
    try:
        with _ServerLog.path.open("rb") as log:
            log.seek(item.stash.get(_server_log_start, 0))
            written = log.read().decode(errors="replace").splitlines()
    except OSError:
        return
    shown = written[-SERVER_LOG_LINES:] or ["(nothing)"]
    report.sections.append(
        (f"site server log while the test ran (last {SERVER_LOG_LINES} lines)", "\n".join(shown))
    )


_server_log_start = pytest.StashKey[int]()


def _fail(what: str) -> None:
    pytest.fail(f"browser tests: {what}", pytrace=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_answering(url: str, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _fail(f"{what} exited with {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
                return
        except urllib.error.HTTPError:
            return  # it answers, which is all we wait for
        except OSError:
            time.sleep(0.2)
    _fail(f"{what} did not answer {url} within {START_TIMEOUT} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session", autouse=True)
def _required_tools():
    """Fails at once, before the site is built, when a tool the browser tests use is missing."""
    if shutil.which("chromium") is None:
        _fail("Chromium is missing; install Debian's chromium package (apt-get install chromium)")
    if shutil.which("java") is None:
        _fail("Java is missing; install a Java runtime (apt-get install default-jre-headless)")
    for path in (AXE_JS, VNU_JAR):
        if not path.is_file():
            _fail(f"{path.relative_to(REPO)} is missing; run `npm ci` in the repository")


# -- The site -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    """Base URL (`http://127.0.0.1:PORT`) of the demo site served by gunicorn for this session."""
    from django.conf import settings

    workdir = Path(tempfile.mkdtemp(prefix="maan-browser-"))
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = workdir / "server.log"
    try:
        with (
            django_db_blocker.unblock(),
            copy_of_test_database(workdir, site=("127.0.0.1", port)) as database_url,
        ):
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": database_url,
                # The suite's media: the demo's images and renditions are already there.
                "MEDIA_ROOT": str(settings.MEDIA_ROOT),
                "SERVE_MEDIA": "true",
                "WAGTAILADMIN_BASE_URL": base_url,
                "PYTHONUNBUFFERED": "1",
                "LOG_LEVEL": "WARNING",
                # Every browser test posts its enquiries from 127.0.0.1: the limit of 5 an hour
                # has its own tests (tests/enquiries) and must not depend on the order of these.
                "ENQUIRY_RATE_LIMIT": "100",
            }
            env.pop("AWS_STORAGE_BUCKET_NAME", None)  # media on local disk, served by Django
            with log.open("w") as log_file:
                server = subprocess.Popen(
                    [
                        *(sys.executable, "-m", "gunicorn", "config.wsgi"),
                        *("--pythonpath", "site", "--bind", f"127.0.0.1:{port}"),
                        *("--workers", "1", "--threads", "8", "--no-control-socket"),
                        # Each request's line, shown with a failed test (`_ServerLog`).
                        *("--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT),
                    ],
                    cwd=REPO,
                    env=env,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                )
            _ServerLog.path = log
            try:
                _wait_until_answering(f"{base_url}/de/", server, log, "the site server")
                yield base_url
            finally:
                _ServerLog.path = None
                _stop(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# -- The Nu HTML checker --------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _nu_checker(_required_tools):
    """The Nu HTML checker as an HTTP service on loopback, started once per session.

    Autouse so that it starts first and the JVM boots while the site's database is migrated; the
    `nu_checker_url` fixture waits until it answers.
    """
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="maan-vnu-"))
    log = workdir / "vnu.log"
    with log.open("w") as log_file:
        checker = subprocess.Popen(
            [
                "java",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                *("-cp", str(VNU_JAR), "nu.validator.servlet.Main", str(port)),
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/", checker, log
    finally:
        _stop(checker)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def nu_checker_url(_nu_checker):
    """URL of the Nu HTML checker, once it answers."""
    url, checker, log = _nu_checker
    _wait_until_answering(url, checker, log, "the Nu HTML checker")
    return url


@pytest.fixture(scope="session")
def assert_valid_html(nu_checker_url):
    """`assert_valid_html(html_bytes, where)` fails with every error the Nu HTML checker reports."""

    def check(html: bytes, where: str) -> None:
        request = urllib.request.Request(  # noqa: S310 (loopback only)
            f"{nu_checker_url}?out=json",
            data=html,
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            messages = json.load(response)["messages"]
        # "non-document-error" means the checker could not check at all: a failure too.
        errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
        if errors:
            listing = "\n".join(
                f"  line {m.get('lastLine', '?')}: {m['message']}\n"
                f"      {m.get('extract', '').strip()!r}"
                for m in errors
            )
            pytest.fail(
                f"Nu HTML checker: {len(errors)} error(s) in {where}:\n{listing}", pytrace=False
            )

    return check


# -- Chromium and axe-core ------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser():
    """One headless system Chromium for all browser tests.

    Package scope rather than session scope: the sync Playwright API keeps an asyncio loop running
    in the main thread while it is open, and Django then refuses ORM calls in the tests that run
    after this package (SynchronousOnlyOperation) unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page as one visitor saw it: the Playwright page, the server's response, the requests."""

    page: Page
    response: Response
    requests: list[str]
    csp_violations: list[str]


def record_csp_violations(page: Page, into: list[str]) -> None:
    """Appends each Content-Security-Policy report Chromium writes to the console to `into`."""
    page.on(
        "console",
        lambda message: (
            into.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )


# Every image loaded (lazy ones too) and the fonts ready: what screenshots and measures see.
EVERY_IMAGE_LOADED = """async () => {
    const images = [...document.images];
    images.forEach((img) => { img.loading = "eager"; });
    await Promise.all(images.map((img) => img.decode().catch(() => null)));
    await document.fonts.ready;
}"""


@pytest.fixture
def open_page(browser, site_url):
    """`open_page(path, "phone" | "desktop")`: a fresh visitor (no cookies) at that width.

    Every request the page makes is recorded in `visit.requests`, and all images are loaded (lazy
    ones too) before the page is handed over, so screenshots and checks see the finished page.
    """
    contexts = []

    def open_(path: str, width: str = "desktop") -> Visit:
        w, h = WIDTHS[width]
        context = browser.new_context(viewport={"width": w, "height": h})
        contexts.append(context)
        requests, csp_violations = [], []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        record_csp_violations(page, csp_violations)
        response = page.goto(site_url + path)
        page.evaluate(EVERY_IMAGE_LOADED)
        return Visit(page, response, requests, csp_violations)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def as_user(browser, site_url):
    """`as_user("redaktion")`: a Playwright page logged in to the admin as that demo user.

    Each user gets a browser context of their own (own cookies), as if on their own computer;
    any Content-Security-Policy report in the console fails the test at the end."""
    contexts, violations = [], []

    def log_in(username: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        record_csp_violations(page, violations)
        page.goto(f"{site_url}/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_ADMIN_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    yield log_in
    for context in contexts:
        context.close()
    assert violations == []


@pytest.fixture(scope="session")
def assert_accessible():
    """`assert_accessible(page, where)` fails with every WCAG 2.1 A/AA violation axe-core finds."""

    def check(page: Page, where: str) -> None:
        # Evaluated, not added as a <script>: the site's CSP rightly refuses inline scripts.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        violations = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return result.violations;
            }""",
            WCAG_TAGS,
        )
        if not violations:
            return
        lines = []
        for violation in violations:
            lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
            nodes = violation["nodes"]
            lines.extend(f"      {' '.join(map(str, node['target']))}" for node in nodes[:5])
            if len(nodes) > 5:
                lines.append(f"      … and {len(nodes) - 5} more")
        pytest.fail(
            f"axe-core: {len(violations)} WCAG 2.1 AA violation(s) on {where}:\n"
            + "\n".join(lines),
            pytrace=False,
        )

    return check
