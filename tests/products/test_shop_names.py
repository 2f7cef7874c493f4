"""One shop has one name on one page: a product page's production chain ("Verkauf") and its
where-to-buy list name a shop the same way, in the visitor's language where an editor translated
the retailer (both from `shop_links.presentation.stockists`)."""

import html
import re

import pytest
from wagtail.models import Locale

from catalogue.models import Product
from products.models import ProductIndexPage
from shop_links.models import Retailer, RetailerIndexPage

pytestmark = pytest.mark.django_db

TOTE = "MAN-0020"  # stocked by five retailers, "Laden im Depot" among them


def product_page(client, code: str) -> str:
    tote = Product.objects.sources().get(external_id=TOTE)
    index = ProductIndexPage.objects.live().get(locale__language_code=code)
    response = client.get(f"{index.url}{tote.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def chain_shops(page: str) -> list[tuple[str, str]]:
    """(name, lang) of each "sell" step of the production chain."""
    steps = re.findall(
        r'chain__step--sell">.*?<span class="chain__name"(?: lang="([^"]+)")?>([^<]*)</span>',
        page,
        re.DOTALL,
    )
    return [(html.unescape(name), lang) for lang, name in steps]


def listed_shops(page: str) -> list[tuple[str, str]]:
    """(name, lang) of each shop in the where-to-buy list."""
    section = re.search(r'<section class="where".*?</section>', page, re.DOTALL).group(0)
    names = re.findall(r'stockist__name"><strong(?: lang="([^"]+)")?>([^<]*)</strong>', section)
    return [(html.unescape(name), lang) for lang, name in names]


def translate_shop(ref: str, code: str, name: str) -> None:
    german = Retailer.objects.get(ref=ref, locale__language_code="de")
    locale = Locale.objects.get(language_code=code)
    translated = german.get_translation_or_none(locale) or german.copy_for_translation(locale)
    translated.name = name
    translated.live = True
    translated.save()


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_chain_and_where_to_buy_name_every_shop_alike(client, demo, code):
    page = product_page(client, code)
    chain, listed = chain_shops(page), listed_shops(page)
    assert len(chain) == 5
    assert sorted(chain) == sorted(listed)


def test_a_translated_shop_name_is_used_in_both_places(client, demo):
    translate_shop("laden-im-depot", "fr", "Boutique du Dépôt")
    page = product_page(client, "fr")
    assert ("Boutique du Dépôt", "") in chain_shops(page)
    assert ("Boutique du Dépôt", "") in listed_shops(page)
    assert "Laden im Depot" not in page

    # Other languages keep the name they have.
    german = product_page(client, "de")
    assert ("Laden im Depot", "") in chain_shops(german)
    assert ("Laden im Depot", "") in listed_shops(german)


CITY_HEADINGS = {
    "de": ["Aachen", "Köln"],
    "en": ["Aachen", "Cologne"],
    "nl": ["Aken", "Keulen"],
    "fr": ["Aix-la-Chapelle", "Cologne"],
}


@pytest.mark.parametrize("code", CITY_HEADINGS)
def test_shops_are_grouped_under_the_citys_name_in_the_visitors_language(client, demo, code):
    """The feed writes cities in German; a French reader looks for "Cologne", not "Köln". The
    headings of the product's where-to-buy list and of the retailers page use the language's own
    name for a city (`core.formats.place_name`); a shop's postal address keeps the postal form."""
    aachen, koeln = CITY_HEADINGS[code]
    # A shop in Köln stocks the tote on this page, beside the Aachen shops.
    cologne = Retailer.objects.filter(city="Köln").first()
    tote = Product.objects.sources().get(external_id=TOTE)
    cologne.links.get_or_create(product=tote)
    page = product_page(client, code)
    section = re.search(r'<section class="where".*?</section>', page, re.DOTALL).group(0)
    headings = [
        html.unescape(h) for h in re.findall(r'<h4 class="where__city">([^<]*)</h4>', section)
    ]
    assert aachen in headings and koeln in headings, headings
    if code != "de":
        assert "Köln" not in headings

    index = RetailerIndexPage.objects.live().get(locale__language_code=code)
    shops = client.get(index.url).content.decode()
    cities = [
        html.unescape(re.sub("\u00ad", "", h))
        for h in re.findall(r'<h3 class="retailers__city">([^<]*)</h3>', shops)
    ]
    assert aachen in cities and koeln in cities, cities
    if code != "de":
        assert "Köln" not in cities
