"""The catalogue sync, end to end: files and a loopback HTTP server, the real database."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from catalogue.models import Product, ProductImage, ProductionPartner, SyncRun, Variant
from catalogue.sample import SAMPLE_DIR, SAMPLE_FEED
from catalogue.sync.engine import run_sync
from shop_links.models import Retailer, StockistLink
from tests.catalogue.conftest import product, write_feed

pytestmark = pytest.mark.django_db

CSV = str(SAMPLE_DIR / "products.csv")
RETAILERS_CSV = str(SAMPLE_DIR / "retailers.csv")


def wipe_catalogue(partners=True):
    """Start from an empty catalogue (inside the test's transaction)."""
    StockistLink.objects.all().delete()
    Product.objects.all().delete()
    Retailer.objects.all().delete()
    if partners:
        ProductionPartner.objects.all().delete()


def snapshot() -> dict:
    """What a visitor could learn about each product, in every language, keyed by external_id."""
    result = {}
    for p in Product.objects.select_related("locale").order_by("external_id", "locale_id"):
        entry = result.setdefault(p.external_id, {"texts": {}})
        entry["texts"][p.locale.language_code] = (p.title, p.description, p.material)
        entry["live"] = p.is_live
    for p in Product.objects.sources():
        entry = result[p.external_id]
        entry["variants"] = [
            (v.sku, v.gtin, v.options, str(v.price), str(v.sale_price), v.availability)
            for v in p.variants.all()
        ]
        entry["images"] = [(i.position, i.image.file_hash) for i in p.images.all()]
        entry["partners"] = [link.partner.ref for link in p.partner_links.all()]
        entry["stockists"] = [(s.retailer.ref, s.url) for s in p.stockist_links.all()]
    return result


def live_ids() -> set[str]:
    return set(Product.objects.sources().live().values_list("external_id", flat=True))


def writes(queries) -> list[str]:
    """Statements that changed catalogue data (the run log itself does not count)."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
        and "catalogue_syncrun" not in q["sql"]
    ]


# The sample feed -----------------------------------------------------------------------------


def test_demo_loader_synced_the_sample_feed(demo):
    assert Product.objects.sources().count() == 24
    assert len(live_ids()) == 22  # one draft, one archived in the catalogue
    assert SyncRun.objects.filter(trigger="demo", status="succeeded").exists()
    bag = Product.objects.get(external_id="MAN-0001", locale__language_code="fr")
    assert bag.title == "Sac Depot en tissu de siège de tram"
    # The feed has no French material: shown in German until someone translates it.
    assert bag.material.startswith("Polsterstoff")


def test_second_run_writes_nothing_and_reports_everything_unchanged(demo):
    with CaptureQueriesContext(connection) as queries:
        summary = run_sync(str(SAMPLE_FEED))
    assert summary.ok, summary.message
    assert summary.counts["unchanged"] == 24
    assert summary.counts["created"] == summary.counts["updated"] == 0
    assert summary.images["downloaded"] == 0
    assert writes(queries.captured_queries) == []


def test_json_and_csv_give_the_same_catalogue(demo):
    wipe_catalogue()
    assert run_sync(str(SAMPLE_FEED)).ok
    from_json = snapshot()
    wipe_catalogue(partners=False)  # the CSV export has no partners: the site must know them
    summary = run_sync(CSV, retailers_source=RETAILERS_CSV)
    assert summary.ok, summary.message
    assert summary.counts["created"] == 24 and summary.errors == []
    assert snapshot() == from_json


def test_csv_after_json_changes_nothing_and_keeps_what_csv_lacks(demo):
    summary = run_sync(CSV, retailers_source=RETAILERS_CSV)
    assert summary.counts["unchanged"] == 24, summary.changes
    image = ProductImage.objects.filter(product__external_id="MAN-0001").first()
    assert image.alt["en"] == "Depot bag made from tram seat fabric, view 1"
    assert Product.objects.get(external_id="MAN-0005", locale__language_code="de").dimensions


def test_sync_over_http_downloads_images_once_and_reuses_stored_ones(demo, feed_server, sample):
    feed_server.serve_sample_images()
    url = feed_server.serve("/feed/catalogue.json", sample)
    images_before = get_image_model().objects.count()
    wipe_catalogue()
    summary = run_sync(url)
    assert summary.ok, summary.message
    assert summary.counts["created"] == 24
    # Same photos as the demo already stored: downloaded to compare, not stored again.
    assert summary.images["downloaded"] == 40
    assert (summary.images["stored"], summary.images["reused"]) == (0, 40)
    assert get_image_model().objects.count() == images_before
    bodies = sum(feed_server.bodies.values())
    summary = run_sync(url)
    assert summary.counts["unchanged"] == 24
    # Each photo asked "changed since?" once and answered 304; only the feed itself came again.
    assert sum(feed_server.bodies.values()) == bodies + 1
    assert sum(feed_server.not_modified.values()) == 40
    assert (summary.images["downloaded"], summary.images["unchanged"]) == (0, 40)


# Full snapshot semantics and the share guard -------------------------------------------------


def test_missing_product_is_archived_not_deleted_and_restored_when_back(demo, tmp_path, sample):
    gone = sample["products"].pop(0)
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.counts["archived"] == 1 and summary.changes["archived"] == ["MAN-0001"]
    assert "MAN-0001" not in live_ids()
    assert Product.objects.filter(external_id="MAN-0001").count() == 4  # all languages kept
    assert Variant.objects.filter(product__external_id="MAN-0001").count() == 2

    sample["products"].insert(0, gone)
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.counts["restored"] == 1
    assert "MAN-0001" in live_ids()


def test_draft_and_archived_status_hide_a_product(demo, tmp_path, sample):
    product(sample, "MAN-0002")["status"] = "draft"
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.changes["updated"] == {"MAN-0002": ["status"]}
    assert "MAN-0002" not in live_ids()


def test_share_guard_refuses_a_truncated_feed_and_force_overrides(demo, tmp_path, sample):
    sample["products"] = sample["products"][:5]
    path = write_feed(tmp_path, sample)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("sync_catalogue", path, stdout=StringIO())
    assert error.value.returncode == 1
    assert "would hide 17 of 22 live products" in str(error.value)
    assert snapshot() == before
    assert SyncRun.objects.first().status == "refused"

    call_command("sync_catalogue", path, "--force", stdout=StringIO(), stderr=StringIO())
    assert live_ids() == {"MAN-0001", "MAN-0002", "MAN-0003", "MAN-0004", "MAN-0005"}


def test_share_guard_counts_products_turned_to_draft(demo, tmp_path, sample):
    """A feed that keeps every product but turns a quarter of them to draft hides as much as one
    that leaves them out: the guard refuses it the same way."""
    drafted = ["MAN-0001", "MAN-0002", "MAN-0003", "MAN-0004", "MAN-0005"]
    for external_id in drafted:
        product(sample, external_id)["status"] = "draft"
    path = write_feed(tmp_path, sample)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("sync_catalogue", path, stdout=StringIO())
    assert "would hide 5 of 22 live products" in str(error.value)
    assert snapshot() == before

    call_command("sync_catalogue", path, "--force", stdout=StringIO(), stderr=StringIO())
    assert live_ids().isdisjoint(drafted)


# Feeds that must stop the run ----------------------------------------------------------------


def html_page(server):
    return server.serve("/feed", "<!doctype html><title>Login</title>", "text/html")


@pytest.mark.parametrize(
    ("make_source", "message"),
    [
        (lambda s: s.serve("/feed.json", b""), "is empty"),
        (lambda s: s.serve("/feed.json", SAMPLE_FEED.read_bytes()[:5000]), "looks truncated"),
        (html_page, "returned an HTML page"),
        (lambda s: s.serve("/feed.json", b"{}", status=503), "HTTP 503"),
        (lambda s: s.serve("/feed.json", b"{}", delay=3), "did not answer within 1 s"),
        (lambda s: s.serve("/feed.json", {"version": 2, "products": []}), "version 2"),
        (lambda s: s.serve("/feed.json", {"version": 1, "products": []}), "lists no products"),
        (lambda s: s.url("/missing.json"), "HTTP 404"),
    ],
    ids=["empty", "truncated", "html", "http-error", "timeout", "version", "no-products", "404"],
)
def test_bad_feed_is_refused_with_a_reason_and_changes_nothing(
    demo, feed_server, settings, make_source, message
):
    settings.CATALOGUE_HTTP_TIMEOUT = 1
    before = snapshot()
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("sync_catalogue", make_source(feed_server), "--format", "json", stdout=out)
    assert error.value.returncode == 1
    report = json.loads(out.getvalue())
    assert report["status"] == "refused"
    assert message in report["message"]
    assert snapshot() == before


# Row-level errors ----------------------------------------------------------------------------


def no_title(p):
    del p["title"]["de"]


def comma_price(p):
    p["variants"][0]["price"]["amount"] = "12,50"


def unknown_availability(p):
    p["variants"][0]["availability"] = "sold_out"


def duplicate_sku(p):
    p["variants"][0]["sku"] = "MAN-0001-01"


def bad_gtin(p):
    p["variants"][0]["gtin"] = "4260900004011"


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (no_title, "title.de (the German title) is missing"),
        (comma_price, "'12,50' uses a comma; the feed needs a dot"),
        (unknown_availability, "unknown availability 'sold_out'"),
        (duplicate_sku, "duplicate SKU MAN-0001-01: already used by product MAN-0001"),
        (bad_gtin, "GTIN 4260900004011 has an invalid check digit"),
    ],
)
def test_bad_row_is_skipped_with_its_reason_and_the_rest_syncs(
    demo, tmp_path, sample, spoil, reason
):
    spoil(product(sample, "MAN-0004"))
    product(sample, "MAN-0006")["variants"][0]["price"]["amount"] = "26.00"
    before = snapshot()
    out = StringIO()
    call_command("sync_catalogue", write_feed(tmp_path, sample), "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["counts"]["skipped"] == 1 and report["counts"]["updated"] == 1
    [error] = report["errors"]
    assert (error["kind"], error["ref"]) == ("product", "MAN-0004")
    assert reason in error["message"]
    assert snapshot()["MAN-0004"] == before["MAN-0004"]  # kept as it was, still live
    assert Variant.objects.get(sku="MAN-0006-01").price == Decimal("26.00")


def test_unknown_designer_ref_is_reported_not_an_error(demo, tmp_path, sample):
    product(sample, "MAN-0003")["designer_ref"] = "new-designer"
    sample["designers"].append({"ref": "new-designer", "name": "Neu"})
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.ok and summary.errors == []
    assert any("'new-designer' (1 product): no designer page" in w for w in summary.warnings)
    assert Product.objects.sources().get(external_id="MAN-0003").designer_ref == "new-designer"


def test_demo_designer_pages_are_found_by_ref(demo):
    bag = Product.objects.sources().get(external_id="MAN-0001")
    assert bag.designer().catalogue_ref == "lena-hoffmann"


# CSV exports from spreadsheets ---------------------------------------------------------------


def test_csv_with_byte_order_mark_and_semicolons_is_read_correctly(demo, tmp_path):
    import csv

    rows = list(csv.reader(StringIO(Path(CSV).read_text(encoding="utf-8"), newline="")))
    rows[1][rows[0].index("price")] = "61.00"  # MAN-0001-01, to see the file was really read
    out = StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())
    summary = run_sync(str(path))
    assert summary.ok, summary.message
    assert summary.changes["updated"] == {"MAN-0001": ["variants"]}
    assert summary.counts["unchanged"] == 23
    assert Product.objects.get(external_id="MAN-0001", locale__language_code="de").title == (
        "Depot-Tasche aus Straßenbahnsitzstoff"
    )


def test_windows_1252_csv_is_refused_clearly_or_read_when_named(demo, tmp_path):
    text = Path(CSV).read_text(encoding="utf-8")
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("cp1252", errors="replace"))
    before = snapshot()
    summary = run_sync(str(path), retailers_source=RETAILERS_CSV)
    assert summary.status == "refused"
    assert "not UTF-8: byte 0xDF on line 2" in summary.message  # the ß of Straßenbahn
    assert snapshot() == before
    summary = run_sync(str(path), retailers_source=RETAILERS_CSV, csv_encoding="cp1252")
    assert summary.ok and summary.counts["unchanged"] >= 20


def test_csv_decimal_comma_price_is_a_row_error(demo, tmp_path):
    text = Path(CSV).read_text(encoding="utf-8").replace(",39.00,", ',"39,00",', 1)
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    summary = run_sync(str(path))
    assert [(e.ref, e.line) for e in summary.errors] == [("MAN-0002", 4)]
    assert "uses a comma" in summary.errors[0].message
    assert Variant.objects.get(sku="MAN-0002-01").price == Decimal("39.00")


# Clean HTML ----------------------------------------------------------------------------------


def test_description_html_is_reduced_to_the_safe_subset(demo, tmp_path, sample):
    product(sample, "MAN-0003")["description"]["de"] = (
        '<p onclick="steal()">Gut <b>fest</b><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a> <a href="https://ok.example/">Info</a>'
        '<img src="x" onerror="y"><iframe src="https://evil.example/"></iframe></p>'
    )
    run_sync(write_feed(tmp_path, sample))
    text = Product.objects.get(external_id="MAN-0003", locale__language_code="de").description
    assert text == (
        '<p>Gut <b>fest</b><a rel="noopener noreferrer">x</a> '
        '<a href="https://ok.example/" rel="noopener noreferrer">Info</a></p>'
    )


# Images --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        (b"not a picture", 200, "is not an image Wagtail can read"),
        (b"", 404, "HTTP 404"),
        (b"\xff" * 3000, 200, "larger than 2000 bytes"),
    ],
    ids=["not-an-image", "missing", "too-large"],
)
def test_broken_image_is_a_row_error(demo, feed_server, sample, settings, body, status, reason):
    settings.CATALOGUE_MAX_IMAGE_BYTES = 2000
    feed_server.serve_sample_images()
    item = product(sample, "MAN-0003")
    item["images"][0]["url"] = "images/new-photo.jpg"
    item["title"]["de"] = "Neuer Titel"
    feed_server.serve("/feed/images/new-photo.jpg", body, "image/jpeg", status=status)
    summary = run_sync(feed_server.serve("/feed/catalogue.json", sample))
    assert summary.counts["skipped"] == 1
    assert reason in summary.errors[0].message and summary.errors[0].ref == "MAN-0003"
    assert Product.objects.sources().get(external_id="MAN-0003").title != "Neuer Titel"


@pytest.mark.parametrize("outside", ["absolute", "climbing", "file-url"])
def test_a_local_feed_names_only_images_beside_it(demo, tmp_path, sample, outside):
    """Which local file is read is the settings' or the operator's choice; a feed's content
    cannot point the sync at other files on the server, even readable pictures."""
    picture = SAMPLE_DIR / "images" / "man-0001-1.jpg"
    feed_dir = tmp_path / "feed"
    feed_dir.mkdir()
    reference = {
        "absolute": str(picture),
        "climbing": "../elsewhere/photo.jpg",
        "file-url": picture.as_uri(),
    }[outside]
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "photo.jpg").write_bytes(picture.read_bytes())
    item = product(sample, "MAN-0003")
    item["images"][0]["url"] = reference
    item["title"]["de"] = "Neuer Titel"
    summary = run_sync(write_feed(feed_dir, sample))
    assert summary.counts["skipped"] == 1
    [error] = summary.errors
    assert error.ref == "MAN-0003" and "is not in the feed's folder" in error.message
    assert Product.objects.sources().get(external_id="MAN-0003").title != "Neuer Titel"


def test_failed_run_rolls_back_and_leaves_no_image_files(
    demo, tmp_path, sample, media, monkeypatch
):
    from catalogue.sync import engine

    item = product(sample, "MAN-0003")
    item["images"][0]["url"] = "fresh.png"
    from PIL import Image as PILImage

    PILImage.new("RGB", (40, 30), "#2f8f5b").save(tmp_path / "fresh.png")
    item["title"]["de"] = "Neuer Titel"
    before = snapshot()

    def explode(self, work, ids):
        raise RuntimeError("database went away")

    monkeypatch.setattr(engine.Sync, "write_stockists", explode)
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.status == "failed" and "database went away" in summary.message
    assert snapshot() == before
    assert not list(media.rglob("*.png"))  # the stored photo was deleted again


def test_dry_run_reports_exactly_and_writes_nothing(demo, tmp_path, sample, media):
    from PIL import Image as PILImage

    PILImage.new("RGB", (40, 30), "#2f8f5b").save(tmp_path / "fresh.png")
    product(sample, "MAN-0003")["images"].append({"url": "fresh.png", "position": 9, "alt": {}})
    product(sample, "MAN-0006")["variants"][0]["price"]["amount"] = "26.00"
    sample["products"].pop()  # MAN-0024
    before = snapshot()
    out = StringIO()
    call_command(
        "sync_catalogue", write_feed(tmp_path, sample), "--dry-run", "--format", "json", stdout=out
    )
    report = json.loads(out.getvalue())
    assert report["dry_run"] is True
    assert report["changes"]["updated"] == {"MAN-0003": ["images"], "MAN-0006": ["variants"]}
    assert report["changes"]["archived"] == ["MAN-0024"]
    assert report["images"]["stored"] == 1  # the new photo; the others are in the library
    assert snapshot() == before
    assert not list(media.rglob("*.png"))


# Slugs and editorial fields ------------------------------------------------------------------


def test_handle_change_moves_the_slug_and_the_old_one_redirects(demo, tmp_path, sample):
    bag = Product.objects.sources().get(external_id="MAN-0001")
    bag.teaser = "Unser Liebling"
    bag.featured = True
    bag.save()
    assert bag.slug == "depot-bag-made-from-tram-seat-fabric"
    product(sample, "MAN-0001")["handle"] = "depot-tram-bag"
    product(sample, "MAN-0001")["title"]["de"] = "Depot-Tasche"
    run_sync(write_feed(tmp_path, sample))
    bag.refresh_from_db()
    assert (bag.slug, bag.title, bag.teaser, bag.featured) == (
        "depot-tram-bag",
        "Depot-Tasche",
        "Unser Liebling",
        True,
    )
    found, moved = Product.resolve_slug("depot-bag-made-from-tram-seat-fabric", bag.locale)
    assert (found, moved) == (bag, True)


def test_a_sync_that_changes_the_chain_keeps_the_passport_texts(demo, tmp_path, sample):
    """The passport's editorial texts (docs/passports.md) are the editors': a run that rewrites
    the product's chain rows and its texts leaves them, and the step notes stay with their
    workshop, found by its catalogue ref."""
    rows = Product.objects.filter(external_id="MAN-0001")
    for row in rows:
        row.care_advice = f"Pflege {row.locale.language_code}"
        row.step_notes = [("step", {"partner": "depot-naehwerkstatt", "text": "Genäht"})]
        row.save()
    product(sample, "MAN-0001")["made_by"] = ["siebdruck-nord", "depot-naehwerkstatt"]
    product(sample, "MAN-0001")["material"]["de"] = "Sitzstoff, neu"
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.changes["updated"]["MAN-0001"]  # the chain and the material changed
    for row in Product.objects.filter(external_id="MAN-0001").select_related("locale"):
        assert row.care_advice == f"Pflege {row.locale.language_code}"
        assert [block.value["partner"] for block in row.step_notes] == ["depot-naehwerkstatt"]
    bag = Product.objects.sources().get(external_id="MAN-0001")
    assert bag.material == "Sitzstoff, neu"
    assert [link.partner.ref for link in bag.partner_links.select_related("partner")] == [
        "siebdruck-nord",
        "depot-naehwerkstatt",
    ]


def test_unicode_handle_becomes_an_ascii_slug(demo):
    print_ = Product.objects.sources().get(external_id="MAN-0009")
    assert print_.slug == "juelicher-strasse-screen-print"


# Retailers -----------------------------------------------------------------------------------


def test_editor_retailer_is_never_touched_and_missing_feed_retailer_is_hidden(
    demo, tmp_path, sample
):
    own = Retailer.objects.create(
        name="Kiosk am Ponttor", kind="concept_store", website="https://kiosk.example/",
        locale=Product.objects.sources().first().locale,
    )  # fmt: skip
    sample["retailers"] = [r for r in sample["retailers"] if r["ref"] != "atelier-eupen"]
    for item in sample["products"]:
        item["stockists"] = [s for s in item["stockists"] if s["retailer_ref"] != "atelier-eupen"]
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.retailers["archived"] == 1
    # Hidden in every language: the German row and its translations.
    assert set(Retailer.objects.filter(ref="atelier-eupen").values_list("in_feed", flat=True)) == {
        False
    }
    own.refresh_from_db()
    assert (own.name, own.in_feed) == ("Kiosk am Ponttor", True)


def test_stockist_link_must_be_https(demo, tmp_path, sample):
    product(sample, "MAN-0004")["stockists"][0]["url"] = "javascript:alert(1)"
    product(sample, "MAN-0005")["stockists"][0]["url"] = "http://laden.example/p"
    summary = run_sync(write_feed(tmp_path, sample))
    messages = {e.ref: e.message for e in summary.errors}
    assert "„javascript:“-Adressen sind nicht erlaubt" in messages["MAN-0004"]
    assert "unverschlüsselt (http)" in messages["MAN-0005"]


# Performance shape ---------------------------------------------------------------------------


def synthetic(count: int, start: int = 0) -> dict:
    return {
        "version": 1,
        "mode": "full",
        "currency": "EUR",
        "designers": [],
        "partners": [],
        "retailers": [],
        "products": [
            {
                "external_id": f"SYN-{n}",
                "handle": f"syn-{n}",
                "status": "draft",
                "title": {"de": f"Produkt {n}", "en": f"Product {n}"},
                "variants": [
                    {"sku": f"SYN-{n}-{v}", "price": {"amount": "9.00"}, "availability": "in_stock"}
                    for v in range(3)
                ],
            }
            for n in range(start, start + count)
        ],
    }


def test_queries_do_not_grow_with_the_number_of_products(demo, tmp_path):
    counts = []
    for size in (10, 60):
        wipe_catalogue()
        path = write_feed(tmp_path, synthetic(size), name=f"syn{size}.json")
        with CaptureQueriesContext(connection) as queries:
            assert run_sync(path).counts["created"] == size
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 2, counts


def test_a_renamed_product_moves_in_the_shops_lists(demo, tmp_path, sample):
    """The shops' lists sort by a copy of the German title on each link (an index walks them
    A to Z): a title the catalogue changes is the links' order on the next sync, new links get
    their product's title, and an editor's rename of the product is theirs too."""

    def titles():
        return {
            link.product.title: link.product_title
            for link in StockistLink.objects.select_related("product").exclude(product=None)
        }

    assert titles() and all(title == copy for title, copy in titles().items())
    product(sample, "MAN-0004")["title"]["de"] = "Aaa Hocker"
    product(sample, "MAN-0004")["title"]["en"] = "Aaa stool"
    run_sync(write_feed(tmp_path, sample))

    def renamed():
        return set(
            StockistLink.objects.filter(product__external_id="MAN-0004").values_list(
                "product_title", flat=True
            )
        )

    assert renamed() == {"Aaa Hocker"}
    assert all(title == copy for title, copy in titles().items())
    record = Product.objects.sources().get(external_id="MAN-0004")
    record.title = "Zzz Hocker"
    record.save()
    assert renamed() == {"Zzz Hocker"}
