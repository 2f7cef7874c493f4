"""The site search as a visitor uses it: per language, paginated, robust to any query."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import Locale, PageViewRestriction

from core.search import SearchHit, SearchSource
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from tests.seo.conftest import make_page, postgres_only

pytestmark = pytest.mark.django_db


def hits(html: str) -> list[tuple[str, str]]:
    """(href, title) of each result shown."""
    return [(href, title) for href, _lang, title in marked_hits(html)]


def result_cards(html: str) -> list:
    """The result cards (not the suggestions) as BeautifulSoup elements."""
    results = BeautifulSoup(html, "html.parser").select_one("ol.search__results")
    return results.select("li.hit") if results else []


def marked_hits(html: str) -> list[tuple[str, str, str]]:
    """(href, lang, title) of each result shown; lang is "" where it is the page's language."""
    found = []
    for card in result_cards(html):
        link = card.select_one(".hit__title a")
        found.append((link["href"], link.get("lang", ""), link.get_text()))
    return found


def status(html: str) -> str:
    element = BeautifulSoup(html, "html.parser").select_one('.search__status[role="status"]')
    # Spaces and line breaks of the template folded; no-break spaces (French) kept.
    return re.sub(r"[ \t\n]+", " ", element.get_text()).strip() if element else ""


SEARCH_PATHS = {
    "de": "/de/suche/",
    "en": "/en/search/",
    "nl": "/nl/zoeken/",
    "fr": "/fr/recherche/",
}


def search(client, query, code="de", **params):
    response = client.get(SEARCH_PATHS[code], {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


def test_search_page_has_a_labelled_form_and_is_not_indexed(client, demo):
    html = client.get("/de/suche/").content.decode().replace(SOFT_HYPHEN, "")
    assert '<meta name="robots" content="noindex">' in html
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one('label[for="search-query"]').get_text() == "Suchbegriff"
    field = page.select_one("form[role=search] #search-query")
    assert (field["type"], field["name"]) == ("search", "q")
    assert "<h1>Suche</h1>" in html
    assert hits(html) == [] and status(html) == ""


@pytest.mark.parametrize(
    ("code", "query", "url", "heading", "label", "count"),
    [
        ("de", "Projekt", "/de/ueber-das-projekt/", "Suche", "Suchbegriff", "Ergebnis"),
        ("en", "project", "/en/about-the-project/", "Search", "Search term", "result"),
        ("nl", "project", "/nl/over-het-project/", "Zoeken", "Zoekterm", "resulta"),
        ("fr", "projet", "/fr/a-propos/", "Recherche", "Terme recherché", "résultat"),
    ],
)
def test_search_finds_pages_of_the_visitors_language_only(
    client, demo, code, query, url, heading, label, count
):
    html = search(client, query, code)
    found = hits(html)
    assert url in [href for href, _title in found]
    assert all(href.startswith(f"/{code}/") for href, _title in found), found
    assert f"<h1>{heading}</h1>" in html and f">{label}</label>" in html
    assert count in status(html)
    assert f'<html lang="{code}">' in html


def test_results_show_title_and_description(client, about):
    results = search(client, "Projekt").split('<ol class="search__results"', 1)[1]
    block = results.split('href="/de/ueber-das-projekt/"', 1)[1].split("</li>", 1)[0]
    assert ">Über das Projekt</a>" in block
    assert f'<p class="hit__text">{about.search_description}</p>' in block


def test_unpublished_and_private_pages_are_not_found(client, demo):
    draft = make_page(demo, title="Zauberwort Entwurf", slug="entwurf")
    draft.unpublish()
    private = make_page(demo, title="Zauberwort Intern", slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = make_page(demo, title="Zauberwort Öffentlich", slug="oeffentlich")
    assert hits(search(client, "Zauberwort")) == [(public.url, public.title)]


def test_results_are_paginated(client, demo):
    for number in range(13):
        make_page(demo, title=f"Kupferkessel {number}", slug=f"kessel-{number}")
    first = search(client, "Kupferkessel")
    second = search(client, "Kupferkessel", page=2)
    assert status(first) == "13 Ergebnisse für „Kupferkessel“"
    assert len(hits(first)) == 10 and len(hits(second)) == 3
    assert not set(hits(first)) & set(hits(second))
    assert 'href="?q=Kupferkessel&amp;page=2" rel="next"' in first
    assert 'href="?q=Kupferkessel&amp;page=1" rel="prev"' in second
    # A page number out of range or not a number shows the nearest page, not an error.
    assert hits(search(client, "Kupferkessel", page=99)) == hits(second)
    assert hits(search(client, "Kupferkessel", page="abc")) == hits(first)


def test_search_queries_do_not_grow_with_the_number_of_hits(client, demo):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            search(client, "Kupferkessel")
        return len(queries)

    for number in range(3):
        make_page(demo, title=f"Kupferkessel {number}", slug=f"kessel-{number}")
    search(client, "Kupferkessel")  # warm up caches
    few = count_queries()
    for number in range(3, 25):
        make_page(demo, title=f"Kupferkessel {number}", slug=f"kessel-{number}")
    search(client, "Kupferkessel")  # new pages: the cached page frame is made again once
    assert count_queries() == few


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("de", "Vielleicht hilft ein anderes oder ein kürzeres Wort."),
        ("en", "Perhaps a different or shorter word will help."),
    ],
)
def test_no_results_says_so(client, demo, code, text):
    html = search(client, "Xylophonquartett", code)
    assert hits(html) == []
    assert "0" in status(html) and "Xylophonquartett" in status(html)
    assert text in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 5000,
        "Design " * 400,
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "\x00",
        "Werk\x00statt",
        "%00",
        "%",
        "100%",
        "\\",
        "'",
        '"unbalanced',
        "AND OR NOT",
        "NEAR(a b)",
        "* ^ ~ : ! & | ( ) <-> :*",
        "title:Design",
        "Ä ö ü ß é ç ñ 漢字 🙂",
        "\u200b\ufeff\u2028",
        "<script>alert(1)</script>",
        "und",
    ],
)
def test_no_query_string_causes_an_error(client, demo, query):
    html = search(client, query)
    assert "<h1>Suche</h1>" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("query_string", ["q=%00&page=%00", "q=%ED%A0%80", "q=%FF%FE", "q=a&q=b"])
