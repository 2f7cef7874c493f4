"""The admin's home page: each role sees the panels for its work, with the right numbers, and
the page costs a fixed number of queries however much is waiting."""

import datetime
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalogue.models import SyncRun
from core.models import ContentPage
from designers.models import DesignerPage
from enquiries.models import Enquiry, EnquiryFormPage
from project.models import ProjectPage
from shop_links.models import LinkCheck
from workplace.roles import CATALOGUE_MANAGERS, EDITORS, ENQUIRY_MANAGERS, MODERATORS, TRANSLATORS

pytestmark = pytest.mark.django_db

PANELS = {
    "review": "workplace-review-section",
    "translations": "workplace-outdated-translations-section",
    "enquiries": "workplace-new-enquiries-section",
    "sync": "workplace-catalogue-sync-section",
    "shop_links": "broken-shop-links-section",
}
EXPECTED = {
    EDITORS: {"translations", "shop_links"},
    MODERATORS: {"review", "translations", "sync", "shop_links"},
    # Translators may change retailers' texts, so they hear about broken shop links too.
    TRANSLATORS: {"translations", "shop_links"},
    ENQUIRY_MANAGERS: {"enquiries"},
    CATALOGUE_MANAGERS: {"sync"},
}


def panels(html: str) -> set[str]:
    return {name for name, marker in PANELS.items() if f'id="{marker}"' in html}


def panel(html: str, name: str) -> str:
    return html.split(f'id="{PANELS[name]}"', 1)[1].split("</section>", 1)[0]


def new_enquiry(company: str, status=Enquiry.Status.NEW) -> Enquiry:
    return Enquiry.objects.create(
        page=EnquiryFormPage.objects.get(locale__language_code="de"),
        form_data={"company": company, "contact_person": "Erika Muster"},
        language="de",
        campaign="kreativquartier",
        status=status,
    )


@pytest.fixture
def broken_link(demo):
    return LinkCheck.objects.create(
        url="https://laden.example/weg", failures=3, broken=True, checked_at=timezone.now()
    )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_the_panels_for_its_work(demo, login, broken_link, role):
    new_enquiry("Holzwerkstatt Nord GmbH")
    html = login(role).get(reverse("wagtailadmin_home")).content.decode()
    assert panels(html) == EXPECTED[role]
    # Nobody but enquiry managers sees an enquiry, not even its company's name.
    assert ("Holzwerkstatt Nord GmbH" in html) == (role == ENQUIRY_MANAGERS)


def test_the_numbers_on_the_demo_state(demo, login):
    html = login(MODERATORS).get(reverse("wagtailadmin_home")).content.decode()
    review = panel(html, "review")
    assert "2 Änderungen warten auf Ihre Prüfung." in review
    assert "Werkstattbesuch im Depot" in review and "Weltladen am Kaiserplatz" in review
    assert reverse("wagtailadmin_reports:workflow") in review
    # Wagtail's own "Awaiting your review" panel is replaced, not doubled.
    assert 'id="workflow_objects_to_moderate' not in html

    translations = panel(html, "translations")
    assert "3 Übersetzungen sind hinter dem deutschen Original zurück." in translations
    assert "Datenschutz: en, fr, nl" in translations
    assert reverse("workplace_translation_status") + "?status=behind" in translations

    run = SyncRun.objects.order_by("-started_at").first()
    sync = panel(html, "sync")
    assert run.get_status_display() in sync
    assert (f"{run.error_count} Fehler" in sync) if run.error_count else ("Keine Fehler." in sync)
    assert reverse("catalogue_syncrun:inspect", args=[run.pk]) in sync


def test_a_killed_sync_shows_as_abandoned_not_running(demo, login, settings):
    """A run whose process died (no sign of life for minutes) is not reported as still running
    on the dashboard, even before anyone opens the run log."""
    settings.CATALOGUE_SYNC_HEARTBEAT = 15
    silent = timezone.now() - datetime.timedelta(minutes=10)
    run = SyncRun.objects.create(source="feed.json", trigger="command")
    SyncRun.objects.filter(pk=run.pk).update(started_at=silent, heartbeat_at=silent)
    SyncRun.objects.exclude(pk=run.pk).update(started_at=silent - datetime.timedelta(hours=1))

    sync = panel(login(MODERATORS).get(reverse("wagtailadmin_home")).content.decode(), "sync")
    assert "Abgebrochen (Prozess beendet)" in sync
    assert "Läuft" not in sync
    assert reverse("catalogue_syncrun:inspect", args=[run.pk]) in sync
    run.refresh_from_db()
    assert (run.status, run.finished_at) == ("abandoned", silent)


def test_the_report_agrees_with_the_translation_panel(demo, admin_client):
    from workplace.reports import outdated_translations, status_rows

    behind = {(row.title, row.locale) for row in status_rows() if row.status == "behind"}
    grouped = {(title, code) for title, codes in outdated_translations() for code in codes}
    assert behind == grouped == {("Datenschutz", code) for code in ("en", "fr", "nl")}


