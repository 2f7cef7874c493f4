"""Keeping bots and forged posts out without captchas, cookies or anything from other hosts.

- **Form token**: the form page itself is the same for everyone and comes from the page cache;
  its token is fetched by `static/js/enquiry-form.js` from `/<lang>/anfrage-token/<page id>/`
  (never cached, sets no cookie), which passes the page's `campaign` and `utm_*` from the
  address bar. Without JavaScript the form is posted without a token and answered with the
  form again, filled in, with a fresh token (campaign and `utm_*` from the post's `Referer`,
  the form page's address) and a request to send it once more. Either way the form carries
  a signed hidden field (django.core.signing, salted) with the
  time the form was shown, the page it belongs to, the campaign code and `utm_*` values of the
  visit, and a random key of this one rendering of the form. The key is stored, unique, with the
  enquiry (`Enquiry.form_key`): a reload, a double click or a browser retrying a slow post sends
  the same key again and gets the same thank-you page without storing or mailing anything more. A post whose token is forged, or that comes back faster than
  `ENQUIRY_MIN_SECONDS`, is discarded silently: the sender sees the normal thank-you page and
  nothing is stored. A token older than `ENQUIRY_FORM_MAX_AGE` is not a bot's: the form is shown
  again, filled in, with a fresh token and a request to send it once more.
- **Honeypot**: a text field people never see (hidden by CSS and from assistive technology);
  a post that fills it is discarded like a forged one.
- **Rate limit**: at most `ENQUIRY_RATE_LIMIT` stored enquiries per client address in
  `ENQUIRY_RATE_WINDOW` seconds, counted in Django's cache under a keyed hash of the address
  (HMAC with SECRET_KEY); the address itself is never stored or logged. A post takes its slot
  before the enquiry is stored, with one atomic step on the cache (`add`, else `incr`: atomic on
  Redis and on the local-memory cache), so concurrent posts cannot all see "4 so far"; a slot
  that stored nothing (a repeated key, an error) is given back. When the cache is down
  the limit fails open: the enquiry is accepted and a warning is logged (`ENQUIRY_RATE_CACHE`
  names the cache; Wagtail's own page serving also reads the default cache), while the token and the
  honeypot still apply.
- **Same-origin posts only** (instead of Django's CSRF cookie, which would give every visitor of
  the form a cookie): the browser's `Sec-Fetch-Site` must say `same-origin`, and `Origin` (or,
  without it, `Referer`) must be this site or one of `CSRF_TRUSTED_ORIGINS`.
"""

import contextlib
import enum
import logging
import re
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.http import QueryDict
from django.utils.http import is_same_domain

from core.ratelimit import client_address, count, hashed_key

logger = logging.getLogger("enquiries")

TOKEN_SALT = "enquiries.form-token"  # noqa: S105 (a signing salt, not a secret)
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
CAMPAIGN_MAX = 64
UTM_MAX = 100
# Campaign codes are slugs; utm values may be words (letters of any script, digits, spaces and
# a few punctuation marks). Everything else is dropped, then the value is cut to length.
CAMPAIGN_DROP = re.compile(r"[^A-Za-z0-9_-]")
# The key of one rendering of the form (secrets.token_urlsafe(16) gives 22 characters).
FORM_KEY = re.compile(r"[A-Za-z0-9_-]{16,32}")
UTM_DROP = re.compile(r"[^\w .,:/+~-]")


def sanitise_campaign(value: str) -> str:
    return CAMPAIGN_DROP.sub("", value or "")[:CAMPAIGN_MAX]


def sanitise_utm(value: str) -> str:
    value = UTM_DROP.sub("", value or "")
    return " ".join(value.split())[:UTM_MAX]


def campaign_from_query(query) -> dict[str, str]:
    """The campaign code and utm values of the landing visit: only these, cleaned, non-empty."""
    data = {"campaign": sanitise_campaign(query.get("campaign", ""))}
    data.update({key: sanitise_utm(query.get(key, "")) for key in UTM_KEYS})
    return {key: value for key, value in data.items() if value}


def campaign_from_referer(request) -> dict[str, str]:
    """The campaign of the form page a post came from (a browser without JavaScript)."""
    referer = request.headers.get("Referer", "")
    origin = _origin_of(referer)
    if origin is None or not _trusted(origin, request):
        return {}
    return campaign_from_query(QueryDict(urlsplit(referer).query))


