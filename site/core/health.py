"""`/health/` for load balancers: can this app server reach its database, cache and storage?

Answers 200 with `{"database": "ok", "cache": "ok", "storage": "ok"}` or 503 naming what failed
(the reason goes to the log, not to the caller). Never cached, no cookie, no language.
"""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("health")

PROBE_DIR = "health"


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


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@never_cache
def health(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:
            logger.error("health check failed: %s (%s)", name, type(error).__name__)
            results[name] = "failing"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(results, status=200 if healthy else 503)
