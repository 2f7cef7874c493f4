"""What visitors see of the shops: "where to buy" lists and the retailers directory.

Stockist links point from German rows (a product's record, a German designer page) to German
retailer rows; a visitor reads the retailer's name, description and opening hours in their own
language where an editor translated them (rows sharing the `translation_key`), else in German,
marked as such in the templates. Retailers the catalogue no longer lists (`in_feed=False`) are
hidden. Every outbound link is built with `outbound.link_attrs`: the counted redirect, with
`rel="sponsored"` only for paid placements and `noopener` only with a new tab.

The where-to-buy lists of a product or a designer are assembled from these pieces in
`products.where_to_buy` (the app above this one, which shows products).

Every function here costs a fixed number of queries however many retailers and links there are.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext, gettext_lazy
from wagtail.models import Locale

from core import content_version, dependencies, fragments
from core.index_pages import index_page_url
from core.localized import lang_mark, localized_records
from core.routing import locale_for_language
from shop_links.models import ClickCount, Retailer, StockistLink
from shop_links.outbound import LinkAttrs, link_attrs

Placement = ClickCount.Placement

# Countries where the label's retailers are; anything else shows its ISO code.
COUNTRY_NAMES = {
    "DE": gettext_lazy("Deutschland"),
    "NL": gettext_lazy("Niederlande"),
    "BE": gettext_lazy("Belgien"),
    "LU": gettext_lazy("Luxemburg"),
    "FR": gettext_lazy("Frankreich"),
}
HOME_COUNTRY = "DE"
MAP_ZOOM = 17
MAP_SPAN = Decimal("0.004")  # half the width of the embedded map's box, in degrees


@dataclass
class ShopLink:
    """One outbound link as the template writes it."""

    label: str
    attrs: LinkAttrs
    paid: bool = False
    new_tab: bool = False
    label_lang: str = ""  # set when the label is not in the visitor's language


@dataclass
class ProductLink:
    """A product a retailer stocks, on this site in the visitor's language."""

    title: str
    url: str
    lang: str = ""


@dataclass
class Stockist:
    """A retailer as a visitor of one language sees it, with the links placed beside it."""

    retailer: Retailer  # the German row: address, kind, coordinates, ids for the redirect
    text: Retailer  # the row whose texts are shown: the visitor's language, else German
    language: str  # the visitor's language
    links: list[ShopLink] = field(default_factory=list)
    products: list[ProductLink] = field(default_factory=list)
    links_label: str = ""  # what the links have in common, when their labels are product names
    products_total: int = 0  # how many products it stocks (of a designer, on a designer page)
    products_shown: int = 0  # how many of them are listed (`products`, or product links)
    products_url: str = ""  # all of them on the product index, when not all are shown

    @property
    def name(self) -> str:
        return self.text.name

    @property
    def text_lang(self) -> str:
        """The language of the shown texts when it is not the visitor's ("" otherwise)."""
        code = language_of(self.text, self.retailer)
        return "" if code == self.language else code

    @property
    def kind_label(self) -> str:
        return str(self.retailer.get_kind_display())

    @property
    def is_online(self) -> bool:
        return self.retailer.is_online

    @property
    def paid(self) -> bool:
        return any(link.paid for link in self.links)

    @property
    def anchor(self) -> str:
        return f"haendler-{self.retailer.list_key}"

    @property
    def more_products(self) -> bool:
        return self.products_total > self.products_shown

    @property
    def street(self) -> str:
        return self.retailer.street

    @property
    def locality(self) -> str:
        return " ".join(part for part in (self.retailer.postcode, self.retailer.city) if part)

    @property
    def country_name(self) -> str:
        code = self.retailer.country.upper()
        return str(COUNTRY_NAMES.get(code, code))

    @property
    def opening_hours(self) -> list[str]:
        return [line.strip() for line in self.text.opening_hours.splitlines() if line.strip()]

    @property
    def description(self) -> str:
        return self.text.description.strip()

    @property
    def has_location(self) -> bool:
        return self.retailer.latitude is not None and self.retailer.longitude is not None

    @property
    def osm_url(self) -> str:
        """The retailer on openstreetmap.org: an ordinary link, nothing loads before the click."""
        if not self.has_location:
            return ""
        lat, lon = self.retailer.latitude.normalize(), self.retailer.longitude.normalize()
        return f"https://www.openstreetmap.org/?{urlencode({'mlat': lat, 'mlon': lon})}#map={MAP_ZOOM}/{lat}/{lon}"

    @property
    def osm_embed_url(self) -> str:
        """OpenStreetMap's embeddable map around the retailer, for the click-to-load map."""
        if not self.has_location:
            return ""
        lat, lon = self.retailer.latitude, self.retailer.longitude
        bbox = ",".join(
            str(value)
            for value in (lon - MAP_SPAN, lat - MAP_SPAN / 2, lon + MAP_SPAN, lat + MAP_SPAN / 2)
        )
        query = urlencode({"bbox": bbox, "layer": "mapnik", "marker": f"{lat},{lon}"})
        return f"https://www.openstreetmap.org/export/embed.html?{query}"