def test_new_enquiries_are_counted_and_listed_for_enquiry_managers(demo, login):
    already = Enquiry.objects.filter(status=Enquiry.Status.NEW).count()
    first = new_enquiry("Atelier Schmitz")
    new_enquiry("Druckerei Lenz")
    new_enquiry("Längst erledigt KG", status=Enquiry.Status.CLOSED)
    html = login(ENQUIRY_MANAGERS).get(reverse("wagtailadmin_home")).content.decode()
    enquiries = panel(html, "enquiries")
    assert f"{already + 2} neue Anfragen sind noch nicht bearbeitet." in enquiries
    assert "Atelier Schmitz" in enquiries and "Druckerei Lenz" in enquiries
    assert "Längst erledigt" not in enquiries
    assert reverse("enquiries_enquiry:edit", args=[first.pk]) in enquiries


def test_panel_links_open_for_the_roles_that_see_them(demo, login):
    clients = {}
    for role, url in [
        (MODERATORS, reverse("wagtailadmin_reports:workflow")),
        (TRANSLATORS, reverse("workplace_translation_status") + "?status=behind"),
        (ENQUIRY_MANAGERS, reverse("enquiries_enquiry:index") + "?status=new"),
        (CATALOGUE_MANAGERS, reverse("catalogue_syncrun:index")),
        (MODERATORS, reverse("catalogue_syncrun:index")),
    ]:
        if role not in clients:
            clients[role] = login(role)
        client = clients[role]
        assert client.get(url).status_code == 200, (role, url)


def shape(sql: str) -> str:
    """A query without its values, to compare two requests' queries."""
    return re.sub(r"IN \([^)]*\)", "IN (…)", re.sub(r"'[^']*'|\b\d+\b", "?", sql))[:400]


def more_work(demo, editor):
    """Six more pages in review, four more German changes behind their translations and six
    more enquiries."""
    about = ProjectPage.objects.get(locale=demo.locale, slug="ueber-das-projekt")
    for n in range(6):
        page = ContentPage(title=f"Entwurf {n}", slug=f"entwurf-{n}", live=False)
        about.add_child(instance=page)
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
        new_enquiry(f"Firma {n}")
    for designer in DesignerPage.objects.filter(locale=demo.locale)[:4]:
        designer.lead = f"{designer.lead} Neu."
        designer.save_revision(user=editor)


@pytest.mark.parametrize("role", [MODERATORS, EDITORS, ENQUIRY_MANAGERS])
def test_the_dashboard_costs_the_same_queries_however_much_waits(demo, login, role):
    client = login(role)
    url = reverse("wagtailadmin_home")
    client.get(url)  # sessions, content types and permissions are cached now
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    more_work(demo, get_user_model().objects.get(username="redaktion"))
    client.get(url)  # the new work replaced the cached frame (site, Locales): cached again now
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    if role == MODERATORS:
        assert "8 Änderungen warten" in html and "15 Übersetzungen sind hinter" in html
    sql = Counter(shape(q["sql"]) for q in after.captured_queries)
    sql.subtract(shape(q["sql"]) for q in before.captured_queries)
    # Never more: the first few items cost one query per kind of object among them (a page and
    # a retailer before, only pages now), the rest is counted in the database.
    assert len(after) <= len(before), "\n".join(f"{n:+d} {q}" for q, n in sql.items() if n)
    # One query per type of snippet under review (their translations waiting), the rest fixed.
    from workplace.workflow import REVIEWED_SNIPPET_MODELS

    assert len(before) <= 34 + len(REVIEWED_SNIPPET_MODELS)


def test_new_accessibility_feedback_counts_as_new_work_with_its_kind(demo, login):
    from accessibility.apps import FEEDBACK
    from accessibility.models import AccessibilityStatementPage

    waiting = new_enquiry("Atelier Schmitz")
    feedback = Enquiry.objects.create(
        page=AccessibilityStatementPage.objects.get(locale__language_code="de"),
        kind=FEEDBACK,
        form_data={"problem": "Das Menü lässt sich nicht mit der Tastatur schließen."},
        language="de",
    )
    answered = Enquiry.objects.create(
        page=feedback.page,
        kind=FEEDBACK,
        status="answered",
        form_data={"problem": "Längst beantwortete Rückmeldung"},
        language="de",
    )
    assert feedback.status == "received"  # the status feedback starts with
    new = Enquiry.objects.filter(status=Enquiry.Status.NEW, kind="location").count()
    manager = login(ENQUIRY_MANAGERS)
    enquiries = panel(manager.get(reverse("wagtailadmin_home")).content.decode(), "enquiries")
    assert f"{new + 1} neue Anfragen sind noch nicht bearbeitet." in enquiries
    assert reverse("enquiries_enquiry:edit", args=[feedback.pk]) in enquiries
    assert "Das Menü lässt sich nicht" in enquiries
    assert "Rückmeldung zur Barrierefreiheit" in enquiries
    assert reverse("enquiries_enquiry:edit", args=[waiting.pk]) in enquiries
    assert reverse("enquiries_enquiry:edit", args=[answered.pk]) not in enquiries
    # One list per kind, each filtered to that kind's new ones, and each opens.
    index = reverse("enquiries_enquiry:index")
    feedback_list = f"{index}?kind={FEEDBACK}&amp;status=received"
    assert feedback_list in enquiries and f"{index}?kind=location&amp;status=new" in enquiries
    listed = manager.get(feedback_list.replace("&amp;", "&")).content.decode()
    assert "Das Menü lässt sich nicht" in listed and "Atelier Schmitz" not in listed