def test_raw_bytes_in_the_address(client, demo, query_string):
    response = client.get(f"/de/suche/?{query_string}")
    assert response.status_code == 200


def test_another_app_adds_its_results_after_the_pages(client, demo):
    """How the catalogue's products join the search: a registered SearchSource."""
    make_page(demo, title="Filzpantoffel Geschichte", slug="filz")

    class Products(list):
        def count(self):
            return len(self)

    def find_products(query, locale):
        names = ["Filzpantoffel grün", "Filzpantoffel blau"]
        return Products(
            n for n in names if query.lower() in n.lower() and locale.language_code == "de"
        )

    source = SearchSource(
        name="products",
        order=20,
        search=find_products,
        hit=lambda name, request: SearchHit(title=name, url=f"/de/produkte/{name[-4:]}/"),
    )
    with hooks.register_temporarily("register_site_search_source", lambda: source):
        html = search(client, "Filzpantoffel")
        english = search(client, "Filzpantoffel", "en")
    assert [title for _href, title in hits(html)] == [
        "Filzpantoffel Geschichte",
        "Filzpantoffel grün",
        "Filzpantoffel blau",
    ]
    assert status(html) == "3 Ergebnisse für „Filzpantoffel“"
    assert hits(english) == []


def test_plain_word_matching_on_every_database(client, demo):
    page = make_page(demo, title="Die Werkstatt am Depot", slug="werkstatt-depot")
    assert (page.url, page.title) in hits(search(client, "Werkstatt"))


@postgres_only
def test_german_search_uses_german_stemming(client, demo):
    page = make_page(
        demo, title="Besuch am Depot", slug="besuch", intro="Ein Rundgang durch die Werkstatt."
    )
    assert (page.url, page.title) in hits(search(client, "Werkstätten"))
    assert (page.url, page.title) in hits(search(client, "Rundgänge"))


@postgres_only
def test_each_language_is_stemmed_with_its_own_rules(client, demo):
    english = demo.get_translation(Locale.objects.get(language_code="en"))
    french = demo.get_translation(Locale.objects.get(language_code="fr"))
    walk = make_page(english, title="Walking tours", slug="tours", intro="We walked around.")
    atelier = make_page(
        french, title="Les ateliers", slug="nos-ateliers", intro="Nous fabriquons."
    )  # not "ateliers": the demo's workshops index has that address
    assert (walk.url, walk.title) in hits(search(client, "walk", "en"))
    assert (atelier.url, atelier.title) in hits(search(client, "atelier", "fr"))
    # German rules do not apply to English texts: the German search does not list them.
    assert all(href.startswith("/de/") for href, _title in hits(search(client, "walk", "de")))


# --- Products: the title the visitor sees, stemmed like pages ---------------------------------


def search_in(client, code, query) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(code):
        url = reverse("search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


def product_url(code, slug) -> str:
    from products.models import ProductIndexPage

    return f"{ProductIndexPage.objects.get(locale__language_code=code).url}{slug}/"


def test_a_french_visitor_finds_a_product_by_its_french_title(client, demo):
    found = marked_hits(search_in(client, "fr", "Sac Depot"))
    assert (
        product_url("fr", "depot-bag-made-from-tram-seat-fabric"),
        "",
        "Sac Depot en tissu de siège de tram",
    ) in found
    # Its German title is not what a French visitor sees: it does not find it.
    assert not any(
        "depot-bag" in href
        for href, _lang, _title in marked_hits(search_in(client, "fr", "Depot-Tasche"))
    )


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_an_untranslated_product_is_found_by_its_german_fallback_title(client, demo, code):
    found = marked_hits(search_in(client, code, "Fahrkartenetui"))
    assert (product_url(code, "ticket-pouch"), "de", "Fahrkartenetui") in found
    # ... at its address in the visitor's language, with the result marked as German.


def test_the_german_search_finds_german_titles_only_once(client, demo):
    found = marked_hits(search_in(client, "de", "Fahrkartenetui"))
    assert found.count((product_url("de", "ticket-pouch"), "", "Fahrkartenetui")) == 1


@postgres_only
@pytest.mark.parametrize(
    ("code", "query", "slug"),
    [
        ("en", "stools", "talstrasse-stool"),
        ("fr", "tabourets", "talstrasse-stool"),
        ("nl", "krukken", "talstrasse-stool"),
        # A German fallback text is stemmed with the German rules, also on a French page.
        ("fr", "Messingdruckknöpfe", "ticket-pouch"),
    ],
)
def test_products_are_stemmed_like_pages(client, demo, code, query, slug):
    found = [href for href, _lang, _title in marked_hits(search_in(client, code, query))]
    assert product_url(code, slug) in found
