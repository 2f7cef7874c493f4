"""The reference deployment's Redis configuration (deploy/redis/maan-cache.conf) on a real
redis-server: a memory limit, and past it old page entries are evicted while writes go on."""

import os
from pathlib import Path

import pytest
import redis
from django.core.cache import caches

from core import pagecache
from tests.conftest import RedisServer

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "redis" / "maan-cache.conf"


@pytest.fixture
def configured_redis(tmp_path, settings):
    from config.settings.base import redis_caches

    server = RedisServer(tmp_path, config=CONFIG)
    server.start()
    settings.CACHES = redis_caches(server.url)
    try:
        yield server, redis.Redis.from_url(server.url)
    finally:
        for alias in ("pages", "default"):
            caches[alias].close()
        server.stop()


def test_the_shipped_config_sets_a_memory_limit_and_evicts_only_keys_with_an_expiry(
    configured_redis,
):
    _server, client = configured_redis
    assert client.config_get("maxmemory") == {"maxmemory": str(512 * 1024 * 1024)}
    assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "volatile-lru"}


def test_past_the_limit_old_pages_are_evicted_and_writes_go_on(configured_redis, settings):
    _server, client = configured_redis
    pages = caches["pages"]
    pages.set(pagecache.GENERATION_KEY, "generation-1", None)  # as the page cache keeps it
    # The shipped limit, lowered to a few megabytes above what the empty server uses, so that
    # the test fills it quickly; the policy is the shipped one.
    used = client.info("memory")["used_memory"]
    client.config_set("maxmemory", used + 4 * 1024 * 1024)

    written = 400  # 400 pages of 32 KB that do not compress: 12.8 MB, three times the room
    for number in range(written):
        pages.set(f"page:{number}", os.urandom(32 * 1024), settings.PAGE_CACHE_TIMEOUT)

    stats = client.info("stats")
    assert stats["evicted_keys"] > 0
    assert pages.get(f"page:{written - 1}") is not None  # the newest write landed
    kept = sum(pages.get(f"page:{number}") is not None for number in range(written))
    assert 0 < kept < written
    # The generation has no expiry: never evicted, so the surviving entries stay valid.
    assert pages.get(pagecache.GENERATION_KEY) == "generation-1"
    # A write with an expiry is taken, not refused with OOM, at the limit.
    assert client.set("probe", os.urandom(64 * 1024), ex=60)
    assert client.info("memory")["used_memory"] <= used + 4 * 1024 * 1024 + 256 * 1024
