"""A real HTTP server on loopback for feeds and images, and helpers to change the sample feed.

Routes map a path to (status, content type, body, delay): a delay in seconds, "gate" (wait
until the test opens `gate`), "trickle" (the body one byte a second) or "cut" (the connection
closes halfway through the body). Requests are counted per
path so a test can show that an unchanged image is not downloaded again, or that an internal
server was never asked; `not_modified` counts the 304 answers, `bodies` the full ones. Like a
real web server it sends an ETag (the body's hash) and a Last-Modified date and answers
If-None-Match / If-Modified-Since with 304; `validators = False` makes it a server without them.
"""

import contextlib
import copy
import hashlib
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socket import AF_INET6

import pytest

from catalogue.sample import SAMPLE_DIR

SAMPLE = json.loads((SAMPLE_DIR / "catalogue.json").read_text(encoding="utf-8"))


class FeedServer:
    """`host` is the loopback address to listen on ("127.0.0.2", "::1" for IPv6)."""

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.routes: dict[str, tuple] = {}
        self.redirects: dict[str, str] = {}
        self.hits: Counter = Counter()
        self.not_modified: Counter = Counter()
        self.bodies: Counter = Counter()
        self.validators = True
        self.last_modified = "Tue, 01 Dec 2026 09:00:00 GMT"
        self.gate = threading.Event()
        self.gate.set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_GET(self):
                path = self.path.split("?")[0]
                server.hits[path] += 1
                if path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route = server.routes.get(path)
                if route and route[3] == "gate":
                    server.gate.wait(30)
                    route = (*route[:3], 0)
                status, content_type, body, delay = route or (404, "text/plain", b"nope", 0)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if delay == "trickle":
                        self.trickle(status, content_type, body)
                        return
                    if delay == "cut":
                        self.cut(status, content_type, body)
                        return
                    if delay:
                        time.sleep(delay)
                    etag = f'"{hashlib.sha1(body, usedforsecurity=False).hexdigest()[:16]}"'
                    asked = self.headers.get("If-None-Match")
                    since = self.headers.get("If-Modified-Since")
                    if (
                        server.validators
                        and status == 200
                        and (asked == etag if asked else since == server.last_modified)
                    ):
                        server.not_modified[path] += 1
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.end_headers()
                        return
                    server.bodies[path] += 1
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    if server.validators and status == 200:
                        self.send_header("ETag", etag)
                        self.send_header("Last-Modified", server.last_modified)
                    self.end_headers()
                    self.wfile.write(body)

            def trickle(self, status, content_type, body):
                """Headers at once, then the body one byte a second."""
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.flush()
                for index in range(len(body)):
                    self.wfile.write(body[index : index + 1])
                    self.wfile.flush()
                    time.sleep(1)

            def cut(self, status, content_type, body):
                """The whole length announced, then half the body, then the connection closed."""
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True

            def log_message(self, *args):
                pass

        server_class = ThreadingHTTPServer
        if ":" in host:
            server_class = type("IPv6Server", (ThreadingHTTPServer,), {"address_family": AF_INET6})
        self.httpd = server_class((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.httpd.server_port

    def url(self, path: str, host: str | None = None) -> str:
        host = host or self.host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}{path}"

    def serve(self, path, body, content_type="application/json", status=200, delay=0):
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.routes[path] = (status, content_type, body, delay)
        return self.url(path)

    def redirect(self, path, location):
        self.redirects[path] = location
        return self.url(path)

    def serve_sample_images(self, prefix="/feed/images/"):
        for file in sorted((SAMPLE_DIR / "images").glob("*.jpg")):
            self.serve(prefix + file.name, file.read_bytes(), "image/jpeg")

    def close(self):
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server(settings):
    """The feed server; the sync may fetch from exactly its loopback address and port (the
    guard against internal addresses stays on for everything else)."""
    server = FeedServer()
    settings.CATALOGUE_FETCH_ALLOW_INTERNAL = [f"127.0.0.1:{server.port}"]
    yield server
    server.close()


@pytest.fixture
def sample():
    """A fresh copy of the sample feed as a dict, to change in a test."""
    return copy.deepcopy(SAMPLE)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def product(feed: dict, external_id: str) -> dict:
    return next(p for p in feed["products"] if p["external_id"] == external_id)


def write_feed(tmp_path, feed: dict, name="catalogue.json") -> str:
    """The feed as a file beside a copy of the sample images, so relative image paths work."""
    (tmp_path / name).write_text(json.dumps(feed), encoding="utf-8")
    images = tmp_path / "images"
    if not images.exists():
        images.symlink_to(SAMPLE_DIR / "images")
    return str(tmp_path / name)
