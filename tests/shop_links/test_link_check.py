"""`check_shop_links` against real loopback servers: what it records, when a link is broken."""

import io
from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalogue.models import Product
from shop_links import linkcheck
from shop_links.models import LinkCheck, Retailer, StockistLink

pytestmark = pytest.mark.django_db

PATHS = {
    "/ok": 200,
    "/moved": (301, {"Location": "/ok"}),
    "/missing": 404,
    "/error": 500,
    "/slow": "slow",
    "/reset": "reset",
    "/no-head": {"HEAD": 405, "GET": 200},
    "/to-ftp": (302, {"Location": "ftp://127.0.0.1/file"}),
}


@pytest.fixture
def shops(demo, settings, shop_server):
    """A server for most paths, a second one (another host) that answers 429.

    The demo's shop addresses are pointed at the loopback server too: no test leaves the
    machine.
    """
    settings.SHOP_LINKS_CHECK_TIMEOUT = 0.5
    main, busy = shop_server(), shop_server()
    # The test shops live on loopback: only their exact address:port pairs are let through.
    settings.SHOP_LINKS_CHECK_ALLOW_INTERNAL = [main.address, busy.address]
    main.routes.update(PATHS)
    Retailer.objects.update(website=main.url("/ok"), allow_http=True)
    StockistLink.objects.update(url=main.url("/ok"), allow_http=True)
    retailer = Retailer.objects.filter(locale__language_code="de").first()
    products = iter(Product.objects.sources().exclude(stockist_links__retailer=retailer))
    links = {}
    for server, path in [*((main, p) for p in PATHS), (busy, "/busy"), (busy, "/calm")]:
        links[path] = StockistLink.objects.create(
            retailer=retailer, product=next(products), url=server.url(path), allow_http=True
        )
    return main, busy, links


def result(url) -> LinkCheck:
    return LinkCheck.objects.get(url=url)


def test_a_run_records_status_final_address_and_time_of_every_outcome(shops):
    main, busy, _links = shops
    busy.routes["/busy"] = (429, {"Retry-After": "120"})
    gone = LinkCheck.objects.create(url="https://closed-shop.example/", failures=5, broken=True)
    counts = (Retailer.objects.count(), StockistLink.objects.count())

    summary = linkcheck.run()

    ok = result(main.url("/ok"))
    assert (ok.status, ok.error, ok.failures, ok.broken) == (200, "", 0, False)
    assert ok.checked_at is not None and ok.duration_ms is not None
    moved = result(main.url("/moved"))
    assert (moved.status, moved.final_url, moved.failures) == (200, main.url("/ok"), 0)
    for path, status, error in [
        ("/missing", 404, "http"),
        ("/error", 500, "http"),
        ("/slow", None, "timeout"),
        ("/reset", None, "reset"),
        ("/to-ftp", 302, "scheme"),
    ]:
        check = result(main.url(path))
        assert (check.status, check.error, check.failures, check.broken) == (
            status,
            error,
            1,
            False,
        ), path
    assert main.hits("/missing") == ["HEAD", "GET"]  # a refused HEAD is tried again as GET
    no_head = result(main.url("/no-head"))
    assert (no_head.status, no_head.failures) == (200, 0)
    assert main.hits("/no-head") == ["HEAD", "GET"]
    assert main.hits("/ok")[0] == "HEAD" and "GET" not in main.hits("/ok")
    assert main.hits("/to-ftp") == ["HEAD"] and main.hits("/file") == []  # never followed

    backing_off = result(busy.url("/busy"))
    assert (backing_off.status, backing_off.failures, backing_off.broken) == (429, 0, False)
    wait = backing_off.retry_after - timezone.now()
    assert timedelta(seconds=100) < wait <= timedelta(seconds=120)
    # The whole host is left alone for the rest of the run.
    assert busy.hits("/calm") == [] and not LinkCheck.objects.filter(url=busy.url("/calm"))

    assert (summary.ok, summary.failing, summary.broken, summary.backing_off) == (3, 5, 0, 2)
    assert summary.checked == 9 and summary.pruned == 1
    assert summary.line() == (
        "9 checked: 3 ok, 5 failing, 0 broken, 2 backing off; 1 unused results removed"
    )
    assert not LinkCheck.objects.filter(pk=gone.pk).exists()
    assert (Retailer.objects.count(), StockistLink.objects.count()) == counts


def test_a_link_is_broken_only_after_the_third_failure_in_a_row_and_healed_by_a_success(shops):
    main, _busy, links = shops
    url = main.url("/flaky")
    links["/missing"].url = url
    links["/missing"].save()
    main.routes["/flaky"] = 500
    for failures in (1, 2, 3):
        linkcheck.run(only=url)
        check = result(url)
        assert (check.failures, check.broken) == (failures, failures == 3)
    assert LinkCheck.objects.filter(broken=True).count() == 1

    main.routes["/flaky"] = 200
    linkcheck.run(only=url)
    check = result(url)
    assert (check.status, check.error, check.failures, check.broken) == (200, "", 0, False)

    main.routes["/flaky"] = 404  # counting starts again from one
    linkcheck.run(only=url)
    assert (result(url).failures, result(url).broken) == (1, False)
    # Broken or not, the link is still there and still shown.
    assert StockistLink.objects.filter(pk=links["/missing"].pk, url=url).exists()


