"""Editing designer pages and stories: disciplines and topics are checkboxes among the German
terms, two choices are kept, and wagtail-localize still copies them into the translations."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from designers.models import DesignerPage, Discipline, StoryPage, StoryTag
from tests.conftest import DEMO_ADMIN_PASSWORD
from tests.workplace.conftest import form_data

pytestmark = pytest.mark.django_db


def edit_form(client, page) -> str:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def checkboxes(html: str, name: str) -> list[str]:
    """The values of the form's checkboxes called `name`."""
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert all('type="checkbox"' in tag for tag in inputs), inputs
    return [re.search(r'value="(\d+)"', tag).group(1) for tag in inputs]


@pytest.mark.parametrize(
    ("model", "field", "terms"),
    [(DesignerPage, "disciplines", Discipline), (StoryPage, "tags", StoryTag)],
)
def test_terms_are_checkboxes_of_the_german_terms(admin_client, model, field, terms):
    page = model.objects.filter(locale__language_code="de").first()
    html = edit_form(admin_client, page)
    assert not re.search(rf'<select[^>]*name="{field}"', html)  # no multiple select any more
    german = terms.objects.filter(locale__language_code="de")
    assert sorted(checkboxes(html, field)) == sorted(str(term.pk) for term in german)
    assert terms.objects.count() > german.count()  # the other languages' terms are not offered


def test_posting_two_disciplines_keeps_both_and_translations_get_them(admin_client):
    page = DesignerPage.objects.filter(locale__language_code="de").first()
    wood, ceramics = Discipline.objects.filter(locale__language_code="de").exclude(
        pk__in=page.disciplines.all()
    )[:2]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(edit_form(admin_client, page), marker="page-edit-form")
    data.update(
        {
            "disciplines": [str(wood.pk), str(ceramics.pk)],
            "biography-count": "0",
            "action-publish": "1",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert set(page.disciplines.all()) == {wood, ceramics}
    html = edit_form(admin_client, page)
    assert re.search(rf'<input[^>]*value="{wood.pk}"[^>]*checked', html)
    assert re.search(rf'<input[^>]*value="{ceramics.pk}"[^>]*checked', html)

    # "Sync translated pages": the synchronised field reaches the Dutch page unchanged, and the
    # translator's translation editor for it still opens.
    source, _created = TranslationSource.update_or_create_from_instance(page)
    dutch = Locale.objects.get(language_code="nl")
    translation = source.translations.get(target_locale=dutch)
    translation.save_target(publish=True)
    translated = page.get_translation(dutch)
    assert set(translated.disciplines.all()) == {wood, ceramics}
    translator = Client()
    assert translator.login(username="uebersetzung", password=DEMO_ADMIN_PASSWORD)
    editor = translator.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert editor.status_code == 200 and b"data-props" in editor.content
