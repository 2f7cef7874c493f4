"""Indicators go through the site's review, as every public snippet does: an editor's new value
is a draft until a moderator publishes it, and a translation starts unpublished."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from core.typography import SOFT_HYPHEN
from results.models import Indicator, IndicatorValue
from tests.admin_forms import form_data
from tests.workplace.test_snippet_review import post_form, snippet_url
from workplace.roles import EDITORS, MODERATORS, TRANSLATORS

pytestmark = pytest.mark.django_db

PAGE = "/de/wirkung/"


def visitor_sees(path: str) -> str:
    return Client().get(path).content.decode().replace(SOFT_HYPHEN, "")


def qualified():
    return Indicator.objects.get(locale__language_code="de", name="Menschen qualifiziert")


def with_new_value(client, indicator, date="2026-12-31", value="61", **actions):
    """The edit form posted back with one more value row, as the "add" button of the inline
    panel makes it."""
    url = snippet_url(indicator)
    data = form_data(client.get(url).content.decode(), marker=url)
    index = int(data["values-TOTAL_FORMS"])
    data.update(
        {
            "values-TOTAL_FORMS": str(index + 1),
            f"values-{index}-date": date,
            f"values-{index}-period": "quarter",
            f"values-{index}-value": value,
            f"values-{index}-source_note": "Teilnahmelisten Q4",
        }
    )
    data.update(actions)
    return client.post(url, data)


def test_an_editors_value_waits_for_the_moderator_then_shows_at_once(demo, login):
    indicator = qualified()
    before = indicator.values.count()
    assert ">52</span>" in visitor_sees(PAGE)  # now cached
    editor = login(EDITORS)
    response = with_new_value(editor, indicator, **{"action-submit": "action-submit"})
    assert response.status_code == 302
    assert indicator.values.count() == before  # a draft in review: nothing changed yet
    assert ">52</span>" in visitor_sees(PAGE)

    moderator = login(MODERATORS)
    response = post_form(moderator, indicator, {}, **{"action-publish": "action-publish"})
    assert response.status_code == 302
    assert indicator.values.count() == before + 1
    for path in (PAGE, "/nl/resultaten/", "/fr/resultats/"):
        assert ">61</span>" in visitor_sees(path)
    assert "2026-12-31" in Client().get(PAGE + "csv/").content.decode()


def test_the_same_date_twice_is_refused_with_a_message(demo, login):
    indicator = qualified()
    last = indicator.values.order_by("date").last()
    editor = login(EDITORS)
    response = with_new_value(
        editor, indicator, last.date.isoformat(), "99", **{"action-submit": "action-submit"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert "error" in response.content.decode()
    assert IndicatorValue.objects.filter(indicator=indicator, value=99).count() == 0
    assert IndicatorValue.objects.get(pk=last.pk).value == last.value


def test_translating_an_indicator_creates_an_unpublished_draft(demo, login):
    german = qualified()
    nl = Locale.objects.get(language_code="nl")
    german.get_translation(nl).delete()  # the German indicator stands in, marked lang="de"
    html = visitor_sees("/nl/resultaten/")
    assert '<li class="indicator" id="kennzahl-' in html and 'lang="de"' in html

    translator = login(TRANSLATORS)
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["results", "indicator", german.pk],
    )
    assert translator.post(url, {"locales": [nl.pk]}).status_code == 302
    created = Indicator.objects.get(locale=nl, translation_key=german.translation_key)
    assert not created.live and created.has_unpublished_changes
    assert created.values.count() == 0  # the values stay on the German indicator
    assert "Menschen qualifiziert" in visitor_sees("/nl/resultaten/")
