"""iCalendar (RFC 5545) for calendar apps: the feed of an events index (`events.ics`, the
upcoming events and those that ended up to `RECENT_DAYS` ago) and each event's download
(`event.ics`), written with the `icalendar` library.

Each event's UID is `event-<translation key>@<host>`, one per event whatever the language: a
calendar that imported an event in German and again in English keeps one entry, and a
subscriber's copy is updated in place when the event changes (LAST-MODIFIED and DTSTAMP are
its last publish, so the same event gives the same lines until it is published again). Times are Berlin's, with
`TZID=Europe/Berlin` and the VTIMEZONE it names; an all-day event has `VALUE=DATE` days and ends
(exclusively) the day after its last day. A cancelled event stays in with `STATUS:CANCELLED`,
so calendars drop or strike it through.
"""

import datetime
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core import seo

PRODID = "-//Made in Aachen-Nord//Termine//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid(page, request) -> str:
    host = urlsplit(seo.site_root_url(request)).hostname or "made-in-aachen-nord"
    return f"event-{page.translation_key}@{host}"


def summary(page) -> str:
    if page.cancelled:
        return _("Abgesagt: %(title)s") % {"title": page.title}
    return page.title


def description(page, url: str) -> str:
    lines = [page.lead]
    if page.booth:
        lines.append(_("Stand: %(booth)s") % {"booth": page.booth})
    if url:
        lines.append(url)
    return "\n\n".join(line for line in lines if line)


def vevent(page, request) -> Event:
    from events.models import midnight_after

    event = Event()
    stamp = page.last_published_at or timezone.now()
    url = seo.page_url(page, request)
    event.add("uid", uid(page, request))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("last-modified", stamp.astimezone(datetime.UTC))
    event.add("dtstart", page.starts_at)
    if page.all_day:
        event.add("dtend", page.end_date + datetime.timedelta(days=1))
    elif page.ends_at is not None:
        event.add("dtend", page.ends_at)
    elif page.multi_day:  # a time to start, none to end: it lasts to the end of its last day
        event.add("dtend", midnight_after(page.end_date))
    event.add("summary", summary(page))
    event.add("description", description(page, url))
    event.add("location", ", ".join(page.address_lines))
    event.add("categories", [page.get_kind_display()])
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def calendar(request, pages, name: str) -> bytes:
    """The VCALENDAR of `pages`, each in its own language."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    for page in pages:
        with translation.override(page.locale.language_code):
            cal.add_component(vevent(page, request))
    if pages:  # the zone's rules from a year before the first event to a year after the last
        first = min(page.start_date for page in pages)
        last = max(page.end_date or page.start_date for page in pages)
        cal.add_missing_timezones(
            first_date=datetime.date(first.year - 1, 1, 1),
            last_date=datetime.date(last.year + 2, 1, 1),
        )
    return cal.to_ical()


def response(request, pages, filename: str | None) -> HttpResponse:
    """The calendar of `pages` as an answer: for a calendar app to subscribe to (the feed), or
    as a file to save (`filename`)."""
    name = pages[0].title if filename else _("Made in Aachen-Nord: Termine")
    answer = HttpResponse(calendar(request, pages, name), content_type=CONTENT_TYPE)
    if filename:
        answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
