"""The counted redirect `/go/…`: where it leads, what it counts, and what it never keeps."""

import datetime
import logging
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from designers.models import DesignerPage
from shop_links.models import ClickCount, Retailer, StockistLink
from tests.shop_links.conftest import BROWSER_UA

pytestmark = pytest.mark.django_db

TARGET = (
    "https://laden.depot-aachen.example/produkt/man-0001"
    "?utm_source=made-in-aachen-nord&utm_medium=referral&utm_campaign=where-to-buy"
)


def go(link, query=""):
    return f"/go/{link.pk}/{query}"


def rows(**filters):
    return list(
        ClickCount.objects.filter(**filters)
        .order_by("day", "placement")
        .values_list("day", "placement", "count")
    )


# Where it leads ------------------------------------------------------------------------------


def test_click_leads_to_the_retailers_product_page_with_utm(browser, link):
    response = browser.get(go(link, "?from=product"))
    assert response.status_code == 302
    assert response["Location"] == TARGET


def test_utm_is_merged_without_clobbering_the_shops_own_parameters(browser, link):
    link.url = "https://laden.depot-aachen.example/p?ref=abc&utm_source=shopfeed&x="
    link.save()
    location = browser.get(go(link))["Location"]
    assert location == (
        "https://laden.depot-aachen.example/p?ref=abc&utm_source=shopfeed&x="
        "&utm_medium=referral&utm_campaign=where-to-buy"
    )


def test_response_is_not_cached_and_sets_no_cookie(browser, link):
    response = browser.get(go(link, "?from=product"))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.headers.get("Vary", "").lower()


@pytest.mark.parametrize(
    "query",
    [
        "?next=https://evil.example/",
        "?url=https%3A%2F%2Fevil.example%2F",
        "?to=https://evil.example",
        "?from=https://evil.example/",
        "?redirect=//evil.example&return_to=//evil.example",
        "?from=product&next=%2F%2Fevil.example",
    ],
)
def test_no_parameter_can_choose_the_destination(browser, link, query):
    response = browser.get(go(link, query))
    assert response.status_code == 302
    assert response["Location"] == TARGET


@pytest.mark.parametrize(
    "path",
    [
        "/go//evil.example/",
        "/go///evil.example/",
        "/go/%2F%2Fevil.example/",
        "/go/%2fevil.example%2f/",
        "/go/https:%2F%2Fevil.example/",
        "/go/-1/",
        "/go/0/",
        "/go/99999999999999999999999999/",
        "/go/9223372036854775808/",
        "/go/abc/",
        "/go/1.5/",
        "/go/1e3/",
        "/go/%31%2F/",
        "/go/shop//evil.example/",
        "/go/shop/-1/",
        "/go/shop/evil.example/",
        "/go/shop/99999999999999999999999999/",
        "/go/{pk}/%2F%2Fevil.example",
        "/go/{pk}//evil.example",
        "/go/{pk}/https://evil.example/",
        "/go/{pk}",  # no slash: APPEND_SLASH may redirect, but only to our own path
    ],
)
def test_crafted_paths_lead_nowhere_else(browser, link, path):
    """Each answer is a 404, the link's own target, or (APPEND_SLASH) the same path with a
    slash on this host, which then answers the same way."""
    response = browser.get(path.format(pk=link.pk))
    if response.status_code == 301:
        location = response["Location"]
        assert location == path.format(pk=link.pk) + "/" and not location.startswith("//")
        response = browser.get(location)
    if response.status_code == 302:
        assert response["Location"] == TARGET
    else:
        assert response.status_code == 404
    assert ClickCount.objects.filter(count__gt=1).count() == 0


def test_unknown_ids_are_not_found(browser, link):
    missing = StockistLink.objects.order_by("-pk").first().pk + 1000
    assert browser.get(f"/go/{missing}/").status_code == 404
    missing = Retailer.objects.order_by("-pk").first().pk + 1000
    assert browser.get(f"/go/shop/{missing}/").status_code == 404


