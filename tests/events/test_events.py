"""Events as visitors, calendar apps and editors meet them: the index's upcoming and past lists
as days pass, an event page's dates in four languages, a cancelled event, the Event JSON-LD, the
iCalendar feed and download read back with `icalendar` (UIDs, Berlin times across the change to
summer time, escaping and folding), the "Meet us at" list on designer and product pages through
the page cache until the day after the event, hostile addresses, and the editors' checks.

Time is moved by replacing `django.utils.timezone.now` (the one clock the events and the page
cache's freshness read; no time-travel library is installed)."""

import datetime
import json
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar

from catalogue.models import Product
from core.typography import SOFT_HYPHEN
from designers.models import DesignerPage
from events.models import EventIndexPage, EventKind, EventPage, EventProduct
from home.models import HomePage
from products.models import ProductIndexPage
from tests.conftest import shared_rows
from tests.factories import (
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ProductFactory,
    publish,
    translate,
)
from tests.seo.jsonld import assert_valid_json_ld, by_type

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

BERLIN = ZoneInfo("Europe/Berlin")
LANGUAGES = ["de", "en", "nl", "fr"]
INDEX_SLUGS = {"de": "termine", "en": "events", "nl": "agenda", "fr": "agenda-fr"}
# Saturday before the change to summer time (29 March 2026, 02:00 → 03:00).
TODAY = datetime.date(2026, 3, 20)


def set_today(monkeypatch, day: datetime.date, hour: int = 12):
    moment = datetime.datetime.combine(day, datetime.time(hour), BERLIN)
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))


def text(response) -> str:
    """What the page says: its text without tags, the links' addresses kept."""
    html = re.sub(r'<a href="([^"]*)"', r"\1 <a", response.content.decode())
    return unescape(re.sub(r"<[^>]+>", "", html)).replace(SOFT_HYPHEN, "")


@pytest.fixture(scope="module")
def site_rows(django_db_setup, django_db_blocker):
    """The site's primary keys, built once for the module's tests (tests/conftest.py)."""
    yield from shared_rows(django_db_blocker, build_site)


@pytest.fixture
def site(db, site_rows, monkeypatch):
    """{"home", "index", "designer", "product", "product_path"}, read again for each test, on
    TODAY at noon (the clock each test starts with)."""
    set_today(monkeypatch, TODAY)
    return {
        "home": HomePage.objects.get(pk=site_rows["home"]),
        "index": EventIndexPage.objects.get(pk=site_rows["index"]),
        "designer": DesignerPage.objects.get(pk=site_rows["designer"]),
        "product": Product.objects.get(pk=site_rows["product"]),
        "product_path": site_rows["product_path"],
    }


def build_site() -> dict:
    """{"home", "index", "designer", "product": pk, "product_path": str}: a home in four
    languages with designers, products and the events index, written on TODAY at noon (the
    publishing dates as each test saw them when it built the site itself)."""
    with pytest.MonkeyPatch.context() as patch:
        set_today(patch, TODAY)
        home = HomePageFactory()
        translate(home, "en", "nl", "fr")
        designers = DesignerIndexPageFactory(parent=home)
        designer = DesignerPageFactory(parent=designers, title="Hanna Holz", catalogue_ref="hanna")
        products = publish(
            home.add_child(instance=ProductIndexPage(title="Produkte", slug="produkte"))
        )
        product = ProductFactory(title="Eichenhocker", designer_ref="hanna")
        index = EventIndexPage(title="Termine", slug="termine", intro="Wo Sie uns treffen.")
        home.add_child(instance=index)
        publish(index)
        for code in LANGUAGES[1:]:
            translate(designers, code, slug=f"designers-{code}")
            translate(designer, code)
            translate(products, code, slug=f"products-{code}")
            translate(index, code, title=f"Termine {code}", slug=INDEX_SLUGS[code])
    return {
        "home": home.pk,
        "index": index.pk,
        "designer": designer.pk,
        "product": product.pk,
        "product_path": f"/de/produkte/{product.slug}/",
    }


