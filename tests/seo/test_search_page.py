"""The search page as a visitor sees it, in each language: results as cards with a picture, their
kind and language, counts, and something to go on where there is nothing to list (no query yet,
or no results)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Locale

from catalogue.models import Product
from core.search import MAX_QUERY_LENGTH
from tests.seo.conftest import make_image, make_page
from tests.seo.test_search import marked_hits, result_cards, search, status

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "nl", "fr"]
# The kinds of result the page counts, as (singular, plural) msgids.
KINDS = [
    ("%(count)s Seite", "%(count)s Seiten"),
    ("%(count)s Designer:in", "%(count)s Designer:innen"),
    ("%(count)s Geschichte", "%(count)s Geschichten"),
    ("%(count)s Kampagne", "%(count)s Kampagnen"),
    ("%(count)s Produkt", "%(count)s Produkte"),
    ("%(count)s Werkstatt", "%(count)s Werkstätten"),
    ("%(count)s Termin", "%(count)s Termine"),
]


def gettext_in(code: str, msgid: str, context: str = "") -> str:
    with translation.override(code):
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


def page_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def card_for(html: str, href_part: str):
    cards = [c for c in result_cards(html) if href_part in c.select_one(".hit__title a")["href"]]
    assert cards, f"no result links to {href_part}"
    return cards[0]


def kind_of(card) -> str:
    """The card's kind ("Produkt"), without the language badge."""
    kind = card.select_one(".hit__kind")
    badge = kind.select_one(".hit__language")
    text = kind.get_text(" ", strip=True)
    return text.removesuffix(badge.get_text(strip=True)).strip() if badge else text


def suggestion_groups(html: str) -> dict[str, list]:
    """{group heading: its cards} of the suggestions shown."""
    section = page_of(html).select_one(".search__suggestions")
    if section is None:
        return {}
    return {
        heading.get_text(strip=True): heading.find_next_sibling("ul").select("li.hit")
        for heading in section.select("h3.search__group")
    }


def in_language(code: str):
    return Locale.objects.get(language_code=code)


# --- Counts --------------------------------------------------------------------------------------

