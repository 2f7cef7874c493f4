"""What a visitor sees of the four languages: redirects, lang attributes, switcher, alternates."""

import re

import pytest
from wagtail.models import Locale, Page

from core.models import ContentPage
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from project.models import ProjectPage

LANGUAGES = ["de", "en", "nl", "fr"]
pytestmark = pytest.mark.django_db


def links(html: str, rel: str) -> dict[str, str]:
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.5", "/nl/"),
        ("fr-BE,fr;q=0.9", "/fr/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("de-DE", "/de/"),
        ("ja,zh;q=0.5", "/de/"),
        ("", "/de/"),
    ],
)
def test_root_sends_visitor_to_best_language(client, demo, accept_language, expected):
    response = client.get(
        "/", headers={"accept-language": accept_language} if accept_language else {}
    )
    assert response.status_code == 302
    assert response["Location"] == expected
    assert not response.cookies, "a visitor gets no cookie for being redirected"


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_in_each_language(client, demo, code):
    response = client.get(f"/{code}/")
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    assert response.status_code == 200
    assert f'<html lang="{code}">' in html
    home = demo.get_translation(Locale.objects.get(language_code=code))
    assert home.specific.hero_heading in html
    assert not response.cookies


@pytest.mark.parametrize("code", LANGUAGES)
def test_alternates_and_canonical(client, demo, code):
    html = client.get(f"/{code}/").content.decode()
    alternates = links(html, "alternate")
    assert alternates == {
        "de": "http://testserver/de/",
        "en": "http://testserver/en/",
        "nl": "http://testserver/nl/",
        "fr": "http://testserver/fr/",
        "x-default": "http://testserver/de/",
    }
    assert f'<link rel="canonical" href="http://testserver/{code}/">' in html


def test_language_switcher_links_to_translations_of_the_page(client, demo):
    html = client.get("/nl/over-het-project/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/de/ueber-das-projekt/"' in switcher
    assert 'href="/en/about-the-project/"' in switcher
    assert 'href="/fr/a-propos/"' in switcher
    assert 'aria-current="true"' in switcher and ">NL<" in switcher


def test_page_only_in_german_offers_other_languages_their_home(client, demo):
    german_only = ContentPage(title="Nur auf Deutsch", slug="nur-auf-deutsch", intro="Ganz neu.")
    demo.add_child(instance=german_only)
    german_only.save_revision().publish()

    html = client.get("/de/nur-auf-deutsch/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/"' in switcher and 'href="/nl/"' in switcher and 'href="/fr/"' in switcher
    # Only the live German page is an alternate.
    assert links(html, "alternate") == {
        "de": "http://testserver/de/nur-auf-deutsch/",
        "x-default": "http://testserver/de/nur-auf-deutsch/",
    }


def test_missing_translation_sends_visitor_to_the_german_page(client, demo):
    german_only = ContentPage(title="Nur auf Deutsch", slug="nur-auf-deutsch")
    demo.add_child(instance=german_only)
    german_only.save_revision().publish()

    response = client.get("/fr/nur-auf-deutsch/")
    assert response.status_code == 302
    assert response["Location"] == "/de/nur-auf-deutsch/"


def test_unpublished_translation_falls_back_to_german(client, demo):
    about_de = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    about_fr = about_de.get_translation(Locale.objects.get(language_code="fr"))
    about_fr.unpublish()

    response = client.get("/fr/a-propos/")
    assert response.status_code == 302
    assert response["Location"] == "/de/ueber-das-projekt/"


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("de", "Diese Seite gibt es nicht (mehr)."),
        ("en", "This page does not exist (any more)."),
        ("nl", "Deze pagina bestaat niet (meer)."),
        ("fr", "Cette page n’existe pas (ou plus)."),
    ],
)
def test_not_found_page_in_the_visitors_language(client, demo, code, text):
    response = client.get(f"/{code}/gibt-es-wirklich-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{code}">' in html
    assert text in html
    home = Page.objects.get(translation_key=demo.translation_key, locale__language_code=code)
    assert f'href="{home.url}"' in html


@pytest.mark.parametrize(
    ("code", "imprint", "privacy"),
    [
        ("de", "Impressum", "Datenschutz"),
        ("en", "Legal notice", "Privacy"),
        ("nl", "Colofon", "Privacy"),
        ("fr", "Mentions légales", "Confidentialité"),
    ],
)
def test_footer_links_to_legal_pages_in_each_language(client, demo, code, imprint, privacy):
    html = client.get(f"/{code}/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f">{imprint}</a>" in footer
    assert f">{privacy}</a>" in footer
    assert f'href="/{code}/' in footer


def test_legal_page_missing_in_a_language_is_still_linked_in_german(client, demo):
    imprint_nl = Page.objects.get(locale__language_code="nl", url_path__endswith="/colofon/")
    imprint_nl.unpublish()
    footer = client.get("/nl/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert 'href="/de/impressum/" hreflang="de">Impressum</a>' in footer


def test_server_error_page_in_the_visitors_language(client, demo, settings):
    from django.utils import translation

    from core.views import server_error

    with translation.override("nl"):
        response = server_error(None)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="nl">' in html
    assert "Hier is iets misgegaan." in html