def event(index, title, start, end=None, *, start_time=None, end_time=None, **fields):
    page = EventPage(
        title=title,
        slug=slugify(title),
        kind=fields.pop("kind", EventKind.TRADE_FAIR),
        start_date=start,
        end_date=end,
        start_time=start_time,
        end_time=end_time,
        lead=fields.pop("lead", "Wir zeigen neue Stücke."),
        venue=fields.pop("venue", "Messehalle"),
        street=fields.pop("street", "Messeplatz 1"),
        postcode=fields.pop("postcode", "50679"),
        city=fields.pop("city", "Köln"),
        **fields,
    )
    index.add_child(instance=page)
    return publish(page)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def listed(response, section: str) -> list[str]:
    """The event titles of the index's "upcoming" or "past" section, in order."""
    html = response.content.decode()
    match = re.search(rf'<section aria-labelledby="{section}">(.*?)</section>', html, re.DOTALL)
    if match is None:
        return []
    return [
        unescape(title).replace(SOFT_HYPHEN, "")
        for title in re.findall(r'class="event-item__title"><a href="[^"]+">([^<]+)</a>', match[1])
    ]


# The index --------------------------------------------------------------------------------


def test_index_lists_upcoming_soonest_first_and_past_latest_first_as_days_pass(
    client, site, monkeypatch
):
    index = site["index"]
    event(index, "Frühjahrsmarkt", days(-30))
    event(index, "Winterfest", days(-60), days(-58))
    event(index, "Heute", days(0), start_time=datetime.time(10), end_time=datetime.time(18))
    event(index, "Designmesse", days(10), days(12))
    event(index, "Offene Werkstatt", days(3))

    response = client.get("/de/termine/")
    assert response.status_code == 200
    assert listed(response, "upcoming") == ["Heute", "Offene Werkstatt", "Designmesse"]
    assert listed(response, "past") == ["Frühjahrsmarkt", "Winterfest"]

    # The next morning, without anyone publishing: the page cache lets the page go.
    set_today(monkeypatch, days(1), hour=0)
    response = client.get("/de/termine/")
    assert response["X-Cache"] == "miss"
    assert listed(response, "upcoming") == ["Offene Werkstatt", "Designmesse"]
    assert listed(response, "past") == ["Heute", "Frühjahrsmarkt", "Winterfest"]


def test_index_is_cached_only_until_the_first_upcoming_event_is_over(client, site):
    event(site["index"], "Markt", days(2))
    first = client.get("/de/termine/")
    assert first["X-Cache"] == "miss"
    assert client.get("/de/termine/")["X-Cache"] == "hit"
    # The edge cache in front keeps it no longer than until midnight after the market.
    s_maxage = int(re.search(r"s-maxage=(\d+)", first["Cache-Control"])[1])
    assert (
        s_maxage
        <= (
            datetime.datetime.combine(days(3), datetime.time(), BERLIN) - timezone.now()
        ).total_seconds()
    )


def test_past_events_are_paginated_and_a_hostile_page_number_shows_the_first(client, site):
    for n in range(12):
        event(site["index"], f"Markt {n:02d}", days(-100 + n))
    first = client.get("/de/termine/")
    assert len(listed(first, "past")) == 10
    assert listed(first, "past")[0] == "Markt 11"
    second = client.get("/de/termine/?page=2")
    assert listed(second, "past") == ["Markt 01", "Markt 00"]
    for hostile in ("abc", "-1", "9" * 40, "%00", "<script>"):
        response = client.get("/de/termine/", {"page": hostile})
        assert response.status_code == 200
        assert "<script>" not in listed(response, "past")


# An event page ----------------------------------------------------------------------------


DATES = {
    "de": "28. März 2026",
    "en": "28 March 2026",
    "nl": "28 maart 2026",
    "fr": "28 mars 2026",
}


def test_the_booth_is_translated_like_the_venue(client, site):
    """ "Halle 3, C12" is German: translators get it with the page's other texts (wagtail-localize),
    so an English visitor reads "Hall 3, C12", not the German words."""
    from core.localize import translate as translate_with_localize

    page = event(
        site["index"], "Designmesse Essen", datetime.date(2026, 3, 28), booth="Halle 3, C12"
    )
    publish(page)
    translate_with_localize(
        page, "en", {"Designmesse Essen": "Design fair Essen", "Halle 3, C12": "Hall 3, C12"}
    )
    shown = text(client.get(f"/en/{INDEX_SLUGS['en']}/designmesse-essen/"))
    assert "Hall 3, C12" in shown and "Halle 3" not in shown
    assert "Halle 3, C12" in text(client.get(f"/de/{INDEX_SLUGS['de']}/designmesse-essen/"))


