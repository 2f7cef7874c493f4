"""Wagtail's frontend-cache invalidation for a CDN in front: configured from the environment,
and a publish sends the purge (to a loopback HTTP cache standing in for Varnish or a CDN)."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from wagtail.models import Page

REPO = Path(__file__).resolve().parents[2]


def settings_with(**environment) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **environment}
    code = "import json; from django.conf import settings; print(json.dumps(settings.WAGTAILFRONTENDCACHE))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO / "site", env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_frontend_cache_is_off_by_default_and_built_from_the_environment():
    assert settings_with() == {}
    assert settings_with(
        FRONTEND_CACHE="cloudflare", CLOUDFLARE_BEARER_TOKEN="token", CLOUDFLARE_ZONE_ID="zone"
    ) == {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
        }
    }
    assert settings_with(FRONTEND_CACHE="cloudfront", CLOUDFRONT_DISTRIBUTION_ID="E123")[
        "default"
    ] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": "E123",
    }
    assert (
        settings_with(FRONTEND_CACHE="http", FRONTEND_CACHE_LOCATION="http://127.0.0.1:6081")[
            "default"
        ]["LOCATION"]
        == "http://127.0.0.1:6081"
    )


def test_an_unknown_frontend_cache_stops_start_up():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "FRONTEND_CACHE": "akamai",
    }
    done = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.DEBUG"],
        cwd=REPO / "site",
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "FRONTEND_CACHE must be" in done.stderr


@pytest.fixture
def http_cache():
    """A loopback HTTP server that records the PURGE requests it receives."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", purged
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
def test_publishing_a_page_purges_it_from_the_frontend_cache(
    demo, settings, http_cache, django_capture_on_commit_callbacks
):
    location, purged = http_cache
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    page = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    page = page.specific
    page.title = "Neu"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert page.url in {path for _host, path in purged}
