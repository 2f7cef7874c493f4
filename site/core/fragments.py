"""Parts of pages that depend on content only, kept under the content version
(`core.content_version`), per language and site: see `core.templatetags.fragment_tags`.

Never kept for previews (an editor's unsaved or unpublished content), and not at all with
`FRAME_CACHE_TIMEOUT=0`.
"""

from django.utils import translation
from wagtail.models import Site

from core import content_version

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


def _key(request, name: str) -> str:
    site = Site.find_for_request(request)
    return f"fragment:{name}:{translation.get_language()}:{site.pk if site else '-'}"


def fragment_value(request, name: str, compute):
    """`compute()`, kept under `name` in the visitor's language on the request's site until the
    content changes (worked out afresh where `cacheable(request)` says no)."""
    if not cacheable(request):
        return compute()
    return content_version.cached(_key(request, name), compute, alias=CACHE)


def fragment_values(request, names, compute_missing) -> dict:
    """The values of many fragments, as `fragment_value` keeps them, read in one cache round
    trip: `compute_missing(names)` works out those not kept (a dict by name; all of them where
    `cacheable(request)` says no), which are then kept."""
    names = list(names)
    if not cacheable(request):
        return compute_missing(names)
    keys = {name: _key(request, name) for name in names}
    found = content_version.get_many(keys.values(), alias=CACHE)
    values = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in names if name not in values]
    if missing:
        computed = compute_missing(missing)
        for name in missing:
            content_version.store(keys[name], computed[name], alias=CACHE)
        values.update(computed)
    return values
