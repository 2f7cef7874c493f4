"""The pages in Leichte Sprache as visitors, editors and search engines meet them.

Small data of its own (no demo): a German home with its English, Dutch and French translations,
an easy-read start page and one page under it. The page cache and the fragments are on, as in
production: an editor's change must show on the very next request.
"""

import re
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks import StreamBlockValidationError

from core.localize import translate as localize_translate
from core.typography import SOFT_HYPHEN
from easyread.blocks import EasyReadStreamBlock
from easyread.models import EasyReadIndexPage, EasyReadPage
from tests.factories import ContentPageFactory, HomePageFactory, locale, publish, translate
from tests.seo.jsonld import assert_valid_json_ld
from workplace.translations import start_translations

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

LANGUAGES = ["de", "en", "nl", "fr"]


def sentences(*texts):
    return ("sentences", [{"text": text, "image": None} for text in texts])


@pytest.fixture
def site():
    home = HomePageFactory()
    translate(home, "en", "nl", "fr")
    about = ContentPageFactory(parent=home, title="Über das Projekt", slug="ueber-das-projekt")
    translate(about, "en", title="About the project", slug="about-the-project")
    start = EasyReadIndexPage(
        title="Leichte Sprache",
        slug="leichte-sprache",
        body=[sentences("Hier finden Sie Texte in Leichter Sprache.")],
        standard_page=home,
    )
    home.add_child(instance=start)
    publish(start)
    page = EasyReadPage(
        title="Barriere·freiheit auf dieser Internet·seite",
        slug="barrierefreiheit",
        body=[
            ("heading", "Was schon gut ist"),
            sentences(
                "Sie können die Schrift größer machen.", "Die Bilder haben eine Beschreibung."
            ),
            ("word", {"word": "Barriere", "explanation": ["Eine Barriere ist ein Hindernis."]}),
        ],
        standard_page=about,
    )
    start.add_child(instance=page)
    publish(page)
    return home, start, page


def get(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def header_link(html: str) -> re.Match | None:
    return re.search(r'<a class="easy-read-link" href="([^"]+)"([^>]*)>(.*?)</a>', html, re.S)


def test_the_page_speaks_easy_read_german_one_sentence_per_line(client, site):
    _home, _start, page = site
    html = get(client, page.url)

    assert page.url == "/de/leichte-sprache/barrierefreiheit/"
    assert '<html lang="de">' in html
    # Marked for people, screen readers and search engines alike.
    assert "<title>Barriere·freiheit auf dieser Internet·seite – Leichte Sprache" in html
    assert 'class="easy-read__mark"' in html and "Leichte Sprache</p>" in html
    assert "<p>Sie können die Schrift größer machen.</p>" in html
    assert "<p>Die Bilder haben eine Beschreibung.</p>" in html
    assert "Das Wort <strong>Barriere</strong> bedeutet:" in html
    assert "/static/css/easyread.css" in html
    # No soft hyphens in easy-read titles: Leichte Sprache breaks no word.
    assert SOFT_HYPHEN not in html
    # The standard version and the way back.
    assert '<a href="/de/ueber-das-projekt/">Diese Seite in Alltags·sprache</a>' in html
    assert '<a href="/de/leichte-sprache/">Zurück zur Start·seite Leichte Sprache</a>' in html

    data = assert_valid_json_ld(html)
    web_page = next(item for item in data if item["@type"] == "WebPage")
    assert web_page["name"] == "Barriere·freiheit auf dieser Internet·seite – Leichte Sprache"
    assert web_page["inLanguage"] == "de"


def test_the_start_page_lists_its_pages(client, site):
    _home, start, page = site
    html = get(client, start.url)
    assert f'<a href="{page.url}">{page.title}</a>' in html
    assert "<p>Hier finden Sie Texte in Leichter Sprache.</p>" in html


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_links_the_easy_read_pages_from_the_header(client, site, code):
    html = get(client, f"/{code}/")
    link = header_link(html)
    assert link is not None, f"no easy-read link on /{code}/"
    href, attributes, content = link.groups()
    assert href == "/de/leichte-sprache/"
    assert "<svg" in content and 'aria-hidden="true"' in content
    if code == "de":
        assert '<span class="easy-read-link__label">Leichte Sprache</span>' in content
    else:
        # The German label says it is German; the link says where it leads.
        assert '<span class="easy-read-link__label" lang="de">Leichte Sprache</span>' in content
        assert 'hreflang="de"' in attributes
        assert 'class="visually-hidden"' in content


def test_the_header_link_is_there_on_every_page_type(client, site):
    _home, start, page = site
    about = page.standard_page.get_translation(locale("en"))
    for url in [start.url, page.url, about.url, "/de/ueber-das-projekt/", "/fr/nexiste-pas/"]:
        response = client.get(url, follow=True)
        link = header_link(response.content.decode())
        assert link is not None and link.group(1) == "/de/leichte-sprache/", url
    # Inside the section the link says that the visitor is there.
    assert 'aria-current="true"' in header_link(get(client, page.url)).group(2)
    assert "aria-current" not in header_link(get(client, "/de/")).group(2)


def test_the_switcher_says_there_is_no_translation(client, site):
    _home, _start, page = site
    html = get(client, page.url)
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    for code, note in [("en", "(home page)"), ("nl", "(startpagina)"), ("fr", "(page d’accueil)")]:
        assert re.search(
            rf'<a class="language-switcher__home" href="/{code}/" hreflang="{code}"[^>]*'
            rf'data-fallback="home"',
            switcher,
        ), code
        assert note in switcher
    assert 'aria-current="true"' in switcher


def test_hreflang_and_sitemap_name_german_only(client, site):
    _home, _start, page = site
    html = get(client, page.url)
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)
    url = "http://testserver/de/leichte-sprache/barrierefreiheit/"
    assert alternates == [("de", url), ("x-default", url)]
    assert f'<link rel="canonical" href="{url}">' in html

    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        entry.find("s:loc", ns).text: [
            (link.get("hreflang"), link.get("href")) for link in entry.findall("x:link", ns)
        ]
        for entry in sitemap.findall("s:url", ns)
    }
    assert entries[url] == [("de", url), ("x-default", url)]
    start_url = "http://testserver/de/leichte-sprache/"
    assert entries[start_url] == [("de", start_url), ("x-default", start_url)]
    assert not any("/en/leichte" in loc or "/fr/leichte" in loc for loc in entries)


