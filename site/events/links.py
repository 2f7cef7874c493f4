"""The events designers and products can be met at, for their pages ("Meet us at"), through
`core.registry.appearances` (the products app sits below this one and may not import it)."""

import datetime
import hashlib

from django.db.models import Q
from django.utils import translation

from core import content_version, fragments
from events.models import EventPage, midnight_after, today

# A designer or product page lists at most this many upcoming events.
SHOWN = 5


def upcoming_for(*, designer_keys=(), product_refs=(), day: datetime.date | None = None):
    """(items, fresh until): the live events in the active language, not yet over on `day`
    (today in Berlin), that list one of the designers (translation keys of their pages) or
    products (catalogue `external_id`s), soonest first, in one query; and the start of the day
    after the first of them ends, when the list changes by itself (None for an empty list)."""
    if not designer_keys and not product_refs:
        return [], None
    day = day or today()
    language = translation.get_language()
    # Kept per language, day and designers or products, with what working the list out read
    # (the events, their addresses): at every page-cache miss of a designer's or product's page
    # it was one query and about 2 ms; a new day is another list.
    if not fragments.ENABLED:  # tests that count what rendering a page costs
        return _upcoming(designer_keys, product_refs, day, language)
    asked = repr((language, day.isoformat(), sorted(designer_keys), sorted(product_refs)))
    name = "appearances:" + hashlib.blake2b(asked.encode(), digest_size=12).hexdigest()
    return content_version.kept_with_reads(
        name,
        lambda: _upcoming(designer_keys, product_refs, day, language),
        alias=fragments.CACHE,
        own=True,
    )


def _upcoming(designer_keys, product_refs, day, language):
    match = Q()
    if designer_keys:
        match |= Q(designers__translation_key__in=designer_keys)
    if product_refs:
        match |= Q(products__external_id__in=product_refs)
    pks = (
        EventPage.objects.live()
        .filter(match, locale__language_code=language, end_date__gte=day)
        .values("pk")
    )
    events = list(
        EventPage.objects.filter(pk__in=pks)
        .public()
        .order_by("start_date", "start_time", "title")[:SHOWN]
    )
    items = [
        {
            "sort_key": (event.start_date, event.start_time or datetime.time(), event.title),
            "title": event.title,
            "url": event.url,
            "start_date": event.start_date,
            "start_time": event.start_time,
            "end_date": event.end_date,
            "end_time": event.end_time,
            "multi_day": event.multi_day,
            "city": event.city,
            "booth": event.booth,
            "cancelled": event.cancelled,
            "kind": event.get_kind_display(),
        }
        for event in events
    ]
    until = midnight_after(min(event.end_date for event in events)) if events else None
    return items, until
