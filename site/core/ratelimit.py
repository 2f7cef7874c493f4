"""Counting by client address or account in the shared cache, without storing either.

Used by the enquiry form's rate limit and the admin login's lockout. Keys are keyed hashes
(HMAC with SECRET_KEY) of what is counted, so neither an address nor a user name is stored in
the cache or written to a log.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the one `ENQUIRY_PROXY_COUNT` proxies forwarded.

    Each trusted proxy appends the address it saw to X-Forwarded-For; only the entry the
    outermost trusted proxy appended is believed (what the client wrote itself comes before it).
    """
    proxies = settings.ENQUIRY_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hashed_key(prefix: str, value: str) -> str:
    digest = salted_hmac(prefix, value, algorithm="sha256").hexdigest()[:32]
    return f"{prefix}:{digest}"


def count(cache, key: str, window: int) -> int:
    """Adds one to `key` in one atomic cache step and returns the new count.

    `add` starts a window at 1; otherwise `incr` returns this call's number (atomic on Redis and
    in the local-memory cache), so concurrent callers each get a different number. Cache errors
    are the caller's to handle (fail open or closed).
    """
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        number = cache.incr(key)
    except ValueError:
        # The window ended between add() and incr(): this call starts the next one.
        number = 1 if cache.add(key, 1, timeout=window) else cache.incr(key)
    if number == 1:
        # Redis creates a key that vanished before INCR without an expiry: give it one.
        cache.touch(key, timeout=window)
    return number
