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


def fragment_value(request, name: str, compute):
    """`compute()`, kept under `name` in the visitor's language on the request's site until the
    content changes (worked out afresh where `cacheable(request)` says no)."""
    if not cacheable(request):
        return compute()
    site = Site.find_for_request(request)
    key = f"fragment:{name}:{translation.get_language()}:{site.pk if site else '-'}"
    return content_version.cached(key, compute, alias=CACHE)
