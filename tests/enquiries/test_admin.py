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
    assert "would delete 1 enquiries, 1 notes and 0 files" in out.getvalue()
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

    from wagtail.models import ModelLogEntry

    from enquiries import history

    for enquiry in Enquiry.objects.all():
        history.record(enquiry, history.STATUS_CHANGED, old="new", new="contacted")
    call_command("enquiry_data", "--email", "ERIKA@example.org", "--delete", stdout=out)
    assert list(Enquiry.objects.values_list("email", flat=True)) == ["someone@example.org"]
    assert EnquiryNote.objects.count() == 0
    # The history of the erased enquiry went with it; the other one's stays.
    remaining = Enquiry.objects.get()
    assert [
        entry.object_id for entry in ModelLogEntry.objects.filter(action=history.STATUS_CHANGED)
    ] == [str(remaining.pk)]

    response = admin_client.post(
        "/admin/enquiries-personal-data/", {"email": "someone@example.org", "action": "delete"}
    )
    assert response.status_code == 302
    assert Enquiry.objects.count() == 0


# -- The list opens each enquiry; the enquiry shows its history ----------------------------------

NOTE_FORM = {
    "notes-TOTAL_FORMS": "0",
    "notes-INITIAL_FORMS": "0",
    "notes-MIN_NUM_FORMS": "0",
    "notes-MAX_NUM_FORMS": "1000",
}


def row_links(html: str) -> dict[str, str]:
    """Each row's link in the listing's first column: {company as shown: href}."""
    import re

    cells = re.findall(r'<td class="title">.*?<a href="([^"]+)"[^>]*>\s*(.*?)\s*</a>', html, re.S)
    return {text: href for href, text in cells}


@pytest.fixture
def manager(client, demo):
    """The demo's enquiry manager ("anfragen", group Enquiry managers), logged in."""
    from tests.conftest import DEMO_ADMIN_PASSWORD

    assert client.login(username="anfragen", password=DEMO_ADMIN_PASSWORD)
    return client


def test_a_row_opens_the_enquiry_with_answers_campaign_and_history(manager, post, form_page):
    post(
        form_page,
        answers(company="Keramik Nord", contact_person="Jonas Töpfer"),
        campaign={"campaign": "kreativ-2026", "utm_source": "newsletter"},
    )
    enquiry = Enquiry.objects.get()
    Enquiry.objects.filter(pk=enquiry.pk).update(status="closed")  # no longer on the dashboard

    listing = manager.get("/admin/enquiries/").content.decode()
    link = row_links(listing)["Keramik Nord"]
    assert link == f"/admin/enquiries/edit/{enquiry.pk}/"
    assert "Jonas Töpfer" in listing

    detail = manager.get(link)
    html = detail.content.decode()
    assert detail.status_code == 200
    for shown in (
        "Keramik Nord",
        "Jonas Töpfer",
        "Wir suchen Räume.",
        "kreativ-2026",
        "newsletter",
    ):
        assert shown in html, shown
    assert "Verlauf" in html and "Anfrage eingegangen" in html
    assert "Benachrichtigung an das Team gesendet" in html
    assert "Bestätigung an die anfragende Person gesendet" in html

    response = manager.post(
        link,
        {
            **NOTE_FORM,
            "status": "contacted",
            "notes-TOTAL_FORMS": "1",
            "notes-0-text": "Angerufen, Rückruf am Freitag",
            "notes-0-id": "",
            "notes-0-DELETE": "",
        },
    )
    assert response.status_code == 302
    history = manager.get(link).content.decode().split("Verlauf", 1)[1]
    assert "Status: Abgeschlossen → Kontaktiert" in history
    assert "Angerufen, Rückruf am Freitag" in history
    assert (
        history.count("(Anja Anfragen)") == 2
    )  # the status change and the note, with their author
    # Newest first: the note and the status change above "received".
    assert history.index("Kontaktiert") < history.index("Anfrage eingegangen")

    # Saving without a change adds nothing to the history.
    note = EnquiryNote.objects.get()
    manager.post(
        link,
        {
            **NOTE_FORM,
            "status": "contacted",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "1",
            "notes-0-text": note.text,
            "notes-0-id": str(note.pk),
            "notes-0-DELETE": "",
        },
    )
    again = manager.get(link).content.decode().split("Verlauf", 1)[1]
    assert again.count("Status:") == 1


