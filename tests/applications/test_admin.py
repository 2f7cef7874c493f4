"""Applications in the admin: their statuses, who sees them (per role), their files through the
permission-checking download only; retention and GDPR take the files with the rows, on disk
and in an S3 bucket (moto on loopback)."""

import datetime
import io
import json
import urllib.request

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryFile
from tests.applications.conftest import application, pdf, png
from tests.factories import EnquiryFactory
from workplace.roles import (
    CATALOGUE_MANAGERS,
    DESIGNER_RELATIONS,
    EDITORS,
    ENQUIRY_MANAGERS,
    MODERATORS,
    TRANSLATORS,
)

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture
def sent(post, pages):
    """One application with an image and a location enquiry."""
    post(pages["de"], files=[png(name="skizze.png")])
    return Enquiry.objects.get(kind="design_application"), EnquiryFactory()


def login(client, django_user_model, role):
    user = django_user_model.objects.create_user(f"user-{role}".replace(" ", "-"), password="pw")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


def test_designer_relations_see_applications_and_their_files_only(client, django_user_model, sent):
    applied, location = sent
    file = applied.files.get()
    staff = login(client, django_user_model, DESIGNER_RELATIONS)
    listing = staff.get("/admin/enquiries/").content.decode()
    assert f"/admin/enquiries/edit/{applied.pk}/" in listing
    assert f"/admin/enquiries/edit/{location.pk}/" not in listing
    assert staff.get(f"/admin/enquiries/edit/{location.pk}/").status_code == 403
    assert staff.get(reverse("enquiries_personal_data")).status_code == 403
    assert staff.get(f"/admin/enquiries/delete/{applied.pk}/").status_code == 403

    edit = staff.get(f"/admin/enquiries/edit/{applied.pk}/").content.decode()
    assert "Falttasche aus Segeltuch" in edit and "skizze.png" in edit
    for value in ("received", "in_review", "accepted", "declined"):
        assert f'value="{value}"' in edit
    assert 'value="visit_arranged"' not in edit
    download = staff.get(reverse("enquiries_file", args=[file.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")

    # A status change, as the form posts it (the panels' other fields unchanged).
    form = {"status": "in_review", "notes-TOTAL_FORMS": "0", "notes-INITIAL_FORMS": "0"}
    form.update({"notes-MIN_NUM_FORMS": "0", "notes-MAX_NUM_FORMS": "1000"})
    response = staff.post(f"/admin/enquiries/edit/{applied.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    applied.refresh_from_db()
    assert applied.status == "in_review"
    listing = staff.get("/admin/enquiries/").content.decode()
    assert "In Prüfung" in listing


def test_enquiry_managers_see_applications_and_other_editors_do_not(
    client, django_user_model, sent
):
    applied, _location = sent
    file = applied.files.get()
    manager = login(client, django_user_model, ENQUIRY_MANAGERS)
    assert (
        f"/admin/enquiries/edit/{applied.pk}/" in manager.get("/admin/enquiries/").content.decode()
    )
    assert manager.get(reverse("enquiries_file", args=[file.pk])).status_code == 200
    manager.logout()

    for role in (EDITORS, MODERATORS, TRANSLATORS, CATALOGUE_MANAGERS):
        other = login(client, django_user_model, role)
        assert other.get("/admin/enquiries/").status_code == 403, role
        assert other.get(f"/admin/enquiries/edit/{applied.pk}/").status_code == 403, role
        assert other.get(reverse("enquiries_file", args=[file.pk])).status_code == 403, role
        other.logout()
    # Anonymous: the admin's login page, never the file.
    response = client.get(reverse("enquiries_file", args=[file.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_retention_purges_applications_with_their_files(sent):
    applied, _location = sent
    name = applied.files.get().file.name
    assert default_storage.exists(name)
    Enquiry.objects.filter(pk=applied.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=400)
    )
    out = io.StringIO()
    call_command("purge_enquiries", "--older-than", "365", "--dry-run", stdout=out)
    assert "would delete 1 enquiries, 0 notes and 1 files" in out.getvalue()
    assert default_storage.exists(name)
    with django_commit():
        call_command("purge_enquiries", "--older-than", "365", stdout=out)
    assert not Enquiry.objects.filter(pk=applied.pk).exists()
    assert not EnquiryFile.objects.exists()
    assert not default_storage.exists(name)


def django_commit():
    """Run the on-commit callbacks of what happens inside (the test's transaction never commits)."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_gdpr_export_lists_and_copies_the_files_and_erase_removes_them(post, pages, tmp_path):
    post(pages["de"], files=[pdf(name="mappe.pdf")])
    post(pages["de"], application(email="jemand@example.org"), files=[png()])
    mine = Enquiry.objects.get(email="lena@example.org")
    name = mine.files.get().file.name
    target, folder = tmp_path / "lena.json", tmp_path / "dateien"
    out = io.StringIO()
    call_command(
        "enquiry_data",
        "--email",
        "lena@example.org",
        "--export",
        str(target),
        "--files",
        str(folder),
        stdout=out,
    )
    exported = json.loads(target.read_text())
    (entry,) = exported["enquiries"]
    assert entry["kind"] == "design_application"
    assert entry["answers"]["design_title"] == "Falttasche aus Segeltuch"
    (listed,) = entry["files"]
    assert listed["name"] == "mappe.pdf" and listed["content_type"] == "application/pdf"
    copy = folder / listed["stored_as"]
    assert copy.read_bytes().startswith(b"%PDF-")
    assert [path.name for path in folder.iterdir()] == [listed["stored_as"]]

    with django_commit():
        call_command("enquiry_data", "--email", "lena@example.org", "--delete", stdout=out)
    assert not Enquiry.objects.filter(email="lena@example.org").exists()
    assert not default_storage.exists(name)
    # The other person's application and file stay.
    other = Enquiry.objects.get(email="jemand@example.org")
    assert default_storage.exists(other.files.get().file.name)


# -- S3 (moto on loopback) ----------------------------------------------------------------------

from tests.core.test_storage_s3 import s3_endpoint  # noqa: E402, F401
from tests.security.test_media import anonymous_get, public_grants, public_image_bucket  # noqa: E402, F401


@pytest.mark.s3
def test_in_the_bucket_files_are_private_and_purged(post, pages, public_image_bucket):  # noqa: F811
    s3, bucket, endpoint = public_image_bucket
    post(pages["de"], files=[png()])
    stored = EnquiryFile.objects.get()
    key = stored.file.name
    assert key.startswith("private/enquiries/")
    # A private object, whatever the bucket's default ACL: no grant for everybody, no unsigned GET.
    assert public_grants(s3, bucket, key) == []
    assert anonymous_get(f"{endpoint}/{bucket}/{key}") == 403
    with urllib.request.urlopen(stored.file.url, timeout=10) as response:  # noqa: S310 (loopback)
        assert response.read().startswith(b"\x89PNG")  # signed, short-lived

    Enquiry.objects.update(submit_time=timezone.now() - datetime.timedelta(days=400))
    with django_commit():
        call_command("purge_enquiries", "--older-than", "365", stdout=io.StringIO())
    assert s3.list_objects_v2(Bucket=bucket, Prefix="private/").get("KeyCount") == 0
