"""The language switcher as rendered in each language: it keeps what the visitor was looking at
(filters, pagination, the search query; nothing else), and says so where a language has no
translation of the page instead of jumping silently to that language's home page."""

import re

import pytest

from catalogue.models import Product
from core.models import ContentPage

pytestmark = pytest.mark.django_db

INDEXES = {
    "designers": {"de": "designerinnen", "en": "designers", "nl": "ontwerpers", "fr": "createurs"},
    "stories": {"de": "geschichten", "en": "stories", "nl": "verhalen", "fr": "histoires"},
}
SEARCH = {"de": "suche", "en": "search", "nl": "zoeken", "fr": "recherche"}
HOME_NOTES = {
    "en": "(home page)",
    "nl": "(startpagina)",
    "fr": "(page d’accueil)",
}


def switcher(html: str) -> str:
    return html.split('<nav class="language-switcher"', 1)[1].split("</nav>", 1)[0]


def hrefs(html: str) -> dict[str, str]:
    return {
        code: href.replace("&amp;", "&")
        for href, code in re.findall(r'<a[^>]* href="([^"]+)" hreflang="([^"]+)"', switcher(html))
    }


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_switcher_keeps_the_filter_and_the_page(client, demo, code):
    response = client.get(
        f"/{code}/{INDEXES['designers'][code]}/",
        {"discipline": "textil", "page": "1", "utm_source": "newsletter", "x": "<b>"},
    )
    assert response.status_code == 200
    links = hrefs(response.content.decode())
    assert links == {
        other: f"/{other}/{slug}/?discipline=textil&page=1"
        for other, slug in INDEXES["designers"].items()
        if other != code
    }


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_switcher_keeps_the_story_tag(client, demo, code):
    html = client.get(f"/{code}/{INDEXES['stories'][code]}/?tag=werkstatt&fbclid=abc").content
    links = hrefs(html.decode())
    for other, slug in INDEXES["stories"].items():
        if other != code:
            assert links[other] == f"/{other}/{slug}/?tag=werkstatt"


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_switcher_keeps_the_search_query(client, demo, code):
    html = client.get(f"/{code}/{SEARCH[code]}/", {"q": "Tasche & Sitz", "page": "2", "ref": "x"})
    links = hrefs(html.content.decode())
    assert links == {
        other: f"/{other}/{slug}/?page=2&q=Tasche+%26+Sitz"
        for other, slug in SEARCH.items()
        if other != code
    }


def test_switcher_on_a_page_without_query_has_plain_links(client, demo):
    links = hrefs(client.get("/fr/createurs/").content.decode())
    assert links["de"] == "/de/designerinnen/"
    assert links["nl"] == "/nl/ontwerpers/"


def test_language_without_the_page_is_marked_in_its_own_language(client, demo):
    german_only = ContentPage(title="Nur auf Deutsch", slug="nur-auf-deutsch", intro="Neu.")
    demo.add_child(instance=german_only)
    german_only.save_revision().publish()

    html = client.get("/de/nur-auf-deutsch/?page=3").content.decode()
    nav = switcher(html)
    for code, note in HOME_NOTES.items():
        link = re.search(rf'<a [^>]*href="/{code}/"[^>]*>.*?</a>', nav).group(0)
        assert f'hreflang="{code}"' in link and f'lang="{code}"' in link
        assert f'<span class="language-switcher__note">{note}</span>' in link
        assert 'data-fallback="home"' in link
    # The query is not carried to a home page that cannot read it.
    assert "page=3" not in nav


def test_language_with_the_page_has_no_home_note(client, demo):
    nav = switcher(client.get("/en/about-the-project/").content.decode())
    assert "language-switcher__note" not in nav
    assert "data-fallback" not in nav


def test_hreflang_alternates_carry_the_lists_own_query_and_nothing_else(client, demo):
    """A filtered list is its own page (its canonical keeps the filter, issue 18's bounded lists):
    its alternates in the other languages keep the same filter, never tracking parameters or
    the first page's `page=1`, and the page's own language is its canonical."""
    html = client.get("/en/designers/?discipline=textil&page=1&utm_source=x").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert alternates
    assert all(href.endswith("/?discipline=textil") for href in alternates.values())
    assert alternates["en"] == canonical


def test_product_page_switcher_links_each_languages_product(client, demo):
    product = Product.objects.live().sources().order_by("slug").first()
    html = client.get(f"/nl/producten/{product.slug}/?page=2&utm_source=x").content.decode()
    assert hrefs(html) == {
        "de": f"/de/produkte/{product.slug}/",
        "en": f"/en/products/{product.slug}/",
        "fr": f"/fr/produits/{product.slug}/",
    }
