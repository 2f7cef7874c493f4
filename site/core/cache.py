"""Django's built-in Redis cache, failing open: while Redis cannot be reached, the site works
without it.

Everything the site keeps in the cache can be worked out again (the page frame, whole pages) or
is allowed to be forgotten (the enquiry rate limit, which accepts when it cannot count). So a
read while Redis is down answers "not cached", a write does nothing, and pages are rendered from
the database instead of failing with a 500. One warning is logged when Redis stops answering
(the error's class only: the Redis URL may hold a password) and one line when it answers again.
`incr` still raises, as Django documents for a missing key; its one caller handles that. The
connection and each command time out after `REDIS_TIMEOUT` seconds, so an unreachable server
costs a request at most that long per cache call.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("core.cache")

_failing = False


def _failed(error: Exception) -> None:
    global _failing
    if not _failing:
        _failing = True
        logger.warning("cache unavailable (%s): serving without it", type(error).__name__)


def _answered() -> None:
    global _failing
    if _failing:
        _failing = False
        logger.warning("cache available again")


class FailOpenRedisCache(RedisCache):
    def _guarded(self, method, default, *args, **kwargs):
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except (RedisError, OSError) as error:
            _failed(error)
            return default
        _answered()
        return result

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
