"""Whether the shops' addresses still answer: the engine of `manage.py check_shop_links`.

Shops move pages, close, or have a bad night. A link that fails once is usually fine the next
day, so one failure only counts (`LinkCheck.failures`); a link is *broken* after
`SHOP_LINKS_BROKEN_AFTER` failures in a row, and one success forgives everything. The checker
only records: it never hides or deletes a link or a retailer - editors decide what to do.

It is a polite client: a HEAD first (GET only when HEAD is refused or fails), a short timeout,
one request at a time per host, and a shop that answers 429 is left alone until the time it
names (capped) and for the rest of the run. It only ever requests addresses that pass the same
check as the admin (`check_shop_url`), follows redirects only to http(s) addresses, and never
connects to an internal address (`core.safe_http`: checked after DNS, for every redirect hop, the
connection pinned to the checked address).

HTTP runs in worker threads; every database write happens in the calling thread.
"""

import http.client
import logging
import socket
import ssl
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import safe_http
from shop_links.models import LinkCheck, Retailer, StockistLink
from shop_links.validators import check_shop_url

log = logging.getLogger("shop_links.linkcheck")

USER_AGENT = "made-in-aachen-nord-link-check/1"
MAX_REDIRECTS = 10
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# When a 429 names no (readable) time, wait this long.
DEFAULT_BACKOFF = 3600


@dataclass
class Outcome:
    """One address's answer in this run. `state`: ok, failed, backoff (429) or skipped.

    `error` is a short code (see `status.ERRORS`): http, timeout, reset, refused, dns, tls,
    connection, redirects, scheme, private (resolves to a non-public address), not-allowed.
    """

    url: str
    state: str
    status: int | None = None
    error: str = ""
    final_url: str = ""
    duration_ms: int | None = None
    retry_after: float | None = None  # seconds, for a 429


@dataclass
class Summary:
    checked: int = 0
    ok: int = 0
    failing: int = 0
    broken: int = 0
    backing_off: int = 0
    pruned: int = 0
    outcomes: list = field(default_factory=list)

    def line(self) -> str:
        text = (
            f"{self.checked} checked: {self.ok} ok, {self.failing} failing, "
            f"{self.broken} broken, {self.backing_off} backing off"
        )
        if self.pruned:
            text += f"; {self.pruned} unused results removed"
        return text


def addresses_in_use() -> dict[str, bool]:
    """Every distinct outbound address, with whether plain http is allowed for it.

    Retailers' websites are taken from the source-language rows (translations share them),
    stockist links from their own address; a link without one leads to its retailer's website,
    which is already in the list.
    """
    allow_everywhere = getattr(settings, "SHOP_LINKS_ALLOW_HTTP", False)
    found: dict[str, bool] = {}
    retailers = Retailer.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    links = StockistLink.objects.exclude(url="")
    for rows in (
        retailers.values_list("website", "allow_http"),
        links.values_list("url", "allow_http"),
    ):
        for url, allow_http in rows:
            if url:
                found[url] = found.get(url, False) or allow_http or allow_everywhere
    return found


def retry_delay(value: str | None, now: datetime) -> float:
    """Seconds a Retry-After header asks for (seconds or an HTTP date), capped and never < 0."""
    cap = settings.SHOP_LINKS_MAX_RETRY_AFTER
    value = (value or "").strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return min(DEFAULT_BACKOFF, cap)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    return max(0.0, min(seconds, cap))


