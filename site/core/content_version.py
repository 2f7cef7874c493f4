"""The content version: one value that every change a visitor could see replaces.

Whatever the site keeps worked out from the database is kept under it, so that a change is
never served stale: the page frame (`core.frame`), the routing memo (`core.routing`), the home
page's social image (`core.seo`), the catalogue's vocabularies and whole pages (`core.pagecache`,
which stores each page with the version it was rendered under). One set of signal handlers
replaces it, for one list of what counts as content (`core.registry`):

- any page saved, published, unpublished, moved or deleted, in any language and of any type
  (a translation synced by wagtail-localize is saved and published like any page);
- a row of a model shown on pages saved or deleted, or its many-to-many links changed:
  navigation, footer and site settings and their links, retailers, stockist links, products,
  their variants, images and partners, taxonomies, form fields, images, documents, Locales,
  Sites, view restrictions (the apps that say `shown_on_pages`, minus their
  `not_shown_on_pages`);
- a snippet with draft state published or unpublished. Saving its draft, submitting it for review
  or locking it writes only bookkeeping columns (`DRAFT_BOOKKEEPING`) and changes nothing;
- a catalogue sync that changed anything (it writes in bulk, which sends no signals, and calls
  `invalidate()` itself).

The version is replaced at once (so the rest of a request or test sees the change) and again
when the transaction commits (so a request that read the old rows in between cannot leave them
behind under the new version); the edge cache in front is purged then too (`core.edge`). It lives in the "pages" cache, beside the pages, so that a page
cache hit reads both in one round trip; it has no expiry. With several server processes the
caches must be shared (`REDIS_URL`) for a change to reach every process at once.

Values other than pages are kept in the default cache with `cached(name, compute)`,
`get_many(names)` and `store(name, value)`, for `FRAME_CACHE_TIMEOUT` seconds (0 turns that
cache off, `cache_enabled()`).
"""

from uuid import uuid4

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core import edge
from core.i18n import forget, memoised
from core.registry import shown_on_pages

VERSION_KEY = "generation"
_MEMO_KEY = "core:content-version"


def version_cache():
    """The cache that holds the version (and the pages)."""
    return caches["pages"]


def current() -> str:
    """The current version, read from the cache once per request (made when there is none)."""

    def load():
        version = version_cache().get(VERSION_KEY)
        if version is None:
            version_cache().add(VERSION_KEY, uuid4().hex, None)
            version = version_cache().get(VERSION_KEY)
        return version

    return memoised(_MEMO_KEY, load)


def _replace_version():
    version_cache().set(VERSION_KEY, uuid4().hex, None)
    forget(_MEMO_KEY)


def invalidate(**kwargs):
    """Replace the version now and once more when the transaction commits, and purge the edge
    cache in front (if any) then."""
    _replace_version()
    transaction.on_commit(_replace_version)
    edge.purge_on_commit()


def reset():
    """Forget the version, and so everything kept under it (tests: a rolled-back transaction
    sends no signal)."""
    version_cache().delete(VERSION_KEY)
    forget(_MEMO_KEY)


# Columns a draft save, a workflow step or a lock writes on a reviewed snippet's row: none of
# them is shown to visitors.
DRAFT_BOOKKEEPING = frozenset(
    {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
)


def only_draft_bookkeeping(update_fields) -> bool:
    """Whether a save wrote nothing but a reviewed snippet's draft bookkeeping."""
    return bool(update_fields) and set(update_fields) <= DRAFT_BOOKKEEPING


def counts_as_content(model) -> bool:
    """Whether a change to a row of `model` replaces the version."""
    return issubclass(model, Page) or shown_on_pages(model)


def _on_change(sender, instance=None, update_fields=None, **kwargs):
    if only_draft_bookkeeping(update_fields):
        return  # a snippet's draft saved, submitted or locked: visitors see its live row only
    model = type(instance) if instance is not None else sender
    if counts_as_content(model):
        invalidate()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"content-version-{id(signal)}")
    # Publishing and moving also save rows; these make the intent explicit and cover snippets
    # with draft state, whose publish may write only their revision and the live row.
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(invalidate, dispatch_uid=f"content-version-{id(signal)}")


def cache_enabled() -> bool:
    return bool(settings.FRAME_CACHE_TIMEOUT)


def _key(name: str, version: str | None = None) -> str:
    return f"core:frame:{version or current()}:{name}"


def cached(name, compute, *args):
    """`compute(*args)` from the cache under the current version, or worked out and stored
    there."""
    if not cache_enabled():
        return compute(*args)
    key = _key(name)
    value = cache.get(key)
    if value is None:
        value = compute(*args)
        cache.set(key, value, settings.FRAME_CACHE_TIMEOUT)
    return value


def get_many(names) -> dict:
    """The values stored under these names (those there are), in one cache round trip."""
    version = current()
    keys = {_key(name, version): name for name in names}
    return {keys[key]: value for key, value in cache.get_many(list(keys)).items()}


def store(name, value):
    """Keep `value` under `name` until the version changes."""
    cache.set(_key(name), value, settings.FRAME_CACHE_TIMEOUT)
