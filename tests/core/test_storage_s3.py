"""Media on a real S3-compatible server (moto in server mode, on loopback)."""

import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from demo.images import draw_picture

pytestmark = [pytest.mark.s3, pytest.mark.django_db]
CREDENTIALS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(port: int) -> subprocess.Popen:
    """moto's S3 server on a loopback port, once it answers."""
    executable = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if executable is None:
        pytest.fail("moto_server is missing: install the test extras (pip install -e '.[test]')")
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}", timeout=1)
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the S3 test server (moto_server) did not start")
            time.sleep(0.2)


def stop_moto(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def s3_endpoint():
    port = free_port()
    process = start_moto(port)
    yield f"http://127.0.0.1:{port}"
    stop_moto(process)


def create_bucket(endpoint: str) -> tuple:
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1", **CREDENTIALS)
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    return client, name


def use_bucket(settings, endpoint: str, name: str) -> None:
    """Point Django's default storage at the bucket for the test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": endpoint,
                "region_name": "eu-central-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "addressing_style": "path",
                "file_overwrite": False,
            },
        },
    }


@pytest.fixture
def s3_bucket(s3_endpoint, settings):
    """A fresh bucket, with Django's default storage pointed at it for the test."""
    client, name = create_bucket(s3_endpoint)
    use_bucket(settings, s3_endpoint, name)
    return client, name


def upload(admin_client, title, filename, data):
    """Upload an image through the admin's form, into the root collection."""
    from wagtail.models import Collection

    form = {
        "title": title,
        "file": SimpleUploadedFile(filename, data, "image/jpeg"),
        "collection": Collection.get_first_root_node().pk,
    }
    return admin_client.post(reverse("wagtailimages:add"), form)


def bucket_keys(client, bucket) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_uploaded_image_and_its_renditions_are_stored_in_the_bucket(
    admin_client, client, demo, s3_bucket
):
    s3, bucket = s3_bucket
    response = upload(
        admin_client, "Depot-Werkstatt", "depot-werkstatt.jpg", draw_picture("s3", (1600, 1000))
    )
    assert response.status_code == 302, response.content[:500]

    image = get_image_model().objects.get(title="Depot-Werkstatt")
    assert image.file.name in bucket_keys(s3, bucket)

    demo.hero_image = image
    demo.save_revision().publish()
    html = client.get("/de/").content.decode()

    renditions = list(image.renditions.all())
    assert renditions, "rendering the home page made renditions of the hero image"
    keys = bucket_keys(s3, bucket)
    for rendition in renditions:
        assert rendition.file.name in keys
        body = s3.get_object(Bucket=bucket, Key=rendition.file.name)["Body"].read()
        with PILImage.open(io.BytesIO(body)) as picture:
            assert picture.size == (rendition.width, rendition.height)
        assert rendition.file.name.rsplit("/", 1)[-1] in html
    original = s3.get_object(Bucket=bucket, Key=image.file.name)["Body"].read()
    with PILImage.open(io.BytesIO(original)) as picture:
        assert picture.size == (1600, 1000)


def test_a_second_upload_with_the_same_name_does_not_overwrite_the_first(admin_client, s3_bucket):
    s3, bucket = s3_bucket
    for title, seed in (("Erstes", "one"), ("Zweites", "two")):
        response = upload(admin_client, title, "gleicher-name.jpg", draw_picture(seed, (800, 600)))
        assert response.status_code == 302
    first, second = (get_image_model().objects.get(title=t) for t in ("Erstes", "Zweites"))
    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= bucket_keys(s3, bucket)
    first_bytes = s3.get_object(Bucket=bucket, Key=first.file.name)["Body"].read()
    assert first_bytes == draw_picture("one", (800, 600))


def test_an_upload_while_the_bucket_is_down_is_refused_clearly_and_works_again_later(
    admin_client, settings
):
    """The S3 server is really stopped: the editor is told so, no image row is left without
    its file, and once the server is back the same upload is stored."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    server = start_moto(port)
    try:
        use_bucket(settings, endpoint, "media-outage")
        stop_moto(server)

        response = upload(
            admin_client, "Im Ausfall", "ausfall.jpg", draw_picture("down", (800, 600))
        )
        html = response.content.decode()
        assert response.status_code == 200, "the form is shown again, not a server error"
        assert "der Medienspeicher ist gerade nicht erreichbar" in html
        assert not get_image_model().objects.filter(title="Im Ausfall").exists()
        # The admin's usual uploader (several files, one request each) says the same.
        multiple = admin_client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": SimpleUploadedFile("ausfall.jpg", draw_picture("down", (800, 600)))},
        ).json()
        assert multiple["success"] is False
        assert "der Medienspeicher ist gerade nicht erreichbar" in multiple["error_message"]
        assert not get_image_model().objects.filter(title="ausfall.jpg").exists()

        server = start_moto(port)  # moto forgets its buckets: the same empty bucket again
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1", **CREDENTIALS)
        s3.create_bucket(
            Bucket="media-outage", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        response = upload(
            admin_client, "Im Ausfall", "ausfall.jpg", draw_picture("down", (800, 600))
        )
        assert response.status_code == 302
        image = get_image_model().objects.get(title="Im Ausfall")
        assert bucket_keys(s3, "media-outage") == {image.file.name}
    finally:
        stop_moto(server)
