"""Where to buy a product or a designer's work: the lists product pages, designer pages and the
where-to-buy block show, assembled from the shops' data in `shop_links.presentation`.

Like everything there, each list costs a fixed number of queries however many retailers and
links there are. A designer page is read for its `translation_key` and `catalogue_ref` only, so
this module does not import the designers app (which builds on this one).
"""

from django.db.models import Q
from django.utils.translation import gettext

from core.localized import lang_mark, localized_records
from shop_links.presentation import (
    Placement,
    WhereToBuy,
    group_by_city,
    language_of,
    locale_and_code,
    retailers_page_url,
    shop_link,
    split_online,
    stockists,
    stockists_by_retailer,
    visible_links,
    where_to_buy,
)


def for_product(record, *, placement: str = Placement.PRODUCT, locale=None) -> WhereToBuy:
    """The retailers that stock a product (its German record): 2–4 queries, however many."""
    return where_to_buy(stockists(record, placement=placement, locale=locale), locale=locale)


def for_designer(page, *, placement: str = Placement.DESIGNER, locale=None) -> WhereToBuy:
    """Retailers that stock any of a designer's live products, and the editors' links for the
    designer (made on the German page; a translated page finds them by translation key)."""
    from catalogue.models import Product

    locale, code = locale_and_code(locale)
    wanted = Q(designer__translation_key=page.translation_key)
    if page.catalogue_ref:
        wanted |= Q(
            product__designer_ref=page.catalogue_ref,
            product__status=Product.Status.ACTIVE,
            product__in_feed=True,
        )
    links = list(
        visible_links()
        .filter(wanted)
        .select_related("product")
        .order_by("product__title", "position", "pk")
    )
    by_retailer = stockists_by_retailer(
        {link.retailer_id: link.retailer for link in links}.values(), locale, code
    )
    titles = localized_records(Product, [link.product for link in links if link.product], locale)
    # The designer's own links first: they name the retailer as a whole.
    for link in sorted(links, key=lambda link: link.product_id is not None):
        stockist = by_retailer[link.retailer_id]
        if link.product is None:
            label = gettext("Website von %(name)s") % {"name": stockist.name}
            stockist.links.append(shop_link(link, label, placement))
            continue
        text = titles[link.product.translation_key]
        lang = language_of(text, link.product)
        stockist.links_label = gettext("Im Shop von %(name)s") % {"name": stockist.name}
        stockist.links.append(shop_link(link, text.title, placement, lang_mark(lang, code)))
    shops, online = split_online(by_retailer.values())
    return WhereToBuy(group_by_city(shops), online, retailers_page_url(locale))
