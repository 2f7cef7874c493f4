"""What a feed must not make the sync do: fetch from the site's own network, hang on a server
that trickles, store text the database cannot hold, or leave a killed run "running" for ever
with image files nobody owns. Real loopback servers, the real database, a real subprocess."""

import copy
import datetime
import json
import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Product, SyncRun, Variant
from catalogue.sample import SAMPLE_DIR, SAMPLE_FEED
from catalogue.sync.engine import run_sync
from core.safe_http import is_public
from tests.catalogue.conftest import FeedServer, product, write_feed
from tests.catalogue.test_sync import snapshot
from tests.databases import copy_of_test_database

REPO = Path(__file__).resolve().parents[2]
PHOTO = (SAMPLE_DIR / "images" / "man-0001-1.jpg").read_bytes()


@pytest.fixture
def internal():
    """Servers on loopback addresses the sync is NOT allowed to use, each serving a real photo
    at /photo.jpg and counting what it was asked."""
    servers = []

    def start(host: str) -> FeedServer:
        server = FeedServer(host)
        server.serve("/photo.jpg", PHOTO, "image/jpeg")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


# Internal addresses --------------------------------------------------------------------------


def direct(feed_server, internal):
    server = internal("127.0.0.2")
    return server.url("/photo.jpg"), server, "127.0.0.2 is an internal address"


def redirect(feed_server, internal):
    server = internal("127.0.0.2")
    url = feed_server.redirect("/feed/images/moved.jpg", server.url("/photo.jpg"))
    return url, server, "127.0.0.2 is an internal address"


def hostname(feed_server, internal):
    """`localhost` on another port than the allowed feed server's."""
    server = internal("127.0.0.1")
    url = server.url("/photo.jpg", host="localhost")
    return url, server, "localhost resolves to the internal address 127.0.0.1"


def ipv6_loopback(feed_server, internal):
    server = internal("::1")
    return server.url("/photo.jpg"), server, "::1 is an internal address"


def ipv4_mapped(feed_server, internal):
    server = internal("127.0.0.2")
    url = server.url("/photo.jpg", host="::ffff:127.0.0.2")
    return url, server, "::ffff:127.0.0.2 is an internal address"


def cloud_metadata(feed_server, internal):
    return "http://169.254.169.254/latest/meta-data/photo.jpg", None, "169.254.169.254 is an"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "where", [direct, redirect, hostname, ipv6_loopback, ipv4_mapped, cloud_metadata]
)
def test_image_on_an_internal_address_is_a_row_error_and_never_requested(
    demo, feed_server, internal, sample, where
):
    url, server, reason = where(feed_server, internal)
    feed_server.serve_sample_images()
    item = product(sample, "MAN-0003")
    item["images"][0]["url"] = url
    item["title"]["de"] = "Neuer Titel"
    product(sample, "MAN-0006")["variants"][0]["price"]["amount"] = "26.00"
    summary = run_sync(feed_server.serve("/feed/catalogue.json", sample))
    assert summary.ok, summary.message
    [error] = summary.errors
    assert error.ref == "MAN-0003"
    assert error.message.startswith(f"image {url} was not fetched: {reason}")
    assert (summary.counts["skipped"], summary.counts["updated"]) == (1, 1)
    assert Product.objects.sources().get(external_id="MAN-0003").title != "Neuer Titel"
    assert str(Variant.objects.get(sku="MAN-0006-01").price) == "26.00"
    if server is not None:
        assert sum(server.hits.values()) == 0


@pytest.mark.django_db
def test_feed_on_an_internal_address_is_refused_directly_and_behind_a_redirect(
    demo, feed_server, internal
):
    server = internal("127.0.0.2")
    server.serve("/catalogue.json", SAMPLE_FEED.read_bytes())
    for url in (
        server.url("/catalogue.json"),
        feed_server.redirect("/catalogue.json", server.url("/catalogue.json")),
    ):
        with pytest.raises(CommandError) as error:
            call_command("sync_catalogue", url, stdout=StringIO())
        assert error.value.returncode == 1
        assert "127.0.0.2 is an internal address" in str(error.value)
        assert SyncRun.objects.first().status == "refused"
    assert sum(server.hits.values()) == 0


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.2", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254",
        "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",  # noqa: S104
        "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1",
        "2002:a00:1::1", "2001:db8::1",
    ],
)  # fmt: skip
def test_internal_addresses_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_public(address):
    assert is_public(address)


