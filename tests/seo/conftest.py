"""Helpers for the SEO tests: images made on the spot and page builders."""

import io

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from core.models import ContentPage
from project.models import ProjectPage

on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
postgres_only = pytest.mark.skipif(
    not on_postgres,
    reason="PostgreSQL text search (stemming); `scripts/test` runs it on PostgreSQL",
)


def make_image(title="Testbild", alt="Ein grünes Rechteck", size=(1600, 1000)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 140, 80)).save(buffer, "JPEG")
    image = get_image_model()(title=title, description=alt)
    image.file = ImageFile(buffer, name="seo-test.jpg")
    image.save()
    return image


def make_page(parent, **fields) -> ContentPage:
    """A published content page below `parent`."""
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    page = ContentPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def about(demo):
    return ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")


@pytest.fixture(autouse=True)
def empty_caches():
    """Wagtail caches renditions by image id; a rolled-back test's ids come back on SQLite."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
