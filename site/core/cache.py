"""The site's caches: Django's built-in Redis cache, failing open (while Redis cannot be reached,
the site works without it), and its local-memory cache; both without Django's key check.

Django checks every key of every cache call for what memcached would refuse (longer than 250
characters, spaces, control characters), one character after another in Python: about 2 µs a
key, and a page's first render after a menu entry was renamed asks for some 110 keys (0.24 ms,
4 % of its render). The site uses no memcached, and makes its keys itself: names, ids and
language codes, or a hash where a key holds an address or a query (`core.routing`,
`core.pagecache`, `core.fragments`), never a visitor's text. So `SiteKeys` leaves the check out,
as Django's cache documentation says to customise it: a subclass overriding `validate_key`.

Everything the site keeps in the cache can be worked out again (the page frame, whole pages) or
is allowed to be forgotten (the enquiry rate limit, which accepts when it cannot count). So a
read while Redis is down answers "not cached", a write does nothing, and pages are rendered from
the database instead of failing with a 500. One warning is logged when Redis stops answering
(the error's class only: the Redis URL may hold a password) and one line when it answers again.
`incr` (and `decr`, which is `incr` of minus one) still raise, as Django documents for a missing
key; their callers handle that.

A Redis that hangs (its machine overloaded, its process frozen: the connection opens, then
nothing comes back) costs a command `REDIS_TIMEOUT` seconds, and a page makes dozens of cache
calls: a page took minutes. So after a command fails to connect or times out, this process asks
Redis nothing for `REDIS_RETRY_AFTER` seconds (every call answers at once, as if Redis were
down); then the next call tries again. A hung Redis costs a process one `REDIS_TIMEOUT` per
retry.

When Redis answers again after failing, the process replaces the content versions before it
uses anything Redis holds (`content_version.reset`, the call that answered counts as a miss): a
publish in this process while Redis did not answer could not replace them, and the pages and
fragments kept before it would otherwise be served again. A process that saw no failure does
not know of one: until the one that lost the write asks Redis again (its next request, at most
`REDIS_RETRY_AFTER` seconds after Redis answers), others may serve what was kept before it.
"""

import logging
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("core.cache")

_failing = False
# time.monotonic() before which no command is sent (while `_failing`).
_retry_at = 0.0


def _failed(error: Exception) -> None:
    global _failing, _retry_at
    if isinstance(error, (RedisConnectionError, RedisTimeoutError, OSError)):
        # Unreachable or silent: not asked again for a while. An error Redis answered with (a
        # write refused when it is full) comes back at once; the next command tries again.
        _retry_at = time.monotonic() + settings.REDIS_RETRY_AFTER
    if not _failing:
        _failing = True
        logger.warning("cache unavailable (%s): serving without it", type(error).__name__)


def _skipped() -> bool:
    """Whether Redis failed less than `REDIS_RETRY_AFTER` seconds ago: not asked now."""
    return _failing and time.monotonic() < _retry_at


def _answered() -> bool:
    """Note that Redis answered; True when it had failed before (the versions were replaced)."""
    global _failing
    if not _failing:
        return False
    _failing = False
    logger.warning("cache available again")
    from core import content_version

    content_version.reset()
    return True


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool. Django makes a new
    `redis.Redis` for every command (`RedisCacheClient.get_client`, Django 6.1), and redis-py
    builds its table of some 170 response callbacks in each: about 0.2 ms of CPU a command, half
    of what Redis added to a page render (two dozen cache calls: 12.7 ms instead of 6.7 ms with
    the local-memory cache). A redis-py client over a pool may be shared between threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class SiteKeys:
    """A cache whose keys the site makes (see the module's docstring): not checked one by one for
    memcached's rules."""

    def validate_key(self, key):
        pass


class LocalMemoryCache(SiteKeys, LocMemCache):
    """Django's local-memory cache (each process its own), without the key check."""


class FailOpenRedisCache(SiteKeys, RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _guarded(self, method, default, *args, **kwargs):
        if _skipped():
            return default
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except (RedisError, OSError) as error:
            _failed(error)
            return default
        if _answered():
            return default  # as if not cached: it may be from before a lost publish
        return result

    def _raising(self, method, *args, **kwargs):
        if _skipped():
            raise RedisConnectionError("cache unavailable: not asked again yet")
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except (RedisError, OSError) as error:
            _failed(error)
            raise
        _answered()
        return result

    def incr(self, key, delta=1, version=None):
        return self._raising("incr", key, delta, version)

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", None, keys, version)

    def clear(self):
        return self._guarded("clear", None)
