"""A small catalogue for the partner feed's tests: one home in four languages, a products index
and a designer page in each, a workshop, and three live products (one translated into English and
French, one into nothing, one whose title a spreadsheet would run) plus a draft."""

import pytest
from django.core.cache import caches
from wagtail.models import Site

from catalogue.models import Product, ProductionPartner, ProductPartner, Variant
from core import content_version
from home.models import HomePage
from partner_feed.models import FeedAccess, PartnerKey
from products.models import ProductIndexPage
from tests.conftest import shared_rows
from tests.factories import (
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ProductFactory,
    ProductImageFactory,
    VariantFactory,
    locale,
    publish,
    translate,
)

INDEX_SLUGS = {"de": "produkte", "en": "products", "nl": "producten", "fr": "produits"}


@pytest.fixture(autouse=True)
def empty_rate_limits():
    """Counts of an earlier test (a key id or the test client's address) start afresh."""
    caches["default"].clear()


@pytest.fixture(scope="module")
def shop_rows(django_db_setup, django_db_blocker):
    """The shop's primary keys, built once for the module's tests (tests/conftest.py)."""
    yield from shared_rows(django_db_blocker, build_shop)


@pytest.fixture
def shop(db, shop_rows):
    """{"home": the German HomePage, "bag", "mug": Products, "site": the default Site}, read
    again for each test."""
    return {
        "home": HomePage.objects.get(pk=shop_rows["home"]),
        "bag": Product.objects.get(pk=shop_rows["bag"]),
        "mug": Product.objects.get(pk=shop_rows["mug"]),
        "site": Site.objects.get(is_default_site=True),
    }


def build_shop() -> dict:
    """{"home", "bag", "mug": pk}."""
    home = HomePageFactory()
    translate(home, "en", "nl", "fr")
    index = home.add_child(
        instance=ProductIndexPage(title="Produkte", slug="produkte", locale=locale())
    )
    publish(index)
    for code in ("en", "nl", "fr"):
        translate(index, code, slug=INDEX_SLUGS[code], title=f"Products {code}")
    designers = DesignerIndexPageFactory(parent=home)
    designer = DesignerPageFactory(parent=designers, title="Lena Kraus", catalogue_ref="lena-kraus")
    translate(designers, "en", "nl", "fr")
    translate(designer, "en", title="Lena Kraus (en)")

    workshop = ProductionPartner.objects.create(
        ref="naehwerk",
        name="Nähwerk Nord",
        kind="sewing",
        city="Aachen",
        social_employment=True,
        locale=locale(),
    )
    bag = ProductFactory(
        external_id="FEED-0001",
        title="Depot-Tasche",
        description="<p>Genäht im <b>Depot</b>.</p>",
        material="Sitzstoff",
        designer_ref="lena-kraus",
    )
    VariantFactory(product=bag, sku="FEED-0001-S", price="24.00", position=0)
    VariantFactory(
        product=bag,
        sku="FEED-0001-L",
        price="26.50",
        sale_price="20.00",
        availability=Variant.Availability.OUT_OF_STOCK,
        options={"size": {"de": "Groß", "en": "Large"}},
        position=1,
    )
    ProductImageFactory(product=bag)
    ProductPartner.objects.create(product=bag, partner=workshop, position=0)
    translate(
        bag,
        "en",
        title="Depot bag",
        description="<p>Sewn in the depot.</p>",
        material="Seat fabric",
    )
    translate(bag, "fr", title="Sac Depot")  # description and material stay German
    mug = ProductFactory(external_id="FEED-0002", title="Becher Nord")
    VariantFactory(product=mug, sku="FEED-0002-1", price="12.00")
    formula = ProductFactory(external_id="FEED-0003", title="=1+1 Becher", slug="formel-becher")
    VariantFactory(product=formula, sku="FEED-0003-1", price="9.90")
    ProductFactory(external_id="FEED-0004", title="Entwurf", status=Product.Status.DRAFT)
    # With the demo loaded too (a run with demo-based tests): its products leave the feed, so
    # that these tests see their own catalogue (rolled back after the module).
    Product.objects.exclude(external_id__startswith="FEED-").update(in_feed=False)
    content_version.invalidate()
    return {"home": home.pk, "bag": bag.pk, "mug": mug.pk}


@pytest.fixture
def key(db):
    """(row, plain key) of an active partner key."""
    row = PartnerKey(partner="Fairhandel-Portal")
    plain = row.issue()
    row.save()
    return row, plain


@pytest.fixture
def public_feed(db):
    access = FeedAccess.load()
    access.public = True
    access.save()
    return access
