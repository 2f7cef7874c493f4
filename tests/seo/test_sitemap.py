"""sitemap.xml as a search engine reads it, and robots.txt pointing to it."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Locale, Page, PageViewRestriction

from core.models import Navigation
from core.sitemaps import TranslatedSitemap
from tests.seo.conftest import make_page

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def read_sitemap(client) -> dict[str, dict]:
    """{location: {"lastmod": …, "alternates": {hreflang: href}}} of /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response, not untrusted input
    entries = {}
    for url in root.findall("s:url", NS):
        location = url.findtext("s:loc", namespaces=NS)
        assert location not in entries, f"{location} twice"
        entries[location] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("x:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return entries


def live_pages():
    return Page.objects.live().public().filter(depth__gte=2).select_related("locale")


def page_entries(entries: dict) -> dict:
    """The entries of the pages section (the products and workshops sections list URLs below their
    indexes)."""
    from products.models import ProductIndexPage
    from workshops.models import WorkshopIndexPage

    indexes = [
        index.full_url
        for model in (ProductIndexPage, WorkshopIndexPage)
        for index in model.objects.live()
    ]
    return {
        url: entry
        for url, entry in entries.items()
        if not any(url.startswith(index) and url != index for index in indexes)
    }


def test_every_live_page_in_every_language_with_its_translations(client, demo):
    entries = page_entries(read_sitemap(client))
    pages = list(live_pages())
    assert {code for page in pages for code in [page.locale.language_code]} == {
        "de",
        "en",
        "nl",
        "fr",
    }
    assert set(entries) == {page.full_url for page in pages}
    for page in pages:
        entry = entries[page.full_url]
        # The date in the site's time zone (Berlin), as the sitemap writes it.
        assert entry["lastmod"] == timezone.localdate(page.last_published_at).isoformat()
        translations = {
            t.locale.language_code: t.full_url
            for t in live_pages().filter(translation_key=page.translation_key)
        }
        assert {k: v for k, v in entry["alternates"].items() if k != "x-default"} == translations
        assert entry["alternates"]["x-default"] == translations["de"]


def test_about_page_lists_its_four_languages(client, demo):
    entry = read_sitemap(client)["http://testserver/nl/over-het-project/"]
    assert entry["alternates"] == {
        "de": "http://testserver/de/ueber-das-projekt/",
        "en": "http://testserver/en/about-the-project/",
        "nl": "http://testserver/nl/over-het-project/",
        "fr": "http://testserver/fr/a-propos/",
        "x-default": "http://testserver/de/ueber-das-projekt/",
    }


def test_unpublished_and_private_pages_are_left_out(client, demo, about):
    draft = make_page(demo, title="Entwurf", slug="entwurf")
    draft.unpublish()
    private = make_page(demo, title="Intern", slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    below_private = make_page(private, title="Noch interner", slug="noch-interner")
    about.get_translation(Locale.objects.get(language_code="fr")).unpublish()

    entries = read_sitemap(client)
    assert "http://testserver/de/entwurf/" not in entries
    assert "http://testserver/de/intern/" not in entries
    assert below_private.full_url not in entries
    assert "http://testserver/fr/a-propos/" not in entries
    assert "fr" not in entries["http://testserver/de/ueber-das-projekt/"]["alternates"]


def test_page_only_in_german_has_itself_as_only_alternate(client, demo):
    page = make_page(demo, title="Nur auf Deutsch", slug="nur-auf-deutsch")
    assert read_sitemap(client)[page.full_url]["alternates"] == {
        "de": page.full_url,
        "x-default": page.full_url,
    }


def test_sitemap_queries_do_not_grow_with_the_number_of_pages(client, demo):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    count_queries()  # warm up: Wagtail caches the site root paths
    before = count_queries()
    for number in range(15):
        make_page(demo, title=f"Seite {number}", slug=f"seite-{number}")
    assert len(page_entries(read_sitemap(client))) == live_pages().count()
    assert count_queries() == before


def test_sitemap_is_outside_the_language_prefix(client, demo):
    response = client.get("/sitemap.xml", headers={"accept-language": "fr"})
    assert response.status_code == 200
    assert b"<urlset" in response.content


def test_robots_txt_points_to_the_sitemap(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_another_app_adds_a_section_with_alternates(client, demo):
    """How the catalogue's products join: a TranslatedSitemap over a translatable model."""

    class NavigationSitemap(TranslatedSitemap):
        def items(self):
            return list(Navigation.objects.order_by("pk"))

        def location(self, navigation):
            code = self.language_code(navigation)
            return self.absolute_url(f"/{code}/navigation/{navigation.translation_key}/")

        def lastmod(self, navigation):
            return None

    with hooks.register_temporarily(
        "register_sitemap_section", lambda: ("navigation", NavigationSitemap)
    ):
        entries = read_sitemap(client)

    german = Navigation.objects.get(locale__language_code="de")
    key = german.translation_key
    entry = entries[f"http://testserver/fr/navigation/{key}/"]
    assert entry["alternates"] == {
        "de": f"http://testserver/de/navigation/{key}/",
        "en": f"http://testserver/en/navigation/{key}/",
        "nl": f"http://testserver/nl/navigation/{key}/",
        "fr": f"http://testserver/fr/navigation/{key}/",
        "x-default": f"http://testserver/de/navigation/{key}/",
    }
    assert "http://testserver/de/" in entries  # the pages are still there