def test_event_page_shows_dates_place_and_booth_in_each_language(client, site):
    page = event(
        site["index"],
        "Designmesse Köln",
        datetime.date(2026, 3, 28),
        start_time=datetime.time(10),
        end_time=datetime.time(18),
        booth="Halle 2, Stand B14",
        designers=[site["designer"]],
    )
    EventProduct.objects.create(page=page, external_id=site["product"].external_id)
    publish(page)
    for code in LANGUAGES[1:]:
        translate(page, code, title=f"Designmesse {code}", lead=f"Lead {code}")
    for code in LANGUAGES:
        slug = INDEX_SLUGS[code]
        title = "Designmesse Köln" if code == "de" else f"Designmesse {code}"
        response = client.get(f"/{code}/{slug}/designmesse-koln/")
        assert response.status_code == 200, code
        shown = text(response)
        assert f"{DATES[code]}, 10:00–18:00" in shown, code
        assert "Halle 2, Stand B14" in shown
        assert "Messeplatz 1" in shown and "50679 Köln" in shown
        assert "openstreetmap.org/search?query=Messeplatz+1" in shown
        assert "Hanna Holz" in shown  # the designer, linked in the page's language
        assert "Eichenhocker" in shown  # the product's card
        assert title in shown
        # No map, no outside script: only the link.
        assert "tile.openstreetmap" not in shown


def test_a_cancelled_event_says_so_on_its_page_the_index_and_in_calendars(client, site):
    page = event(site["index"], "Fair-Trade-Messe", days(5), cancelled=True)
    shown = text(client.get(page.url))
    assert "Abgesagt: Dieser Termin findet nicht statt." in shown
    assert "In den Kalender eintragen" not in shown
    assert "Abgesagt" in text(client.get("/de/termine/"))
    calendar = Calendar.from_ical(client.get(page.url + "event.ics").content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Abgesagt: Fair-Trade-Messe"
    data = by_type(assert_valid_json_ld(client.get(page.url).content.decode()), "Event")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_json_ld_has_dates_with_berlin_offsets_place_and_language(client, site):
    page = event(
        site["index"],
        "Messe über den Wechsel",
        datetime.date(2026, 3, 28),
        datetime.date(2026, 3, 29),
        start_time=datetime.time(10),
        end_time=datetime.time(17),
        designers=[site["designer"]],
    )
    translate(page, "en", title="Fair across the change", lead="We show new pieces.")
    data = by_type(assert_valid_json_ld(client.get(page.url).content.decode()), "Event")
    assert data["startDate"] == "2026-03-28T10:00:00+01:00"
    assert data["endDate"] == "2026-03-29T17:00:00+02:00"  # summer time from that night
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Köln",
        "streetAddress": "Messeplatz 1",
        "postalCode": "50679",
        "addressCountry": "DE",
    }
    assert data["url"] == "http://testserver/de/termine/messe-uber-den-wechsel/"
    assert data["inLanguage"] == "de"
    assert data["performer"][0]["name"] == "Hanna Holz"
    english = by_type(
        assert_valid_json_ld(client.get("/en/events/messe-uber-den-wechsel/").content.decode()),
        "Event",
    )
    assert english["name"] == "Fair across the change"
    assert english["inLanguage"] == "en"
    assert english["description"] == "We show new pieces."


# iCalendar --------------------------------------------------------------------------------


