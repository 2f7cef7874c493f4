"""Line sheets (`products.line_sheet`): the PDF a shop or buyer reads, its text read back with
pypdf: names, designer, variants, prices as each language writes them, only live products, a
designer's selection, the bound, and the fixed number of queries whatever the number of products.
"""

import io

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Product
from products import line_sheet
from tests.factories import (
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ImageFactory,
    ProductFactory,
    ProductImageFactory,
    VariantFactory,
    bulk_products,
    locale,
    translate,
)

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def text_of(document: bytes) -> str:
    """The PDF's text, its lines joined with spaces (a name may wrap), no-break spaces plain."""
    reader = pypdf.PdfReader(io.BytesIO(document))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def catalogue():
    home = HomePageFactory()
    for code in ("en", "nl", "fr"):
        translate(home, code)
    designers = DesignerIndexPageFactory(parent=home)
    lena = DesignerPageFactory(parent=designers, title="Lena Hoffmann", catalogue_ref="lena")
    bag = ProductFactory(
        external_id="LS-0001",
        title="Depot-Tasche",
        designer_ref="lena",
        teaser="Aus dem Sitzbezug der alten Straßenbahn genäht.",
    )
    translate(bag, "en", title="Depot bag", teaser="Sewn from an old tram's seat cover.")
    translate(bag, "fr", title="Sac du dépôt", teaser="Cousu dans la housse d'un vieux tram.")
    VariantFactory(
        product=bag,
        sku="LS-0001-RED",
        price="1249.00",
        options={"color": {"de": "Rot", "en": "Red", "fr": "Rouge"}},
    )
    VariantFactory(
        product=bag,
        sku="LS-0001-BLUE",
        price="59.00",
        sale_price="49.00",
        options={"color": {"de": "Blau", "en": "Blue"}},
        availability="out_of_stock",
    )
    ProductImageFactory(product=bag, image=ImageFactory())
    stool = ProductFactory(external_id="LS-0002", title="Hocker Nord", designer_ref="jonas")
    VariantFactory(product=stool, sku="LS-0002-1", price="89.00")
    draft = ProductFactory(
        external_id="LS-0003", title="Entwurfslampe", status=Product.Status.DRAFT
    )
    VariantFactory(product=draft, sku="LS-0003-1", price="10.00")
    archived = ProductFactory(
        external_id="LS-0004", title="Alte Vase", status=Product.Status.ARCHIVED
    )
    VariantFactory(product=archived, sku="LS-0004-1", price="10.00")
    gone = ProductFactory(external_id="LS-0005", title="Verschwundene Schale", in_feed=False)
    VariantFactory(product=gone, sku="LS-0005-1", price="10.00")
    return {"home": home, "lena": lena, "bag": bag, "stool": stool}


def sheet_text(language="de", **kwargs) -> str:
    return text_of(line_sheet.line_sheet_pdf(language, **kwargs))


# The regular and the sale price of the blue bag and the red bag's price, as each language
# writes prices on the product pages (`core.formats.format_price`).
PRICES = {
    "de": ("59,00 € 49,00 €", "1.249,00 €"),
    "en": ("€59.00 €49.00", "€1,249.00"),
    "nl": ("€ 59,00 € 49,00", "€ 1.249,00"),
    "fr": ("59,00 € 49,00 €", "1 249,00 €"),
}


@pytest.mark.parametrize("language", ["de", "en", "nl", "fr"])
def test_the_sheet_names_products_designer_variants_and_prices_in_the_language(catalogue, language):
    text = sheet_text(language)
    sale, red = PRICES[language]
    assert sale in text and red in text
    assert "Lena Hoffmann" in text
    assert "Made in Aachen-Nord" in text
    assert "aachen" not in text.split("Made in Aachen-Nord", 1)[1][:3]  # the mark, set in type
    assert "testserver/p/LS-0001/" in text  # the passport's short address
    assert "https://" not in text
    title = {"de": "Depot-Tasche", "en": "Depot bag", "nl": "Depot-Tasche", "fr": "Sac du dépôt"}
    assert title[language] in text
    colour = {"de": "Blau", "en": "Blue", "nl": "Blau", "fr": "Blau"}  # German where missing
    assert colour[language] in text
    assert "Hocker Nord" in text


def test_german_standing_in_is_marked_in_the_sheets_language(catalogue):
    dutch = sheet_text("nl")
    assert "Depot-Tasche (Duits)" in dutch  # no Dutch title yet
    english = sheet_text("en")
    assert "Depot bag" in english and "(German)" in english  # the stool has no English title
    assert "Depot bag (German)" not in english


def test_only_live_products_are_on_the_sheet(catalogue):
    text = sheet_text("de")
    assert "Depot-Tasche" in text and "Hocker Nord" in text
    for hidden in ("Entwurfslampe", "Alte Vase", "Verschwundene Schale"):
        assert hidden not in text


def test_a_designers_sheet_holds_only_their_products(catalogue):
    text = sheet_text("en", designer_ref="lena")
    assert "Depot bag" in text and "Lena Hoffmann" in text
    assert "Hocker Nord" not in text
    assert "Depot bag" not in sheet_text("en", designer_ref="jonas")


def test_a_selection_of_products_by_any_language_row(catalogue):
    french = catalogue["bag"].get_translation(locale("fr"))
    text = sheet_text("de", ids=[french.pk])
    assert "Depot-Tasche" in text and "Hocker Nord" not in text


def test_the_photo_is_embedded_not_fetched(catalogue):
    sheet = line_sheet.build("de", designer_ref="lena")
    assert sheet.entries[0].photo.startswith("data:image/jpeg;base64,")
    reader = pypdf.PdfReader(io.BytesIO(line_sheet.render_pdf(sheet)))
    assert [image for page in reader.pages for image in page.images]


def test_no_trade_terms_without_them_in_the_feed(catalogue):
    text = sheet_text("de")
    assert "Großhandel" not in text and "Mindestmenge" not in text


def test_more_products_than_the_bound_are_refused_with_the_numbers(catalogue, settings):
    settings.LINE_SHEET_MAX_PRODUCTS = 1
    chosen = [catalogue["bag"].pk, catalogue["stool"].pk]  # (the demo's may be live too)
    with pytest.raises(line_sheet.TooManyProducts) as refused:
        line_sheet.line_sheet_pdf("de", ids=chosen)
    assert refused.value.count == 2
    assert "1" in str(refused.value) and "2" in str(refused.value)
    assert "Depot bag" in sheet_text("en", designer_ref="lena")  # a designer's one is fine


def test_an_editors_change_makes_the_next_sheet_a_new_one(catalogue):
    assert "Hocker Nord" in sheet_text("de")
    stool = catalogue["stool"]
    stool.title = "Hocker Süd"
    stool.save()
    text = sheet_text("de")
    assert "Hocker Süd" in text and "Hocker Nord" not in text


def test_a_kept_sheet_is_served_from_the_cache(catalogue, django_assert_max_num_queries):
    first = line_sheet.line_sheet_pdf("de")
    with django_assert_max_num_queries(2):  # the content version at most; no catalogue query
        assert line_sheet.line_sheet_pdf("de") == first


def test_queries_do_not_grow_with_the_number_of_products(catalogue, settings):
    settings.LINE_SHEET_CACHE_TIMEOUT = 0

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            line_sheet.build("de")
        return len(captured)

    queries()  # the first makes the photo's rendition and reads the site's Locales
    few = queries()
    bulk_products(40, designer_ref="lena")  # replaces the versions, as a catalogue sync does
    queries()  # the first after a change reads the site's Locales again
    assert queries() == few <= 12