# Deadlines -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_trickling_feed_server_is_abandoned_at_the_deadline_and_the_lock_freed(
    demo, feed_server, settings
):
    """One byte a second never trips the per-read timeout; the total deadline ends it."""
    settings.CATALOGUE_HTTP_TIMEOUT = 5
    settings.CATALOGUE_FEED_DEADLINE = 2
    url = feed_server.serve("/feed.json", SAMPLE_FEED.read_bytes()[:40], delay="trickle")
    before = snapshot()
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("sync_catalogue", url, "--format", "json", stdout=out)
    assert error.value.returncode == 1
    report = json.loads(out.getvalue())
    assert report["status"] == "refused"
    assert "did not deliver the whole feed within 2 s (CATALOGUE_FEED_DEADLINE" in report["message"]
    assert snapshot() == before
    assert SyncRun.objects.get(pk=report["run_id"]).status == "refused"
    assert run_sync(str(SAMPLE_FEED)).status == "succeeded"  # not "locked"


@pytest.mark.django_db
def test_trickling_image_is_a_row_error_at_its_deadline(demo, feed_server, sample, settings):
    settings.CATALOGUE_HTTP_TIMEOUT = 5
    settings.CATALOGUE_IMAGE_DEADLINE = 2
    feed_server.serve_sample_images()
    feed_server.serve("/feed/images/slow.jpg", PHOTO[:40], "image/jpeg", delay="trickle")
    product(sample, "MAN-0003")["images"][0]["url"] = "images/slow.jpg"
    summary = run_sync(feed_server.serve("/feed/catalogue.json", sample))
    [error] = summary.errors
    assert error.ref == "MAN-0003"
    assert (
        error.message
        == f"image {feed_server.url('/feed/images/slow.jpg')} did not arrive within 2 s"
    )