@dataclass
class CityGroup:
    city: str
    country: str
    stockists: list[Stockist]


@dataclass
class CountryGroup:
    code: str
    name: str
    cities: list[CityGroup]


@dataclass
class WhereToBuy:
    """Shops you can walk into, by city, and online shops apart."""

    cities: list[CityGroup]
    online: list[Stockist]
    retailers_url: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.cities and not self.online

    @property
    def count(self) -> int:
        return sum(len(group.stockists) for group in self.cities) + len(self.online)


@dataclass
class Directory:
    """All retailers: shops grouped by country and city, online shops apart."""

    countries: list[CountryGroup]
    online: list[Stockist]

    @property
    def stockists(self) -> list[Stockist]:
        shops = [s for country in self.countries for city in country.cities for s in city.stockists]
        return [*shops, *self.online]


# Helpers ---------------------------------------------------------------------------------


def locale_and_code(locale: Locale | None) -> tuple[Locale, str]:
    locale = locale or Locale.get_active()
    return locale, locale.language_code


def language_of(row, german_row) -> str:
    """The language of `row`, a translation of `german_row` or that row itself (no query)."""
    if row.locale_id == german_row.locale_id:
        return settings.LANGUAGE_CODE
    return row.locale.language_code


def product_index_url(locale: Locale) -> str:
    """Where product pages live in this language ("" for nowhere), for the retailers page's
    product links. The app that routes product pages (`products`, which builds on this one) says
    so through a `product_index_url(locale)` method of its AppConfig: no import upwards."""
    for config in apps.get_app_configs():
        find = getattr(config, "product_index_url", None)
        if find is not None:
            return find(locale)
    return ""


def retailers_page_url(locale: Locale | None = None) -> str:
    """The URL of the retailers page in this language (German as fallback), or ""."""
    from shop_links.models import RetailerIndexPage

    return index_page_url(RetailerIndexPage, locale)


def _city_key(stockist: Stockist):
    return (stockist.retailer.city.casefold(), stockist.name.casefold())


def group_by_city(shops: list[Stockist]) -> list[CityGroup]:
    groups: dict[tuple[str, str], CityGroup] = {}
    for stockist in sorted(shops, key=_city_key):
        retailer = stockist.retailer
        key = (retailer.country, retailer.city)
        if key not in groups:
            groups[key] = CityGroup(retailer.city, retailer.country, [])
        groups[key].stockists.append(stockist)
    return list(groups.values())


def split_online(stockists) -> tuple[list[Stockist], list[Stockist]]:
    shops = [s for s in stockists if not s.is_online]
    online = sorted((s for s in stockists if s.is_online), key=lambda s: s.name.casefold())
    return shops, online


def stockists_by_retailer(retailers, locale: Locale, code: str) -> dict[int, Stockist]:
    texts = localized_records(Retailer, retailers, locale)
    return {
        retailer.pk: Stockist(retailer, texts[retailer.translation_key], code)
        for retailer in retailers
    }


