"""Where to buy a product or a designer's work: the lists product pages, designer pages and the
where-to-buy block show, assembled from the shops' data in `shop_links.presentation`.

Like everything there, each list costs a fixed number of queries however many retailers and
links there are. A designer page is read for its `translation_key` and `catalogue_ref` only, so
this module does not import the designers app (which builds on this one).
"""

from django.db.models import F, Q
from django.utils.translation import gettext

from core import dependencies
from core.localized import lang_mark, localized_records
from shop_links.models import Retailer, StockistLink
from shop_links.presentation import (
    PRODUCT_LONG_TEXTS,
    Placement,
    WhereToBuy,
    filtered_products_url,
    first_per_group,
    group_by_city,
    language_of,
    locale_and_code,
    product_index_url,
    retailers_page_url,
    shop_link,
    split_online,
    stockists,
    visible_stockists,
    where_to_buy,
)


def for_product(record, *, placement: str = Placement.PRODUCT, locale=None) -> WhereToBuy:
    """The retailers that stock a product (its German record): 2–4 queries, however many."""
    return where_to_buy(stockists(record, placement=placement, locale=locale), locale=locale)


# A shop under a designer's "where to buy" names this many of the designer's products it stocks,
# then links to all of them on the product index (`?designer=<ref>&retailer=<key>`).
DESIGNER_PRODUCTS_PER_SHOP = 4


def for_designer(page, *, placement: str = Placement.DESIGNER, locale=None) -> WhereToBuy:
    """Retailers that stock any of a designer's live products, and the editors' links for the
    designer (made on the German page; a translated page finds them by translation key).

    Each shop lists its first few products (A to Z) and says how many it stocks: the list grows
    with the shops, never with the designer's catalogue."""
    from catalogue.models import Product

    locale, code = locale_and_code(locale)
    wanted = Q(designer__translation_key=page.translation_key)
    if page.catalogue_ref:
        wanted |= Q(
            product__designer_ref=page.catalogue_ref,
            product__status=Product.Status.ACTIVE,
            product__in_feed=True,
        )
    # Every shop's links to the designer's work, shown or not, with the shop's translation key:
    # which shops have links is read here, what they are (their names, whether they are live) by
    # `visible_stockists`, shop by shop. A shop renamed, opened or closed replaces the designer
    # pages that list it (or link it), not every designer page.
    designer_links = (
        StockistLink.objects.filter(wanted)
        .select_related("product")
        .defer(*PRODUCT_LONG_TEXTS)
        .annotate(retailer_key=F("retailer__translation_key"))
    )
    # The shops' keys, which never change; which of the designer's products they stock, a list
    # an editor's save changes only through a column it picks or orders by (`Product.
    # row_content_fields`): the products shown are read row by row (their titles below).
    with dependencies.keys_joined(Retailer), dependencies.rows_read(Product, ()):
        links = first_per_group(
            designer_links,
            "retailer_id",
            # The designer's own link first (no product, no title), then the products A to Z.
            ["product_title", "position", "pk"],
            DESIGNER_PRODUCTS_PER_SHOP + 1,
        )
    by_retailer = visible_stockists(
        links, {link.retailer_id: link.retailer_key for link in links}, locale, code
    )
    links = sorted(
        (link for link in links if link.retailer_id in by_retailer),
        key=lambda link: (link.product_title, link.position, link.pk),
    )
    titles = localized_records(Product, [link.product for link in links if link.product], locale)
    own = {link.retailer_id for link in links if link.product_id is None}
    # The designer's own links first: they name the retailer as a whole.
    for link in sorted(links, key=lambda link: link.product_id is not None):
        stockist = by_retailer[link.retailer_id]
        # How many of the designer's products the shop has (its own link aside).
        stockist.products_total = link.group_total - (link.retailer_id in own)
        if link.product is None:
            label = gettext("Website von %(name)s") % {"name": stockist.name}
            stockist.links.append(shop_link(link, label, placement))
            continue
        if stockist.products_shown == DESIGNER_PRODUCTS_PER_SHOP:
            continue  # a row the window let through for a shop with its own link
        text = titles[link.product.translation_key]
        lang = language_of(text, link.product)
        stockist.links_label = gettext("Im Shop von %(name)s") % {"name": stockist.name}
        stockist.links.append(shop_link(link, text.title, placement, lang_mark(lang, code)))
        stockist.products_shown += 1
    base = product_index_url(locale) if page.catalogue_ref else ""
    for stockist in by_retailer.values():
        if stockist.more_products:
            stockist.products_url = filtered_products_url(
                base, designer=page.catalogue_ref, retailer=stockist.retailer.list_key
            )
    shops, online = split_online(by_retailer.values())
    return WhereToBuy(group_by_city(shops), online, retailers_page_url(locale))
