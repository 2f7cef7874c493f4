"""Pages whose content changes with the clock, not with an edit: how long a rendering holds.

Almost everything a page shows changes only when someone saves something, and the content
version (`core.content_version`) retires the cached pages then. A few things change by
themselves as time passes: an event listed as upcoming drops off the day after it ends,
without an editor publishing anything. Code that shows such a thing says until when its
rendering is right with `fresh_until(request, moment)`; the page cache (`core.pagecache`)
stores the page no longer than that, serves it no longer than that (checked on every hit, so a
moved clock counts), and bounds the `Cache-Control` lifetimes it sends to an edge cache in
front. A request that never calls it is bounded by nothing but the content version.

Keep what is shown that way out of page fragments (`{% fragment %}`), which have no lifetime of
their own: render it beside them.
"""

import datetime

from django.utils import timezone

ATTRIBUTE = "page_fresh_until"


def fresh_until(request, moment: datetime.datetime | None) -> None:
    """Note that what `request` renders is right until `moment` (aware) at the latest; the
    earliest moment noted wins. None notes nothing."""
    if request is None or moment is None:
        return
    known = getattr(request, ATTRIBUTE, None)
    if known is None or moment < known:
        setattr(request, ATTRIBUTE, moment)


def until(request) -> datetime.datetime | None:
    """The moment noted for `request`, if any."""
    return getattr(request, ATTRIBUTE, None)


def seconds_left(moment: datetime.datetime | None) -> int | None:
    """Whole seconds from now until `moment` (0 once it has passed); None without a moment."""
    if moment is None:
        return None
    return max(0, int((moment - timezone.now()).total_seconds()))


def expired(timestamp: float | None) -> bool:
    """Whether a moment stored as a POSIX timestamp has passed (None never does)."""
    return timestamp is not None and timezone.now().timestamp() >= timestamp
