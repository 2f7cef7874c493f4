"""Parts of pages that depend on content only, kept per language and site until a structural
change or a content edit of a page they read (`core.content_version.kept_with_reads`,
`core.dependencies`): see `core.templatetags.fragment_tags`.

Never kept for previews (an editor's unsaved or unpublished content), and not at all with
`FRAME_CACHE_TIMEOUT=0`. A request's first fragment is read together with every fragment the
last request for its address asked for, in one cache command (`content_version._kept_entry`).
"""

import hashlib
from functools import cache, partial

from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from core import content_version, dependencies

# The cache alias they are kept in: apart from the frame and the routes, which a crawl through
# thousands of pages would otherwise push out of a process-local cache.
CACHE = "fragments"
# Tests that count what rendering a page costs turn fragments off (the `uncached_pages` fixture).
ENABLED = True


def cacheable(request) -> bool:
    return (
        ENABLED
        and request is not None
        and not getattr(request, "is_preview", False)
        and content_version.cache_enabled()
    )


# Longer names (a fragment kept per query string) are kept under their digest: cache keys stay
# short enough for any backend (memcached refuses keys over 250 characters).
LONGEST_NAME = 120


def _key(request, name: str) -> str:
    site = Site.find_for_request(request)
    if len(name) > LONGEST_NAME:
        name = "sha256-" + hashlib.sha256(name.encode()).hexdigest()
    return f"fragment:{name}:{translation.get_language()}:{site.pk if site else '-'}"


def fragment_value(request, name: str, compute, page=None, own=False):
    """`compute()`, kept under `name` in the visitor's language on the request's site until a
    change it could show: a structural change, or a content edit of a page its request read
    (`content_version.kept_with_reads`, `core.dependencies`) — `page`, the page it shows,
    counts as read. Worked out afresh where `cacheable(request)` says no.

    `own=True`: kept with what working it out read only, for a part that shows nothing its
    request handed it (the search page's suggestions: the search before it reads every page)."""
    if not cacheable(request):
        return compute()
    if getattr(page, "pk", None) is not None and isinstance(page, Page):
        dependencies.note(dependencies.Reads({page.pk}))
    return content_version.kept_with_reads(_key(request, name), compute, alias=CACHE, own=own)


def fragment_values(request, names, compute_missing, content=False, reads_of=None) -> dict:
    """Many fragments that show no page's content (a catalogue product's card: the catalogue,
    images and pages' titles and addresses), read in two cache round trips: `compute_missing(names)`
    works out those not kept (a dict by name; all of them where `cacheable(request)` says no),
    which are then kept under the structure version with what working them out read
    (`content_version.kept_many`): a product page retitled or an index page's new address
    replaces them.

    `content=True`: fragments that show pages' content too (a page's search hit: its search
    description, its picture), kept with every page they read as content: that page's edit
    replaces them.

    `reads_of(name, reads)`: what of the reads of those worked out together each one depends on
    (`content_version.kept_many`; a product card on its own product's row, `Reads.of_rows`)."""
    names = list(names)
    if not cacheable(request):
        return compute_missing(names)
    keys = {name: _key(request, name) for name in names}
    by_key = {key: name for name, key in keys.items()}

    def compute(missing_keys):
        computed = compute_missing([by_key[key] for key in missing_keys])
        return {keys[name]: value for name, value in computed.items()}

    def own_reads(key, reads):
        return reads_of(by_key[key], reads)

    found = content_version.kept_many(
        keys.values(),
        compute,
        alias=CACHE,
        structure_only=not content,
        reads_of=own_reads if reads_of is not None else None,
    )
    return {name: found[key] for name, key in keys.items()}


def lazy_values(compute, names) -> dict:
    """{name: `compute()[name]`, worked out when first used} for a page's context: `compute()`
    runs once, when the template first uses one of them, and not at all where the fragment that
    uses them is kept (a listing read from the cache asks for no row)."""
    once = cache(compute)
    return {name: SimpleLazyObject(partial(_item, once, name)) for name in names}


def _item(compute, name):
    return compute()[name]