def test_post_is_refused(browser, link):
    assert browser.post(go(link)).status_code == 405
    assert not ClickCount.objects.exists()


# What is counted -----------------------------------------------------------------------------


def test_two_clicks_on_one_day_are_one_row_of_two(browser, link):
    browser.get(go(link, "?from=product"))
    browser.get(go(link, "?from=product"))
    row = ClickCount.objects.get()
    assert row.count == 2
    assert row.day == timezone.localdate()
    assert (row.link_id, row.retailer_id, row.product_id) == (
        link.pk,
        link.retailer_id,
        link.product_id,
    )
    assert row.designer_ref == "lena-hoffmann"
    assert row.placement == "product"
    assert row.website is False


def test_the_next_day_starts_a_new_row(browser, link, monkeypatch):
    today = timezone.localdate()
    browser.get(go(link, "?from=product"))
    monkeypatch.setattr(timezone, "localdate", lambda: today + datetime.timedelta(days=1))
    browser.get(go(link, "?from=product"))
    browser.get(go(link, "?from=product"))
    assert rows() == [
        (today, "product", 1),
        (today + datetime.timedelta(days=1), "product", 2),
    ]


def test_placement_is_counted_and_unknown_placements_are_other(browser, link):
    for query in ["?from=product", "?from=designer", "?from=designer", "?from=block", "",
                  "?from=<script>", "?from=PRODUCT", "?from=product&from=designer"]:  # fmt: skip
        browser.get(go(link, query))
    # A repeated `from` is read as its last value, like any Django query parameter.
    assert {placement: count for _day, placement, count in rows()} == {
        "product": 1,
        "designer": 3,
        "block": 1,
        "other": 3,
    }


def test_head_prefetch_and_bots_are_redirected_but_not_counted(link):
    client = Client(headers={"user-agent": BROWSER_UA})
    responses = [client.head(go(link))]
    for header, value in [
        ("sec-purpose", "prefetch"),
        ("sec-purpose", "prefetch;prerender"),
        ("purpose", "prefetch"),
        ("x-purpose", "preview"),
        ("x-moz", "prefetch"),
    ]:
        responses.append(client.get(go(link), headers={header: value}))
    for agent in [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
        "curl/8.5.0",
        "Wget/1.21",
        "python-requests/2.32.3",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "WhatsApp/2.23 A",  # link previews: fetched by the app, not by a person's click
    ]:
        responses.append(Client(headers={"user-agent": agent}).get(go(link)))
    assert [r.status_code for r in responses] == [302] * len(responses)
    assert {r["Location"] for r in responses} == {TARGET}
    assert not ClickCount.objects.exists()
    # …and a person's browser is counted.
    client.get(go(link))
    assert ClickCount.objects.get().count == 1


LINK_PREVIEW_FETCHERS = [
    # A post on the fediverse makes every server that receives it fetch the link once.
    "Mastodon/4.3.2 (http.rb/5.2.0; +https://mastodon.social/) Bot",
    "http.rb/5.1.1 (Mastodon/4.1.0; +https://social.example/)",
    "Pleroma 2.6.0; https://pleroma.example <admin@pleroma.example>",
    "Akkoma 3.13.2; https://akkoma.example <admin@akkoma.example>",
    "Misskey/2024.11.0 (https://misskey.example)",
    "GoToSocial/0.17.0 (+https://gts.example/)",
    "Friendica 'Yellow Archangel' 2024.08-1576; https://friendica.example",
    "Bluesky Cardyb/1.1",
    # Chat and embedding services unfurl a pasted link.
    "Iframely/1.3.1 (+https://iframely.com/docs/about) Atlassian",
    "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "TelegramBot (like TwitterBot)",
    "Synapse/1.120.0",
    "Mattermost-Bot/1.1",
    "Twitterbot/1.0",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
]