def _causes(exc: BaseException):
    """The exception and everything it wraps (requests → urllib3 → socket)."""
    seen, todo = set(), [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen or len(seen) > 20:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        todo += [a for a in getattr(current, "args", ()) if isinstance(a, BaseException)]
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            todo.append(reason)


def classify(exc: BaseException) -> str:
    if isinstance(exc, requests.Timeout):
        return "timeout"
    causes = list(_causes(exc))
    kinds = [
        ("dns", (socket.gaierror, urllib3.exceptions.NameResolutionError)),
        ("tls", (ssl.SSLError, requests.exceptions.SSLError)),
        ("refused", (ConnectionRefusedError,)),
        ("reset", (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError)),
        ("timeout", (TimeoutError, socket.timeout)),
    ]
    for code, types in kinds:
        if any(isinstance(cause, types) for cause in causes):
            return code
    return "connection"


class _Stopped(Exception):
    def __init__(self, code, status, url):
        super().__init__(code)
        self.code, self.status, self.url = code, status, url


def points_inside(url: str) -> bool:
    """Whether the address's host resolves to a loopback, private, link-local or reserved
    address: a shop (or its redirect) must not make the checker probe the site's own network.
    A name that does not resolve is left to the request, which then fails as a DNS error.
    Only the exact `address:port` pairs in SHOP_LINKS_CHECK_ALLOW_INTERNAL are let through."""
    return safe_http.points_inside(url, _allowed())


def new_session() -> requests.Session:
    """Connects only to public addresses, checked where the connection is opened (also for
    every redirect hop), plus the exact pairs in SHOP_LINKS_CHECK_ALLOW_INTERNAL."""
    return safe_http.public_session(user_agent=USER_AGENT, allowed=_allowed())


def _allowed() -> frozenset[str]:
    return frozenset(settings.SHOP_LINKS_CHECK_ALLOW_INTERNAL)


def _follow(session, method: str, url: str, timeout: float):
    """(status, final URL, Retry-After) after following at most MAX_REDIRECTS redirects."""
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            with session.request(
                method, current, timeout=(timeout, timeout), allow_redirects=False, stream=True
            ) as response:
                status = response.status_code
                location = response.headers.get("Location")
                retry_after = response.headers.get("Retry-After")
        except safe_http.BlockedAddress:
            raise _Stopped("private", None, current) from None
        if status not in REDIRECT_STATUSES or not location:
            return status, current, retry_after
        target = urljoin(current, location.strip())
        if urlsplit(target).scheme.lower() not in {"http", "https"}:
            raise _Stopped("scheme", status, current)
        current = target
    raise _Stopped("redirects", status, current)


def check_url(session: requests.Session, url: str, timeout: float) -> Outcome:
    """HEAD, then GET if HEAD is refused or fails: the better of the two answers."""
    started = time.monotonic()

    def attempt(method):
        try:
            status, final_url, retry_after = _follow(session, method, url, timeout)
        except _Stopped as stop:
            return Outcome(url, "failed", stop.status, stop.code, stop.url)
        except requests.RequestException as exc:
            return Outcome(url, "failed", error=classify(exc))
        if status == 429:
            delay = retry_delay(retry_after, timezone.now())
            return Outcome(url, "backoff", status, final_url=final_url, retry_after=delay)
        if status >= 400:
            return Outcome(url, "failed", status, "http", final_url)
        return Outcome(url, "ok", status, final_url=final_url)

    outcome = attempt("HEAD")
    if outcome.state == "failed" and outcome.error not in {"scheme", "private"}:
        outcome = attempt("GET")
    outcome.duration_ms = round((time.monotonic() - started) * 1000)
    return outcome


def _check_host(urls: list[str], timeout: float) -> list[Outcome]:
    """One host's addresses one after another; after a 429 the rest of them wait."""
    outcomes = []
    with new_session() as session:
        for url in urls:
            if outcomes and outcomes[-1].state in {"backoff", "skipped"}:
                outcomes.append(Outcome(url, "skipped"))
                continue
            outcomes.append(check_url(session, url, timeout))
    return outcomes


def record(outcome: Outcome, check: LinkCheck, now: datetime) -> LinkCheck:
    """Store one outcome; a failure counts, a success forgives, a 429 only postpones."""
    if outcome.state == "skipped":
        return check
    check.status = outcome.status
    check.duration_ms = outcome.duration_ms
    if outcome.state == "backoff":
        check.retry_after = now + timedelta(seconds=outcome.retry_after or 0)
        check.save()
        return check
    check.checked_at = now
    check.final_url = outcome.final_url[:1000]
    check.retry_after = None
    if outcome.state == "ok":
        check.error, check.failures, check.broken = "", 0, False
    else:
        check.error = outcome.error
        check.failures = min(check.failures + 1, 32767)
        check.broken = check.failures >= settings.SHOP_LINKS_BROKEN_AFTER
    check.save()
    return check


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def run(
    *,
    only: str | None = None,
    timeout: float | None = None,
    workers: int | None = None,
    on_result=None,
) -> Summary:
    """Check every address in use (or `only` that one, even while backing off) and record it.

    Results for addresses no longer in use are removed in a full run. `on_result(outcome,
    check)` is called for every address, in the calling thread.
    """
    timeout = timeout or settings.SHOP_LINKS_CHECK_TIMEOUT
    workers = max(1, workers or settings.SHOP_LINKS_CHECK_WORKERS)
    now = timezone.now()
    in_use = addresses_in_use()
    if only is not None:
        if only not in in_use:
            raise LookupError(only)
        in_use = {only: in_use[only]}
    checks = {check.url: check for check in LinkCheck.objects.filter(url__in=list(in_use))}
    summary = Summary()

    def tally(outcome: Outcome):
        check = checks.get(outcome.url) or LinkCheck(url=outcome.url)
        checks[outcome.url] = record(outcome, check, now)
        if outcome.state in {"backoff", "skipped"}:
            summary.backing_off += 1
            if outcome.state == "backoff":
                summary.checked += 1
                log.info(
                    "Shop link backing off (429): %s",
                    outcome.url,
                    extra={"event": "shop_link_backing_off", "url": outcome.url},
                )
        else:
            summary.checked += 1
            if outcome.state == "ok":
                summary.ok += 1
            else:
                summary.broken += check.broken
                summary.failing += not check.broken
                log.warning(
                    "Shop link %s (%d× in a row): %s - %s",
                    "broken" if check.broken else "failing",
                    check.failures,
                    outcome.url,
                    outcome.status or outcome.error,
                    extra={
                        "event": "shop_link_broken" if check.broken else "shop_link_failing",
                        "url": outcome.url,
                        "status": outcome.status,
                        "error": outcome.error,
                        "failures": check.failures,
                    },
                )
        summary.outcomes.append(outcome)
        if on_result:
            on_result(outcome, check)

    by_host = defaultdict(list)
    for url, allow_http in sorted(in_use.items()):
        check = checks.get(url)
        if only is None and check and check.retry_after and check.retry_after > now:
            tally(Outcome(url, "skipped"))
            continue
        try:
            check_shop_url(url, allow_http=allow_http)
        except ValidationError:
            tally(Outcome(url, "failed", error="not-allowed"))
            continue
        by_host[_host(url)].append(url)

    with ThreadPoolExecutor(max_workers=min(workers, len(by_host) or 1)) as pool:
        futures = [pool.submit(_check_host, urls, timeout) for urls in by_host.values()]
        for future in as_completed(futures):
            for outcome in future.result():
                tally(outcome)

    if only is None:
        stale = LinkCheck.objects.exclude(pk__in=[c.pk for c in checks.values() if c.pk])
        summary.pruned = stale.delete()[0]
    return summary