# "Where to buy" --------------------------------------------------------------------------


# What a where-to-buy list and a production chain show of a shop (`Stockist`): its description,
# website, coordinates and review bookkeeping stay in the database.
STOCKIST_FIELDS = (
    "translation_key",
    "locale_id",
    "in_feed",
    "live",
    "ref",
    "name",
    "opening_hours",
    "kind",
    "street",
    "postcode",
    "city",
    "country",
)

# What `link_attrs` and the labels need of a product's link.
_LINK_VALUES = ("id", "retailer_id", "url", "paid", "new_tab")


def product_links(record) -> tuple[list[StockistLink], dict]:
    """A product's stockist links (its German record's), in the catalogue's order, of every shop
    (shown or not), and {retailer id: the shop's translation key}: what the links say only, kept
    (`content_version.cached(..., structural=True)`) until the links' table changes. A shop
    renamed leaves them: the next render reads the shops' rows alone, by those keys."""

    def work_out() -> list[tuple]:
        links = StockistLink.objects.filter(product=record).order_by("position", "pk")
        # The shops' keys, which never change, and nothing of their content.
        with dependencies.keys_joined(Retailer):
            return list(links.values_list(*_LINK_VALUES, "retailer__translation_key"))

    # In the page fragments' cache: one entry per product, like those.
    rows = content_version.cached(
        f"product-links:{record.pk}", work_out, structural=True, alias=fragments.CACHE
    )
    links = [StockistLink(**dict(zip(_LINK_VALUES, row[:-1], strict=True))) for row in rows]
    return links, {row[1]: row[-1] for row in rows}


def _shops_with_texts(keys: dict, locale: Locale) -> tuple[dict, dict]:
    """({pk: German row} of the visible shops among `keys` ({German row's pk: its translation
    key}), {translation_key: live row in the visitor's language}) in one query, by the shops'
    translation keys: the German rows and, outside German, their translations —
    `core.localized.localized_records`' rule, without its second query.

    Read row by row (`dependencies.rows_read`): what shows them is replaced when one of these
    shops (or a translation of it) changes, not when another one does."""
    german = locale_for_language(settings.LANGUAGE_CODE)
    locales = {german.pk, locale.pk} if german is not None else {locale.pk}
    shown, texts = {}, {}
    translation_keys = set(keys.values())
    with dependencies.rows_read(Retailer, translation_keys):
        rows = list(
            Retailer.objects.filter(translation_key__in=translation_keys, locale_id__in=locales)
            .order_by()
            .only(*STOCKIST_FIELDS)
        )
    for row in rows:
        if row.pk in keys and row.in_feed and row.live:
            shown[row.pk] = row
        if row.locale_id == locale.pk and row.live:
            row.locale = locale  # its language, without a query (`language_of`)
            texts[row.translation_key] = row
    return shown, texts


def visible_stockists(links, keys: dict, locale: Locale, code: str) -> dict[int, Stockist]:
    """{German row's pk: `Stockist`} of the visible shops (live, in the feed) that `links` name, in
    the order they first name them, without links yet. `keys` is {German row's pk: its translation
    key} of those shops: their rows are read by it, row by row (`_shops_with_texts`), so that what
    shows them is replaced when one of them changes, not when any shop does."""
    shown, texts = _shops_with_texts(keys, locale)
    by_retailer = {}
    for pk in dict.fromkeys(link.retailer_id for link in links):
        retailer = shown.get(pk)
        if retailer is not None:
            by_retailer[pk] = Stockist(
                retailer, texts.get(retailer.translation_key, retailer), code
            )
    return by_retailer


