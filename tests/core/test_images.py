"""Renditions in the modern formats are real, decodable images."""

import io

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("spec", "pillow_format"), [("format-avif", "AVIF"), ("format-webp", "WEBP")]
)
def test_rendition_formats(demo, spec, pillow_format):
    image = get_image_model().objects.get(title="Grüne Punkte im Quartier")
    rendition = image.get_rendition(f"fill-320x200|{spec}")
    with rendition.file.open("rb") as f, PILImage.open(io.BytesIO(f.read())) as picture:
        assert picture.format == pillow_format
        assert picture.size == (320, 200)


@pytest.mark.parametrize("fault", ["missing", "corrupt"])
def test_a_page_whose_image_cannot_be_read_still_renders(
    client, demo, settings, tmp_path, caplog, fault
):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "original_images").mkdir()
    if fault == "corrupt":
        (tmp_path / "original_images" / "kaputt.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a jpeg")
    image = get_image_model().objects.create(
        title="Kaputtes Bild", file="original_images/kaputt.jpg", width=1600, height=1000
    )
    demo.hero_image = image
    demo.save_revision().publish()

    with caplog.at_level("ERROR", logger="core.images"):
        response = client.get("/de/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "not-found" not in html and "kaputt" not in html, "the image is left out"
    assert 'class="hero__image"' not in html
    assert "Aachen-Nord" in html, "the rest of the page is there"
    failures = [r for r in caplog.records if getattr(r, "event", "") == "image_rendition_failed"]
    assert failures and all(r.image_id == image.pk for r in failures)
