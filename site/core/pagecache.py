"""The page cache: whole public pages for anonymous visitors, from Django's cache ("pages").

What is cached: the answer to a GET of a public page (every page type, the routable product
pages, sitemap and robots.txt) for a request that carries no session cookie, when the answer is
a 200 that sets no cookie, put no CSRF token in the page and does not forbid caching. HEAD
requests are answered from the GET's entry. A CSRF cookie alone (left behind by a logout or an
admin visit) changes nothing: the page is the same for it, and a page that renders a CSRF token
is never stored (Django sets the cookie on it; `_cacheable_response` refuses both).

The key is the host, the language, the path and only those query parameters that some page reads
(`key_parameters`: page types declare them in `cache_query_parameters`, other cached views with
`register_query_parameters`): pagination, filters. Tracking parameters (`utm_*`, `fbclid`,
`gclid`, ...) and any other unknown parameter are left out, so campaign links and random query
strings are all served from the page's one entry; pages never echo them (the campaign pages' links
and the enquiry form take `utm_*` from the address bar in the browser, see `campaigns.tracking`).
Kept parameters are ordered by name; several values of one name keep their order
(`?tag=a&tag=b` shows tag b, `?tag=b&tag=a` tag a: two entries). Never
cached: logged-in editors (they have a session cookie: they neither read nor fill the cache),
the admin with its previews and drafts, posts, the counted redirect (/go/, a 302), the site
search (any text can be searched for; `private, no-store`), error pages, documents and media.

Invalidation: every entry is stored with the content version it was rendered under
(`core.content_version`, which lives in this cache), and any change that can show on a page
replaces that version, so an entry from before the change is never served again (nothing stays
stale; `PAGE_CACHE_TIMEOUT` only frees memory). A page that shows something the clock retires (an
upcoming event) is kept, served and sent with lifetimes no longer than it holds
(`core.freshness`). What counts as such a change (pages, snippets and
other models shown on pages, a catalogue sync that changed anything) is listed there. A hit
costs one cache round trip: the version and the entry are read together.

Entries are kept gzip-compressed; a hit is sent compressed to clients that accept gzip (every
browser), decompressed to others, with `Vary: Accept-Encoding`, and so is the miss that stored
it (the same bytes). Responses that bypass the cache (the search, a form sent back, a 404, a
page rendered while the cache is off) go through Django's `GZipMiddleware`, whose random bytes in
the gzip header keep BREACH from measuring a reflected input, unless they may hold a secret (an
editor's session, a rendered CSRF token, a cookie set): those go out uncompressed. A strong
`ETag` turns weak when the body is compressed. Responses say `X-Cache: hit`, `miss` (rendered and stored) or `bypass` (not cacheable) for
tests and benchmarks, and carry `Cache-Control` for a CDN in front: cacheable pages
`public, max-age, s-maxage, stale-while-revalidate, stale-if-error` (settings `PAGE_CACHE_*`),
anything else without its own Cache-Control `private, no-store`.
"""

import functools
import gzip
import hashlib
import re
from operator import itemgetter
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from core import content_version, freshness, release
from core.content_version import invalidate  # noqa: F401 - kept here for the page cache's callers

# Each entry's generation is the content version it was rendered under.
GENERATION_KEY = content_version.VERSION_KEY
# Paths that are never pages: left alone (no X-Cache, their own Cache-Control).
PASSTHROUGH_PREFIXES = ("/admin/", "/documents/", "/health/", "/static/", "/go/")
# Clients that take a gzip-encoded body (Django's GZipMiddleware asks the same way).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The longest query string cached (counting only the parameters of the key); longer ones are
# rendered each time, as is any query string longer than MAX_RAW_QUERY_LENGTH.
MAX_QUERY_LENGTH = 512
MAX_RAW_QUERY_LENGTH = 4096
# Query parameters of cached views that are not page types (page types declare theirs).
_registered_parameters: set[str] = set()


def _cache():
    return caches["pages"]


def reset():
    """Forget every cached page (tests: a rolled-back transaction sends no signal)."""
    _cache().clear()
    content_version.reset()


def register_query_parameters(*names: str) -> None:
    """Name query parameters a cached view other than a page reads (call from `AppConfig.ready`)."""
    _registered_parameters.update(names)
    key_parameters.cache_clear()


@functools.cache
def key_parameters() -> frozenset[str]:
    """Every query parameter that changes what a cached page shows: the page key keeps only these."""
    from wagtail.models import get_page_models

    names = set(_registered_parameters)
    for model in get_page_models():
        names.update(getattr(model, "cache_query_parameters", ()))
    return frozenset(names)


