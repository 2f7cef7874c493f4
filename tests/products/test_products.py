"""Product pages under the routable products index: prices, chain, fallbacks, 410, redirects."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from catalogue.models import Product, ProductImage, ProductSlugHistory, Variant
from core.formats import format_price
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from demo.images import demo_image
from designers.models import DesignerPage
from tests.seo.jsonld import assert_valid_json_ld

pytestmark = pytest.mark.django_db
INDEX = {
    "de": "/de/produkte/",
    "en": "/en/products/",
    "nl": "/nl/producten/",
    "fr": "/fr/produits/",
}


def source(external_id) -> Product:
    return Product.objects.get(external_id=external_id, locale__language_code="de")


@pytest.mark.parametrize("code", INDEX)
def test_index_lists_live_products_only(client, demo, code):
    html = client.get(INDEX[code]).content.decode().replace(SOFT_HYPHEN, "")
    assert f'href="{INDEX[code]}depot-bag-made-from-tram-seat-fabric/"' in html
    assert "2027-wall-calendar" not in html  # a draft in the catalogue
    assert "tram-stop-keyring" not in html  # archived


@pytest.mark.parametrize(
    ("code", "title", "price"),
    [
        ("de", "Depot-Tasche aus Straßenbahnsitzstoff", "59,00\u00a0€"),
        ("en", "Depot bag made from tram seat fabric", "€59.00"),
        ("nl", "Depot-tas van trambekleding", "€\u00a059,00"),
        ("fr", "Sac Depot en tissu de siège de tram", "59,00\u00a0€"),
    ],
)
def test_product_page_in_each_language(client, demo, code, title, price):
    response = client.get(f"{INDEX[code]}depot-bag-made-from-tram-seat-fabric/")
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert price in html
    assert f'<html lang="{code}">' in html
    assert '<article class="product">' in html  # texts in the page's own language
    # The production chain: designer, then the Depot's sewing workshop with its social badge.
    chain = html.split('class="chain"', 1)[1]
    assert "Lena Hoffmann" in chain
    assert 'class="badge badge--social"' in chain


def test_product_without_a_translation_is_shown_in_german_and_marked(client, demo):
    html = client.get("/nl/producten/ticket-pouch/").content.decode().replace(SOFT_HYPHEN, "")
    # The German texts are marked, not the Dutch interface around them (the article).
    assert '<article class="product">' in html
    assert '<h1 lang="de">Fahrkartenetui</h1>' in html


def test_price_range_and_availability(client, demo):
    record = source("MAN-0014")  # two variants, one to preorder
    variant = record.variants.order_by("position").last()
    variant.price = Decimal("169.00")
    variant.save()
    html = client.get("/en/products/overhead-line-lamp/").content.decode().replace(SOFT_HYPHEN, "")
    assert "€149.00 – €169.00" in html
    assert "In stock" in html or "Vorrätig" in html


@pytest.mark.parametrize(
    ("amount", "language", "expected"),
    [
        (Decimal("9.5"), "de", "9,50\u00a0€"),
        (Decimal("1249"), "en", "€1,249.00"),
        (Decimal("1249"), "fr", "1\u202f249,00\u00a0€"),
        (Decimal("1249"), "nl", "€\u00a01.249,00"),
        (Decimal("1249"), "de", "1.249,00\u00a0€"),
    ],
)
def test_format_price(amount, language, expected):
    assert format_price(amount, "EUR", language).replace("\u00a0\u20ac", "\u00a0€") in {
        expected,
        expected.replace("\u202f", "\u00a0"),
        expected.replace("\u202f", " "),
        expected.replace("1\u202f249", "1249"),
        expected.replace("1,249", "1249"),
    }


def test_archived_product_answers_gone_with_a_way_to_the_designer(client, demo):
    response = client.get("/fr/produits/tram-stop-keyring/")
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    assert response.status_code == 410
    studio = DesignerPage.objects.get(catalogue_ref="studio-depot", locale__language_code="fr")
    assert f'href="{studio.url}"' in html


def test_unknown_product_is_not_found(client, demo):
    assert client.get("/de/produkte/gibt-es-nicht/").status_code == 404


def test_former_slug_redirects_permanently(client, demo):
    ProductSlugHistory.objects.create(slug="alte-tasche", product=source("MAN-0001"))
    response = client.get("/en/products/alte-tasche/")
    assert response.status_code == 301
    assert response["Location"] == "/en/products/depot-bag-made-from-tram-seat-fabric/"


@pytest.mark.parametrize("code", INDEX)
def test_product_structured_data_and_alternates(client, demo, code):
    html = client.get(f"{INDEX[code]}talstrasse-stool/").content.decode().replace(SOFT_HYPHEN, "")
    data = assert_valid_json_ld(html, types={"Product", "BreadcrumbList"})
    product = next(item for item in data if item["@type"] == "Product")
    assert product["brand"] == {"@type": "Brand", "name": "Made in Aachen-Nord"}
    assert product["offers"]["@type"] == "Offer"
    assert product["offers"]["price"] == "189.00"
    assert product["offers"]["availability"] == "https://schema.org/InStock"
    for other, path in INDEX.items():
        assert (
            f'<link rel="alternate" hreflang="{other}" href="http://testserver{path}talstrasse-stool/">'
            in html
        )
    assert f'<link rel="canonical" href="http://testserver{INDEX[code]}talstrasse-stool/">' in html
    bag = assert_valid_json_ld(
        client.get(f"{INDEX[code]}depot-bag-made-from-tram-seat-fabric/")
        .content.decode()
        .replace(SOFT_HYPHEN, "")
    )
    offers = next(item for item in bag if item["@type"] == "Product")["offers"]
    assert offers["@type"] == "AggregateOffer" and offers["offerCount"] == 2


def add_products(designer_ref, count, start=0):
    image = demo_image("Produkt Test", "Testprodukt", (400, 300))
    german = Locale.objects.get(language_code="de")
    for number in range(start, start + count):
        product = Product.objects.create(
            locale=german,
            external_id=f"TEST-{number}",
            slug=f"test-{number}",
            title=f"Testprodukt {number}",
            designer_ref=designer_ref,
        )
        Variant.objects.create(
            product=product, sku=f"TEST-{number}-A", price=Decimal("10"), availability="in_stock"
        )
        Variant.objects.create(
            product=product, sku=f"TEST-{number}-B", price=Decimal("12"), availability="in_stock"
        )
        ProductImage.objects.create(
            product=product, image=image, source_url="test", alt={"de": "Test"}
        )


@pytest.mark.usefixtures("uncached_pages")
def test_designer_page_lists_products_at_a_constant_query_cost(client, demo):
    url = DesignerPage.objects.get(catalogue_ref="tom-becker", locale__language_code="en").url
    add_products("tom-becker", 1)  # 2 from the catalogue + 1 = 3
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode().replace(SOFT_HYPHEN, "")
    assert html.count('class="card card--product"') == 3
    add_products("tom-becker", 57, start=1)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode().replace(SOFT_HYPHEN, "")
    # The first 8 (A to Z), how many there are, and a link to all of them on the product index.
    assert html.count('class="card card--product"') == 8
    assert "8 of 60 products" in html
    assert 'href="/en/products/?designer=tom-becker"' in html
    assert len(few) > 0, "the queries of the request were not captured"
    assert len(many) == len(few)


def test_sitemap_lists_every_product_in_every_language_with_alternates(client, demo):
    xml = client.get("/sitemap.xml").content.decode().replace(SOFT_HYPHEN, "")
    for path in INDEX.values():
        assert f"<loc>http://testserver{path}talstrasse-stool/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="nl" href="http://testserver/nl/producten/talstrasse-stool/"'
        in xml
    )
    assert "tram-stop-keyring" not in xml  # archived
    assert "2027-wall-calendar" not in xml  # draft


@pytest.mark.parametrize(
    ("code", "query", "title"),
    [
        ("de", "hocker", "Hocker Talstraße"),
        ("en", "stool", "Talstrasse stool"),
        ("fr", "tabouret", "Tabouret Talstraße"),
    ],
)
def test_site_search_finds_products_in_the_visitors_language(client, demo, code, query, title):
    search_path = {"de": "suche", "en": "search", "fr": "recherche"}[code]
    html = (
        client.get(f"/{code}/{search_path}/", {"q": query})
        .content.decode()
        .replace(SOFT_HYPHEN, "")
    )
    assert title in html
    assert f'href="{INDEX[code]}talstrasse-stool/"' in html
