"""A media bucket that hangs (the connection opens, nothing comes back): pages are served without
the images it cannot give, and the site gives up on it in seconds."""

import pytest
from django.core.files.storage import storages
from django.utils.html import escape
from wagtail.images import get_image_model

from demo.images import draw_picture
from tests.core.test_storage_s3 import free_port, upload
from tests.silent import silent_server

pytestmark = pytest.mark.django_db


def use_hanging_bucket(settings, endpoint: str) -> None:
    """Django's default storage on a bucket at `endpoint`, with the timeouts the production
    settings build from AWS_S3_CONNECT_TIMEOUT, AWS_S3_READ_TIMEOUT and AWS_S3_MAX_ATTEMPTS,
    made short for the test."""
    from botocore.config import Config

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "media",
                "endpoint_url": endpoint,
                "region_name": "eu-central-1",
                "access_key": "test-key",
                "secret_key": "test-secret",
                "file_overwrite": False,
                "client_config": Config(
                    s3={"addressing_style": "path"},
                    connect_timeout=1,
                    read_timeout=1,
                    retries={"mode": "standard", "total_max_attempts": 1},
                ),
            },
        },
    }
    storages._storages.pop("default", None)


@pytest.fixture(params=["hanging", "refusing"])
def broken_bucket(request, settings):
    """A bucket that accepts connections and never answers, or one where nothing listens (the
    S3 server stopped); yields the silent server (None for the refusing one)."""
    from core.images import resume_renditions

    resume_renditions()
    with silent_server() as server:
        if request.param == "hanging":
            use_hanging_bucket(settings, server.url)
            yield server
        else:
            use_hanging_bucket(settings, f"http://127.0.0.1:{free_port()}")
            yield None
    storages._storages.pop("default", None)
    resume_renditions()


def test_pages_render_without_the_images_a_broken_bucket_cannot_give(
    client, demo, broken_bucket, caplog
):
    # No rendition made yet: every image on the pages (and their social images) needs the bucket.
    get_image_model().get_rendition_model().objects.all().delete()

    with caplog.at_level("WARNING"):
        impressum = client.get("/de/impressum/")
        asked = broken_bucket.connections if broken_bucket else None
        home = client.get("/de/")

    assert impressum.status_code == 200
    assert home.status_code == 200
    assert "Impressum" in impressum.content.decode()
    assert 'property="og:image"' not in impressum.content.decode()
    assert "<picture" not in home.content.decode()
    assert "Aachen-Nord" in home.content.decode(), "the rest of the page is there"
    if broken_bucket:
        assert asked > 0, "the bucket was asked"
        assert broken_bucket.connections == asked, "while it fails, no rendition asks it again"
    paused = [r for r in caplog.records if getattr(r, "event", "") == "media_storage_unavailable"]
    assert len(paused) == 1, "one line for the failing storage"
    assert all(not r.exc_info for r in caplog.records if r.name.startswith("core"))


def test_the_funding_logos_stand_as_text_and_come_back_with_the_bucket(client, demo, settings):
    """The footer's logos (worked out with the cached frame, outside the image tags) are left out
    like any image while the bucket refuses, their alt text shown and linked instead; the frame
    built without them is not kept, so the next page rendered after the bucket is back shows them."""
    from core.images import resume_renditions
    from core.models import FundingLogo

    logos = list(FundingLogo.objects.filter(locale__language_code="de").order_by("sort_order"))
    assert logos, "the demo's site settings have funding logos"
    get_image_model().get_rendition_model().objects.all().delete()
    working = settings.STORAGES
    resume_renditions()
    use_hanging_bucket(settings, f"http://127.0.0.1:{free_port()}")
    try:
        broken = client.get("/de/impressum/")
    finally:
        settings.STORAGES = working
        storages._storages.pop("default", None)
        resume_renditions()
    # Another page (the page cache keeps /de/impressum/ as served, as with any image left out).
    back = client.get("/de/")

    assert broken.status_code == 200
    broken_html = broken.content.decode()
    for logo in logos:
        assert f'<span class="funding__alt">{escape(logo.alt_text)}</span>' in broken_html
        assert f'<a href="{escape(logo.link)}"><span class="funding__alt">' in broken_html
    assert back.status_code == 200
    back_html = back.content.decode()
    assert "funding__alt" not in back_html, "the frame without the logos was not kept"
    for logo in logos:
        assert f'alt="{escape(logo.alt_text)}" loading="lazy"' in back_html


def test_an_upload_to_a_hanging_bucket_is_refused_with_the_editors_message(admin_client, settings):
    with silent_server() as bucket:
        use_hanging_bucket(settings, bucket.url)
        response = upload(admin_client, "Im Stau", "stau.jpg", draw_picture("hang", (800, 600)))
        assert bucket.connections > 0, "the bucket was asked"
    storages._storages.pop("default", None)

    assert response.status_code == 200, "the form is shown again, not a server error"
    assert "der Medienspeicher ist gerade nicht erreichbar" in response.content.decode()
    assert not get_image_model().objects.filter(title="Im Stau").exists()
