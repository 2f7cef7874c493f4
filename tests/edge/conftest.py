"""The reference deployment's edge (nginx, then Varnish, deploy/edge/run) in front of the site.

The site runs in pytest-django's `live_server`; between the edge and the site sits a loopback
`Gate`, a plain TCP relay that a test can close (the app stopped: connections refused) or jam
(the app hung: connections taken, never answered), as a crashed or stuck gunicorn would look
to Varnish. The edge is started once per module (its VCL takes a second to compile) and emptied
before each test; the site's purges go to it (`FRONTEND_CACHE=edge`).
"""

import contextlib
import os
import select
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.security.test_faults import _free_port

ROOT = Path(__file__).resolve().parents[2]
# Tests see a stopped app within a second, and an expired page is fetched again at once while
# the app is healthy (the shipped VCL waits 2 s between probes and serves it for 60 s more).
EDGE_ENVIRONMENT = {
    "EDGE_PROBE_INTERVAL": "0.2s",
    "EDGE_PROBE_TIMEOUT": "0.5s",
    "EDGE_STALE_WHILE_REVALIDATE": "0s",
}
PURGE_TIMEOUT = 1


class Gate:
    """A TCP relay from its own loopback port to the app's: open, stopped or hung."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = _free_port()
        self.mode = "open"
        self._server = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listen()

    def _listen(self):
        self._server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self._server,), daemon=True).start()

    def _accept(self, server):
        while True:
            try:
                client, _address = server.accept()
            except OSError:
                return  # closed
            with self._lock:
                self._sockets.append(client)
            if self.mode == "open":
                threading.Thread(target=self._relay, args=(client,), daemon=True).start()
            # hung: the connection is taken and never answered

    def _relay(self, client):
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._sockets.append(upstream)
        pair = {client: upstream, upstream: client}
        try:
            while True:
                readable, _, _ = select.select(list(pair), [], [], 1)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return  # one side closed: so does the other
                    pair[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in pair:
                sock.close()

    def _drop_connections(self):
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def set(self, mode: str):
        """ "open", "stopped" (connections refused) or "hung" (taken, never answered)."""
        self._drop_connections()
        if mode == "stopped" and self._server is not None:
            # Wakes the thread waiting in accept(); closing alone would leave the port listening.
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
        elif mode != "stopped" and self._server is None:
            self._listen()
        self.mode = mode

    def close(self):
        self.set("stopped")


class Edge:
    """nginx and Varnish from deploy/edge/run, in front of `app_port`."""

    def __init__(self, workdir: Path, app_port: int):
        self.workdir = workdir
        self.port, self.varnish_port = _free_port(), _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.varnish = f"http://127.0.0.1:{self.varnish_port}"
        self.process = subprocess.Popen(
            [
                str(ROOT / "deploy" / "edge" / "run"),
                str(workdir),
                str(self.port),
                str(app_port),
                str(self.varnish_port),
            ],
            env={**os.environ, **EDGE_ENVIRONMENT},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for _attempt in range(200):
            if self.process.poll() is not None:
                pytest.fail("deploy/edge/run did not start:\n" + self.process.stderr.read())
            with contextlib.suppress(OSError):
                for port in (self.port, self.varnish_port):
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            time.sleep(0.1)
        pytest.fail("the edge did not listen within 20 s")

    def backends(self) -> str:
        done = subprocess.run(
            ["varnishadm", "-n", str(self.workdir / "varnish"), "backend.list", "-p"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return done.stdout

    def app_is_healthy(self) -> bool:
        """What Varnish's health probe says of the app now."""
        states = [line for line in self.backends().splitlines() if ".app" in line]
        assert states, self.backends()
        return " healthy" in states[0].lower()

    def wait_until_app_is(self, healthy: bool):
        for _attempt in range(100):
            if self.app_is_healthy() == healthy:
                return
            time.sleep(0.1)
        pytest.fail(
            f"Varnish did not see the app {'healthy' if healthy else 'down'} within 10 s:\n"
            + self.backends()
        )

    def purge(self):
        request = urllib.request.Request(self.varnish + "/", method="PURGE")  # noqa: S310
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            assert response.status == 200

    def get(self, path: str, method: str = "GET", headers: dict | None = None, data=None):
        """What a visitor gets from the edge: (status, headers, body); redirects not followed, a
        gzip-encoded body left as it is (its bytes read as text)."""
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.base + path, method=method, headers=headers or {}, data=data
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def edge_and_gate(live_server, tmp_path_factory):
    app_port = int(live_server.url.rsplit(":", 1)[1])
    gate = Gate(app_port)
    edge = Edge(tmp_path_factory.mktemp("edge"), gate.port)
    yield edge, gate
    edge.stop()
    gate.close()


@pytest.fixture
def gate(edge_and_gate):
    return edge_and_gate[1]


@pytest.fixture
def edge(edge_and_gate, settings):
    """The edge, empty, with the app healthy behind it, and the site purging it."""
    edge, gate = edge_and_gate
    gate.set("open")
    edge.wait_until_app_is(healthy=True)
    edge.purge()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "core.edge.EdgeBackend",
            "LOCATION": edge.varnish,
            "TIMEOUT": PURGE_TIMEOUT,
        }
    }
    return edge
