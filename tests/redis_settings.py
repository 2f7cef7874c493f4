"""Test settings with the caches on the Redis server named by REDIS_URL (required): for app
servers the tests start against their own redis-server."""

from config.env import env_required
from config.settings.base import redis_caches
from config.settings.test import *  # noqa: F403

CACHES = redis_caches(env_required("REDIS_URL"))
