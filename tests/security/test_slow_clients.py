"""Slow clients against the reference deployment's nginx in front of gunicorn's sync workers.

A slow-loris client opens a connection and sends its request headers a byte at a time, never
finishing them. gunicorn's sync worker waits for the whole request, so a few such connections
hold every worker and the site stops answering. The shipped nginx configuration
(deploy/nginx/made-in-aachen-nord.conf) reads requests itself and passes only complete ones on.
Real nginx (Debian's /usr/sbin/nginx) and a real gunicorn, on loopback ports.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.security.test_faults import _free_port, app_server, fetch

ROOT = Path(__file__).resolve().parents[2]
SITE_CONF = ROOT / "deploy" / "nginx" / "made-in-aachen-nord.conf"
SLOW_SOCKETS = 6


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        pytest.fail("nginx is missing: install Debian's nginx package (.ci/run does)")
    return found


def main_config(prefix: Path, site_conf: Path) -> Path:
    """A main nginx.conf around the site's file, with pid, logs and temporary files in `prefix`
    (what Debian's /etc/nginx/nginx.conf provides in production)."""
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / folder).mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers may use the temporary folders
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        "events { worker_connections 512; }\n"
        "http {\n"
        f"  client_body_temp_path {prefix}/body;\n  proxy_temp_path {prefix}/proxy;\n"
        f"  fastcgi_temp_path {prefix}/fastcgi;\n  uwsgi_temp_path {prefix}/uwsgi;\n"
        f"  scgi_temp_path {prefix}/scgi;\n"
        f"  include {site_conf};\n"
        "}\n"
    )
    return conf


def rendered_site(prefix: Path, listen: int, upstream: int) -> Path:
    """The shipped site file with the test's ports in place of 80 and the edge cache's 6081."""
    text = SITE_CONF.read_text()
    for shipped, test in (
        ("listen 80;", f"listen 127.0.0.1:{listen};"),
        ("listen [::]:80;\n", ""),
        ("server 127.0.0.1:6081;", f"server 127.0.0.1:{upstream};"),
    ):
        assert shipped in text, f"the shipped file no longer says {shipped!r}"
        text = text.replace(shipped, test)
    path = prefix / "site.conf"
    path.write_text(text)
    return path


def test_nginx_accepts_the_shipped_configuration(tmp_path):
    conf = main_config(tmp_path, SITE_CONF)
    result = subprocess.run(
        [nginx_binary(), "-t", "-c", str(conf), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@contextlib.contextmanager
def nginx_in_front_of(upstream_port: int, prefix: Path):
    port = _free_port()
    conf = main_config(prefix, rendered_site(prefix, port, upstream_port))
    process = subprocess.Popen(
        [nginx_binary(), "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("nginx did not start:\n" + (prefix / "error.log").read_text())
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def slow_loris(port: int, count: int = SLOW_SOCKETS):
    """`count` connections that send a request's headers one byte every half second and never
    end them, for as long as the block runs."""
    stop = threading.Event()
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(count)]
    header = b"GET /health/live/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 10_000

    def drip():
        for byte in header:
            if stop.wait(0.5):
                return
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.send(bytes([byte]))

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    time.sleep(1.5)  # every connection has begun its headers, and a worker has taken it
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
        for sock in sockets:
            sock.close()


@pytest.fixture(scope="module")
def two_sync_workers(tmp_path_factory):
    """gunicorn with two sync workers, on an empty database: `/health/live/` needs none."""
    workdir = tmp_path_factory.mktemp("slow-clients")
    with app_server(
        workdir / "server.log",
        workers=2,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{workdir / 'empty.sqlite3'}",
    ) as base:
        yield base


def test_slow_loris_through_nginx_does_not_stop_the_site(two_sync_workers, tmp_path):
    gunicorn_port = int(two_sync_workers.rsplit(":", 1)[1])
    with nginx_in_front_of(gunicorn_port, tmp_path) as base:
        nginx_port = int(base.rsplit(":", 1)[1])
        with slow_loris(nginx_port):
            for _request in range(10):
                status, headers, body = fetch(f"{base}/health/live/", timeout=20)
                assert (status, json.loads(body)) == (200, {"status": "ok"})
                assert "Server" not in headers or "nginx/" not in headers["Server"]


def test_the_same_slow_loris_stops_gunicorn_without_nginx(two_sync_workers):
    """The control: the attack is real, and what the test above shows is nginx's doing."""
    port = int(two_sync_workers.rsplit(":", 1)[1])
    with slow_loris(port), pytest.raises(TimeoutError):
        fetch(f"{two_sync_workers}/health/live/", timeout=5)
    # Once the slow clients are gone, gunicorn answers again.
    assert fetch(f"{two_sync_workers}/health/live/", timeout=40)[0] == 200
