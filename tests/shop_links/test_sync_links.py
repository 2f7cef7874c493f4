"""The catalogue sync keeps stockist link ids: `/go/<id>/` in pages and caches stays valid."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.sync.engine import run_sync
from shop_links.models import ClickCount, Retailer, StockistLink
from tests.catalogue.conftest import product, write_feed
from tests.catalogue.test_sync import synthetic, wipe_catalogue

pytestmark = pytest.mark.django_db


def feed_links() -> dict:
    return {
        (external_id, ref): (pk, url, position)
        for pk, external_id, ref, url, position in StockistLink.objects.filter(
            from_feed=True
        ).values_list("pk", "product__external_id", "retailer__ref", "url", "position")
    }


def stockist(ref, external_id):
    return {"retailer_ref": ref, "url": f"https://{ref}.example/produkt/{external_id}"}


def test_sync_updates_links_in_place_and_go_follows_the_new_url(demo, tmp_path, sample, browser):
    before = feed_links()
    depot = Retailer.objects.get(ref="atelier-eupen", locale__language_code="de")
    bag = product(sample, "MAN-0003")
    editors = StockistLink.objects.create(
        retailer=depot, product=StockistLink.objects.get(pk=before["MAN-0003", "laden-im-depot"][0]).product,
        paid=True, new_tab=True,
    )  # fmt: skip
    first = before["MAN-0001", "laden-im-depot"][0]
    assert browser.get(f"/go/{first}/").status_code == 302  # counted before the sync
    product(sample, "MAN-0001")["stockists"][0]["url"] = "https://laden.depot-aachen.example/neu"
    product(sample, "MAN-0004")["stockists"] = product(sample, "MAN-0004")["stockists"][:1]
    product(sample, "MAN-0002")["stockists"].reverse()
    bag["stockists"].append(
        {"retailer_ref": "atelier-eupen", "url": "https://atelier-eupen.example/t"}
    )

    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.ok, summary.message
    after = feed_links()

    # Changed address: same id, new URL, and the counted redirect leads there.
    assert after["MAN-0001", "laden-im-depot"][:2] == (
        first,
        "https://laden.depot-aachen.example/neu",
    )
    response = browser.get(f"/go/{first}/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://laden.depot-aachen.example/neu?utm_source=")
    assert ClickCount.objects.get().count == 2
    # Reordered: same ids, new positions.
    reordered = {key: value for key, value in after.items() if key[0] == "MAN-0002"}
    assert {key: pk for key, (pk, _u, _p) in reordered.items()} == {
        key: pk for key, (pk, _u, _p) in before.items() if key[0] == "MAN-0002"
    }
    assert sorted(reordered.values(), key=lambda v: v[2])[0][1].startswith("https://fair-kaufhaus")
    # Dropped: gone, and its old address is not found.
    dropped = before["MAN-0004", "winkel-wyck"][0]
    assert ("MAN-0004", "winkel-wyck") not in after
    assert browser.get(f"/go/{dropped}/").status_code == 404
    # The editor's link to a retailer the catalogue now lists becomes the catalogue's, same id.
    editors.refresh_from_db()
    assert (editors.from_feed, editors.url, editors.paid, editors.new_tab) == (
        True, "https://atelier-eupen.example/t", True, True,
    )  # fmt: skip
    # Everything else untouched.
    unchanged = set(before) - {("MAN-0001", "laden-im-depot"), ("MAN-0004", "winkel-wyck")}
    unchanged -= {key for key in before if key[0] == "MAN-0002"}
    assert {key: after[key] for key in unchanged} == {key: before[key] for key in unchanged}


def test_queries_of_a_stockist_change_do_not_grow_with_the_number_of_products(
    demo, tmp_path, sample
):
    retailers = sample["retailers"][:3]
    refs = [r["ref"] for r in retailers]
    counts = []
    for size in (10, 60):
        wipe_catalogue()
        feed = synthetic(size) | {"retailers": retailers}
        for item in feed["products"]:
            item["stockists"] = [stockist(refs[0], item["external_id"]), stockist(refs[1], "x")]
        assert run_sync(write_feed(tmp_path, feed, name=f"a{size}.json")).counts["created"] == size
        ids = set(StockistLink.objects.values_list("pk", flat=True))
        for item in feed["products"]:  # first link's URL changes, second goes, a third comes
            item["stockists"] = [
                {"retailer_ref": refs[0], "url": "https://neu.example/" + item["external_id"]},
                stockist(refs[2], item["external_id"]),
            ]
        with CaptureQueriesContext(connection) as queries:
            summary = run_sync(write_feed(tmp_path, feed, name=f"b{size}.json"))
        assert summary.counts["updated"] == size, summary.message
        assert StockistLink.objects.filter(pk__in=ids).count() == size  # the changed ones kept
        assert StockistLink.objects.count() == 2 * size
        counts.append(len(queries))
        import collections

        print(
            size,
            collections.Counter(q["sql"][:90] for q in queries.captured_queries).most_common(8),
        )
    assert counts[0] > 0
    # (Wagtail's reference index, cleaned per deleted link by its signal, is cleaned in bulk.)
    assert counts[1] == counts[0], counts
