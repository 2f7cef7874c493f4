"""What a visitor meets through the edge (nginx and Varnish, deploy/) in front of the site: cached
pages served by Varnish, nothing private ever stored, and every change an editor or a sync makes
visible on the very next request, with the page cache's invalidation triggers
(tests/core/test_page_cache.py) each sent through the edge here."""

import datetime
import logging
import re
import subprocess
import time
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from core.models import Navigation, NavigationItem
from core.typography import SOFT_HYPHEN
from tests.factories import (
    ContentPageFactory,
    DesignerIndexPageFactory,
    HomePageFactory,
    ProductFactory,
    RetailerFactory,
    StockistLinkFactory,
    locale,
    publish,
    translate,
)

# The live server sees the test's rows only once committed; the languages (made by migrations)
# come back after each test's flush.
pytestmark = [
    pytest.mark.no_demo,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
BROWSER = {"Accept-Encoding": "gzip"}


@pytest.fixture
def home(edge):
    return HomePageFactory(title="Startseite am Rand")


def served(edge, path, **headers):
    """(X-Edge, status, body) of a browser's GET through the edge; a stored answer never sets a
    cookie."""
    status, response_headers, _body = edge.get(path, headers={**BROWSER, **headers})
    if response_headers["X-Edge"] == "hit":
        assert "Set-Cookie" not in response_headers, path
    # The body as a client without gzip gets it (Varnish unpacks it), to look for texts.
    _status, _headers, body = edge.get(path, headers=headers)
    return response_headers["X-Edge"], status, body.replace(SOFT_HYPHEN, "")


def stored(edge, path) -> bool:
    """Whether the second request of a page in a row comes from the edge."""
    served(edge, path)
    return served(edge, path)[0] == "hit"


def test_a_second_anonymous_request_is_a_hit_at_the_edge(edge, home):
    assert served(edge, "/de/")[0] == "miss"
    state, status, body = served(edge, "/de/")
    assert (state, status) == ("hit", 200)
    assert "Willkommen im Testquartier" in body
    status, headers, body = edge.get("/de/", method="HEAD", headers=BROWSER)
    assert (status, headers["X-Edge"], body) == (200, "hit", "")


def test_tracking_parameters_share_the_pages_entry_and_others_do_not(edge, home):
    served(edge, "/de/?utm_source=newsletter")
    assert served(edge, "/de/?fbclid=abc&utm_medium=mail&gclid=1")[0] == "hit"
    assert served(edge, "/de/")[0] == "hit"
    assert served(edge, "/de/?page=2&utm_campaign=herbst")[0] == "miss"
    assert served(edge, "/de/?page=2")[0] == "hit"


def test_editors_with_a_session_always_reach_the_site(edge, home, live_server):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client = Client()
    client.force_login(editor)
    session = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    assert stored(edge, "/de/")
    for _attempt in range(2):
        state, status, body = served(edge, "/de/", **session)
        assert (state, status) == ("pass", 200)
        assert "wagtail-userbar" in body  # the editor's own page, not the visitors'
    state, _status, body = served(edge, "/de/")
    assert state == "hit"
    assert "wagtail-userbar" not in body


@pytest.mark.parametrize(
    "path",
    ["/admin/login/", "/de/suche/?q=holz", "/de/suche/?q=holz&utm_source=x", "/health/live/"],
)
def test_the_admin_search_and_health_are_never_stored(edge, home, path):
    assert not stored(edge, path)


def test_the_counted_redirect_is_never_stored(edge, home):
    link = StockistLinkFactory()
    for _attempt in range(2):
        state, status, _body = served(edge, f"/go/{link.pk}/")
        assert (state, status) == ("pass", 302)


def test_posts_go_to_the_site_and_pages_that_set_cookies_are_not_stored(edge, home):
    status, headers, _body = edge.get("/de/", method="POST", data=b"x=1")
    assert headers["X-Edge"] == "pass"
    assert status != 200  # the site's own answer (no CSRF token), not the cached page
    # The admin's login form sets the CSRF cookie: each visitor gets a fresh one.
    for _attempt in range(2):
        status, headers, _body = edge.get("/admin/login/", headers=BROWSER)
        assert headers["X-Edge"] != "hit"
        assert "csrftoken" in headers.get("Set-Cookie", "")


def test_a_visitor_cannot_purge_the_edge(edge, home):
    assert stored(edge, "/de/")
    status, _headers, _body = edge.get("/de/", method="PURGE")
    assert status == 405
    assert served(edge, "/de/")[0] == "hit"


# Every change the page cache's tests make (tests/core/test_page_cache.py), each shown on the
# next request through the edge.


def _publish_new_title(page):
    page.title = "Ganz neuer Titel"
    page.save_revision().publish()


def _move_and_delete(page):
    other = ContentPageFactory(parent=page.get_parent(), title="Ein anderer Ort")
    page.move(other, pos="last-child")
    Page.objects.get(pk=page.pk).delete()


def _navigation_published(_page):
    navigation = Navigation(locale=locale("de"), name="Hauptnavigation")
    navigation.save()
    publish(navigation)


def _navigation_item_edited(_page):
    """A menu entry's label changed: a plain save of the menu's child row, no publish."""
    item = NavigationItem.objects.get(label="Alter Menüpunkt")
    item.label = "Neuer Menüpunkt"
    item.save()


def _product_changed(_page):
    product = ProductFactory()
    product.title = "Umbenanntes Produkt"
    product.save()


def _retailer_renamed(_page):
    retailer = RetailerFactory()
    retailer.name = "Neuer Laden"
    retailer.save()


CHANGES = {
    "publish": _publish_new_title,
    "unpublish": lambda page: page.unpublish(),
    "move-and-delete": _move_and_delete,
    "snippet-published": _navigation_published,
    "navigation-item-edited": _navigation_item_edited,
    "product": _product_changed,
    "retailer": _retailer_renamed,
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_is_purged_from_the_edge_at_once(edge, home, change):
    page = ContentPageFactory(parent=home, title="Über das Projekt")
    if change == "navigation-item-edited":
        navigation = Navigation(locale=locale("de"), name="Hauptnavigation")
        navigation.items.add(
            NavigationItem(locale=locale("de"), label="Alter Menüpunkt", link_page=page)
        )
        navigation.save()
        publish(navigation)
        assert "Alter Menüpunkt" in served(edge, "/de/")[2]
    for path in ("/de/", page.url):
        assert stored(edge, path)
    CHANGES[change](Page.objects.get(pk=page.pk).specific)
    assert served(edge, "/de/")[0] == "miss"
    state, status, body = served(edge, page.url)
    if change == "publish":
        assert (state, status) == ("miss", 200)
        assert "Ganz neuer Titel" in body
    elif change in ("unpublish", "move-and-delete"):
        assert status == 404
    elif change == "navigation-item-edited":
        assert state == "miss"
        assert "Neuer Menüpunkt" in body and "Alter Menüpunkt" not in body
    else:
        assert state == "miss"


def test_a_translation_synced_from_german_is_purged_from_the_edge(edge, home):
    """wagtail-localize's sync (core.localize.translate) publishes the English page anew: the
    English address shows the new translation on the next request through the edge."""
    from core.localize import translate as sync_translation

    translate(home, "en")
    german = ContentPageFactory(parent=home, title="Über das Projekt")
    english = translate(german, "en", title="About the project", slug="about")
    german.title = "Über das Projekt (neu)"
    german.save_revision().publish()
    assert stored(edge, english.url)
    assert "About the project" in served(edge, english.url)[2]
    strings = {"Über das Projekt (neu)": "About the project (new)", german.slug: "about"}
    sync_translation(german, "en", strings)
    state, status, body = served(edge, english.url)
    assert (state, status) == ("miss", 200)
    assert "About the project (new)" in body


def test_an_editors_drafts_leave_the_edge_alone_until_the_publish(edge, home):
    """A draft saved of a live page, and a page created but not published, change nothing a
    visitor sees: the edge keeps its pages (no ban); the publish shows on the next request."""
    from core.models import ContentPage

    page = ContentPageFactory(parent=home, title="Über das Projekt")
    for path in ("/de/", page.url):
        assert stored(edge, path)
    page.title = "Über das Projekt (überarbeitet)"
    page.save_revision()
    Page.objects.get(pk=home.pk).add_child(
        instance=ContentPage(title="Noch nicht veröffentlicht", slug="noch-nicht", live=False)
    )
    assert served(edge, "/de/")[0] == "hit"
    state, status, body = served(edge, page.url)
    assert (state, status) == ("hit", 200) and "überarbeitet" not in body
    assert served(edge, "/de/noch-nicht/")[1] == 404

    page.get_latest_revision().publish()
    state, status, body = served(edge, page.url)
    assert (state, status) == ("miss", 200) and "Über das Projekt (überarbeitet)" in body


def test_visitors_writes_leave_the_edge_alone(edge, home):
    from shop_links.models import ClickCount

    assert stored(edge, "/de/")
    ClickCount.objects.all().delete()
    assert served(edge, "/de/")[0] == "hit"


def test_a_catalogue_sync_is_purged_from_the_edge(edge, home, tmp_path):
    from catalogue.sample import SAMPLE_FEED
    from catalogue.sync.engine import run_sync

    DesignerIndexPageFactory(parent=home)
    assert stored(edge, "/de/")
    assert run_sync(SAMPLE_FEED).ok
    assert served(edge, "/de/")[0] == "miss"
    # A run that changes nothing keeps the edge's pages.
    assert stored(edge, "/de/")
    assert run_sync(SAMPLE_FEED).ok
    assert served(edge, "/de/")[0] == "hit"


def section(body: str, name: str) -> str:
    """The text of the events index's "upcoming" or "past" section ("" if it has none)."""
    found = re.search(rf'<section aria-labelledby="{name}">(.*?)</section>', body, re.S)
    return found[1] if found else ""


def test_a_page_the_clock_retires_is_kept_at_the_edge_only_until_then(edge, home, monkeypatch):
    """Nobody publishes when an event is over: the events index is right until midnight after
    the first upcoming event (core.freshness), its s-maxage says so, and the edge fetches it
    anew then instead of keeping it for PAGE_CACHE_S_MAXAGE (300 s)."""
    from events.models import EventIndexPage
    from tests.events.test_events import event

    berlin = ZoneInfo("Europe/Berlin")
    market_day = datetime.date(2026, 3, 20)
    midnight = datetime.datetime.combine(
        market_day + datetime.timedelta(days=1), datetime.time(), berlin
    )

    def set_clock(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))

    set_clock(midnight - datetime.timedelta(hours=2))
    index = home.add_child(instance=EventIndexPage(title="Termine", slug="termine"))
    publish(index)
    event(index, "Markt am Depot", market_day)

    set_clock(midnight - datetime.timedelta(seconds=3))
    assert served(edge, "/de/termine/")[0] == "miss"
    state, status, body = served(edge, "/de/termine/")
    assert (state, status) == ("hit", 200)
    assert "Markt am Depot" in section(body, "upcoming")
    time.sleep(3.2)  # the edge's copy has expired; the site's clock moves past midnight too
    set_clock(midnight + datetime.timedelta(seconds=1))
    state, status, body = served(edge, "/de/termine/")
    assert (state, status) == ("miss", 200)
    assert "Markt am Depot" not in section(body, "upcoming")
    assert "Markt am Depot" in section(body, "past")


@pytest.mark.parametrize("failure", ["stopped", "hung"])
def test_stale_pages_are_served_while_the_app_is_down(edge, gate, home, settings, failure):
    settings.PAGE_CACHE_S_MAXAGE = 1
    assert stored(edge, "/de/")
    gate.set(failure)
    edge.wait_until_app_is(healthy=False)
    time.sleep(1.2)  # past s-maxage: only the site's stale-if-error lets the edge answer
    state, status, body = served(edge, "/de/")
    assert (state, status) == ("hit", 200)
    assert "Willkommen im Testquartier" in body
    # The control: once the app answers again, the expired page is fetched anew.
    gate.set("open")
    edge.wait_until_app_is(healthy=True)
    assert served(edge, "/de/")[0] == "miss"


@pytest.mark.parametrize("failure", ["stopped", "hung"])
def test_a_publish_goes_through_when_the_edge_does_not_answer(
    edge, home, settings, caplog, failure
):
    from tests.edge.conftest import Gate

    page = ContentPageFactory(parent=home, title="Über das Projekt")
    # The site's purges go to a gate in front of the edge's Varnish, stopped or jammed.
    varnish_port = int(edge.varnish.rsplit(":", 1)[1])
    broken = Gate(varnish_port)
    broken.set(failure)
    settings.WAGTAILFRONTENDCACHE["default"]["LOCATION"] = f"http://127.0.0.1:{broken.port}"
    try:
        with caplog.at_level(logging.ERROR, logger="core.edge"):
            _publish_new_title(page)
    finally:
        broken.close()
    assert Page.objects.get(pk=page.pk).title == "Ganz neuer Titel"
    # One purge per publish, however many rows it wrote, given up after the timeout.
    failures = [
        record
        for record in caplog.records
        if record.name == "core.edge" and record.levelno == logging.ERROR
    ]
    assert len(failures) == 1, caplog.text
    message = failures[0].getMessage()
    assert "did not take the purge" in message
    assert ("timed out" if failure == "hung" else "refused") in message.lower()


def test_the_shipped_vcl_and_unit_are_accepted(tmp_path):
    """varnishd compiles the VCL as shipped, and systemd accepts the edge's unit."""
    from tests.edge.conftest import ROOT

    vcl = ROOT / "deploy" / "varnish" / "made-in-aachen-nord.vcl"
    done = subprocess.run(
        # No jail (as deploy/edge/run): as root, varnishd would read the file as its own user,
        # which cannot enter a private checkout such as a fresh clone in a mktemp folder.
        ["/usr/sbin/varnishd", "-C", "-j", "none", "-n", str(tmp_path / "varnish"), "-f", str(vcl)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    unit = ROOT / "deploy" / "varnish" / "maan-edge.service"
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