def test_an_editors_change_shows_on_the_next_request(client, site):
    _home, _start, page = site
    assert "Sie können die Schrift größer machen." in get(client, page.url)
    get(client, page.url)  # now from the page cache

    page.body = [sentences("Sie können die Schrift noch größer machen.")]
    publish(page)

    html = get(client, page.url)
    assert "Sie können die Schrift noch größer machen." in html
    assert "<p>Sie können die Schrift größer machen.</p>" not in html


def test_the_header_link_follows_the_start_page(client, site):
    _home, start, _page = site
    get(client, "/en/")
    start.slug = "einfach-lesen"
    publish(start)
    assert header_link(get(client, "/en/")).group(1) == "/de/einfach-lesen/"

    start.unpublish()
    assert header_link(get(client, "/en/")) is None
    assert header_link(get(client, "/de/")) is None


def test_easy_read_pages_are_not_translated(site):
    home, start, page = site
    with translation.override("de"), pytest.raises(ValidationError, match="nur auf Deutsch"):
        localize_translate(page, "en", {})
    # "Translate" on the German home with its subtree: everything but the easy-read pages.
    workshop = ContentPageFactory(parent=home, title="Werkstatt", slug="werkstatt")
    start_translations(home, [locale("en")], user=None, include_subtree=True)
    assert workshop.get_translation_or_none(locale("en")) is not None
    assert page.get_translation_or_none(locale("en")) is None
    assert start.get_translation_or_none(locale("en")) is None


def test_a_line_takes_one_sentence():
    block = EasyReadStreamBlock()
    value = block.to_python(
        [
            {
                "type": "sentences",
                "value": [{"text": "Das ist ein Satz. Das ist noch ein Satz.", "image": None}],
            }
        ]
    )
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)
    fine = block.to_python(
        [{"type": "sentences", "value": [{"text": "Das ist ein Satz.", "image": None}]}]
    )
    block.clean(fine)


def test_translate_in_the_admin_says_the_page_stays_german(client, site, django_user_model):
    _home, _start, page = site
    editor = django_user_model.objects.create_superuser("redaktion-test", "r@example.org", "pw")
    client.force_login(editor)
    url = f"/admin/localize/submit/page/{page.pk}/"

    response = client.post(url, {"locales": [locale("en").pk]}, follow=True)

    assert response.redirect_chain[0] == (f"/admin/pages/{page.pk}/edit/", 302)
    assert "gibt es nur auf Deutsch" in response.content.decode()
    assert page.get_translation_or_none(locale("en")) is None