def stockists(record, *, placement: str = Placement.PRODUCT, locale=None) -> list[Stockist]:
    """The visible retailers that stock a product (its German record), in the catalogue's
    order, with their links: the shops' rows with their translations in one query, however
    many; the links kept apart (`product_links`).

    The one source of a shop's name on a product's page: the where-to-buy list and the
    production chain (`products.presentation.production_chain`) both show `Stockist.name`, the
    retailer's name in the visitor's language where an editor translated it, else German."""
    locale, code = locale_and_code(locale)
    links, keys = product_links(record)
    if not links:
        return []
    by_retailer = visible_stockists(links, keys, locale, code)
    links = [link for link in links if link.retailer_id in by_retailer]
    for link in links:
        stockist = by_retailer[link.retailer_id]
        if link.url:
            label = gettext("Bei %(name)s ansehen") % {"name": stockist.name}
        else:
            label = gettext("Website von %(name)s") % {"name": stockist.name}
        stockist.links.append(shop_link(link, label, placement))
    return list(by_retailer.values())


def where_to_buy(shops: list[Stockist], *, locale=None) -> WhereToBuy:
    """`stockists` as the where-to-buy list shows them: shops by city, online shops apart."""
    locale, _code = locale_and_code(locale)
    walk_in, online = split_online(shops)
    return WhereToBuy(group_by_city(walk_in), online, retailers_page_url(locale))


def shop_link(link: StockistLink, label: str, placement: str, label_lang: str = "") -> ShopLink:
    return ShopLink(
        label=label,
        attrs=link_attrs(link, placement=placement),
        paid=link.paid,
        new_tab=link.new_tab,
        label_lang=label_lang,
    )


# The retailers page ----------------------------------------------------------------------


# A shop on the retailers page lists this many of its products (A to Z), then links to all of
# them on the product index (`?retailer=<key>`): the page stays the same size however much a shop
# stocks.
RETAILER_PRODUCTS_SHOWN = 8


# At most this many shops' subqueries in one UNION ALL (SQLite allows 500 parts in a compound).
SHOPS_PER_UNION = 200


def first_per_group(links, group: str, order: list[str], limit: int) -> list:
    """The first `limit` links of each `group` in `order`, each with `group_total` (how many
    the group has): two queries, however many links a group has.

    The first counts each group's links (a GROUP BY); the second takes each group's first rows
    by its own `ORDER BY ... LIMIT` subquery, all of them joined by UNION ALL, so that the
    database walks the index of `order` (`shop_links_link_shop_title`: retailer, product title)
    and stops after `limit` rows of each group instead of sorting every link (a window function
    did that). Returned in group, then `order`."""
    totals = group_totals(links, group)
    if not totals:
        return []
    firsts = []
    keys = sorted(totals)
    for start in range(0, len(keys), SHOPS_PER_UNION):
        parts = [
            links.filter(**{group: key}).order_by(*order).values("pk")[:limit]
            for key in keys[start : start + SHOPS_PER_UNION]
        ]
        firsts.append(Q(pk__in=_union_all(parts)))
    rows = list(links.filter(reduce(or_, firsts)).order_by(group, *order))
    for row in rows:
        row.group_total = totals[getattr(row, group)]
    return rows


def group_totals(links, group: str) -> dict:
    """How many links each `group` has. Counting reads every link of a shop (an index scan:
    about 1 ms at 5,000 links, 2 ms for a designer's 6,000), the one part of these lists that
    still grew with the catalogue; the counts change only with a product, a link or a retailer,
    so they are kept until the next such change (`content_version.cached_for_query`)."""
    counts = links.order_by().values_list(group).annotate(total=Count("pk"))
    return content_version.cached_for_query("group-totals", counts, lambda: dict(counts))


def _union_all(querysets) -> RawSQL:
    """`SELECT id FROM (q1) UNION ALL SELECT id FROM (q2) ...` for an `IN`: each part keeps its
    own ORDER BY and LIMIT (which Django's `union()` cannot give SQLite)."""
    sql, params = [], []
    for number, queryset in enumerate(querysets):
        part, part_params = queryset.query.sql_with_params()
        # Django's own SQL of each part, its values as parameters: nothing else is spliced in.
        sql.append(f"SELECT * FROM ({part}) AS first_{number}")  # noqa: S608
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(sql), params)  # noqa: S611


