"""The public line sheet (`products.line_sheet_download`): the product index's route named in its language (`products.line_sheet_routes`)
route, off until editors switch it on, a designer's selection, hostile parameters, the page
cache's and the edge's headers, never stale after a catalogue sync; the body block that links it
in the page's language; `line_sheet_url` for other apps.
"""

import pytest
from django.test import Client
from wagtail.models import Page

from catalogue.models import Product, Variant
from catalogue.sync.engine import run_sync
from core.typography import SOFT_HYPHEN
from products.line_sheet_download import line_sheet_url
from products.models import ProductIndexPage
from tests.catalogue.conftest import product as feed_product
from tests.catalogue.conftest import sample, write_feed  # noqa: F401 - the fixture
from tests.factories import (
    ContentPageFactory,
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ProductFactory,
    VariantFactory,
    publish,
    translate,
)
from tests.products.test_line_sheet import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

LANGUAGES = ("de", "en", "nl", "fr")
SLUGS = {"de": "produkte", "en": "products", "nl": "producten", "fr": "produits"}


def index_pages(home, public=True) -> dict:
    index = home.add_child(
        instance=ProductIndexPage(title="Produkte", slug="produkte", line_sheet_public=public)
    )
    publish(index)
    pages = {"de": index}
    for code in ("en", "nl", "fr"):
        pages[code] = translate(index, code, slug=SLUGS[code], title=f"Produkte {code}")
    return pages


@pytest.fixture
def site():
    # The demo's product index (if the run loaded the demo) is out of the way: the German index
    # page is the one that says whether downloads are on.
    ProductIndexPage.objects.update(live=False)
    home = HomePageFactory()
    for code in ("en", "nl", "fr"):
        translate(home, code)
    designers = DesignerIndexPageFactory(parent=home)
    lena = DesignerPageFactory(parent=designers, title="Lena Hoffmann", catalogue_ref="lena")
    bag = ProductFactory(external_id="DL-0001", title="Depot-Tasche", designer_ref="lena")
    VariantFactory(product=bag, sku="DL-0001-1", price="59.00")
    stool = ProductFactory(external_id="DL-0002", title="Hocker Nord", designer_ref="jonas")
    VariantFactory(product=stool, sku="DL-0002-1", price="89.00")
    return {"home": home, "lena": lena, "index": index_pages(home)}


def switch(index, on: bool):
    index.line_sheet_public = on
    publish(index)


def test_the_sheet_downloads_as_a_pdf_in_the_pages_language(site, client):
    response = client.get("/en/products/line-sheet/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Language"] == "en"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "made-in-aachen-nord-" in disposition and "-en.pdf" in disposition
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control
    text = text_of(response.content)
    assert "Depot-Tasche" in text and "Hocker Nord" in text and "€59.00" in text


def test_designer_narrows_the_sheet(site, client):
    response = client.get("/fr/produits/catalogue/?designer=lena")
    assert response.status_code == 200
    assert "-lena-fr.pdf" in response["Content-Disposition"]
    text = text_of(response.content)
    assert "Depot-Tasche" in text and "59,00 €" in text and "Hocker Nord" not in text


def test_off_is_404_and_no_url(site, client):
    switch(site["index"]["de"], False)
    assert client.get("/de/produkte/produktliste/").status_code == 404
    assert client.get("/en/products/line-sheet/?designer=lena").status_code == 404
    assert line_sheet_url("en") == "" and line_sheet_url("de", "lena") == ""
    switch(site["index"]["de"], True)
    assert client.get("/de/produkte/produktliste/").status_code == 200
    assert line_sheet_url("en") == "/en/products/line-sheet/"
    assert line_sheet_url("nl", "lena") == "/nl/producten/productlijst/?designer=lena"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("designer=nobody", 404),
        ("designer=jonas", 200),  # products without a designer page: still theirs
        ("designer=" + "x" * 81, 400),
        ("designer=%00", 400),
        ("designer=..%2F..%2Fetc", 400),
        ("designer=<script>", 400),
        ("designer=LENA", 404),  # a ref the catalogue could have, but nobody's
        ("designer=a/b", 400),
        ("designer=lena%0A", 400),
        ("designer=lena&designer=jonas", 400),
        ("designer=", 200),
        ("page=-1&id=all&utm_source=x", 200),
    ],
)
def test_hostile_parameters_get_a_404_or_a_clear_400(site, client, query, status):
    response = client.get(f"/de/produkte/produktliste/?{query}")
    assert response.status_code == status
    if status == 400:
        assert response["Content-Type"].startswith("text/plain")
        assert response.content.decode().strip()
        assert "private" in response["Cache-Control"]