def test_feed_and_download_parse_back_with_berlin_times_across_summer_time(client, site):
    index = site["index"]
    winter = event(
        index,
        "Winterzeit",
        datetime.date(2026, 3, 28),
        start_time=datetime.time(10),
        end_time=datetime.time(18),
    )
    summer = event(
        index,
        "Sommerzeit",
        datetime.date(2026, 3, 29),
        start_time=datetime.time(10),
        end_time=datetime.time(18),
    )
    fair = event(index, "Dreitagesmesse", days(20), days(22))
    event(index, "Lange vorbei", days(-200))

    response = client.get("/de/termine/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in response
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert "Made in Aachen-Nord" in str(calendar["PRODID"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Winterzeit", "Sommerzeit", "Dreitagesmesse"}  # not the long past

    start = events["Winterzeit"]["DTSTART"]
    assert start.params["TZID"] == "Europe/Berlin"
    assert start.dt.astimezone(datetime.UTC).hour == 9
    assert events["Sommerzeit"]["DTSTART"].dt.astimezone(datetime.UTC).hour == 8
    assert events["Sommerzeit"]["DTEND"].dt.astimezone(datetime.UTC).hour == 16
    # All day over three days: dates, the end the day after the last day.
    assert events["Dreitagesmesse"]["DTSTART"].params.get("VALUE") == "DATE"
    assert events["Dreitagesmesse"]["DTSTART"].dt == days(20)
    assert events["Dreitagesmesse"]["DTEND"].dt == days(23)
    for vevent in events.values():
        assert vevent["DTSTAMP"].dt.tzinfo is not None
        assert vevent["STATUS"] == "CONFIRMED"
        assert str(vevent["URL"]).startswith("http://testserver/de/termine/")

    uids = {str(e["SUMMARY"]): str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert uids["Winterzeit"] == f"event-{winter.translation_key}@testserver"
    assert uids["Sommerzeit"] == f"event-{summer.translation_key}@testserver"

    # The download: one event, the same UID, a file name.
    single = client.get(fair.url + "event.ics")
    assert single["Content-Type"] == "text/calendar; charset=utf-8"
    assert single["Content-Disposition"] == 'attachment; filename="dreitagesmesse.ics"'
    (vevent,) = Calendar.from_ical(single.content).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{fair.translation_key}@testserver"


def test_uid_is_the_same_in_every_language_and_the_texts_are_the_languages(client, site):
    page = event(site["index"], "Offene Werkstatt", days(4), kind=EventKind.OPEN_WORKSHOP)
    translate(page, "en", "nl", "fr", title="Open workshop", lead="Come in.")
    uids = set()
    for code in LANGUAGES:
        calendar = Calendar.from_ical(client.get(f"/{code}/{INDEX_SLUGS[code]}/events.ics").content)
        (vevent,) = calendar.walk("VEVENT")
        uids.add(str(vevent["UID"]))
        expected = "Offene Werkstatt" if code == "de" else "Open workshop"
        assert str(vevent["SUMMARY"]) == expected
    assert len(uids) == 1


def test_commas_semicolons_and_newlines_are_escaped_and_long_lines_folded(client, site):
    title = "Markt, Messe; und mehr"
    lead = "Erste Zeile, mit Komma; und Semikolon.\nZweite Zeile " + "ä" * 80
    page = event(site["index"], title, days(6), lead=lead, booth="A; 3")
    raw = client.get(page.url + "event.ics").content
    assert b"SUMMARY:Markt\\, Messe\\; und mehr" in raw
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # octets, folded (RFC 5545 3.1)
    assert any(line.startswith(b" ") for line in lines)
    (vevent,) = Calendar.from_ical(raw).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]).startswith(lead + "\n\nStand: A; 3\n\n")
    assert str(vevent["LOCATION"]) == "Messehalle, Messeplatz 1, 50679 Köln"


@pytest.mark.parametrize(
    "path",
    [
        "/de/termine/events.ics/",
        "/de/termine/events.ics/x",
        "/de/termine/event.ics",
        "/de/termine/markt/events.ics",
        "/de/termine/markt/event.ics/..%2f",
        "/de/termine/markt/event.ics%00",
        "/de/termine/markt/" + "x" * 300 + ".ics",
    ],
)
def test_hostile_addresses_find_nothing(client, site, path):
    event(site["index"], "Markt", days(1))
    assert client.get(path).status_code == 404


# Designer and product pages --------------------------------------------------------------


def test_designer_and_product_pages_show_the_event_until_the_day_after_it_ends(
    client, site, monkeypatch
):
    page = event(
        site["index"],
        "Designmesse",
        days(2),
        days(4),
        booth="B14",
        designers=[site["designer"]],
    )
    EventProduct.objects.create(page=page, external_id=site["product"].external_id)
    publish(page)
    translate(page, "en", title="Design fair")
    designer_paths = {"de": "/de/designerinnen/hanna-holz/", "en": "/en/designers-en/hanna-holz/"}
    for path in [*designer_paths.values(), site["product_path"]]:
        first = client.get(path)
        assert first.status_code == 200, path
        shown = text(first)
        assert "B14" in shown, path
        assert ("Design fair" if path.startswith("/en/") else "Designmesse") in shown
        assert client.get(path)["X-Cache"] == "hit"

    set_today(monkeypatch, days(4), hour=23)  # the last evening: still listed, from the cache
    for path in designer_paths.values():
        response = client.get(path)
        assert response["X-Cache"] == "hit"
        assert "B14" in text(response)

    set_today(monkeypatch, days(5), hour=0)  # the day after: gone, nobody published anything
    for path in [*designer_paths.values(), site["product_path"]]:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert "Hier treffen Sie uns" not in text(response) and "B14" not in text(response)


@pytest.mark.usefixtures("uncached_pages_with_fragments")
def test_the_kept_list_of_events_follows_every_change_and_the_days(client, site, monkeypatch):
    """The "meet us at" list is kept per language and day with what it read (a page-cache miss
    of a designer's or product's page reads it without a query): a new booth, a cancellation,
    a new event and the day after the last one ends each show on the next request."""
    path = site["product_path"]
    fair = event(site["index"], "Designmesse", days(2), days(4), booth="B14")
    EventProduct.objects.create(page=fair, external_id=site["product"].external_id)
    publish(fair)
    assert "B14" in text(client.get(path))
    with CaptureQueriesContext(connection) as queries:
        assert "B14" in text(client.get(path))
    assert not [q for q in queries if '"events_eventpage"' in q["sql"]]

    fair.booth = "C3"
    publish(fair)
    assert "C3" in text(client.get(path))
    fair.cancelled = True
    publish(fair)
    assert "Abgesagt" in text(client.get(path))
    market = event(site["index"], "Adventsmarkt", days(6), days(6))
    EventProduct.objects.create(page=market, external_id=site["product"].external_id)
    publish(market)
    shown = text(client.get(path))
    assert shown.index("Designmesse") < shown.index("Adventsmarkt")

    set_today(monkeypatch, days(5), hour=0)  # the fair is over; nobody published anything
    shown = text(client.get(path))
    assert "Adventsmarkt" in shown and "Designmesse" not in shown
    set_today(monkeypatch, days(7), hour=0)
    assert "Hier treffen Sie uns" not in text(client.get(path))


def test_appearances_cost_two_queries_whatever_the_events(site, rf, django_assert_num_queries):
    from django.utils import translation

    from core import registry

    for n in range(4):
        event(site["index"], f"Markt {n}", days(n + 1), designers=[site["designer"]])
    request = rf.get("/de/")
    with translation.override("de"), CaptureQueriesContext(connection) as queries:
        items = registry.appearances(
            request,
            designer_keys=[site["designer"].translation_key],
            product_refs=[site["product"].external_id],
        )
    assert [item["title"] for item in items] == ["Markt 0", "Markt 1", "Markt 2", "Markt 3"]
    assert len(queries) <= 2, [q["sql"] for q in queries]
    assert request.page_fresh_until == datetime.datetime.combine(days(2), datetime.time(), BERLIN)


# Editors ---------------------------------------------------------------------------------


def test_editors_are_told_about_impossible_dates_and_unknown_products(site):
    page = EventPage(
        title="X", start_date=days(3), end_date=days(1), lead="x", venue="v", city="Köln"
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict
    page = EventPage(
        title="X", start_date=days(3), end_time=datetime.time(12), lead="x", venue="v", city="c"
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_time" in error.value.message_dict
    page = EventPage(title="X", start_date=days(3), lead="x", venue="v", city="c")
    page.clean()
    assert page.end_date == days(3)  # one day when the last is left empty

    link = EventProduct(external_id="GIBT-ES-NICHT")
    with pytest.raises(ValidationError) as error:
        link.clean()
    assert "GIBT-ES-NICHT" in str(error.value)
    link = EventProduct(external_id=site["product"].external_id.lower())
    link.clean()
    assert link.external_id == site["product"].external_id  # as the catalogue writes it


def test_json_feed_names_are_json_serialisable(client, site):
    """The structured data is plain JSON (no dates or times left as objects)."""
    page = event(site["index"], "Markt", days(1), start_time=datetime.time(9, 30))
    html = client.get(page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert any(json.loads(block).get("@type") == "Event" for block in blocks)
