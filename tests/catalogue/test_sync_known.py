"""Known rows (`catalogue.sync.known`): a product whose feed row is the very row it was synced
from is not read in full again, and the catalogue is exactly what reading every row would make
of it - photos replaced at their address, SKUs, a CSV export in between, a product back in the
feed, a new version of the code."""

import csv
import io
import json

import pytest

from catalogue.models import Product, ProductImage, Variant
from catalogue.sample import SAMPLE_DIR
from catalogue.sync import known, parse
from catalogue.sync.engine import run_sync
from tests import processes
from tests.catalogue.conftest import product, write_feed

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_reads(monkeypatch):
    """The external_ids of the rows a run reads in full, in the order read."""
    read = []
    normalise = parse.normalise_product

    def counting(raw, **kwargs):
        read.append(raw.get("external_id") if isinstance(raw, dict) else None)
        return normalise(raw, **kwargs)

    monkeypatch.setattr(parse, "normalise_product", counting)
    return read


def sync(source, **kwargs):
    summary = run_sync(source, **kwargs)
    assert summary.ok, summary.message
    return summary


def price(external_id: str):
    return Variant.objects.filter(product__external_id=external_id).order_by("pk").first().price


def test_a_feed_synced_before_is_read_by_its_changed_rows_only(demo, tmp_path, sample, full_reads):
    """The first run from a new place reads every row (a new location: image addresses resolve
    anew) and notes each row; the next reads none of the 24 in full, the third only the row an
    editor of the catalogue changed, which the site then shows."""
    feed = write_feed(tmp_path, sample)
    summary = sync(feed)
    assert summary.counts["unchanged"] == 24
    assert len(full_reads) == 24

    full_reads.clear()
    summary = sync(feed)
    assert summary.counts["unchanged"] == 24
    assert full_reads == []

    product(sample, "MAN-0003")["title"]["de"] = "Neue Lampe aus dem Depot"
    summary = sync(write_feed(tmp_path, sample))
    assert full_reads == ["MAN-0003"]
    assert (summary.counts["updated"], summary.counts["unchanged"]) == (1, 23)
    assert Product.objects.get(external_id="MAN-0003", locale__language_code="de").title == (
        "Neue Lampe aus dem Depot"
    )
    full_reads.clear()
    assert sync(write_feed(tmp_path, sample)).counts["unchanged"] == 24
    assert full_reads == []


def first_photo_hash(external_id: str) -> str:
    return (
        ProductImage.objects.filter(
            product__external_id=external_id, product__locale__language_code="de"
        )
        .select_related("image")
        .first()
        .image.file_hash
    )


def test_a_photo_replaced_at_its_address_shows_on_a_product_whose_row_is_known(
    demo, feed_server, sample, full_reads
):
    feed_server.serve_sample_images()
    url = feed_server.serve("/feed/catalogue.json", sample)
    sync(url)
    full_reads.clear()
    sync(url)
    assert full_reads == []
    first = product(sample, "MAN-0001")["images"][0]["url"]
    before = first_photo_hash("MAN-0001")
    other = (SAMPLE_DIR / "images").glob("*.jpg")
    replacement = next(path for path in sorted(other) if not first.endswith(path.name))
    feed_server.serve(f"/feed/{first}", replacement.read_bytes(), "image/jpeg")

    summary = sync(url)
    assert full_reads == []  # the row is the same: the photo is asked for all the same
    assert summary.images["downloaded"] == 1
    assert first_photo_hash("MAN-0001") != before


def test_a_sku_of_a_known_row_still_belongs_to_its_product(demo, tmp_path, sample, full_reads):
    feed = write_feed(tmp_path, sample)
    sync(feed)
    taken = product(sample, "MAN-0001")["variants"][0]["sku"]
    product(sample, "MAN-0002")["variants"][0]["sku"] = taken
    full_reads.clear()
    summary = run_sync(write_feed(tmp_path, sample))
    assert full_reads == ["MAN-0002"]
    assert [(error.ref, error.message) for error in summary.errors] == [
        ("MAN-0002", f"duplicate SKU {taken}: already used by product MAN-0001")
    ]
    assert Variant.objects.get(sku=taken).product.external_id == "MAN-0001"


def test_after_a_csv_export_changed_a_product_its_json_row_is_read_again(
    demo, tmp_path, sample, full_reads
):
    """A CSV export carries no row digest: a product it changed is read in full by the next
    JSON feed, which puts the feed's price back; the others stay known."""
    feed = write_feed(tmp_path, sample)
    sync(feed)
    json_price = price("MAN-0001")
    rows = list(csv.DictReader(io.StringIO((SAMPLE_DIR / "products.csv").read_text("utf-8"))))
    for row in rows:
        if row["external_id"] == "MAN-0001":
            row["price"] = "99.00"
    export = tmp_path / "products.csv"
    with export.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    sync(str(export), retailers_source=str(SAMPLE_DIR / "retailers.csv"))
    assert str(price("MAN-0001")) == "99.00"

    full_reads.clear()
    summary = sync(feed)
    assert full_reads == ["MAN-0001"]
    assert summary.counts["updated"] == 1
    assert price("MAN-0001") == json_price


def test_a_product_back_in_the_feed_is_read_in_full_and_its_html_cleaned(
    demo, tmp_path, sample, full_reads
):
    """Archived, a product is no longer known: the same row back in the feed is read in full,
    its description cleaned as any row's."""
    product(sample, "MAN-0003")["description"]["de"] = (
        '<p onclick="x()">Gut<script>y()</script></p>'
    )
    sync(write_feed(tmp_path, sample))
    gone = sample["products"].pop(2)
    assert sync(write_feed(tmp_path, sample)).counts["archived"] == 1
    sample["products"].insert(2, gone)
    full_reads.clear()
    summary = sync(write_feed(tmp_path, sample))
    assert full_reads == ["MAN-0003"]
    assert summary.counts["restored"] == 1
    record = Product.objects.get(external_id="MAN-0003", locale__language_code="de")
    assert (record.in_feed, record.description) == (True, "<p>Gut</p>")


def test_a_new_version_of_the_code_reads_every_row_again(
    demo, tmp_path, sample, full_reads, monkeypatch
):
    """The rows' digests sum up the code that reads them: after a deploy that changed it, every
    row is read in full once (nothing changes here), then known again."""
    feed = write_feed(tmp_path, sample)
    sync(feed)
    full_reads.clear()
    deployed = known.fingerprint() + "-next"
    monkeypatch.setattr(known, "fingerprint", lambda: deployed)
    summary = sync(feed)
    assert len(full_reads) == 24 and summary.counts["unchanged"] == 24
    full_reads.clear()
    sync(feed)
    assert full_reads == []


def test_a_row_has_the_same_digest_in_every_process(sample):
    """The next run is another process (a cron job, a worker): a digest that named anything of
    this one (an object's address in a repr) would make no row known, ever."""
    row = product(sample, "MAN-0001")
    code = (
        "import json, sys, django; django.setup(); "
        "from catalogue.sync.known import row_digest; "
        "print(row_digest(json.loads(sys.stdin.read()), 'https://katalog.example/feed.json', 'EUR'))"
    )
    digests = processes.outputs(code, stdin=json.dumps(row))
    assert digests == {known.row_digest(row, "https://katalog.example/feed.json", "EUR")}