def test_deleting_a_note_and_failed_mails_are_in_the_history(manager, post, form_page):
    from django.test import override_settings

    from tests.enquiries.test_mail_failure import closed_port, smtp_to

    with override_settings(MAILERS=smtp_to(closed_port())):
        post(form_page)
    enquiry = Enquiry.objects.get()
    note = EnquiryNote.objects.create(enquiry=enquiry, text="Falsche Notiz")
    manager.post(
        f"/admin/enquiries/edit/{enquiry.pk}/",
        {
            **NOTE_FORM,
            "status": "new",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "1",
            "notes-0-text": note.text,
            "notes-0-id": str(note.pk),
            "notes-0-DELETE": "on",
        },
    )
    history = manager.get(f"/admin/enquiries/edit/{enquiry.pk}/").content.decode()
    history = history.split("Verlauf", 1)[1]
    assert "Notiz gelöscht" in history and "Falsche Notiz" not in history
    assert "E-Mails nicht gesendet (Versuch 1: ConnectionRefusedError)" in history
    assert "Benachrichtigung an das Team gesendet" not in history


def test_search_by_company_and_by_contact_person(manager, post, form_page):
    post(form_page, answers(company="Keramik Nord", contact_person="Jonas Töpfer"))
    post(form_page, answers(company="Holzwerk Süd", contact_person="Mia Schreiner"))
    for query, found, not_found in [
        ("keramik", "Keramik Nord", "Holzwerk Süd"),
        ("Schreiner", "Holzwerk Süd", "Keramik Nord"),
        ("werk s", "Holzwerk Süd", "Keramik Nord"),
    ]:
        html = manager.get("/admin/enquiries/", {"q": query}).content.decode()
        assert list(row_links(html)) == [found], query
        assert not_found not in html
    # The results alone (what the search field fetches while typing) link the rows too.
    results = manager.get("/admin/enquiries/results/", {"q": "Töpfer"}).content.decode()
    assert list(row_links(results)) == ["Keramik Nord"]


def test_filters_search_and_links_work_together(manager, post, form_page):
    import datetime

    from django.utils import timezone

    for company in ("Keramik Nord", "Keramik Süd", "Keramik West"):
        post(form_page, answers(company=company), campaign={"campaign": "kreativ-2026"})
    post(form_page, answers(company="Keramik Ost"))
    Enquiry.objects.filter(form_data__company="Keramik Süd").update(status="moved_in")
    Enquiry.objects.filter(form_data__company="Keramik West").update(
        submit_time=datetime.datetime(2025, 1, 15, 10, tzinfo=datetime.UTC)
    )
    # The editor's today: the admin filters by the site's time zone (Berlin), not by UTC's date.
    today = timezone.localdate(Enquiry.objects.first().submit_time).isoformat()
    search = {"q": "Keramik", "campaign": "kreativ-2026", "status": "new"}

    without_date = row_links(manager.get("/admin/enquiries/", search).content.decode())
    assert sorted(without_date) == ["Keramik Nord", "Keramik West"]
    html = manager.get(
        "/admin/enquiries/", {**search, "submit_time_from": today, "submit_time_to": today}
    ).content.decode()
    links = row_links(html)
    assert list(links) == ["Keramik Nord"]
    assert "Keramik Nord" in manager.get(links["Keramik Nord"]).content.decode()
    by_status = row_links(manager.get("/admin/enquiries/", {"status": "moved_in"}).content.decode())
    assert list(by_status) == ["Keramik Süd"]
    january = {"submit_time_from": "2025-01-01", "submit_time_to": "2025-01-31"}
    assert list(row_links(manager.get("/admin/enquiries/", january).content.decode())) == [
        "Keramik West"
    ]