def test_a_selection_past_the_bound_is_a_clear_400(site, client, settings):
    settings.LINE_SHEET_MAX_PRODUCTS = 1
    response = client.get("/en/products/line-sheet/")
    assert response.status_code == 400
    assert "1" in response.content.decode() and "2" in response.content.decode()
    assert client.get("/en/products/line-sheet/?designer=lena").status_code == 200


def test_never_stale_after_a_sync_changes_a_price(tmp_path, settings, sample):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    home = HomePageFactory()
    for code in ("en", "nl", "fr"):
        translate(home, code)
    index_pages(home)
    assert run_sync(write_feed(tmp_path, sample)).ok
    client = Client()
    first = client.get("/de/produkte/produktliste/")
    assert first.status_code == 200
    bag = feed_product(sample, "MAN-0001")
    old = Variant.objects.get(sku=bag["variants"][0]["sku"]).price
    assert f"{old:.2f}".replace(".", ",") + " €" in text_of(first.content)
    again = client.get("/de/produkte/produktliste/")
    assert again["X-Cache"] == "hit"  # the page cache keeps it like a page

    bag["variants"][0]["price"]["amount"] = "1234.50"
    assert run_sync(write_feed(tmp_path, sample, name="changed.json")).ok
    after = client.get("/de/produkte/produktliste/")
    assert after.status_code == 200 and after["X-Cache"] != "hit"
    assert "1.234,50 €" in text_of(after.content)


def block_page(home, designer=None):
    body = [("line_sheet", {"heading": "", "designer": designer})]
    page = ContentPageFactory(parent=home, title="Für den Handel", slug="handel", body=body)
    for code in ("en", "nl", "fr"):
        translate(page, code, slug=f"trade-{code}")
    return page


EXPECTED = {
    "de": (
        "Produktliste herunterladen",
        "PDF, 1 Produkt",
        "/de/produkte/produktliste/?designer=lena",
    ),
    "en": ("Download the line sheet", "PDF, 1 product", "/en/products/line-sheet/?designer=lena"),
    "nl": (
        "Productlijst downloaden",
        "PDF, 1 product",
        "/nl/producten/productlijst/?designer=lena",
    ),
    "fr": ("Télécharger le catalogue", "PDF, 1 produit", "/fr/produits/catalogue/?designer=lena"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_block_links_the_sheet_in_the_pages_language(site, client, language):
    block_page(site["home"], designer=site["lena"])
    url = Page.objects.get(slug="handel").get_translation(site["index"][language].locale).url
    html = client.get(url).content.decode().replace(SOFT_HYPHEN, "")
    label, hint, link = EXPECTED[language]
    assert label in html and hint in html
    assert f'href="{link}"' in html.replace("&amp;", "&")


def test_the_block_shows_nothing_while_downloads_are_off(site, client):
    block_page(site["home"])
    assert "/produktliste/" in client.get("/de/handel/").content.decode()
    switch(site["index"]["de"], False)
    html = client.get("/de/handel/").content.decode()
    assert "/produktliste/" not in html and "Produktliste herunterladen" not in html


def test_drafts_are_never_in_the_downloaded_sheet(site, client):
    ProductFactory(external_id="DL-0003", title="Entwurfslampe", status=Product.Status.DRAFT)
    text = text_of(client.get("/de/produkte/produktliste/").content)
    assert "Entwurfslampe" not in text and "Hocker Nord" in text


def test_the_address_is_in_the_pages_language(site, client):
    """/de/produkte/produktliste/, /en/products/line-sheet/, …: another language's name is 404."""
    for address in ("/de/produkte/produktliste/", "/nl/producten/productlijst/"):
        assert client.get(address).status_code == 200
    for address in (
        "/de/produkte/line-sheet/",
        "/fr/produits/produktliste/",
        "/en/products/catalogue/",
    ):
        assert client.get(address).status_code == 404
