"""The site's caches (the local-memory one of a single process, Redis shared by several) keep any
key the site makes, without Django checking each key character by character for memcached's
rules (`core.cache.SiteKeys`): the site uses no memcached, and hashes what could be long."""

import warnings

import pytest
from django.core.cache import CacheKeyWarning, caches
from django.core.cache.backends.locmem import LocMemCache

# Longer than memcached's 250 characters, with a space: a key Django's check warns about.
KEY = "route:" + "x" * 300 + " end"


def stored_and_read(cache) -> tuple[object, list]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache.set(KEY, "kept", 60)
        value = cache.get(KEY)
        many = cache.get_many([KEY, "missing"])
    assert many == {KEY: "kept"}
    return value, [w for w in caught if issubclass(w.category, CacheKeyWarning)]


def test_django_s_own_check_warns_about_such_a_key():
    """What the site's caches leave out: Django's local-memory cache warns (the test above
    would fail with it)."""
    value, warned = stored_and_read(LocMemCache("check", {}))
    assert value == "kept"
    assert warned


@pytest.mark.parametrize("alias", ["default", "pages", "frame", "fragments", "renditions"])
def test_the_local_caches_keep_it_without_checking_it(alias, settings):
    from config.settings.base import local_caches

    settings.CACHES = local_caches(10)
    assert caches[alias].__class__.__name__ == "LocalMemoryCache"
    value, warned = stored_and_read(caches[alias])
    assert value == "kept"
    assert warned == []


@pytest.mark.parametrize("alias", ["default", "pages", "frame", "fragments", "renditions"])
def test_redis_keeps_it_without_checking_it(alias, redis_caches):
    value, warned = stored_and_read(caches[alias])
    assert value == "kept"
    assert warned == []
