"""Indicators counted from the site's own data, at the moment the page is rendered.

The page cache keeps the count as long as nothing changes: a catalogue sync that changed
anything, a designer page published or a retailer saved replaces the content version
(`core.content_version`), so the next request counts again. Each count is one query on the German
rows, which carry the facts:

- products: catalogue products visitors may see (active and in the latest feed);
- designers: live, public designer pages;
- retailers: published shops still in the catalogue (and the editors' own shops);
- workshops: production partners in the latest feed.
"""

from django.conf import settings

from catalogue.models import Product, ProductionPartner
from core import dependencies
from designers.models import DesignerPage
from results.models import LiveSource
from shop_links.models import Retailer


def _german(queryset):
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def _live_products() -> int:
    # Counted by liveness and language, which an editor's save of a product changes only with
    # every list of products (`Product.row_content_fields`): a new teaser leaves the figure kept.
    with dependencies.rows_read(Product, ()):
        return Product.objects.sources().live().count()


def _shown_retailers() -> int:
    # Counted by liveness, the feed and language, which a shop's rename or new opening hours
    # leave as they are (`Retailer.row_content_fields`): the figure stays kept.
    with dependencies.rows_read(Retailer, ()):
        return Retailer.shown().count()


COUNTS = {
    LiveSource.PRODUCTS: _live_products,
    LiveSource.DESIGNERS: lambda: _german(DesignerPage.objects.live().public()).count(),
    LiveSource.RETAILERS: _shown_retailers,
    LiveSource.WORKSHOPS: lambda: ProductionPartner.objects.sources().filter(in_feed=True).count(),
}
# Where each count comes from, as the page says it ("live aus dem Katalog, Stand: …").
FROM_CATALOGUE = {LiveSource.PRODUCTS, LiveSource.RETAILERS, LiveSource.WORKSHOPS}


def count(source: str) -> int | None:
    """The current figure of a live source, None for a manual indicator (or an unknown code)."""
    counter = COUNTS.get(source)
    return counter() if counter else None
