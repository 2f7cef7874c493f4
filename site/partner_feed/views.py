"""The partner feed at /api/v1/products.json and /api/v1/products.csv (docs/partner-feed.md).

Each request, in this order: the format (else 404), the key (`Authorization: Bearer <key>` or
`X-Api-Key: <key>`; a key in the query string is refused, else 401 where the feed is not public
or the key is unknown or revoked), the rate limit (429 with Retry-After), the parameters (`lang`,
`page`: else 400), then the conditional request (304) or the feed. Every answer is JSON or CSV,
sets no cookie, and is logged in one line without the key, the address or the user agent.
"""

import datetime
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import parse_etags
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from core import content_version
from core.ratelimit import client_address, count, hashed_key
from core.seo import site_root_url
from partner_feed import feed
from partner_feed.models import LONGEST_KEY, FeedAccess, FeedState, PartnerKey

logger = logging.getLogger("partner_feed")

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}
QUERY_KEY_NAMES = ("key", "api_key", "apikey", "token", "access_token")
# Longest validator headers looked at; longer ones are ignored (a full answer, never an error).
LONGEST_VALIDATOR = 2048


def error(status: int, code: str, message: str, **headers) -> JsonResponse:
    response = JsonResponse({"error": code, "message": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def not_found_error(request, code: str, message: str) -> JsonResponse:
    """A JSON 404 that stays one (no redirect into /de/…: `partner_feed.no_routes`)."""
    request.urlconf = "partner_feed.no_routes"
    return error(404, code, message)


def presented_key(request) -> str | None:
    """The key the request sends in a header (None: none sent)."""
    auth = request.headers.get("Authorization")
    if auth is not None:
        scheme, _space, value = auth.strip().partition(" ")
        return value.strip() if scheme.lower() == "bearer" else ""
    key = request.headers.get("X-Api-Key")
    return key.strip() if key is not None else None


def rate_limited(bucket: str) -> bool:
    """Whether this request is one too many in the current window (fails open without cache)."""
    try:
        number = count(
            caches[settings.PARTNER_FEED_RATE_CACHE],
            hashed_key("partner-feed", bucket),
            settings.PARTNER_FEED_RATE_WINDOW,
        )
    except Exception:  # a cache outage must not close the feed
        logger.warning("partner feed rate limit unavailable", extra={"event": "feed_rate_cache"})
        return False
    return number > settings.PARTNER_FEED_RATE_LIMIT


def last_modified(page: feed.FeedPage) -> datetime.datetime:
    """When this page's content last changed: the time its digest was first served, one second
    later than the one before at least (so that If-Modified-Since sees every change)."""
    state = FeedState.objects.filter(language=page.language, page=page.number).first()
    if state is not None and state.digest == page.digest:
        return state.modified_at
    now = timezone.now().replace(microsecond=0)
    if state is not None and now <= state.modified_at:
        now = state.modified_at + datetime.timedelta(seconds=1)
    with transaction.atomic():
        updated = FeedState.objects.update_or_create(
            language=page.language,
            page=page.number,
            defaults={"digest": page.digest, "modified_at": now},
        )[0]
    return updated.modified_at


def not_modified(request, etag: str, modified: datetime.datetime) -> bool:
    """RFC 9110: If-None-Match (weak comparison) wins over If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match", "")
    if if_none_match and len(if_none_match) <= LONGEST_VALIDATOR:
        tags = [tag.removeprefix("W/") for tag in parse_etags(if_none_match)]
        return "*" in tags or etag in tags
    if_modified_since = request.headers.get("If-Modified-Since", "")
    if if_modified_since and len(if_modified_since) <= LONGEST_VALIDATOR:
        since = parse_http_date_safe(if_modified_since)
        return since is not None and int(modified.timestamp()) <= since
    return False


def _page_url(request, fmt: str, language: str, number: int) -> str:
    root = site_root_url(None)
    query = urlencode({"lang": language, **({"page": number} if number > 1 else {})})
    return f"{root}/api/v{feed.VERSION}/products.{fmt}?{query}"


def _serve(request, fmt: str):
    if any(name in request.GET for name in QUERY_KEY_NAMES):
        return error(400, "key_in_query", "Send the key in the Authorization or X-Api-Key header.")
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    languages = [code for code, _name in settings.LANGUAGES]
    if language not in languages:
        return error(400, "bad_language", f"lang must be one of: {', '.join(languages)}.")
    raw_page = request.GET.get("page", "1")
    if not (raw_page.isascii() and raw_page.isdigit() and 0 < len(raw_page) < 7):
        return error(400, "bad_page", "page must be a whole number from 1.")
    number = int(raw_page)
    if number < 1:
        return error(400, "bad_page", "page must be a whole number from 1.")
    try:
        page = content_version.cached(
            f"partner-feed:{language}:{number}:{settings.PARTNER_FEED_PAGE_SIZE}",
            feed.feed_page,
            language,
            number,
        )
    except feed.PageOutOfRange:
        return not_found_error(request, "no_such_page", "This page of the feed does not exist.")
    modified = last_modified(page)
    etag = f'"v{feed.VERSION}-{fmt}-{page.digest[:40]}"'
    next_url = _page_url(request, fmt, language, number + 1) if number < page.pages else ""
    headers = {"ETag": etag, "Last-Modified": http_date(modified.timestamp())}
    if not_modified(request, etag, modified):
        response = HttpResponse(status=304)
    elif fmt == "json":
        body = feed.json_body(page, modified.isoformat().replace("+00:00", "Z"), next_url)
        response = HttpResponse(body, content_type=FORMATS[fmt])
    else:
        response = HttpResponse(feed.csv_body(page), content_type=FORMATS[fmt])
        response["Content-Disposition"] = f'inline; filename="products-{language}-{number}.csv"'
    for name, value in headers.items():
        response[name] = value
    response["X-Total-Count"] = str(page.count)
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    response["Content-Language"] = language
    return response


@require_safe
def products(request, fmt: str):
    response = _products(request, fmt)
    _log(request, fmt, getattr(request, "partner_key", None), response.status_code)
    return response


def _products(request, fmt: str):
    if fmt not in FORMATS:
        return not_found_error(request, "unknown_format", "Formats: products.json, products.csv.")
    sent = presented_key(request)
    access = FeedAccess.load()
    key = None
    if sent is not None:
        key = PartnerKey.for_key(sent) if len(sent) <= LONGEST_KEY else None
        if key is None:
            return _unauthorized("invalid_key", "This key is unknown or has been revoked.")
    elif not access.public:
        return _unauthorized("key_required", "This feed needs a partner key.")
    request.partner_key = key
    bucket = f"key:{key.pk}" if key is not None else f"address:{client_address(request)}"
    if rate_limited(bucket):
        window = settings.PARTNER_FEED_RATE_WINDOW
        return error(
            429,
            "rate_limited",
            f"Too many requests; try again in {window} s.",
            Retry_After=str(window),
        )
    if key is not None:
        key.note_use()
    response = _serve(request, fmt)
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization, X-Api-Key"
    if key is None:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link, X-Total-Count"
    return response


def _unauthorized(code: str, message: str) -> JsonResponse:
    return error(401, code, message, WWW_Authenticate='Bearer realm="partner-feed"')


def _log(request, fmt: str, key, status: int) -> None:
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    languages = {code for code, _name in settings.LANGUAGES}
    logger.info(
        "partner feed key=%s format=%s lang=%s status=%s",
        key.pk if key is not None else "-",
        fmt if fmt in FORMATS else "other",
        language if language in languages else "other",
        status,
        extra={"event": "partner_feed_request", "status": status},
    )


def not_found(request, *args, **kwargs):
    """Anything else under /api/: a JSON 404 (never a redirect into a language)."""
    return not_found_error(
        request, "not_found", "See /api/v1/products.json and /api/v1/products.csv."
    )