def test_the_threshold_is_a_setting(shops, settings):
    main, _busy, _links = shops
    settings.SHOP_LINKS_BROKEN_AFTER = 1
    linkcheck.run(only=main.url("/error"))
    assert result(main.url("/error")).broken


def test_a_shop_that_asks_to_wait_is_not_asked_again_until_then(shops, settings):
    _main, busy, _links = shops
    later = timezone.now() + timedelta(minutes=30)
    busy.routes["/busy"] = (429, {"Retry-After": format_datetime(later, usegmt=True)})
    busy.routes["/calm"] = 200
    linkcheck.run()
    retry_after = result(busy.url("/busy")).retry_after
    assert abs((retry_after - later).total_seconds()) < 5

    summary = linkcheck.run()
    assert busy.hits("/busy") == ["HEAD"]  # not requested again in the second run
    assert summary.backing_off >= 1
    assert result(busy.url("/busy")).failures == 0

    settings.SHOP_LINKS_MAX_RETRY_AFTER = 600  # a shop asking for a year gets ten minutes
    busy.routes["/busy"] = (429, {"Retry-After": "31536000"})
    linkcheck.run(only=busy.url("/busy"))
    wait = result(busy.url("/busy")).retry_after - timezone.now()
    assert timedelta(seconds=590) < wait <= timedelta(seconds=600)


def test_an_address_that_is_not_allowed_is_never_requested(shops):
    main, _busy, links = shops
    StockistLink.objects.filter(pk=links["/ok"].pk).update(
        url=main.url("/secret"), allow_http=False
    )
    linkcheck.run()
    assert main.hits("/secret") == []
    check = result(main.url("/secret"))
    assert (check.error, check.failures) == ("not-allowed", 1)


def test_an_address_inside_the_network_is_never_requested(shops, settings):
    """A shop address (or a shop's redirect) that resolves to loopback or a private network
    is not requested: the checker must not become a probe of the site's own network."""
    main, _busy, _links = shops
    settings.SHOP_LINKS_CHECK_ALLOW_INTERNAL = []
    linkcheck.run()
    assert main.requests == []
    check = result(main.url("/ok"))
    assert (check.error, check.status, check.failures) == ("private", None, 1)
    assert linkcheck.points_inside("http://10.1.2.3/")
    assert linkcheck.points_inside("http://[::1]:8000/")
    assert linkcheck.points_inside("http://169.254.169.254/latest/meta-data/")
    assert not linkcheck.points_inside("https://93.184.215.14/")


def test_a_shop_let_through_cannot_redirect_into_the_network(shops, settings, shop_server):
    """The allowance names one address and port, not loopback wholesale: a shop on it that
    answers 302 to another internal address (here 127.0.0.2) is stopped at that hop."""
    main, _busy, _links = shops
    internal = shop_server("127.0.0.2")
    internal.routes["/admin"] = 200
    main.routes["/to-inside"] = (302, {"Location": internal.url("/admin")})
    link = StockistLink.objects.exclude(url="").first()
    link.url, link.allow_http = main.url("/to-inside"), True
    link.save()

    linkcheck.run(only=link.url)
    assert main.hits("/to-inside") == ["HEAD"]
    assert internal.requests == []
    check = result(link.url)
    assert (check.error, check.failures, check.broken) == ("private", 1, False)
    # …and the internal server's own address is refused before any request, too.
    assert linkcheck.points_inside(internal.url("/admin"))
    assert not linkcheck.points_inside(main.url("/ok"))


def test_command_checks_one_address_and_prints_a_summary(shops):
    main, _busy, _links = shops
    out = io.StringIO()
    call_command("check_shop_links", url=main.url("/moved"), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{main.url('/moved')}: ok 200 → {main.url('/ok')} [")
    assert lines[-1] == "1 checked: 1 ok, 0 failing, 0 broken, 0 backing off"
    with pytest.raises(CommandError, match="not used by any retailer"):
        call_command("check_shop_links", url="https://elsewhere.example/", stdout=out)


def test_a_broken_link_is_a_log_record_with_its_event(demo, settings, shop_server, json_log):
    settings.SHOP_LINKS_CHECK_TIMEOUT = 0.5
    settings.SHOP_LINKS_BROKEN_AFTER = 2
    server = shop_server()
    settings.SHOP_LINKS_CHECK_ALLOW_INTERNAL = [server.address]
    server.routes["/gone"] = 404
    link = StockistLink.objects.first()
    link.url, link.allow_http = server.url("/gone"), True
    link.save()

    linkcheck.run(only=link.url)
    assert json_log.events("shop_link_broken") == []
    (failing,) = json_log.events("shop_link_failing")
    assert (failing["failures"], failing["status"]) == (1, 404)

    linkcheck.run(only=link.url)
    (broken,) = json_log.events("shop_link_broken")
    assert broken["level"] == "WARNING"
    # The test shop lives on 127.0.0.1: like any IP address in a log line, it is masked.
    assert broken["url"] == link.url.replace("127.0.0.1", "[ip]")
    assert (broken["status"], broken["failures"]) == (404, 2)
