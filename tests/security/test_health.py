"""`/health/ready/` against a real S3 server (moto) and a bucket that hangs: the storage probe is
made at most once per interval, whoever calls, and a hanging bucket makes the answer "degraded"
(200), quickly, never a hung request."""

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from tests.core.test_storage_s3 import create_bucket, s3_endpoint, use_bucket  # noqa: F401
from tests.security.test_faults import app_server, fetch
from tests.silent import silent_server


class CountingProxy(ThreadingHTTPServer):
    """Forwards every HTTP request to `target` and counts them: what the bucket was asked."""

    daemon_threads = True

    def __init__(self, target: str):
        super().__init__(("127.0.0.1", 0), _Forward)
        self.target = urlsplit(target).netloc
        self.requests = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return "http://{}:{}".format(*self.server_address)

    def record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append(f"{method} {path}")


class _Forward(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _forward(self):
        self.server.record(self.command, self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection(self.server.target, timeout=10)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "expect"}
        upstream.request(self.command, self.path, body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        upstream.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

    def log_message(self, *args):
        pass


@pytest.fixture
def counted_bucket(s3_endpoint, settings):  # noqa: F811
    """A fresh bucket on moto (S3 in server mode), reached through a counting proxy."""
    _client, name = create_bucket(s3_endpoint)
    proxy = CountingProxy(s3_endpoint)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    use_bucket(settings, proxy.url, name)
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()


@pytest.mark.s3
@pytest.mark.django_db
def test_repeated_readiness_calls_cost_the_bucket_one_probe(client, counted_bucket):
    first = client.get("/health/ready/")
    assert first.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    probe = list(counted_bucket.requests)
    assert any(request.startswith("PUT ") for request in probe), "the probe wrote to the bucket"

    for _call in range(20):
        assert client.get("/health/ready/").json()["storage"] == "ok"
        assert client.get("/health/").status_code == 200
    assert counted_bucket.requests == probe, "later calls reuse the probe's result"


@pytest.mark.s3
@pytest.mark.django_db
def test_a_new_probe_is_made_once_the_interval_has_passed(client, counted_bucket, settings):
    client.get("/health/ready/")
    asked = len(counted_bucket.requests)
    settings.HEALTH_STORAGE_INTERVAL = 0
    client.get("/health/ready/")
    assert len(counted_bucket.requests) > asked


@pytest.fixture(scope="module")
def site_with_hung_bucket(tmp_path_factory):
    """An app server on an empty SQLite database (enough for `SELECT 1`) whose media bucket
    accepts connections and never answers, with short S3 timeouts from the environment."""
    workdir = tmp_path_factory.mktemp("hung-s3")
    with (
        silent_server() as bucket,
        app_server(
            workdir / "server.log",
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=f"sqlite:///{workdir / 'empty.sqlite3'}",
            AWS_STORAGE_BUCKET_NAME="media",
            AWS_S3_ENDPOINT_URL=bucket.url,
            AWS_S3_REGION_NAME="eu-central-1",
            AWS_ACCESS_KEY_ID="test-key",
            AWS_SECRET_ACCESS_KEY="test-secret",
            AWS_S3_CONNECT_TIMEOUT="1",
            AWS_S3_READ_TIMEOUT="1",
            AWS_S3_MAX_ATTEMPTS="1",
            HEALTH_STORAGE_DEADLINE="4",
        ) as base,
    ):
        yield base, bucket, workdir / "server.log"


def test_a_hung_bucket_leaves_the_server_in_rotation_as_degraded(site_with_hung_bucket):
    base, bucket, log = site_with_hung_bucket
    status, _headers, body = fetch(f"{base}/health/ready/", timeout=20)
    assert status == 200
    assert json.loads(body) == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "storage": "failing",
    }
    assert bucket.connections > 0, "the probe did try the bucket"
    assert "health check failed: storage" in log.read_text()

    asked = bucket.connections
    for _call in range(5):
        status, _headers, body = fetch(f"{base}/health/", timeout=20)
        assert (status, json.loads(body)["storage"]) == (200, "failing")
    assert bucket.connections == asked, "the failing result is reused, the bucket not asked again"