def test_listing_queries_do_not_grow_with_rows(manager, post, form_page, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    post(form_page)
    with CaptureQueriesContext(connection) as one:
        manager.get("/admin/enquiries/")
    with_one_row = len(one)  # now: the next request empties the connection's query log
    for number in range(4):
        post(form_page, answers(company=f"Firma {number}"))
    with django_assert_num_queries(with_one_row):
        html = manager.get("/admin/enquiries/").content.decode()
    assert len(row_links(html)) == 5


def test_editor_gets_a_plain_403_for_list_detail_and_history(client, enquiry, demo):
    from tests.conftest import DEMO_ADMIN_PASSWORD

    assert client.login(username="redaktion", password=DEMO_ADMIN_PASSWORD)
    for url in [
        "/admin/enquiries/",
        "/admin/enquiries/results/?q=Atelier",
        f"/admin/enquiries/edit/{enquiry.pk}/",
        f"/admin/enquiries/history/{enquiry.pk}/",
        f"/admin/enquiries/usage/{enquiry.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Atelier Nord" not in response.content
    response = client.post(
        f"/admin/enquiries/edit/{enquiry.pk}/", {**NOTE_FORM, "status": "closed"}
    )
    assert response.status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.status == "new"


def test_erasure_cuts_the_person_out_of_logs_and_other_enquiries(admin_client, post, form_page):
    """Enquiries come in through the form, staff change and delete them in the admin, and an
    erasure from the admin leaves the address and the person's names nowhere: not in any log
    table, not in another enquiry's message or notes that mention the address."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from wagtail.actions.delete import DeleteAction
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry, PageLogEntry

    post(form_page, answers(message="Erste Anfrage."))
    post(form_page, answers(message="Zweite Anfrage."))
    post(form_page, answers(message="Dritte Anfrage."))
    post(
        form_page,
        answers(
            company="Holzwerk Süd",
            contact_person="Jonas Töpfer",
            email="jonas@example.org",
            message="Bitte auch an ERIKA@example.org schreiben, wir ziehen gemeinsam ein.",
        ),
    )
    first, second, third = Enquiry.objects.filter(email="erika@example.org").order_by("pk")
    other = Enquiry.objects.get(email="jonas@example.org")
    EnquiryNote.objects.create(enquiry=other, text="Rückfrage bei Erika@Example.org gestellt.")

    # Staff change the status of one and delete another in the admin.
    response = admin_client.post(
        f"/admin/enquiries/edit/{first.pk}/", {**NOTE_FORM, "status": "contacted"}
    )
    assert response.status_code == 302
    response = admin_client.post(f"/admin/enquiries/delete/{second.pk}/")
    assert response.status_code == 302
    deleted = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(second.pk))
    assert deleted.label == f"#{second.pk}"  # the deletion names no one
    # What the admin logged before: Wagtail's own label names the company.
    DeleteAction(third).execute(skip_permission_checks=True)
    assert ModelLogEntry.objects.filter(label__contains="Atelier Nord GmbH").exists()
    # Other log tables holding the person (an editor's note on the form page, Django's admin).
    log(form_page, "wagtail.edit", data={"comment": "Anfrage von Erika Beispiel beantwortet"})
    LogEntry.objects.create(
        user=response.wsgi_request.user,
        content_type_id=deleted.content_type_id,
        object_id=str(first.pk),
        object_repr="Atelier Nord GmbH",
        action_flag=CHANGE,
        change_message="erika@example.org",
    )

    response = admin_client.post(
        "/admin/enquiries-personal-data/", {"email": "erika@example.org", "action": "delete"}
    )
    assert response.status_code == 302

    assert list(Enquiry.objects.all()) == [other]
    traces = ("erika@example.org", "atelier nord gmbh", "erika beispiel")
    rows = [
        *(f"{e.label} {e.data}" for e in ModelLogEntry.objects.all()),
        *(f"{e.label} {e.data}" for e in PageLogEntry.objects.all()),
        *(f"{e.object_repr} {e.change_message}" for e in LogEntry.objects.all()),
        *(str(e.form_data) for e in Enquiry.objects.all()),
        *(n.text for n in EnquiryNote.objects.all()),
    ]
    assert rows
    assert [row for row in rows if any(trace in row.lower() for trace in traces)] == []
    other.refresh_from_db()
    assert other.form_data["message"] == (
        "Bitte auch an [gelöscht] schreiben, wir ziehen gemeinsam ein."
    )
    assert other.form_data["company"] == "Holzwerk Süd"
    assert other.notes.get().text == "Rückfrage bei [gelöscht] gestellt."
    # The log entries themselves stay (the audit trail keeps its shape).
    assert PageLogEntry.objects.filter(action="wagtail.edit", page=form_page).exists()
