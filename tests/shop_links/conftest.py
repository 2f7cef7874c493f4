"""Shop-links test helpers: the demo's stockist links, a browser-like client for the counted
redirect, and a real HTTP server on loopback that answers like the shops do on a bad day.

`routes` maps a path to a behaviour: a status (with optional headers), "slow", "reset" (the
socket is closed with a TCP reset), or a dict of per-method answers. Every request is logged
as (method, path), so a test can show what was, and was not, requested.
"""

import contextlib
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from shop_links.models import StockistLink


class ShopServer:
    """`host`: the loopback address to listen on (127.0.0.2 plays an internal server)."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, object] = {}
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                path = self.path.split("?")[0]
                server.requests.append((self.command, path))
                route = server.routes.get(path, 404)
                if isinstance(route, dict):
                    route = route.get(self.command, route.get("*", 404))
                if route == "reset":
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.connection.close()
                    self.close_connection = True
                    return
                if route == "slow":
                    time.sleep(2)
                    route = 200
                status, headers = route if isinstance(route, tuple) else (route, {})
                body = b"" if self.command == "HEAD" else b"shop page"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "9")
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

            do_GET = do_HEAD = answer

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # the reset route leaves a closed socket behind on purpose

        self.host = host
        self.httpd = Server((host, 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.httpd.server_port}{path}"

    @property
    def address(self) -> str:
        """The exact `address:port` pair the link checker's allowance names."""
        return f"{self.host}:{self.httpd.server_port}"

    def hits(self, path: str) -> list[str]:
        return [method for method, requested in self.requests if requested == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def shop_server():
    servers = []

    def start(host="127.0.0.1"):
        servers.append(ShopServer(host))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture
def browser():
    """A client that looks like a person's browser (bots and scripts are not counted)."""
    return Client(headers={"user-agent": BROWSER_UA})


@pytest.fixture
def link(demo):
    """The Laden im Depot's page for the demo's tram-seat-fabric bag (MAN-0001)."""
    return StockistLink.objects.select_related("retailer", "product").get(
        product__external_id="MAN-0001", retailer__ref="laden-im-depot"
    )


from tests.catalogue.conftest import sample  # noqa: E402, F401  (the sample feed, to change)