PEOPLES_BROWSERS = [
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
    # In-app browsers: a person tapped the link inside the app.
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 Instagram 300.0.0.0",
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120 "
    "Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/440.0.0.0;]",
]


@pytest.mark.parametrize("agent", LINK_PREVIEW_FETCHERS)
def test_link_previews_are_redirected_but_not_counted(link, agent):
    response = Client(headers={"user-agent": agent}).get(go(link, "?from=product"))
    assert (response.status_code, response["Location"]) == (302, TARGET)
    assert not ClickCount.objects.exists()


def test_peoples_browsers_and_in_app_browsers_are_counted(link):
    for agent in PEOPLES_BROWSERS:
        assert Client(headers={"user-agent": agent}).get(go(link)).status_code == 302
    assert ClickCount.objects.get().count == len(PEOPLES_BROWSERS)


def test_retailer_website_is_counted_on_the_german_row(browser, demo):
    retailer = Retailer.objects.get(ref="laden-im-depot", locale__language_code="de")
    english = Retailer.objects.filter(translation_key=retailer.translation_key).exclude(
        pk=retailer.pk
    ).first() or retailer.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save()
    for pk in (english.pk, retailer.pk):
        response = browser.get(f"/go/shop/{pk}/?from=retailers")
        assert response.status_code == 302
        assert response["Location"] == (
            "https://laden.depot-aachen.example/"
            "?utm_source=made-in-aachen-nord&utm_medium=referral&utm_campaign=where-to-buy"
        )
    row = ClickCount.objects.get()
    assert (row.retailer_id, row.link_id, row.website, row.count) == (retailer.pk, None, True, 2)
    assert (row.product_id, row.designer_ref, row.placement) == (None, "", "retailers")


def test_editor_link_for_a_designer_counts_the_designers_ref(browser, demo):
    designer = DesignerPage.objects.filter(locale__language_code="de").exclude(catalogue_ref="")[0]
    retailer = Retailer.objects.get(ref="winkel-wyck", locale__language_code="de")
    StockistLink.objects.filter(retailer=retailer, designer=designer).delete()
    link = StockistLink.objects.create(retailer=retailer, designer=designer)
    response = browser.get(go(link, "?from=designer"))
    assert response["Location"].startswith(retailer.website)
    row = ClickCount.objects.get()
    assert (row.product_id, row.designer_ref, row.link_id) == (
        None,
        designer.catalogue_ref,
        link.pk,
    )


def test_counts_outlive_removed_links(browser, link):
    """Rows of deleted links keep their numbers; several of them never collide."""
    other = StockistLink.objects.get(product__external_id="MAN-0002", retailer=link.retailer)
    for url in [go(link, "?from=product"), go(other, "?from=product"),
                f"/go/shop/{link.retailer_id}/?from=product"]:  # fmt: skip
        browser.get(url)
    StockistLink.objects.filter(pk__in=[link.pk, other.pk]).delete()
    assert sorted(
        ClickCount.objects.values_list("link_id", "website", "product__external_id", "count")
    ) == sorted([(None, False, "MAN-0001", 1), (None, False, "MAN-0002", 1), (None, True, None, 1)])


# When counting fails -------------------------------------------------------------------------


