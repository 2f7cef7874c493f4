"""Editors' uploads are limited: size, pixels and types; documents are downloads, never pages.

Each refused upload goes through the real admin view, gets a German message there, and leaves
no row and no file behind.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from catalogue.sync.images import ImageRejected, check_image
from demo.images import draw_picture
from tests.security import animations

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def post(admin_client, view, filename, data, content_type):
    """Post the admin's single-upload form for an image or a document, into the root collection."""
    form = {
        "title": "Hochgeladen",
        "file": SimpleUploadedFile(filename, data, content_type),
        "collection": Collection.get_first_root_node().pk,
    }
    return admin_client.post(reverse(view), form)


def post_image(admin_client, filename, data, content_type="image/png"):
    return post(admin_client, "wagtailimages:add", filename, data, content_type)


def post_document(admin_client, filename, data, content_type="application/pdf"):
    return post(admin_client, "wagtaildocs:add", filename, data, content_type)


def png(size, mode="L") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def refused(response, model, media, message):
    html = response.content.decode()
    assert response.status_code == 200, "the form is shown again"
    assert message in html, html[html.find("error-message") - 200 :][:800]
    assert not model.objects.filter(title="Hochgeladen").exists()
    assert stored_files(media) == []


def test_an_image_over_the_size_limit_is_refused(admin_client, media, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    data = draw_picture("too-big", (1600, 1200))
    assert len(data) > 50_000
    response = post_image(admin_client, "gross.jpg", data, "image/jpeg")
    refused(response, get_image_model(), media, "Die Datei ist zu groß")


def test_a_decompression_bomb_is_refused(admin_client, media, settings):
    # 8000 × 6000 black pixels compress to a few kilobytes: small on the wire, 48 megapixels
    # (some 150 MB of memory) to decode, over the 40-megapixel limit.
    data = png((8000, 6000))
    assert len(data) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 8000 * 6000
    response = post_image(admin_client, "bombe.png", data)
    refused(response, get_image_model(), media, "Dieses Bild hat zu viele Pixel")


HUGE_ANIMATIONS = [
    ("anim.gif", animations.gif, "image/gif"),
    ("anim.webp", animations.webp, "image/webp"),
]


@pytest.mark.parametrize(("filename", "build", "content_type"), HUGE_ANIMATIONS)
def test_an_animation_counts_every_frame_against_the_pixel_limit(
    admin_client, media, settings, filename, build, content_type
):
    # 300 frames on a 6000 × 6000 canvas: 36 megapixels a frame (under the 40-megapixel limit),
    # 10.8 gigapixels in all; each frame is one pixel of data, so the file has a few kilobytes.
    data = build((6000, 6000), 300)
    assert len(data) < 20_000
    with PILImage.open(io.BytesIO(data)) as picture:
        assert picture.size == (6000, 6000) and picture.n_frames == 300
    response = post_image(admin_client, filename, data, content_type)
    refused(response, get_image_model(), media, "Dieses Bild hat zu viele Pixel")
    assert "10800000000" in response.content.decode().replace(".", "")

    # The admin's usual uploader (several files, one request each) refuses it the same way.
    multiple = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(filename, data, content_type)},
    ).json()
    assert multiple["success"] is False
    assert "Dieses Bild hat zu viele Pixel" in multiple["error_message"]
    assert not get_image_model().objects.filter(title=filename).exists()
    assert stored_files(media) == []

    # And so does the catalogue sync's check of a product photo from a feed.
    with pytest.raises(ImageRejected, match="Dieses Bild hat zu viele Pixel"):
        check_image(f"https://feed.example/{filename}", data)


def test_a_short_animation_within_the_limit_is_stored(admin_client, media):
    # 2000 × 2000 × 10 frames = 40 megapixels, exactly the limit; one frame more is refused.
    response = post_image(admin_client, "kurz.gif", animations.gif((2000, 2000), 10), "image/gif")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Hochgeladen")
    assert (image.width, image.height) == (2000, 2000)
    assert stored_files(media) == [image.file.name]

    response = post_image(admin_client, "lang.gif", animations.gif((2000, 2000), 11), "image/gif")
    assert "Dieses Bild hat zu viele Pixel" in response.content.decode()
    assert get_image_model().objects.filter(title="Hochgeladen").count() == 1


def test_an_animated_png_is_refused(admin_client, media):
    # Willow does not read APNG (its type check names it "apng"), so Wagtail refuses every one.
    data = animations.apng((6000, 6000), 300)
    response = post_image(admin_client, "anim.png", data)
    refused(response, get_image_model(), media, "Bitte ein gültiges Bild hochladen")


def test_an_svg_image_is_refused(admin_client, media):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = post_image(admin_client, "logo.svg", svg, "image/svg+xml")
    refused(response, get_image_model(), media, "Nicht unterstütztes Bildformat")


def test_a_png_within_the_limits_is_stored(admin_client, media):
    response = post_image(admin_client, "klein.png", png((400, 300), "RGB"))
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Hochgeladen")
    assert stored_files(media) == [image.file.name]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("seite.html", b"<!doctype html><script>alert(1)</script>", "Dateiendung"),
        ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "Dateiendung"),
        ("code.js", b"alert(1)", "Dateiendung"),
        ("seite.pdf", b"<!doctype html><script>alert(1)</script>", "passt nicht zur Endung"),
        ("tabelle.csv", b"<html><body>hallo</body></html>", "passt nicht zur Endung"),
    ],
)
def test_documents_that_could_run_as_a_page_are_refused(
    admin_client, media, filename, data, message
):
    response = post_document(admin_client, filename, data)
    refused(response, get_document_model(), media, message)


def test_every_document_is_served_as_an_attachment(admin_client, client, media):
    response = post_document(admin_client, "Jahresbericht.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Hochgeladen")
    download = client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Jahresbericht.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
