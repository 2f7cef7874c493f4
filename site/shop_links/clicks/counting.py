"""Counting a click on an outbound shop link: one daily number, nothing about the visitor.

The redirect views decide *whether* a request is a click (`should_count`) and then add one to the
day's row for the link (or the retailer's website) and placement (`count_click`). Headers are
only inspected, never stored or logged.
"""

import re

from crawlerdetect import CrawlerDetect
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from shop_links.models import ClickCount

# Requests a browser makes before (or instead of) a visitor's click: link prefetch, speculation
# rules prefetch/prerender, Safari's top-sites previews, Firefox's old prefetch.
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")

# Automated clients are recognised by the user agent: CrawlerDetect's maintained list (crawlers,
# link previews of chat apps and social networks, HTTP libraries, monitors) plus the fediverse and
# chat servers that fetch a shared link once per server and that the list does not name yet. A
# click from a person never carries these words; an empty user agent is a script.
CRAWLERS = CrawlerDetect()
PREVIEW_FETCHERS = re.compile(
    r"mastodon|pleroma|akkoma|misskey|calckey|firefish|sharkey|iceshrimp|gotosocial|friendica|"
    r"lemmy|kbin|mbin|pixelfed|peertube|bluesky|cardyb|iframely|embedly|unfurl|linkexpanding|"
    r"synapse|mattermost|rocket\.chat|zulip|preview|headless|lighthouse|"
    r"^wrk|apachebench|^ab/",
    re.IGNORECASE,
)


def is_automated(agent: str) -> bool:
    """Whether a user agent belongs to a program rather than a person's browser."""
    agent = agent.strip()
    return not agent or bool(PREVIEW_FETCHERS.search(agent)) or CRAWLERS.is_crawler(agent)


def should_count(request) -> bool:
    """A person's GET: not HEAD, not a prefetch or prerender, not a crawler or link preview."""
    if request.method != "GET":
        return False
    if any(request.META.get(header) for header in PREFETCH_HEADERS):
        return False
    return not is_automated(request.META.get("HTTP_USER_AGENT", ""))


def placement_of(request) -> str:
    """The `from` parameter if it names a placement, else "other"; it never picks a target."""
    value = request.GET.get("from", "")
    return value if value in ClickCount.Placement.values else ClickCount.Placement.OTHER


def count_click(
    *,
    retailer_id: int,
    placement: str,
    link_id: int | None = None,
    product_id: int | None = None,
    designer_ref: str = "",
    lock_timeout_ms: int = 500,
):
    """Add one to today's row, creating it on the day's first click.

    An UPDATE … SET count = count + 1 cannot lose a concurrent click; when two first clicks
    race, the loser's INSERT fails on the unique constraint and it updates the winner's row.
    On PostgreSQL a lock held elsewhere (a migration, a long report) makes the count give up
    after `lock_timeout_ms` instead of keeping the visitor waiting.
    """
    day = timezone.localdate()
    if link_id is not None:
        rows = ClickCount.objects.filter(day=day, link_id=link_id, placement=placement)
    else:
        rows = ClickCount.objects.filter(
            day=day, retailer_id=retailer_id, placement=placement, website=True
        )
    # A transaction of its own (a savepoint inside a request's): a failed count rolls back alone.
    with transaction.atomic():
        if connection.vendor == "postgresql" and lock_timeout_ms > 0:
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = {int(lock_timeout_ms)}")
        for _attempt in range(2):
            if rows.update(count=F("count") + 1):
                return
            try:
                with transaction.atomic():
                    ClickCount.objects.create(
                        day=day,
                        retailer_id=retailer_id,
                        link_id=link_id,
                        website=link_id is None,
                        product_id=product_id,
                        designer_ref=designer_ref,
                        placement=placement,
                        count=1,
                    )
                return
            except IntegrityError:
                continue  # another click created the row first: add to it
        raise RuntimeError("click row neither updated nor created")
