"""Photos in the catalogue sync: each URL once per run, conditionally, decoded once.

A real loopback HTTP server (`FeedServer`) serves the feed and the photos, sends ETag and
Last-Modified like a real web server and answers conditional requests with 304; it counts what it
was asked, so the tests see downloads where a visitor would see photos."""

import hashlib
import io
import struct
import zlib

import pytest
from PIL import Image as PILImage

from catalogue.models import ImageSource, Product, ProductImage
from catalogue.sync.engine import run_sync
from tests.catalogue.conftest import product
from tests.catalogue.test_feed_guard import new_product

SHARED = "/feed/images/shared.jpg"


def jpeg(colour: str, size=(640, 480)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def sha1(content: bytes) -> str:
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()


def shown(external_id: str) -> list[str]:
    """The file hashes of the photos a product shows, in order."""
    source = Product.objects.sources().get(external_id=external_id)
    return [row.image.file_hash for row in ProductImage.objects.filter(product=source)]


@pytest.fixture
def shared_feed(feed_server, sample):
    """The sample feed plus three new products that all show the same photo."""
    feed_server.serve_sample_images()
    feed_server.serve(SHARED, jpeg("#2f8f5b"), "image/jpeg")
    for external_id in ("MAN-9001", "MAN-9002", "MAN-9003"):
        new_product(sample, external_id, "images/shared.jpg")
    return sample


def test_a_photo_three_products_show_is_downloaded_once(demo, feed_server, shared_feed):
    summary = run_sync(feed_server.serve("/feed/catalogue.json", shared_feed))
    assert summary.ok, summary.message
    assert summary.counts["created"] == 3
    assert feed_server.hits[SHARED] == 1
    photo = sha1(jpeg("#2f8f5b"))
    assert shown("MAN-9001") == shown("MAN-9002") == shown("MAN-9003") == [photo]
    source = ImageSource.objects.get(url=feed_server.url(SHARED))
    assert source.etag.startswith('"') and source.last_modified and source.content_length


def test_unchanged_validators_download_nothing_and_a_new_etag_brings_the_new_photo(
    demo, feed_server, shared_feed
):
    url = feed_server.serve("/feed/catalogue.json", shared_feed)
    assert run_sync(url).ok
    photos = sum(feed_server.bodies.values()) - feed_server.bodies["/feed/catalogue.json"]

    second = run_sync(url)
    assert second.counts["unchanged"] == 27
    assert feed_server.bodies[SHARED] == 1  # asked once more, answered 304
    assert feed_server.not_modified[SHARED] == 1
    assert sum(feed_server.bodies.values()) - feed_server.bodies["/feed/catalogue.json"] == photos
    assert (second.images["downloaded"], second.images["unchanged"]) == (0, 41)

    # The catalogue replaces the photo behind the same URL; the feed itself is unchanged.
    feed_server.serve(SHARED, jpeg("#c0392b"), "image/jpeg")
    third = run_sync(url)
    assert third.ok, third.message
    assert third.counts["unchanged"] == 27
    assert feed_server.bodies[SHARED] == 2
    assert (third.images["downloaded"], third.images["stored"]) == (1, 1)
    assert third.images["relinked"] == 3
    new = sha1(jpeg("#c0392b"))
    assert shown("MAN-9001") == shown("MAN-9002") == shown("MAN-9003") == [new]


def test_a_server_without_validators_is_compared_by_content_never_trusted(
    demo, feed_server, shared_feed
):
    feed_server.validators = False
    url = feed_server.serve("/feed/catalogue.json", shared_feed)
    assert run_sync(url).ok
    images = set(ProductImage.objects.values_list("image_id", flat=True))

    again = run_sync(url)  # nothing to ask "changed since?" with: downloaded, compared by hash
    assert feed_server.bodies[SHARED] == 2 and feed_server.not_modified[SHARED] == 0
    assert (again.images["stored"], again.images["relinked"]) == (0, 0)
    assert set(ProductImage.objects.values_list("image_id", flat=True)) == images

    feed_server.serve(SHARED, jpeg("#c0392b"), "image/jpeg")
    assert run_sync(url).images["relinked"] == 3
    assert shown("MAN-9002") == [sha1(jpeg("#c0392b"))]


def test_a_hung_image_server_is_a_row_error_and_loses_nothing(
    demo, feed_server, shared_feed, settings
):
    settings.CATALOGUE_HTTP_TIMEOUT = 1
    url = feed_server.serve("/feed/catalogue.json", shared_feed)
    assert run_sync(url).ok
    before = shown("MAN-9001")

    # A new product's photo hangs: that product is reported, the rest syncs.
    feed_server.gate.clear()
    feed_server.serve("/feed/images/hung.jpg", jpeg("#34495e"), "image/jpeg", delay="gate")
    new_product(shared_feed, "MAN-9004", "images/hung.jpg")
    # The known photo's server hangs too: the products keep showing the stored photo.
    feed_server.serve(SHARED, jpeg("#2f8f5b"), "image/jpeg", delay="gate")
    product(shared_feed, "MAN-9001")["title"]["de"] = "Neuer Titel"
    summary = run_sync(feed_server.serve("/feed/catalogue.json", shared_feed))
    feed_server.gate.set()
    assert summary.ok, summary.message
    [error] = summary.errors
    assert error.ref == "MAN-9004" and "hung.jpg did not arrive within 1 s" in error.message
    assert not Product.objects.filter(external_id="MAN-9004").exists()
    assert any("shared.jpg did not arrive" in w and "stays in use" in w for w in summary.warnings)
    assert Product.objects.sources().get(external_id="MAN-9001").title == "Neuer Titel"
    assert shown("MAN-9001") == before


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas: a decompression bomb's opening."""
    out = io.BytesIO()
    PILImage.new("RGB", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (png_header_claiming(60_000, 60_000), "has more pixels than any photo the site accepts"),
        (jpeg("#2f8f5b", (1200, 1000)), "(1200000)"),  # Wagtail's own message, in German
        (jpeg("#2f8f5b")[:2000], "is damaged and cannot be decoded"),
        (b"hello, not a photo", "is not an image Wagtail can read"),
    ],
    ids=["pixel-bomb", "over-the-pixel-limit", "truncated", "not-an-image"],
)
def test_a_hostile_photo_is_reported_clearly(
    demo, feed_server, shared_feed, settings, body, reason
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    feed_server.serve("/feed/images/hostile.jpg", body, "image/jpeg")
    new_product(shared_feed, "MAN-9004", "images/hostile.jpg")
    summary = run_sync(feed_server.serve("/feed/catalogue.json", shared_feed))
    assert summary.ok, summary.message
    [error] = summary.errors
    assert error.ref == "MAN-9004" and reason in error.message, error.message
    assert summary.counts["created"] == 3  # the others
    assert not ImageSource.objects.filter(url__endswith="hostile.jpg").exists()
