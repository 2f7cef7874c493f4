"""Health checks for load balancers and monitoring.

- `/health/live/`: the process answers requests (touches nothing else): restart it when not.
  Answered by `LiveMiddleware`, first in the stack, before the host check and the HTTPS
  redirect: a probe on loopback (the edge's, a load balancer's) gets its answer whatever `Host`
  it sends, so the deployment's host name is configured in one place only.
- `/health/ready/` (and `/health/`, its old address): can this app server serve pages? Only the
  database makes it useless: 503 when the database fails. A failing cache or media storage is
  reported as `"degraded"` with 200 (pages are then rendered uncached, images that need a new
  rendition are left out), so the load balancer keeps the server in rotation.

Both answer JSON, e.g. `{"status": "degraded", "database": "ok", "cache": "ok", "storage":
"failing"}`; reasons go to the log, not to the caller. Never cached, no cookie, no language.

The storage probe (write, read back and delete a small file) is made at most once every
`HEALTH_STORAGE_INTERVAL` seconds per process, whoever asks, and its result reused in between:
a load balancer or a stranger calling every second costs the bucket nothing more. The probe
runs in a thread of its own and counts as failing when it has not finished within
`HEALTH_STORAGE_DEADLINE` seconds (boto3's own timeouts end it soon after).
"""

import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache

logger = logging.getLogger("health")

PROBE_DIR = "health"
OK, FAILING = "ok", "failing"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was just stored")
    cache.delete(key)


def _storage():
    name = default_storage.save(f"{PROBE_DIR}/probe.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as probe:
            if probe.read() != b"ok":
                raise RuntimeError("storage did not return what was just written")
    finally:
        default_storage.delete(name)


def _run(name: str, check) -> str:
    try:
        check()
    except Exception as error:
        logger.error("health check failed: %s (%s)", name, type(error).__name__)
        return FAILING
    return OK


class StorageProbe:
    """The storage check's last result, renewed in the background at most once per interval."""

    def __init__(self):
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="health-storage")
        self._result = None
        self._checked_at = 0.0
        self._running = None

    def result(self) -> str:
        with self._lock:
            fresh = time.monotonic() - self._checked_at < settings.HEALTH_STORAGE_INTERVAL
            if self._result is not None and fresh:
                return self._result
            if self._running is None:  # one probe at a time, however many callers
                self._running = self._executor.submit(self._probe)
            running = self._running
        try:
            return running.result(timeout=settings.HEALTH_STORAGE_DEADLINE)
        except FutureTimeout:
            logger.error("health check failed: storage (no answer in time)")
            # Callers in the next interval get this at once instead of waiting again; the
            # probe still running replaces it when it ends.
            with self._lock:
                self._result, self._checked_at = FAILING, time.monotonic()
            return FAILING

    def _probe(self) -> str:
        result = _run("storage", _storage)
        with self._lock:
            self._result, self._checked_at, self._running = result, time.monotonic(), None
        return result

    def forget(self) -> None:
        """Drop the remembered result (tests, and after the storage setting changed)."""
        with self._lock:
            self._result, self._checked_at = None, 0.0


storage_probe = StorageProbe()


@receiver(setting_changed)
def _storage_setting_changed(setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT", "HEALTH_STORAGE_INTERVAL"):
        storage_probe.forget()


@never_cache
def live(request):
    return JsonResponse({"status": OK})


LIVE_PATH = "/health/live/"


class LiveMiddleware:
    """Answers `GET`/`HEAD /health/live/` before any other middleware: no host validation, no
    redirect to HTTPS, no session, no language. Nothing in the answer depends on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == LIVE_PATH and request.method in ("GET", "HEAD"):
            return live(request)
        return self.get_response(request)


@never_cache
def ready(request):
    results = {
        "database": _run("database", _database),
        "cache": _run("cache", _cache),
        "storage": storage_probe.result(),
    }
    if results["database"] != OK:
        status, code = FAILING, 503
    elif FAILING in results.values():
        status, code = "degraded", 200
    else:
        status, code = OK, 200
    return JsonResponse({"status": status, **results}, status=code)


urlpatterns = [
    path("", ready, name="health"),
    path("live/", live, name="health_live"),
    path("ready/", ready, name="health_ready"),
]
