"""The translation status report: existence, completeness and staleness per language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from core.localize import translate
from core.models import ContentPage, Navigation
from project.models import ProjectPage
from tests.workplace.conftest import refused
from workplace.reports import status_rows
from workplace.roles import CATALOGUE_MANAGERS, TRANSLATORS

pytestmark = pytest.mark.django_db
URL = reverse("workplace_translation_status")


def rows_for(title):
    return {row.locale: row for row in status_rows() if row.title == title}


def test_demo_page_is_translated_completely_and_a_new_page_is_missing(demo):
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    rows = rows_for(about.title)
    assert sorted(rows) == ["en", "fr", "nl"]
    for row in rows.values():
        assert row.exists and row.total > 0 and row.translated == row.total
        assert (row.percent, row.status) == (100, "complete")

    new = ContentPage(title="Neu im Quartier", slug="neu-im-quartier")
    demo.add_child(instance=new)
    new.save_revision()
    assert {code: row.status for code, row in rows_for("Neu im Quartier").items()} == {
        "en": "missing",
        "fr": "missing",
        "nl": "missing",
    }


def test_a_german_change_after_the_last_sync_marks_every_translation_behind(demo):
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    about.intro = "Ein neuer Einleitungssatz."
    about.save_revision()
    assert {row.status for row in rows_for(about.title).values()} == {"behind"}


def test_snippets_are_listed_and_the_report_filters_and_exports(admin_client):
    kinds = {row.kind for row in status_rows()}
    assert {"Seite", "Navigation"} <= kinds
    response = admin_client.get(URL, {"locale": "nl", "status": "complete"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Über das Projekt" in html and ">fr<" not in html
    export = admin_client.get(URL, {"locale": "nl", "export": "csv"})
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0].startswith("Inhalt,Art,Sprache,Status")
    assert len(lines) - 1 == sum(1 for row in status_rows() if row.locale == "nl")


def test_report_is_for_translation_roles_only(login):
    assert login(TRANSLATORS).get(URL).status_code == 200
    assert refused(login(CATALOGUE_MANAGERS).get(URL))


def test_export_writes_a_formula_like_page_title_as_text(admin_client, demo):
    hostile = ContentPage(title='=HYPERLINK("http://evil.example","x")', slug="formel")
    demo.add_child(instance=hostile)
    hostile.save_revision()
    export = admin_client.get(URL, {"locale": "nl", "export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert '\'=HYPERLINK(""http://evil.example"",""x"")' in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_rows_link_to_the_page_and_to_its_translation_editor(login):
    """A translator goes from a row to the German page and to the translation editor of that
    language (wagtail-localize's editor is the translated page's or snippet's edit view)."""
    translator = login(TRANSLATORS)
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    english = about.get_translation(Locale.objects.get(language_code="en"))
    html = translator.get(URL, {"locale": "en"}).content.decode()
    german_edit = reverse("wagtailadmin_pages:edit", args=[about.pk])
    english_edit = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert f'href="{german_edit}"' in html and f'href="{english_edit}"' in html
    assert f"„{about.title}“ (en) übersetzen" in html  # the link's accessible name
    assert translator.get(german_edit).status_code == 200
    editor = translator.get(english_edit)
    assert editor.status_code == 200 and b"data-props" in editor.content  # the translation editor

    navigation = Navigation.objects.get(locale__language_code="de")
    [row] = [r for r in status_rows() if r.kind == "Navigation" and r.locale == "nl"]
    dutch = navigation.get_translation(Locale.objects.get(language_code="nl"))
    assert row.translation_url.endswith(f"/edit/{dutch.pk}/")
    for url in (row.edit_url, row.translation_url):
        assert translator.get(url).status_code == 200, url
    assert b"data-props" in translator.get(row.translation_url).content

    # A page nobody has translated yet: a link to the page, none to an editor.
    new = ContentPage(title="Noch nicht übersetzt", slug="noch-nicht")
    about.get_parent().add_child(instance=new)
    rows = rows_for("Noch nicht übersetzt")
    assert {row.translation_url for row in rows.values()} == {""}
    assert {row.edit_url for row in rows.values()} == {
        reverse("wagtailadmin_pages:edit", args=[new.pk])
    }


def report_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"locale": "nl"})
    assert response.status_code == 200
    return len(captured)


def test_report_costs_the_same_queries_however_many_pages_and_translations(login, demo):
    translator = login(TRANSLATORS)
    report_queries(translator)  # warm-up (the admin's menus and caches)
    before = report_queries(translator)
    for number in range(3):
        page = ContentPage(title=f"Zusatzseite {number}", slug=f"zusatz-{number}")
        demo.add_child(instance=page)
        page.save_revision().publish()
        translate(page, "nl", {page.title: f"Extra pagina {number}"})
    report_queries(translator)  # publishing replaced the cached page frame: warm it again
    assert report_queries(translator) == before