# What the link lists need of a product: its long texts stay in the database.
PRODUCT_LONG_TEXTS = (
    "product__description",
    "product__material",
    "product__teaser",
    "product__dimensions",
    "product__link",
    "product__handle",
    "product__content_hash",
)


def filtered_products_url(base: str, **filters) -> str:
    """The product index narrowed to `filters` (designer, retailer), or "" without an index."""
    query = urlencode({name: value for name, value in filters.items() if value})
    return f"{base}?{query}" if base else ""


def directory(locale=None) -> Directory:
    """Every visible retailer with the first of the products it stocks, in 4–6 queries however
    many retailers and products there are."""
    from catalogue.models import Product

    locale, code = locale_and_code(locale)
    retailers = list(Retailer.shown())
    by_retailer = stockists_by_retailer(retailers, locale, code)
    # The live products each shop stocks, by their links' titles: a list an editor's save of a
    # product changes only with every list (`Product.row_content_fields`); the titles shown are
    # read row by row (`localized_records`).
    with dependencies.rows_read(Product, ()):
        links = list(
            first_per_group(
                StockistLink.objects.filter(
                    retailer__in=retailers,
                    product__status=Product.Status.ACTIVE,
                    product__in_feed=True,
                )
                .select_related("product")
                .defer(*PRODUCT_LONG_TEXTS),
                "retailer_id",
                ["product_title", "pk"],
                RETAILER_PRODUCTS_SHOWN,
            )
        )
    titles = localized_records(Product, [link.product for link in links], locale)
    base = product_index_url(locale) if links else ""
    for retailer in retailers:
        by_retailer[retailer.pk].links.append(
            ShopLink(
                label=gettext("Website von %(name)s") % {"name": by_retailer[retailer.pk].name},
                attrs=link_attrs(retailer=retailer, placement=Placement.RETAILERS),
            )
        )
    for link in links:
        text = titles[link.product.translation_key]
        lang = language_of(text, link.product)
        stockist = by_retailer[link.retailer_id]
        stockist.products_total = link.group_total
        stockist.products.append(
            ProductLink(
                title=text.title,
                url=f"{base}{link.product.slug}/" if base else "",
                lang=lang_mark(lang, code),
            )
        )
    for stockist in by_retailer.values():
        stockist.products.sort(key=lambda product: product.title.casefold())
        stockist.products_shown = len(stockist.products)
        if stockist.more_products:
            stockist.products_url = filtered_products_url(base, retailer=stockist.retailer.list_key)
    shops, online = split_online(by_retailer.values())
    countries: dict[str, CountryGroup] = {}
    for group in group_by_city(shops):
        code_ = group.country.upper()
        if code_ not in countries:
            countries[code_] = CountryGroup(code_, str(COUNTRY_NAMES.get(code_, code_)), [])
        countries[code_].cities.append(group)
    ordered = sorted(countries.values(), key=lambda c: (c.code != HOME_COUNTRY, c.name))
    return Directory(ordered, online)


def store_structured_data(stockist: Stockist, request) -> dict:
    """schema.org `Store` (a shop you can walk into) or `OnlineStore`, with the retailer's own
    website as its URL (structured data is for search engines: no counted redirect)."""
    from core import seo

    retailer = stockist.retailer
    data = {
        "@context": seo.SCHEMA_ORG,
        "@type": "OnlineStore" if stockist.is_online else "Store",
        "@id": f"{seo.absolute_url(request, request.path)}#{stockist.anchor}",
        "name": stockist.name,
        "url": retailer.website,
    }
    if stockist.description:
        data["description"] = stockist.description
    if not stockist.is_online and retailer.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": retailer.street,
            "postalCode": retailer.postcode,
            "addressLocality": retailer.city,
            "addressCountry": retailer.country,
        }
        if stockist.has_location:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(retailer.latitude),
                "longitude": float(retailer.longitude),
            }
    return data
