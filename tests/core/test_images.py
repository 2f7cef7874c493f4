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
