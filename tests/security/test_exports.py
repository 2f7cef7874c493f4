"""No admin download carries a live formula: Wagtail's reports and listings with CSV/XLSX exports,
read back as a spreadsheet program would (`core/admin_exports.py`, `core/exports.py`)."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Page, Site, Workflow

from core.exports import FORMULA_TRIGGERS
from core.models import ContentPage, Footer
from enquiries.models import Enquiry, EnquiryFormPage

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://x","y")'
LOG_LABELS = ("+SUM(1,2)", "-2+3", "@SUM(A1)")


@pytest.fixture
def poisoned(demo):
    """A page titled like a formula, locked, in a workflow and published by a user whose name is
    one; log entries labelled like formulas; a site and an enquiry with such texts."""
    user = get_user_model().objects.create_superuser("formel", password="x")
    user.first_name, user.last_name = "@Formel", "-Nutzer"
    user.save()
    page = demo.add_child(instance=ContentPage(title=TITLE, slug="formel", owner=user))
    page.save_revision(user=user).publish(user=user)
    Workflow.objects.get(name="Redaktionelle Prüfung").start(page, user)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=user, locked_at=timezone.now())
    for label in LOG_LABELS:
        log(instance=page, action="wagtail.edit", user=user, title=label)
    log(instance=Footer.objects.first(), action="wagtail.edit", user=user, title="-Fuß")
    Site.objects.update(site_name="=Seite")
    Redirect.objects.create(
        old_path="/formel", redirect_link="https://example.org/=x", site=Site.objects.first()
    )
    form_page = EnquiryFormPage.objects.get(locale__language_code="de")
    Enquiry.objects.create(
        page=form_page,
        language="de",
        email="erika@example.org",
        form_data={"company": TITLE, "contact_person": "@Erika", "message": "-1+2"},
    )
    return form_page


def read(response, export_format: str) -> list[list]:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def live_formulas(rows: list[list]) -> list[str]:
    return [v for row in rows for v in row if isinstance(v, str) and v.startswith(FORMULA_TRIGGERS)]


def texts(rows: list[list]) -> set:
    return {v for row in rows for v in row if isinstance(v, str)}


EXPORTS = {
    "site history": ("wagtailadmin_reports:site_history", {TITLE, *LOG_LABELS, "-Fuß"}),
    "site history (results fragment)": (
        "wagtailadmin_reports:site_history_results",
        {TITLE, *LOG_LABELS},
    ),
    "locked pages": ("wagtailadmin_reports:locked_pages", {TITLE}),
    "aging pages": ("wagtailadmin_reports:aging_pages", {TITLE}),
    "workflows": ("wagtailadmin_reports:workflow", {TITLE}),
    "workflow tasks": ("wagtailadmin_reports:workflow_tasks", {TITLE}),
    "redirects": ("wagtailredirects:index", {"=Seite [Standard]"}),
}


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(EXPORTS))
def test_wagtail_reports_export_no_live_formula(admin_client, poisoned, name, export_format):
    url_name, expected = EXPORTS[name]
    rows = read(admin_client.get(reverse(url_name), {"export": export_format}), export_format)

    assert not live_formulas(rows)
    # The texts are all there, neutralised with a leading apostrophe.
    assert {f"'{text}" for text in expected} <= texts(rows), texts(rows)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_form_submissions_export_no_live_formula(admin_client, poisoned, export_format):
    url = reverse("wagtailforms:list_submissions", args=[poisoned.pk])
    rows = read(admin_client.get(url, {"export": export_format}), export_format)

    assert not live_formulas(rows)
    assert {f"'{TITLE}", "'@Erika", "'-1+2"} <= texts(rows)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_moderator_exports_the_site_history_without_live_formula(poisoned, export_format):
    moderator = get_user_model().objects.create_user("moderatorin", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    url = reverse("wagtailadmin_reports:site_history")
    rows = read(client.get(url, {"export": export_format}), export_format)

    assert not live_formulas(rows)
    assert {f"'{TITLE}", *(f"'{label}" for label in LOG_LABELS)} <= texts(rows)


def test_the_reports_still_need_admin_access(poisoned):
    visitor = Client()
    for url_name, _expected in EXPORTS.values():
        response = visitor.get(reverse(url_name), {"export": "csv"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url_name


def test_every_wagtail_report_with_an_export_is_replaced():
    """A report Wagtail adds with its next version would otherwise export unguarded."""
    from django.urls import resolve
    from wagtail.admin.urls import reports

    from core.exports import FormulaSafeExportMixin

    for pattern in reports.urlpatterns:
        view_class = pattern.callback.view_class
        if view_class.list_export:
            served = resolve(reverse(f"wagtailadmin_reports:{pattern.name}")).func.view_class
            assert issubclass(served, FormulaSafeExportMixin), pattern.name
