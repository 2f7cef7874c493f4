"""The feed is read as a stream: what a catalogue manager would notice if that broke.

The reader holds a window of the text (`catalogue.sync.stream.WINDOW`, a megabyte in production);
here it is 2 KB, so a feed of a few hundred products crosses hundreds of windows and every
product lies across a window border somewhere - the same paths a 40 MB feed takes, without
needing one. Nothing here measures memory or time (`bench/catalogue.py` does).
"""

import json

import pytest

from catalogue.models import Product, SyncRun
from catalogue.sync import stream
from catalogue.sync.engine import run_sync

pytestmark = [pytest.mark.no_demo, pytest.mark.django_db]

COUNT = 300


@pytest.fixture(autouse=True)
def small_window(monkeypatch):
    monkeypatch.setattr(stream, "WINDOW", 2048)


def feed(count: int = COUNT) -> dict:
    """Products in four languages, without photos; the currency after the products, as a
    feed may order its keys any way it likes."""
    products = [
        {
            "external_id": f"STR-{n:04d}",
            "status": "active",
            "title": {
                "de": f"Tasche Nr. {n} aus Planenstoff",
                "en": f"Bag no. {n} of tarpaulin",
                "nl": f"Tas nr. {n} van dekzeil",
                "fr": f"Sac n° {n} en bâche",
            },
            "description": {
                lang: f"<p>{text} {n}. " + "Genäht in Aachen-Nord. " * 8 + "</p>"
                for lang, text in (
                    ("de", "Stück"),
                    ("en", "Piece"),
                    ("nl", "Stuk"),
                    ("fr", "Pièce"),
                )
            },
            "variants": [
                {
                    "sku": f"STR-{n:04d}-{k}",
                    "price": {"amount": f"{20 + n % 7}.50"},
                    "availability": "in_stock",
                }
                for k in range(2)
            ],
        }
        for n in range(count)
    ]
    return {"version": 1, "mode": "full", "products": products, "currency": "EUR"}


def live_ids() -> set[str]:
    """The feed's products on the site (the demo's, when it is loaded, are not in this feed)."""
    rows = Product.objects.sources().filter(in_feed=True, external_id__startswith="STR-")
    return set(rows.values_list("external_id", flat=True))


def sync(url: str):
    # force: with the demo loaded, this feed would hide all of the demo's products.
    return run_sync(url, force=True)


def ours():
    return Product.objects.filter(external_id__startswith="STR-")


def test_broken_rows_in_the_middle_are_reported_and_everything_else_syncs(feed_server):
    document = feed()
    document["products"][137]["variants"][0]["price"]["amount"] = "12,50"
    del document["products"][211]["external_id"]
    body = json.dumps(document, indent=1, ensure_ascii=False).encode()
    assert len(body) > 100 * stream.WINDOW

    summary = sync(feed_server.serve("/catalogue.json", body))

    assert summary.ok, summary.message
    assert summary.counts["created"] == COUNT - 2
    errors = {(error.ref, error.message) for error in summary.errors}
    assert any(ref == "STR-0137" and "12,50" in message for ref, message in errors), errors
    # A product without its id is named by its position among the feed's products.
    assert any(ref == "#212" and "external_id" in message for ref, message in errors), errors
    expected = {f"STR-{n:04d}" for n in range(COUNT)} - {"STR-0137", "STR-0211"}
    assert live_ids() == expected
    last = Product.objects.sources().get(external_id=f"STR-{COUNT - 1:04d}")
    assert last.title == f"Tasche Nr. {COUNT - 1} aus Planenstoff"
    assert Product.objects.filter(external_id="STR-0200").count() == 4  # all four languages


def test_a_feed_cut_off_mid_download_changes_nothing_and_says_so(feed_server):
    url = feed_server.serve("/catalogue.json", feed(40))
    assert sync(url).ok
    before = live_ids()

    changed = feed()  # 300 products, 260 of them new: would be created if read
    feed_server.serve("/catalogue.json", changed, delay="cut")
    summary = sync(url)

    assert summary.status == SyncRun.Status.REFUSED
    assert "broke off before the whole feed had arrived" in summary.message
    assert "nothing was changed" in summary.message
    assert live_ids() == before
    assert not Product.objects.filter(external_id="STR-0299").exists()
    assert SyncRun.objects.latest("pk").status == SyncRun.Status.REFUSED


def test_a_feed_that_ends_halfway_is_refused_as_truncated(feed_server):
    """The server sends what it has and no length: the document itself ends too early."""
    body = json.dumps(feed()).encode()
    summary = sync(feed_server.serve("/catalogue.json", body[: len(body) * 2 // 3]))
    assert summary.status == SyncRun.Status.REFUSED
    assert "looks truncated" in summary.message
    assert not ours().exists()


def test_a_syntax_error_deep_in_the_feed_names_its_line_and_changes_nothing(feed_server):
    text = json.dumps(feed(), indent=1)
    position = text.index('"STR-0250"')
    broken = text[:position] + "," + text[position:]
    line = broken.count("\n", 0, position) + 1
    summary = sync(feed_server.serve("/catalogue.json", broken))
    assert summary.status == SyncRun.Status.REFUSED
    assert f"The feed is not valid JSON (line {line}," in summary.message
    assert not ours().exists()