# -- The form token ----------------------------------------------------------------------------


class TokenState(enum.Enum):
    VALID = "valid"
    MISSING = "missing"
    TOO_FAST = "too fast"
    FORGED = "forged"
    EXPIRED = "expired"


@dataclass
class TokenCheck:
    state: TokenState
    campaign: dict[str, str] = field(default_factory=dict)
    # The key of the form's rendering; "" for a token made before keys existed.
    key: str = ""


def make_token(
    page_id: int, campaign: dict[str, str], now: float | None = None, key: str | None = None
) -> str:
    payload = {
        "p": page_id,
        "t": int(now if now is not None else time.time()),
        "c": campaign,
        "k": key or secrets.token_urlsafe(16),
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def check_token(token: str, page_id: int) -> TokenCheck:
    """The signature protects the payload; its time `t` decides "too fast" and "expired"."""
    if not token:
        return TokenCheck(TokenState.MISSING)
    try:
        payload = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        return TokenCheck(TokenState.FORGED)
    if not isinstance(payload, dict) or payload.get("p") != page_id:
        return TokenCheck(TokenState.FORGED)
    raw = payload.get("c") if isinstance(payload.get("c"), dict) else {}
    campaign = {"campaign": sanitise_campaign(str(raw.get("campaign", "")))}
    campaign.update({key: sanitise_utm(str(raw.get(key, ""))) for key in UTM_KEYS})
    campaign = {key: value for key, value in campaign.items() if value}
    form_key = payload.get("k")
    form_key = form_key if isinstance(form_key, str) and FORM_KEY.fullmatch(form_key) else ""
    try:
        age = time.time() - float(payload.get("t"))
    except (TypeError, ValueError):
        return TokenCheck(TokenState.FORGED)
    if age < settings.ENQUIRY_MIN_SECONDS:
        return TokenCheck(TokenState.TOO_FAST, campaign)
    if age > settings.ENQUIRY_FORM_MAX_AGE:
        # Genuine but old: its campaign still counts for the fresh form.
        return TokenCheck(TokenState.EXPIRED, campaign, form_key)
    return TokenCheck(TokenState.VALID, campaign, form_key)


# -- Same-origin check -------------------------------------------------------------------------


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _trusted(origin: str, request) -> bool:
    if origin == f"{request.scheme}://{request.get_host()}".lower():
        return True
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted_parts = urlsplit(trusted.lower())
        parts = urlsplit(origin)
        if trusted_parts.scheme == parts.scheme and is_same_domain(
            parts.netloc, trusted_parts.netloc
        ):
            return True
    return False


def same_origin_post(request) -> bool:
    """Whether a post comes from a page of this site (the browser says so; forged → False)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        normalised = _origin_of(origin)
        return normalised is not None and _trusted(normalised, request)
    referer = _origin_of(request.headers.get("Referer", ""))
    return referer is not None and _trusted(referer, request)


# -- Honeypot ----------------------------------------------------------------------------------

HONEYPOT_NAME = "website"


def honeypot_filled(post) -> bool:
    return bool(post.get(HONEYPOT_NAME, "").strip())


# -- Rate limit --------------------------------------------------------------------------------


def _rate_key(request) -> str:
    return hashed_key("enquiries:rate", client_address(request))


def _cache():
    return caches[settings.ENQUIRY_RATE_CACHE]


def take_rate_slot(request) -> bool:
    """Count this post against its address; False when that exceeds `ENQUIRY_RATE_LIMIT`.

    One atomic step on the cache: `add` starts a window at 1; otherwise `incr` returns this
    post's number. Concurrent posts each get a different number, so exactly the first
    `ENQUIRY_RATE_LIMIT` of a window pass. Posts over the limit are counted too (they change
    nothing: the window still ends when its first post is an hour old). A cache that does not
    answer lets the post through (fail open) and logs a warning.
    """
    try:
        number = count(_cache(), _rate_key(request), settings.ENQUIRY_RATE_WINDOW)
    except Exception as error:
        logger.warning("enquiry rate limit unavailable (%s): accepting", type(error).__name__)
        return True
    return number <= settings.ENQUIRY_RATE_LIMIT


def give_back_rate_slot(request) -> None:
    """Undo `take_rate_slot` for a post that stored nothing (a repeat, an error)."""
    with contextlib.suppress(Exception):
        _cache().decr(_rate_key(request))
