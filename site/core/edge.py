"""The edge cache in front of the app servers (Varnish, deploy/varnish/made-in-aachen-nord.vcl):
purged whenever the content version changes.

Every change a visitor could see replaces one content version (`core.content_version`), and
every cached page may show it (the navigation and footer are on all of them), so the edge is
told to drop everything, not a list of URLs: one PURGE request, which the shipped VCL turns into
a ban of every stored answer. It is sent through Wagtail's frontend-cache invalidation
(`FRONTEND_CACHE=edge` configures `EdgeBackend`), from two places:

- `purge_on_commit()`, called by `content_version.invalidate()` for every change it counts
  (pages, snippets, products, catalogue syncs, site settings, ...);
- Wagtail's own handlers for a page's publish and unpublish, which call the backend with the
  page's URLs.

Inside a transaction the PURGE waits for the commit (a request in between would otherwise store
the old rows again) and is sent once however many changes the transaction made. An edge that
refuses or does not answer within `FRONTEND_CACHE_TIMEOUT` seconds is logged and the change goes
through: the edge then serves the old pages until their `s-maxage` (`PAGE_CACHE_S_MAXAGE`) ends.
For `QUIET_AFTER_FAILURE` seconds after such a failure, purges to that edge are skipped (logged).
Other backends (`http`, Cloudflare, CloudFront) get only Wagtail's per-page purges.
"""

import logging
import threading
import time
from functools import partial
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("core.edge")
# After an edge failed to take a purge, further purges to it in this process are skipped for
# this many seconds: a publish outside one transaction (several commits, each a purge) waits for
# a hung edge once, not once per commit. The next purge that gets through bans everything.
QUIET_AFTER_FAILURE = 10
_failed_at: dict[str, float] = {}


def ban_everything(location: str, timeout: float) -> bool:
    """Ask the edge at `location` to drop every stored answer; whether it did."""
    failed_at = _failed_at.get(location)
    if failed_at is not None and time.monotonic() - failed_at < QUIET_AFTER_FAILURE:
        logger.warning("Purge of the edge cache at %s skipped: it failed a moment ago.", location)
        return False
    request = Request(location.rstrip("/") + "/", method="PURGE")  # noqa: S310 - configured
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - configured location
            response.read()
        _failed_at.pop(location, None)
        return True
    except HTTPError as error:
        reason = f"it answered {error.code} {error.reason}"
    except (URLError, OSError) as error:  # refused, unreachable, or no answer in time
        reason = f"{getattr(error, 'reason', error)}"
    _failed_at[location] = time.monotonic()
    logger.error(
        "The edge cache at %s did not take the purge (%s): it serves the previous pages for up "
        "to %s s (PAGE_CACHE_S_MAXAGE).",
        location,
        reason,
        settings.PAGE_CACHE_S_MAXAGE,
    )
    return False


class _Ban:
    """One ban to send when a transaction commits, shared by the callbacks of every purge the
    transaction asks for: the first of them that runs sends it, the others find it sent."""

    def __init__(self):
        self.sent = False

    def send(self, location: str, timeout: float) -> None:
        if not self.sent:
            self.sent = True
            ban_everything(location, timeout)


# The ban not yet sent, per thread (a thread's transactions are on its own connection) and edge
# location. Callbacks of a rolled-back transaction or savepoint are dropped by Django, and any
# that remain send the shared ban, so a commit bans once after whatever it kept.
_pending = threading.local()


def ban_on_commit(location: str, timeout: float) -> None:
    """Ban everything at `location` when the current transaction commits (at once outside one),
    once however many times this is called before the commit."""
    if not hasattr(_pending, "bans"):
        _pending.bans = {}
    ban = _pending.bans.get(location)
    if ban is None or ban.sent:
        ban = _pending.bans[location] = _Ban()
    transaction.on_commit(partial(ban.send, location, timeout), robust=True)


class EdgeBackend(BaseBackend):
    """Wagtail's frontend-cache backend for the edge: any purge bans every page, once per
    transaction, after it commits, with a short timeout."""

    def __init__(self, params):
        super().__init__(params)
        self.location = params["LOCATION"]
        self.timeout = params.get("TIMEOUT", 2)

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        ban_on_commit(self.location, self.timeout)


def purge_on_commit() -> None:
    """Purge the edge (if the site has one) when the current transaction commits."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    for backend in get_backends().values():
        if isinstance(backend, EdgeBackend):
            backend.purge_batch([])
