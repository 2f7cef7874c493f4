"""The accessibility statement as visitors read it, in four languages, and the footer link to it
on every page; an editor's change shows on the next request (page cache, frame)."""

import re

import pytest
from django.utils import translation

from accessibility.models import AccessibilityStatementPage
from core.typography import SOFT_HYPHEN
from tests.accessibility.conftest import LANGUAGES, LIMITATION, TITLES
from tests.factories import LegalPageFactory, publish

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

DATES = {
    "de": "30. November 2026",
    "en": "30 November 2026",
    "nl": "30 november 2026",
    "fr": "30 novembre 2026",
}


def text(response) -> str:
    return response.content.decode().replace(SOFT_HYPHEN, "")


def gettext_in(code: str, msgid: str) -> str:
    with translation.override(code):
        return translation.gettext(msgid)


def footer_links(html: str) -> list[str]:
    footer = html[html.index('<footer class="site-footer"') :]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_statement_shows_its_parts_in_each_language(client, site_pages, code):
    page = site_pages["statement"][code]
    response = client.get(page.url)
    assert response.status_code == 200
    html = text(response)
    assert f'<html lang="{code}"' in html
    assert f"<h1>{TITLES[code][0]}</h1>" in html.replace("’", "’")
    with translation.override(code):
        sentence = page.conformance_sentence()
        headings = [
            translation.gettext(msgid)
            for msgid in (
                "Stand der Vereinbarkeit mit den Anforderungen",
                "Nicht barrierefreie Inhalte",
                "Erstellung dieser Erklärung",
                "Barrieren melden",
                "Durchsetzungsverfahren",
            )
        ]
        method = translation.gettext("Selbstbewertung")
        send = translation.gettext("Rückmeldung senden")
    assert "BITV 2.0" in sentence and (code == "de" or "erfüllt" not in sentence)
    assert sentence in html
    for heading in headings:
        assert f">{heading}</h2>" in html
    # The limitation (its texts are the German ones until a translator changes them).
    for value in LIMITATION.values():
        assert value in html
    # Prepared and reviewed, in the language's date format, and how.
    assert DATES[code] in html and "3" in html and method in html
    assert "Platzhalter: Ombudsstelle des Landes" in html
    # The feedback form: the pipeline's addresses of this language, no cookie.
    assert 'name="problem"' in html and 'name="page"' in html and 'name="email"' in html
    assert f">{send}</button>" in html
    assert "data-token-url=" in html
    assert not response.cookies


def test_each_status_has_its_standard_sentence():
    page = AccessibilityStatementPage()
    sentences = set()
    for status in AccessibilityStatementPage.Conformance:
        page.conformance = status
        with translation.override("en"):
            sentences.add(page.conformance_sentence())
    assert len(sentences) == 3
    assert any("fully meets" in s for s in sentences)
    assert any("partially meets" in s for s in sentences)
    assert any("does not meet" in s for s in sentences)


def test_an_editors_change_of_status_shows_on_the_next_request(client, site_pages):
    german = site_pages["statement"]["de"]
    first = client.get(german.url)
    assert client.get(german.url)["X-Cache"] == "hit"
    assert "teilweise" in text(first)

    german.conformance = AccessibilityStatementPage.Conformance.FULL
    publish(german)
    after = client.get(german.url)
    assert after["X-Cache"] == "miss"
    assert "vollständig" in text(after) and "teilweise" not in text(after)
    # The status is synchronised: the English page shows it once the translation is synced;
    # until then it keeps the status it was published with.
    english = client.get(site_pages["statement"]["en"].url)
    assert "partially meets" in text(english)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_type_links_the_statement_of_its_language_in_the_footer(
    client, site_pages, code
):
    home = site_pages["home"]
    legal = LegalPageFactory(parent=home)
    label = gettext_in(code, "Erklärung zur Barrierefreiheit")
    statement_url = site_pages["statement"][code].url
    pages = [
        home.get_translation(site_pages["statement"][code].locale),
        site_pages["content"].get_translation(site_pages["statement"][code].locale),
        site_pages["statement"][code],
    ]
    urls = [page.url for page in pages]
    if code == "de":
        urls.append(legal.url)
    for url in urls:
        html = text(client.get(url))
        assert (statement_url, label) in footer_links(html), url


def test_the_footer_falls_back_to_the_german_statement_and_follows_unpublishing(client, site_pages):
    english_home = site_pages["home"].get_translation(site_pages["statement"]["en"].locale)
    site_pages["statement"]["en"].unpublish()
    html = text(client.get(english_home.url))
    german_url = site_pages["statement"]["de"].url
    assert f'<a href="{german_url}" hreflang="de">Accessibility statement</a>' in html

    site_pages["statement"]["de"].unpublish()
    html = text(client.get(english_home.url))
    assert "Accessibility statement" not in html
    assert german_url not in html


def test_the_page_to_report_is_filled_in_from_a_safe_address_only(client, site_pages):
    url = site_pages["statement"]["de"].url
    html = text(client.get(url + "?seite=/de/produkte/"))
    assert 'name="page" value="/de/produkte/"' in html
    for hostile in (
        "//evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
        '/de/"><script>alert(1)</script>',
        "/" + "a" * 300,
    ):
        response = client.get(url, {"seite": hostile})
        page_field = re.search(r'<input[^>]*name="page"[^>]*>', text(response)).group(0)
        assert "value=" not in page_field, hostile
        assert "<script>alert" not in text(response)


def test_editors_may_add_one_statement_under_each_home():
    assert AccessibilityStatementPage.parent_page_types == ["home.HomePage"]
    assert AccessibilityStatementPage.max_count_per_parent == 1
    from home.models import HomePage

    assert "accessibility.AccessibilityStatementPage" in HomePage.subpage_types
