"""Trade terms on line sheets: the site's extension of the catalogue feed (optional
`wholesale_price` {amount, currency} per variant, `minimum_order` per variant or product,
docs/catalogue-sync.md), read by the real sync from a feed that carries them and shown on the
sheet only where present."""

import pytest

from catalogue.models import SyncRun, Variant
from catalogue.sync.engine import run_sync
from products import line_sheet
from tests.catalogue.conftest import product as feed_product
from tests.catalogue.conftest import sample, write_feed  # noqa: F401 - the fixture
from tests.factories import HomePageFactory
from tests.products.test_line_sheet import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture
def synced(tmp_path, settings, sample):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    HomePageFactory()
    bag = feed_product(sample, "MAN-0001")
    bag["minimum_order"] = 6
    bag["variants"][0]["wholesale_price"] = {"amount": "29.50", "currency": "EUR"}
    bag["variants"][0]["minimum_order"] = 4
    assert run_sync(write_feed(tmp_path, sample)).ok
    return sample, bag


def test_the_sync_keeps_wholesale_price_and_minimum_order(synced):

    first, *others = Variant.objects.filter(product__external_id="MAN-0001").order_by("position")
    assert first.wholesale_price == 29.5 and first.minimum_order == 4
    assert all(v.wholesale_price is None and v.minimum_order == 6 for v in others)  # product's
    assert not Variant.objects.exclude(product__external_id="MAN-0001").filter(
        minimum_order__isnull=False
    )


@pytest.mark.parametrize(
    ("language", "price"),
    [("de", "29,50 €"), ("en", "€29.50"), ("nl", "€ 29,50"), ("fr", "29,50 €")],
)
def test_the_sheet_shows_trade_terms_where_the_feed_has_them(synced, language, price):
    text = text_of(line_sheet.line_sheet_pdf(language, designer_ref="lena-hoffmann"))
    heading = {"de": "Großhandel", "en": "Wholesale", "nl": "Groothandel", "fr": "Prix de gros"}
    assert heading[language] in text and price in text
    minimum = {"de": "Mindestmenge", "en": "Minimum order", "nl": "Minimale afname"}
    assert minimum.get(language, "Commande minimum") in text


def test_no_trade_columns_for_products_without_them(synced):
    sheet = line_sheet.build("de", designer_ref="lena-hoffmann")
    assert sheet.trade_terms
    without = [entry for entry in sheet.entries if not entry.has_trade_terms]
    assert without  # lena-hoffmann's other products carry no terms
    others = {v.product.designer_ref for v in Variant.objects.filter(minimum_order__isnull=False)}
    other_designer = next(
        p["designer_ref"] for p in synced[0]["products"] if p["designer_ref"] not in others
    )
    text = text_of(line_sheet.line_sheet_pdf("de", designer_ref=other_designer))
    assert "Großhandel" not in text and "Mindestmenge" not in text


@pytest.mark.parametrize(
    "bad",
    [{"wholesale_price": "29.50"}, {"wholesale_price": {"amount": "29,50"}}, {"minimum_order": 0}],
)
def test_a_malformed_trade_term_is_a_row_error_with_a_message(tmp_path, settings, sample, bad):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    feed_product(sample, "MAN-0001")["variants"][0].update(bad)
    run_sync(write_feed(tmp_path, sample))
    errors = " ".join(str(error) for error in SyncRun.objects.latest("started_at").errors)
    assert "MAN-0001" in errors and ("wholesale" in errors or "minimum_order" in errors)
