"""A store that gives out mid-upload: the editor is told, and nothing is left behind.

The local disk is really full: a 256 KB tmpfs is mounted as MEDIA_ROOT (the tests run as root
in the project's container; elsewhere they are skipped). The bucket is moto's S3 server behind
a loopback proxy that breaks off every connection once it has carried more than 256 KB, as a
store that runs out of space or a network that drops does mid-transfer.
"""

import contextlib
import io
import os
import socket
import subprocess
import threading

import pytest
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from demo.images import draw_picture
from tests.core.test_storage_s3 import CREDENTIALS, create_bucket, s3_endpoint  # noqa: F401
from tests.security.test_uploads import post, stored_files

pytestmark = pytest.mark.django_db
DISK_FULL = "der Medienspeicher ist voll"
BROKEN_OFF = "der Medienspeicher hat das Hochladen abgebrochen"
LIMIT = 256 * 1024


def noise(size: int) -> bytes:
    """Bytes that do not compress, so the file really needs its size on the disk."""
    return os.urandom(size)


def noisy_png(width, height) -> bytes:
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (width, height), noise(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf(size: int) -> bytes:
    return b"%PDF-1.7\n%" + noise(size)


def refused(response, model, message):
    html = response.content.decode()
    assert response.status_code == 200, "the form is shown again, not a server error"
    assert message in html, html[html.find("error-message") - 200 :][:800]
    assert not model.objects.filter(title="Hochgeladen").exists()


# --- A full local disk ----------------------------------------------------------------------


@pytest.fixture
def full_disk(settings, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (the project's test container has it)")
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={LIMIT}", "tmpfs", str(disk)], check=True)
    settings.MEDIA_ROOT = disk
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.parametrize("spooled", [False, True], ids=["in-memory", "spooled-to-disk"])
def test_an_image_too_big_for_the_disk_leaves_no_partial_file(
    admin_client, full_disk, settings, spooled
):
    if spooled:  # uploads above this size arrive as a temporary file Django copies over
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    data = noisy_png(700, 500)
    assert len(data) > LIMIT
    response = post(admin_client, "wagtailimages:add", "voll.png", data, "image/png")
    refused(response, get_image_model(), DISK_FULL)
    assert stored_files(full_disk) == [], "the half-written file is removed"

    # The disk is usable: a file that fits is stored.
    response = post(
        admin_client, "wagtailimages:add", "klein.jpg", draw_picture("s", (200, 150)), "image/jpeg"
    )
    assert response.status_code == 302
    assert stored_files(full_disk) == [get_image_model().objects.get(title="Hochgeladen").file.name]


def test_a_document_too_big_for_the_disk_is_refused_in_both_uploaders(admin_client, full_disk):
    response = post(admin_client, "wagtaildocs:add", "gross.pdf", pdf(400_000), "application/pdf")
    refused(response, get_document_model(), DISK_FULL)
    assert stored_files(full_disk) == []

    multiple = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("gross.pdf", pdf(400_000), "application/pdf"),
            "collection": Collection.get_first_root_node().pk,  # as the uploader's page sends it
        },
    ).json()
    assert multiple["success"] is False
    assert DISK_FULL in multiple["error_message"]
    assert not get_document_model().objects.filter(title__startswith="gross").exists()
    assert stored_files(full_disk) == []


# --- A bucket that breaks off ---------------------------------------------------------------


class CuttingProxy:
    """A TCP proxy on loopback that drops any connection after it has sent `limit` bytes
    upstream; it notes the cuts and whether a multipart upload was started."""

    def __init__(self, upstream_port: int, limit: int):
        self.upstream_port = upstream_port
        self.limit = limit
        self.cuts = 0
        self.multipart_started = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.running = True
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self.upload, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self.download, args=(upstream, client), daemon=True).start()

    def upload(self, client, upstream):
        sent = 0
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
                if b"?uploads" in data:
                    self.multipart_started = True
                if sent + len(data) > self.limit:
                    self.cuts += 1
                    break
                upstream.sendall(data)
                sent += len(data)
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def download(self, upstream, client):
        with contextlib.suppress(OSError):
            while data := upstream.recv(65536):
                client.sendall(data)

    def close(self):
        self.running = False
        self.listener.close()


@pytest.fixture
def breaking_bucket(s3_endpoint, settings):  # noqa: F811
    s3, bucket = create_bucket(s3_endpoint)
    proxy = CuttingProxy(int(s3_endpoint.rsplit(":", 1)[1]), LIMIT)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": f"http://127.0.0.1:{proxy.port}",
                "region_name": "eu-central-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "addressing_style": "path",
                "file_overwrite": False,
                # Files above 1 MB go up in parts of 1 MB (S3's own minimum applies only when
                # the upload is completed); one retry per request keeps the test short.
                "transfer_config": TransferConfig(
                    multipart_threshold=1024 * 1024, multipart_chunksize=1024 * 1024
                ),
                "client_config": Config(retries={"mode": "standard", "max_attempts": 2}),
            },
        },
    }
    yield s3, bucket, proxy
    proxy.close()


def bucket_state(s3, bucket):
    objects = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    uploads = s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    return [o["Key"] for o in objects], [u["Key"] for u in uploads]


@pytest.mark.s3
@pytest.mark.parametrize(
    ("view", "filename", "build", "content_type", "model", "multipart"),
    [
        (
            "wagtailimages:add",
            "abbruch.png",
            lambda: noisy_png(600, 400),
            "image/png",
            "image",
            False,
        ),
        (
            "wagtaildocs:add",
            "abbruch.pdf",
            lambda: pdf(3 * 1024 * 1024),
            "application/pdf",
            "doc",
            True,
        ),
    ],
    ids=["image-single-put", "document-multipart"],
)
def test_an_upload_the_bucket_breaks_off_is_refused_and_leaves_nothing(
    admin_client, breaking_bucket, view, filename, build, content_type, model, multipart
):
    s3, bucket, proxy = breaking_bucket
    data = build()
    assert len(data) > LIMIT
    response = post(admin_client, view, filename, data, content_type)
    refused(response, get_image_model() if model == "image" else get_document_model(), BROKEN_OFF)
    assert proxy.cuts >= 1, "the proxy broke off the upload"
    assert proxy.multipart_started is multipart
    # No object, and no unfinished multipart upload holding parts (boto3 aborted it).
    assert bucket_state(s3, bucket) == ([], [])

    # Small files still get through the same proxy.
    response = post(
        admin_client, "wagtailimages:add", "klein.jpg", draw_picture("s", (200, 150)), "image/jpeg"
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Hochgeladen")
    assert bucket_state(s3, bucket) == ([image.file.name], [])