def cache_control_public(limit: int | None = None) -> str:
    """The Cache-Control of a cacheable page; `limit` (seconds) bounds both lifetimes, for a page
    that is only right until a moment (`core.freshness`)."""
    max_age, s_maxage = settings.PAGE_CACHE_MAX_AGE, settings.PAGE_CACHE_S_MAXAGE
    if limit is not None:
        max_age, s_maxage = min(max_age, limit), min(s_maxage, limit)
    return (
        f"public, max-age={max_age}, s-maxage={s_maxage}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.PAGE_CACHE_STALE_IF_ERROR}"
    )


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_RAW_QUERY_LENGTH:
        return False
    if len(_key_query(request)) > MAX_QUERY_LENGTH:
        return False
    return not request.path_info.startswith(settings.MEDIA_URL)


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token (get_token was called while rendering it)
    control = {
        part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    if control & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    return "cookie" not in vary and "*" not in vary


def _drop_vary_cookie(response) -> None:
    """A request without a session cookie gets the same page whatever other cookies it
    has: `Vary: Cookie` (added when a template asked whether someone is logged in) goes."""
    vary = [part.strip() for part in response.get("Vary", "").split(",") if part.strip()]
    kept = [part for part in vary if part.lower() != "cookie"]
    if len(kept) != len(vary):
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def _key_query(request) -> str:
    """The query string of the key: the parameters some page reads, by name, duplicates in order."""
    known = key_parameters()
    pairs = [
        pair
        for pair in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if pair[0] in known
    ]
    return urlencode(sorted(pairs, key=itemgetter(0)))  # a stable sort: duplicates keep order


# Also what the page fragments of an address are kept under (`core.templatetags.fragment_tags`).
key_query = _key_query


def cache_key(request) -> str:
    query = _key_query(request)
    language = translation.get_language_from_path(request.path_info) or "-"
    # Per release (`core.release`): a deploy that changes a template is not served the old page.
    url = f"{release.fingerprint()}|{request.get_host()}|{language}|{request.path_info}?{query}"
    return "page:" + hashlib.sha256(url.encode()).hexdigest()


class PageCacheMiddleware:
    """Answers cacheable requests from the "pages" cache and stores what it renders for them.

    Sits above the session, locale, CSRF and authentication middleware: a hit touches neither
    the database nor the session, so cached pages are served while the database is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PASSTHROUGH_PREFIXES):
            return self.get_response(request)
        if not settings.PAGE_CACHE_TIMEOUT or not _cacheable_request(request):
            return self._bypass(request, self.get_response(request))

        key = cache_key(request)
        found = _cache().get_many([GENERATION_KEY, key])
        generation, entry = found.get(GENERATION_KEY), found.get(key)
        if (
            entry is not None
            and generation is not None
            and entry[0] == generation
            and not freshness.expired(entry[4] if len(entry) > 4 else None)
        ):
            # The page's language, as LocaleMiddleware (not reached by a hit) would activate it.
            translation.activate(
                translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
            )
            return self._from_entry(request, entry)

        if generation is None:
            # The first request after the cache was emptied: a generation before rendering, so
            # that a change made while this page renders replaces it.
            generation = content_version.current()

        response = self.get_response(request)
        _drop_vary_cookie(response)
        if request.method != "GET" or not _cacheable_response(request, response):
            return self._bypass(request, response)
        # A page right only until a moment (an upcoming event shown, `core.freshness`) is kept
        # and sent out for no longer; past it, a hit is refused and the page rendered again.
        until = freshness.until(request)
        limit = freshness.seconds_left(until)
        response["Cache-Control"] = cache_control_public(limit)
        patch_vary_headers(response, ["Accept-Encoding"])
        # Compressed once: stored so, a hit reads a fifth of the bytes from the cache and sends
        # them as they are to every browser (all accept gzip); this miss goes out the same way.
        compressed = gzip.compress(response.content, 6)
        if generation is None:  # the cache is not answering: nothing to store
            response["X-Cache"] = "bypass"
            return _send_compressed(request, response, compressed)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "content-length")
        ]
        entry = (
            generation,
            response.status_code,
            headers,
            compressed,
            until.timestamp() if until is not None else None,
        )
        timeout = settings.PAGE_CACHE_TIMEOUT
        if limit is not None:
            timeout = max(1, min(timeout, limit))
        _cache().set(key, entry, timeout)
        response["X-Cache"] = "miss"
        return _send_compressed(request, response, compressed)

    @staticmethod
    def _from_entry(request, entry) -> HttpResponse:
        _generation, status, headers, compressed = entry[:4]
        if _accepts_gzip(request):
            response = HttpResponse(compressed, status=status)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(compressed), status=status)
        for name, value in headers:
            response[name] = value
        if response.has_header("Content-Encoding"):
            _weaken_etag(response)  # as a compressed miss sends it
        response["Content-Length"] = str(len(response.content))
        response["X-Cache"] = "hit"
        return response

    @staticmethod
    def _bypass(request, response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        response["X-Cache"] = "bypass"
        if not _carries_secret(request, response):
            # Django's own: its random bytes in the gzip header keep BREACH from reading a
            # visitor's reflected input (a search, a form sent back) through the sizes.
            response = _gzip.process_response(request, response)
        return response


_gzip = GZipMiddleware(lambda request: None)


def _accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _carries_secret(request, response) -> bool:
    """Whether a response may hold something secret: an editor's page (a session), a CSRF
    token rendered into it, a cookie set. These go out uncompressed (BREACH)."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        or bool(response.cookies)
        or response.streaming
    )


def _send_compressed(request, response, compressed: bytes):
    """A rendered cacheable page as a hit would send it: the stored gzip bytes to clients that
    accept gzip (the page is the same for every visitor: no secret, no reflected input)."""
    if not _accepts_gzip(request) or response.has_header("Content-Encoding"):
        return response
    response.content = compressed
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(compressed))
    _weaken_etag(response)
    return response


def _weaken_etag(response):
    """A strong ETag turns weak on a compressed body: the same page in another encoding
    (RFC 9110 8.8.1)."""
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
