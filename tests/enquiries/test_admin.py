"""Staff work enquiries in the admin; editors without the permission see none of them."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, Page

from enquiries.models import Enquiry, EnquiryNote
from tests.enquiries.conftest import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model, form_page):
    """An editor who may edit every page (the form page too) but not see enquiries."""
    group = Group.objects.create(name="Redaktion (Test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.objects.get(depth=1)
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(group)
    return user


@pytest.fixture
def enquiry(post, form_page):
    post(form_page)
    return Enquiry.objects.get()


def denied(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_editor_without_permission_is_refused(client, editor, enquiry, form_page):
    client.force_login(editor)
    for url in [
        "/admin/enquiries/",
        f"/admin/enquiries/edit/{enquiry.pk}/",
        f"/admin/enquiries/delete/{enquiry.pk}/",
        "/admin/enquiries/?export=csv",
        "/admin/enquiries/?export=xlsx",
        f"/admin/forms/submissions/{form_page.pk}/",
        f"/admin/forms/submissions/{form_page.pk}/?export=csv",
        f"/admin/forms/submissions/{form_page.pk}/delete/",
        "/admin/enquiries-personal-data/?email=erika@example.org",
    ]:
        response = client.get(url)
        assert denied(response), url
        assert b"Atelier Nord" not in response.content
    assert denied(client.post(f"/admin/enquiries-resend/{enquiry.pk}/"))
    forms = client.get("/admin/forms/").content.decode()
    assert f"/admin/forms/submissions/{form_page.pk}/" not in forms
    # The editor can still edit the page itself.
    assert client.get(f"/admin/pages/{form_page.pk}/edit/").status_code == 200


def test_enquiry_manager_sees_enquiries(client, editor, enquiry, form_page):
    editor.user_permissions.add(Permission.objects.get(codename="manage_enquiries"))
    client.force_login(editor)
    listing = client.get("/admin/enquiries/")
    assert listing.status_code == 200 and "Atelier Nord GmbH" in listing.content.decode()
    assert client.get(f"/admin/forms/submissions/{form_page.pk}/").status_code == 200
    # Nobody adds an enquiry in the admin.
    assert client.get("/admin/enquiries/create/").status_code != 200


def test_filters(admin_client, post, form_page):
    post(form_page, campaign={"campaign": "kreativ-2026"})
    post(form_page, answers(company="Zweite GmbH"))
    Enquiry.objects.filter(form_data__company="Zweite GmbH").update(status="contacted")
    by_campaign = admin_client.get("/admin/enquiries/?campaign=kreativ-2026").content.decode()
    assert "kreativ-2026" in by_campaign and "Zweite GmbH" not in by_campaign
    by_status = admin_client.get("/admin/enquiries/?status=contacted").content.decode()
    assert "Zweite GmbH" in by_status
    by_language = admin_client.get("/admin/enquiries/?language=fr").content.decode()
    assert "Zweite GmbH" not in by_language


def test_status_and_notes_are_saved_with_their_author(admin_client, enquiry):
    response = admin_client.post(
        f"/admin/enquiries/edit/{enquiry.pk}/",
        {
            "status": "visit_arranged",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-MIN_NUM_FORMS": "0",
            "notes-MAX_NUM_FORMS": "1000",
            "notes-0-text": "Besichtigung am Dienstag <b>10 Uhr</b>",
            "notes-0-id": "",
            "notes-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    enquiry.refresh_from_db()
    assert enquiry.status == "visit_arranged"
    note = EnquiryNote.objects.get(enquiry=enquiry)
    assert note.author.username == "admin"
    page = admin_client.get(f"/admin/enquiries/edit/{enquiry.pk}/").content.decode()
    assert "&lt;b&gt;10 Uhr&lt;/b&gt;" in page


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_exports_are_safe_against_formulas(admin_client, post, form_page, start):
    company = f'{start}HYPERLINK("http://evil.example","x")'
    post(form_page, answers(company=company, message="=1+1"))
    response = admin_client.get("/admin/enquiries/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, values = rows[0], rows[1]
    assert "Unternehmen" in header and "Kampagne" in header
    cell = values[header.index("Unternehmen")]
    assert cell == "'" + company.strip() if start != "\t" else cell.startswith("HYPERLINK")
    assert values[header.index("Nachricht")] == "'=1+1"

    response = admin_client.get("/admin/enquiries/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = list(sheet.iter_rows(values_only=True))
    xlsx_header, xlsx_values = table[0], table[1]
    xlsx_cell = xlsx_values[xlsx_header.index("Unternehmen")]
    assert not str(xlsx_cell).startswith(("=", "+", "-", "@"))
    assert xlsx_values[xlsx_header.index("Nachricht")] == "'=1+1"


def test_export_keeps_answers_of_removed_and_relabelled_fields(admin_client, enquiry, form_page):
    field = form_page.form_fields.get(clean_name="company")
    field.label = "Firma"
    field.save()
    Enquiry.objects.filter(pk=enquiry.pk).update(form_data={**enquiry.form_data, "old": "alt"})
    response = admin_client.get("/admin/enquiries/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][rows[0].index("Firma")] == "Atelier Nord GmbH"
    assert rows[1][rows[0].index("old")] == "alt"


def test_purge(post, form_page, enquiry):
    import datetime

    from django.utils import timezone

    EnquiryNote.objects.create(enquiry=enquiry, text="alt")
    Enquiry.objects.filter(pk=enquiry.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=400)
    )
    post(form_page, answers(company="Neu GmbH"))
    out = io.StringIO()
    call_command("purge_enquiries", "--older-than", "365", "--dry-run", stdout=out)
    assert "would delete 1 enquiries and 1 notes" in out.getvalue()
    assert Enquiry.objects.count() == 2
    call_command("purge_enquiries", "--older-than", "365", stdout=out)
    assert list(Enquiry.objects.values_list("form_data__company", flat=True)) == ["Neu GmbH"]
    assert EnquiryNote.objects.count() == 0


def test_erasure_for_one_address(post, form_page, tmp_path, admin_client):
    post(form_page, answers(email="Erika@Example.org"))
    post(form_page, answers(email="someone@example.org"))
    EnquiryNote.objects.create(enquiry=Enquiry.objects.get(email="erika@example.org"), text="N")
    target = tmp_path / "erika.json"
    out = io.StringIO()
    call_command(
        "enquiry_data", "--email", "erika@example.org", "--export", str(target), stdout=out
    )
    assert "1 enquiries" in out.getvalue()
    exported = target.read_text()
    assert "Atelier Nord GmbH" in exported and '"N"' in exported
    assert "someone@example.org" not in exported

    page = admin_client.get("/admin/enquiries-personal-data/?email=erika@example.org")
    assert page.status_code == 200 and "Atelier Nord GmbH" in page.content.decode()

    call_command("enquiry_data", "--email", "ERIKA@example.org", "--delete", stdout=out)
    assert list(Enquiry.objects.values_list("email", flat=True)) == ["someone@example.org"]
    assert EnquiryNote.objects.count() == 0

    response = admin_client.post(
        "/admin/enquiries-personal-data/", {"email": "someone@example.org", "action": "delete"}
    )
    assert response.status_code == 302
    assert Enquiry.objects.count() == 0
