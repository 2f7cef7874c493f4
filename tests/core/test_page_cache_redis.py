"""The page cache's tests again, against a real Redis server (Debian's redis-server, started by
the tests): Django's Redis backend as production uses it."""

import pytest

from tests.core.test_page_cache import *  # noqa: F403 - the same tests, collected here again


@pytest.fixture(autouse=True)
def _on_redis(redis_caches):
    return redis_caches
