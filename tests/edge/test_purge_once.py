"""A transaction that changes many things sends one ban to the edge, after it commits; a rolled-back
change sends none and leaves the next change's ban in place. Against a loopback HTTP server that
counts the PURGE requests it gets (the edge's own tests, tests/edge/test_edge.py, use Varnish)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from core import content_version

pytestmark = [pytest.mark.no_demo, pytest.mark.django_db]


class _Counter(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purges += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purges(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    server.purges = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "core.edge.EdgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
            "TIMEOUT": 2,
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def test_many_changes_in_one_transaction_send_one_ban_after_the_commit(
    purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_version.invalidate()
        content_version.invalidate_content()
        content_version.invalidate()
        assert purges.purges == 0  # nothing before the commit
    assert callbacks  # the commit ran what was scheduled
    assert purges.purges == 1


def test_a_rolled_back_change_sends_no_ban_and_keeps_the_next_ones(
    purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                content_version.invalidate()
                raise RuntimeError("the editor's save failed")
        except RuntimeError:
            pass
    assert purges.purges == 0
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_version.invalidate()
    assert purges.purges == 1


def test_a_change_kept_after_a_rolled_back_savepoint_is_still_banned(
    purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_version.invalidate()  # kept
        try:
            with transaction.atomic():
                content_version.invalidate()  # rolled back with its savepoint
                raise RuntimeError("one step of the publish failed and was caught")
        except RuntimeError:
            pass
    assert purges.purges == 1