# Text the database cannot hold ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "language", "value", "reason"),
    [
        ("title", "de", "Tasche\x00", "title.de contains a NUL character (U+0000) at position 7"),
        ("description", "en", "<p>\ud800</p>", "description.en contains a lone surrogate (U+D800"),
        ("material", "de", "Filz\x07", "material.de contains the control character U+0007"),
    ],
    ids=["nul", "lone-surrogate", "control-character"],
)
def test_invalid_text_is_a_row_error_naming_product_and_field(
    demo, tmp_path, sample, field, language, value, reason
):
    product(sample, "MAN-0004")[field][language] = value
    product(sample, "MAN-0006")["variants"][0]["price"]["amount"] = "26.00"
    before = snapshot()
    out = StringIO()
    # json.dumps writes the characters as JSON escapes ("\u0000", "\ud800"), as a feed would.
    call_command("sync_catalogue", write_feed(tmp_path, sample), "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["status"] == "succeeded"
    assert (report["counts"]["skipped"], report["counts"]["updated"]) == (1, 1)
    [error] = report["errors"]
    assert (error["kind"], error["ref"]) == ("product", "MAN-0004")
    assert reason in error["message"]
    assert snapshot()["MAN-0004"] == before["MAN-0004"]
    assert str(Variant.objects.get(sku="MAN-0006-01").price) == "26.00"
    assert SyncRun.objects.get(pk=report["run_id"]).errors == report["errors"]


@pytest.mark.django_db
def test_invalid_characters_in_an_external_id_are_escaped_in_the_log(demo, tmp_path, sample):
    extra = copy.deepcopy(product(sample, "MAN-0001"))
    extra["external_id"] = "MAN-\x009"
    extra["variants"] = [{**extra["variants"][0], "sku": "NEW-1"}]
    sample["products"].append(extra)
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.ok, summary.message
    [error] = summary.errors
    assert error.ref == "MAN-\\u00009"
    assert SyncRun.objects.get(pk=summary.run_id).errors[0]["ref"] == "MAN-\\u00009"


# A run that is killed ------------------------------------------------------------------------


@pytest.mark.django_db
def test_run_log_shows_a_run_silent_for_long_as_abandoned(admin_client, settings):
    settings.CATALOGUE_SYNC_HEARTBEAT = 15
    run = SyncRun.objects.create(source="feed.json", trigger="command")
    beat = timezone.now() - datetime.timedelta(minutes=10)
    SyncRun.objects.filter(pk=run.pk).update(started_at=beat, heartbeat_at=beat)
    fresh = SyncRun.objects.create(source="feed.json", trigger="command")
    response = admin_client.get(reverse("catalogue_syncrun:index"))
    assert "Abgebrochen (Prozess beendet)" in response.content.decode()
    run.refresh_from_db()
    assert (run.status, run.finished_at) == ("abandoned", beat)
    assert SyncRun.objects.get(pk=fresh.pk).status == "running"  # still within its heartbeats


def new_product(feed: dict, external_id: str, image_url: str) -> dict:
    item = copy.deepcopy(product(feed, "MAN-0001"))
    item.update(external_id=external_id, handle=external_id.lower())
    item["images"] = [{"url": image_url, "position": 1, "alt": {}}]
    item["variants"] = [{**item["variants"][0], "sku": f"{external_id}-1", "gtin": ""}]
    feed["products"].append(item)
    return item


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


STATE = """
import json
from catalogue.models import Product, SyncRun
print(json.dumps({
    "runs": [
        {"pk": r.pk, "status": r.status, "started_at": r.started_at.isoformat(),
         "finished_at": r.finished_at and r.finished_at.isoformat(),
         "heartbeat_at": r.heartbeat_at and r.heartbeat_at.isoformat(), "message": r.message}
        for r in SyncRun.objects.order_by("pk")
    ],
    "new_products": Product.objects.filter(external_id__startswith="MAN-90").count(),
}))
"""


def state(env) -> dict:
    result = manage(env, "shell", "-c", STATE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db  # among the first tests: a transactional test empties the database
def test_a_killed_run_is_marked_abandoned_and_the_next_run_removes_its_files(
    demo, django_db_blocker, tmp_path, sample
):
    """`manage.py sync_catalogue` in a process of its own, SIGKILLed while a slow image server
    holds it - after it had stored the photo of an earlier product, whose row never committed."""
    from PIL import Image as PILImage

    slow = FeedServer()
    slow.gate.clear()
    slow.serve("/slow.jpg", PHOTO, "image/jpeg", delay="gate")
    PILImage.new("RGB", (40, 30), "#2f8f5b").save(tmp_path / "fresh.png")
    new_product(sample, "MAN-9001", "fresh.png")  # stored while the run waits for the next
    new_product(sample, "MAN-9002", slow.url("/slow.jpg"))  # then the run waits here
    feed = write_feed(tmp_path, sample)
    (tmp_path / "kill_settings.py").write_text(
        "from config.settings.test import *  # noqa: F403\n"
        f"CATALOGUE_FETCH_ALLOW_INTERNAL = ['127.0.0.1:{slow.port}']\n"
        "CATALOGUE_SYNC_HEARTBEAT = 1\n"
        "CATALOGUE_SYNC_CHUNK = 1\n"
    )
    media = tmp_path / "media"
    try:
        with django_db_blocker.unblock(), copy_of_test_database(tmp_path) as database_url:
            env = {
                **{k: v for k, v in os.environ.items() if k != "AWS_STORAGE_BUCKET_NAME"},
                "DJANGO_SETTINGS_MODULE": "kill_settings",
                "PYTHONPATH": str(tmp_path),
                "DATABASE_URL": database_url,
                "MEDIA_ROOT": str(media),
                "LOG_LEVEL": "ERROR",
            }
            log = tmp_path / "first-run.log"
            with log.open("w") as output:
                process = subprocess.Popen(
                    [sys.executable, "manage.py", "sync_catalogue", feed],
                    cwd=REPO,
                    env=env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            for _ in range(1200):
                # Photos are fetched in parallel: wait until the run is held by the slow server
                # and has stored the other photo (before it waits, it stores what has arrived).
                held = slow.hits["/slow.jpg"] and list(media.glob("original_images/fresh*.png"))
                if held or process.poll() is not None:
                    break
                time.sleep(0.1)
            assert process.poll() is None, log.read_text()
            process.kill()
            process.wait(30)
            killed_at = timezone.now()

            orphans = list(media.glob("original_images/fresh*.png"))
            assert len(orphans) == 1  # stored, but its row was never committed
            before = state(env)
            killed = before["runs"][-1]
            assert killed["status"] == "running" and before["new_products"] == 0

            second = manage(env, "sync_catalogue", str(SAMPLE_FEED), "--format", "json")
            assert second.returncode == 0, second.stderr
            report = json.loads(second.stdout)
            assert report["status"] == "succeeded"
            assert (
                "Removed 1 image file(s) an interrupted earlier run had stored without saving "
                "their rows." in report["warnings"]
            )
            assert not orphans[0].exists()
            assert not list((media / "catalogue-sync-journal").iterdir())

            after = {run["pk"]: run for run in state(env)["runs"]}
            run = after[killed["pk"]]
            assert run["status"] == "abandoned"
            assert run["finished_at"] == run["heartbeat_at"]
            stopped = datetime.datetime.fromisoformat(run["finished_at"])
            assert datetime.datetime.fromisoformat(run["started_at"]) <= stopped <= killed_at
            assert "last sign of life" in run["message"]
            assert after[report["run_id"]]["status"] == "succeeded"
            assert slow.hits["/slow.jpg"] == 1  # the second run did not try again
    finally:
        slow.close()