def refuse_counting():
    """A real database trigger that makes every write of a click count fail."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_clicks() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'counting refused'; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_clicks BEFORE INSERT OR UPDATE ON shop_links_clickcount "
                "FOR EACH ROW EXECUTE FUNCTION refuse_clicks()"
            )
        else:
            for event in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TRIGGER refuse_clicks_{event} BEFORE {event} ON "
                    "shop_links_clickcount BEGIN SELECT RAISE(ABORT, 'counting refused'); END"
                )


def test_a_failing_count_still_redirects_and_logs_nothing_about_the_visitor(link, caplog):
    client = Client(
        headers={"user-agent": BROWSER_UA, "referer": "https://example.org/de/taschen/"},
        REMOTE_ADDR="203.0.113.77",
    )
    client.get(go(link, "?from=product"))  # today's row exists: the UPDATE path fails too
    refuse_counting()
    caplog.set_level(logging.DEBUG)
    first = client.get(go(link, "?from=product"))
    new_row = client.get(go(link, "?from=designer"))
    assert [first.status_code, new_row.status_code] == [302, 302]
    assert first["Location"] == new_row["Location"] == TARGET
    assert rows() == [(timezone.localdate(), "product", 1)]
    warnings = [
        r.getMessage().split(": ")[0] for r in caplog.records if r.name == "shop_links.views"
    ]
    assert warnings == [
        f"Click on link {link.pk} (product) not counted",
        f"Click on link {link.pk} (designer) not counted",
    ]
    assert_no_visitor_data(caplog)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_locked_table_costs_at_most_the_lock_timeout(link, settings, caplog):
    import psycopg

    settings.SHOP_LINKS_COUNT_LOCK_TIMEOUT_MS = 200
    db = connection.settings_dict
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        with psycopg.connect(
            host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]
        ) as other:
            other.execute("LOCK TABLE shop_links_clickcount IN ACCESS EXCLUSIVE MODE")
            locked.set()
            release.wait(30)
            other.rollback()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert locked.wait(10)
        start = time.monotonic()
        response = Client(headers={"user-agent": BROWSER_UA}).get(go(link))
        elapsed = time.monotonic() - start
    finally:
        release.set()
        holder.join()
    assert response.status_code == 302 and response["Location"] == TARGET
    assert elapsed < 3, elapsed
    assert "not counted" in caplog.text
    assert not ClickCount.objects.exists()


# Logs and cost -------------------------------------------------------------------------------

VISITOR = {
    "REMOTE_ADDR": "198.51.100.23",
    "HTTP_X_FORWARDED_FOR": "198.51.100.24",
    "HTTP_USER_AGENT": "Mozilla/5.0 (UniqueAgent-7f3a) Gecko/20100101 Firefox/140.0",
    "HTTP_REFERER": "https://referer-7f3a.example/de/",
}


def assert_no_visitor_data(caplog):
    text = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {r.args!r} {vars(r)!r}" for r in caplog.records
    )
    for value in (
        "198.51.100",
        "203.0.113",
        "UniqueAgent",
        "Mozilla",
        "referer-7f3a",
        "example.org",
    ):
        assert value not in text, value


def test_logs_of_clicks_and_misses_hold_nothing_about_the_visitor(link, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client(**VISITOR)
    assert client.get(go(link, "?from=product")).status_code == 302
    assert client.get("/go/999999999/?from=product").status_code == 404
    assert client.get("/go/%2F%2Fevil.example/").status_code == 404
    assert ClickCount.objects.get().count == 1
    assert_no_visitor_data(caplog)


def test_a_click_costs_two_queries_and_the_days_first_click_four(browser, link):
    # SQLite inside the test's transaction: the count's own transaction is a savepoint
    # (SAVEPOINT/RELEASE are queries here; outside a test they are BEGIN/COMMIT). PostgreSQL adds
    # one `SET LOCAL lock_timeout`.
    extra = 2 + (connection.vendor == "postgresql")
    with CaptureQueriesContext(connection) as first:
        browser.get(go(link, "?from=product"))
    with CaptureQueriesContext(connection) as again:
        browser.get(go(link, "?from=product"))
    with CaptureQueriesContext(connection) as head:
        browser.head(go(link, "?from=product"))
    # first: SELECT link, UPDATE (no row), savepoint around the INSERT, INSERT
    assert len(first) == 1 + 1 + 2 + 1 + extra, [q["sql"] for q in first]
    assert len(again) == 2 + extra, [q["sql"] for q in again]  # SELECT link, UPDATE
    assert len(head) == 1  # SELECT link
    assert ClickCount.objects.get().count == 2