STATUS = {
    "de": {0: "0 Ergebnisse für „{q}“", 1: "1 Ergebnis für „{q}“", 2: "2 Ergebnisse für „{q}“"},
    "en": {0: "0 results for “{q}”", 1: "1 result for “{q}”", 2: "2 results for “{q}”"},
    "nl": {0: "0 resultaten voor ‘{q}’", 1: "1 resultaat voor ‘{q}’", 2: "2 resultaten voor ‘{q}’"},
    # French counts zero as singular, and spaces the guillemets with no-break spaces.
    "fr": {
        0: "0 résultat pour «\u00a0{q}\u00a0»",
        1: "1 résultat pour «\u00a0{q}\u00a0»",
        2: "2 résultats pour «\u00a0{q}\u00a0»",
    },
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_count_of_results_has_the_plural_of_the_visitors_language(client, demo, code):
    home = demo.get_translation(in_language(code))
    make_page(home, title="Zauberkessel Quappe", slug="zauberkessel-quappe")
    make_page(home, title="Zauberkessel Grille", slug="zauberkessel-grille")
    for query, number in [("Zauberkessel", 2), ("Quappe", 1), ("Xylophonquartett", 0)]:
        assert status(search(client, query, code)) == STATUS[code][number].format(q=query)


@pytest.mark.parametrize(("code", "query"), [("de", "Aachen"), ("en", "Aachen"), ("fr", "Aachen")])
def test_results_are_counted_per_kind(client, demo, code, query):
    html = search(client, query, code)
    total = int(status(html).split()[0])
    counted = [li.get_text(strip=True) for li in page_of(html).select(".search__kinds li")]
    assert len(counted) > 1, "the demo finds more than one kind of result here"
    numbers = []
    for text in counted:
        number = int(text.split()[0])
        with translation.override(code):
            labels = [translation.ngettext(s, p, number) % {"count": number} for s, p in KINDS]
        assert text in labels, f"{text!r} is not a kind counted in {code}"
        numbers.append(number)
    assert sum(numbers) == total
    assert numbers == sorted(numbers, reverse=True)


def test_one_kind_of_result_is_not_counted_again(client, demo):
    make_page(demo, title="Zauberkessel Quappe", slug="zauberkessel-quappe")
    html = search(client, "Quappe")
    assert status(html) == "1 Ergebnis für „Quappe“"
    assert page_of(html).select(".search__kinds") == []


# --- Cards: picture, kind, language --------------------------------------------------------------

PRODUCT_QUERIES = {"de": "Hocker", "en": "stool", "nl": "kruk", "fr": "tabouret"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_product_result_shows_its_photo_kind_and_category(client, demo, code):
    html = search(client, PRODUCT_QUERIES[code], code)
    card = card_for(html, "/talstrasse-stool/")
    assert kind_of(card) == gettext_in(code, "Produkt")
    assert card.select_one(".hit__media picture img") is not None
    assert card.select_one(".hit__placeholder") is None
    assert card.select_one(".hit__detail").get_text(strip=True)  # the category, e.g. "Hocker"
    assert card.select_one(".hit__title a").get("lang") is None  # translated in all four


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_designer_result_shows_the_portrait(client, demo, code):
    card = card_for(search(client, "Hoffmann", code), "/lena-hoffmann/")
    assert kind_of(card) == gettext_in(code, "Designer:in")
    assert card.select_one(".hit__media picture img") is not None


def test_a_page_without_a_picture_gets_a_placeholder_and_one_with_its_picture(client, demo):
    plain = make_page(demo, title="Zauberkessel ohne Bild", slug="ohne-bild")
    pictured = make_page(
        demo, title="Zauberkessel mit Bild", slug="mit-bild", social_image=make_image()
    )
    html = search(client, "Zauberkessel")
    without, with_picture = card_for(html, plain.url), card_for(html, pictured.url)
    assert kind_of(without) == "Seite" and kind_of(with_picture) == "Seite"
    assert without.select_one(".hit__placeholder") is not None
    assert without.select_one("img") is None
    assert with_picture.select_one("picture img")["alt"] == ""  # the title beside says it all


@pytest.mark.parametrize(("code", "badge"), [("fr", "en allemand"), ("nl", "in het Duits")])
def test_a_result_shown_in_german_is_marked_as_german(client, demo, code, badge):
    html = search(client, "Fahrkartenetui", code)
    card = card_for(html, "/ticket-pouch/")
    assert card.select_one(".hit__title a")["lang"] == "de"
    assert card.select_one(".hit__text")["lang"] == "de"
    assert card.select_one(".hit__language").get_text(strip=True) == badge
    assert card.select_one(".hit__language").get("lang") is None  # the badge is in French
    # The kind is the visitor's language, not German.
    assert kind_of(card) == gettext_in(code, "Produkt")


def test_a_translated_result_is_not_marked(client, demo):
    card = card_for(search(client, "Sac Depot", "fr"), "/depot-bag-made-from-tram-seat-fabric/")
    assert card.select_one(".hit__title a").get("lang") is None
    assert card.select_one(".hit__language") is None


# --- Nothing to list yet, or nothing found: suggestions in the visitor's language ---------------


def assert_suggestions_in_language(html: str, code: str) -> None:
    groups = suggestion_groups(html)
    assert list(groups) == [
        gettext_in(code, "Neue Produkte"),
        gettext_in(code, "Designer:innen"),
    ]
    products, designers = groups.values()
    assert 0 < len(products) <= 4 and 0 < len(designers) <= 4
    for card in products:
        link = card.select_one(".hit__title a")
        slug = link["href"].rstrip("/").rsplit("/", 1)[1]
        assert link["href"].startswith(f"/{code}/")
        assert kind_of(card) == gettext_in(code, "Produkt")
        translated = Product.objects.filter(locale__language_code=code, slug=slug).first()
        if link.get("lang"):  # shown in German: there is no translation in this language
            assert link["lang"] == "de" and (translated is None or code == "de")
        else:
            assert translated is not None and link.get_text() == translated.title
    for card in designers:
        assert card.select_one(".hit__title a")["href"].startswith(f"/{code}/")
        assert kind_of(card) == gettext_in(code, "Designer:in")
        assert card.select_one("picture img") is not None
        assert card.select_one(".hit__title").name == "h4"  # under the group's h3


@pytest.mark.parametrize("code", LANGUAGES)
def test_without_a_query_the_page_invites_a_search_and_suggests(client, demo, code):
    html = search(client, "", code)
    page = page_of(html)
    assert status(html) == "" and result_cards(html) == []
    assert page.select_one("#search-query")["value"] == ""
    hint = page.select_one(".search__hint").get_text(" ", strip=True)
    assert gettext_in(code, "Suchen Sie nach Produkten, Designer:innen, Geschichten und Seiten dieser Website.") in hint  # fmt: skip
    examples = page.select(".search__hint a")
    assert [a.get_text() for a in examples] == [
        gettext_in(code, "Tasche", "Suchbeispiel"),
        gettext_in(code, "Hocker", "Suchbeispiel"),
    ]
    for example in examples:  # each example finds something in this language
        assert result_cards(search(client, example.get_text(), code)), example
    assert page.select_one(".search__suggestions h2").get_text() == gettext_in(
        code, "Zum Entdecken"
    )
    assert_suggestions_in_language(html, code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_results_suggests_products_and_designers(client, demo, code):
    html = search(client, "Xylophonquartett", code)
    assert result_cards(html) == []
    assert page_of(html).select_one(".search__suggestions h2").get_text() == gettext_in(
        code, "Vielleicht finden Sie hier etwas"
    )
    assert_suggestions_in_language(html, code)


def test_results_leave_out_the_suggestions(client, demo):
    assert suggestion_groups(search(client, "Hocker")) == {}


# --- Any query: a clear word, never an error ----------------------------------------------------


def notes(html: str) -> list[str]:
    return [p.get_text(strip=True) for p in page_of(html).select("#search-notes p")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_very_long_query_is_cut_and_says_so(client, demo, code):
    html = search(client, "Design " * 400, code)
    assert notes(html) == [
        gettext_in(
            code, "Der Suchbegriff war zu lang; gesucht wurde nach seinen ersten %(count)s Zeichen."
        )
        % {"count": MAX_QUERY_LENGTH}
    ]
    field = page_of(html).select_one("#search-query")
    assert len(field["value"]) <= MAX_QUERY_LENGTH
    assert field["aria-describedby"] == "search-notes"


def test_html_in_the_query_is_shown_as_text(client, demo):
    html = search(client, '<img src=x onerror="alert(1)"><b>Tasche</b>')
    assert "<b>Tasche</b>" not in html and "<img src=x" not in html
    assert "&lt;b&gt;Tasche&lt;/b&gt;" in html
    assert "<b>Tasche</b>" in status(html)  # as the visitor typed it, quotes aside
    assert notes(html) == ["Anführungszeichen und Steuerzeichen im Suchbegriff wurden übergangen."]


def test_a_query_of_nothing_searchable_says_so_and_suggests(client, demo):
    html = search(client, "\x00\x01 \x7f", "en")
    assert notes(html) == ["This search term contains nothing we can search for."]
    assert status(html) == ""
    assert suggestion_groups(html)


@pytest.mark.parametrize("query", ["Ä ö ü ß é ç ñ 漢字 🙂", "Straßenbahnsitzstoff", "Café"])
def test_unicode_queries_are_taken_as_typed(client, demo, query):
    html = search(client, query)
    assert notes(html) == []
    assert re.fullmatch(rf"\d+ Ergebnis(se)? für „{re.escape(query)}“", status(html))


def test_a_title_copied_with_its_soft_hyphens_finds_its_product(client, demo):
    """Card titles carry soft hyphens (|hyphenate); a visitor who copies one into the search (or
    brings a zero-width space from elsewhere) finds the product as if the words were typed."""
    html = search(client, "Kis\u00adsen\u00adh\u00fcl\u00adle Li\u200bnie", "de")
    assert card_for(html, "/line-7-cushion-cover/")
    assert notes(html) == []
    assert re.fullmatch(r"\d+ Ergebnis(se)? für „Kissenhülle Linie“", status(html))


# --- Cost and caching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/de/suche/?q=Aachen",
        "/fr/recherche/?q=sac",
        "/nl/zoeken/?q=Fahrkartenetui",
        "/de/suche/",
        "/en/search/?q=Xylophonquartett",
    ],
)
def test_the_search_page_costs_a_bounded_number_of_queries(
    client, demo, django_assert_max_num_queries, path
):
    client.get(path)  # warm up: the page frame is cached, renditions exist
    with django_assert_max_num_queries(16):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/de/suche/?q=Tasche", "/de/suche/"])
def test_the_search_page_is_never_cached(client, demo, path):
    response = client.get(path)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    again = client.get(path)
    assert again.get("X-Cache") != "hit"


def test_results_keep_the_order_of_kinds(client, demo):
    """Pages first, then products (the order of the search sources)."""
    found = marked_hits(search(client, "Tasche"))
    # A product's address is under the product index (an easy-read page's slug may say "produkte").
    kinds = [href.startswith("/de/produkte/") for href, _lang, _title in found]
    assert any(kinds) and not all(kinds), found  # both kinds found
    assert kinds == sorted(kinds)


# --- The suggestions are kept, and follow what they show ------------------------------------------


def queries_asked(client, query, code) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        search(client, query, code)
    return [query["sql"] for query in captured.captured_queries]


def suggested_titles(html: str) -> list[list[str]]:
    return [
        [card.select_one(".hit__title a").get_text(strip=True) for card in cards]
        for cards in suggestion_groups(html).values()
    ]


@pytest.mark.usefixtures("uncached_pages_with_fragments")
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_kept_suggestions_follow_a_new_designer_and_a_featured_product(
    client, demo, code, monkeypatch
):
    """The suggestions are the same for every visitor of a language: kept as a page fragment
    (`core.views.kept_suggestions`), a search with no result asks for no product and no
    designer. A designer published in the visitor's language and a product an editor features
    show among them on the next search, as a render from scratch shows them."""
    from core import fragments
    from designers.models import DesignerIndexPage, DesignerPage
    from tests.factories import translate

    search(client, "Xylophonquartett", code)
    asked = queries_asked(client, "Xylophonquartett", code)
    # The search itself only: not the newest designers, not the featured products.
    assert not [sql for sql in asked if '"designers_designerpage"' in sql or '"featured"' in sql]

    index = DesignerIndexPage.objects.get(locale__language_code="de")
    designer = DesignerPage(
        title="Mara Quellen", slug="mara-quellen", lead="Entwirft Leuchten.", city="Aachen"
    )
    index.add_child(instance=designer)
    designer.save_revision().publish()
    if code != "de":
        translate(designer, code, title=f"Mara Quellen ({code})")
    newest = "Mara Quellen" if code == "de" else f"Mara Quellen ({code})"
    products, designers = suggested_titles(search(client, "", code))
    assert designers[0] == newest

    german = Product.objects.sources().live().order_by("pk").last()
    assert german.title not in products
    german.featured = True
    german.save()
    shown = (
        Product.objects.filter(
            translation_key=german.translation_key, locale__language_code=code
        ).first()
        or german
    )
    html = search(client, "Xylophonquartett", code)
    products, designers = suggested_titles(html)
    assert shown.title in products and designers[0] == newest
    monkeypatch.setattr(fragments, "ENABLED", False)
    assert search(client, "Xylophonquartett", code) == html  # as a render from scratch


@pytest.mark.usefixtures("uncached_pages_with_fragments")
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_kept_result_cards_follow_an_edit_a_new_picture_and_the_catalogue(
    client, demo, code, monkeypatch
):
    """A result's card is kept per page or product and language (`SearchSource.card_name`): a
    search that lists cards it has shown before asks for no page type's fields, no picture and
    no product's photos or variants. An editor's draft leaves a card as it is; a publish of a new
    search description or picture, and a product renamed in the catalogue, show on the next
    search, as a render from scratch shows them."""
    from core import fragments
    from tests.factories import translate

    german = make_page(demo, title="Zauberkessel Werkstatt", search_description="Erster Satz.")
    page = german
    if code != "de":
        page = translate(german, code, title=f"Zauberkessel ({code})")
    source = Product.objects.sources().live().order_by("pk").first()
    product = (
        Product.objects.filter(
            translation_key=source.translation_key, locale__language_code=code
        ).first()
        or source
    )
    product.title = "Zauberkessel Leuchte"
    product.save()

    def card_texts(html):
        return {
            card.select_one(".hit__title a").get_text(strip=True): (
                card.select_one(".hit__text").get_text(strip=True)
                if card.select_one(".hit__text")
                else "",
                card.select_one(".hit__media img") is not None,
            )
            for card in result_cards(html)
        }

    first = card_texts(search(client, "Zauberkessel", code))
    assert first[page.title] == ("Erster Satz.", False) and "Zauberkessel Leuchte" in first

    def tables_asked(query):
        asked = " ".join(queries_asked(client, query, code))
        return {table for table in ('"core_contentpage"', '"catalogue_variant"') if table in asked}

    # Cards shown before: neither the page's own fields nor the product's variants are asked
    # for; a search with another hit makes its cards.
    assert tables_asked("Zauberkessel") == set()
    other = make_page(demo, title="Zaubertrank Werkstatt")
    if code != "de":
        translate(other, code)
    assert tables_asked("Zaubertrank") == {'"core_contentpage"'}

    page.search_description = "Zweiter Satz."
    page.save_revision()  # a draft: visitors still see what is published
    assert card_texts(search(client, "Zauberkessel", code))[page.title] == ("Erster Satz.", False)
    page.save_revision().publish()
    assert card_texts(search(client, "Zauberkessel", code))[page.title] == ("Zweiter Satz.", False)

    page.social_image = make_image(title="Kessel")
    page.save_revision().publish()
    assert card_texts(search(client, "Zauberkessel", code))[page.title] == ("Zweiter Satz.", True)

    product.title = "Zauberkessel Tischleuchte"
    product.save()
    html = search(client, "Zauberkessel", code)
    assert "Zauberkessel Tischleuchte" in card_texts(html)
    assert "Zauberkessel Leuchte" not in card_texts(html)
    monkeypatch.setattr(fragments, "ENABLED", False)
    assert search(client, "Zauberkessel", code) == html  # as a render from scratch
