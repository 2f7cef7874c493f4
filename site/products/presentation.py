"""How catalogue products are presented on the site: cards, detail data, prices, the chain.

Products live in the catalogue as one row per language (the German row holds variants,
images, partners and stockist links). A visitor sees the row of their language where the
catalogue or an editor provided one, else the German row — marked with `lang="de"` in the
templates. Everything here fetches in a fixed number of queries however many products are
shown.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet, Subquery, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Site

from catalogue.models import (
    Product,
    ProductImage,
    ProductionPartner,
    ProductPartner,
    ShownText,
    Variant,
)
from core import dependencies, registry
from core.formats import format_price, format_price_range, plain_price
from core.fragments import fragment_values
from core.i18n import LanguageLink, share_locale
from core.index_pages import index_page_url
from core.localized import lang_mark, localized_records

AVAILABILITY_ORDER = ["in_stock", "preorder", "backorder", "out_of_stock"]
SCHEMA_AVAILABILITY = {
    "in_stock": "https://schema.org/InStock",
    "out_of_stock": "https://schema.org/OutOfStock",
    "preorder": "https://schema.org/PreOrder",
    "backorder": "https://schema.org/BackOrder",
}


@dataclass
class ProductView:
    """One product as a visitor of one language sees it."""

    record: Product  # the German row: variants, images, partners, links
    text: Product  # the row whose texts are shown (the visitor's language, else German)
    images: list[ProductImage] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    url: str = ""

    @property
    def text_language(self) -> str:
        return self.text.locale.language_code

    @property
    def is_fallback(self) -> bool:
        return self.text_language != translation.get_language()

    def field_language(self, name: str) -> str:
        """The language of one of the product's texts where it is not the visitor's, else "".

        A whole row in German is the fallback of an untranslated product; a translated row can
        still hold German in one field, because the sync fills a field the catalogue has not
        translated with the German text (`catalogue.sync.parse`): the same text as the German row.
        """
        if self.is_fallback:
            return self.text_language
        value = getattr(self.text, name)
        if value and self.text.pk != self.record.pk and value == getattr(self.record, name):
            return self.record.locale.language_code
        return ""

    @property
    def description_language(self) -> str:
        return self.field_language("description")

    @property
    def material_language(self) -> str:
        return self.field_language("material")

    @property
    def first_image(self):
        return self.images[0] if self.images else None

    def _current_prices(self) -> list[Decimal]:
        return [v.sale_price if v.sale_price is not None else v.price for v in self.variants]

    @property
    def currency(self) -> str:
        return self.variants[0].currency if self.variants else "EUR"

    @property
    def low_price(self) -> Decimal | None:
        prices = self._current_prices()
        return min(prices) if prices else None

    @property
    def high_price(self) -> Decimal | None:
        prices = self._current_prices()
        return max(prices) if prices else None

    @property
    def price_label(self) -> str:
        return format_price_range(self.low_price, self.high_price, self.currency)

    @property
    def on_sale(self) -> bool:
        return any(v.sale_price is not None and v.sale_price < v.price for v in self.variants)

    @property
    def availability(self) -> str:
        """The best availability among the variants (what a visitor can hope for)."""
        states = {v.availability for v in self.variants}
        for state in AVAILABILITY_ORDER:
            if state in states:
                return state
        return ""

    @property
    def availability_label(self) -> str:
        return str(Variant.Availability(self.availability).label) if self.availability else ""

    def image_alt(self, product_image) -> tuple[str, str]:
        """A photo's alt text for this visitor and the language it is in.

        The feed's alt text in the visitor's language; else its German one
        (`ProductImage.alt_text`); else the product's title as shown (the visitor's language, or
        German where it is not translated yet).
        """
        language = translation.get_language()
        text, lang = product_image.alt_text(language)
        if text:
            return text, lang or language
        return self.text.title, self.text_language

    def _mark_images(self):
        for item in self.images:
            item.shown_alt, item.shown_alt_language = self.image_alt(item)
            item.alt_is_fallback = item.shown_alt_language != translation.get_language()

    @property
    def category(self):
        """The product's category in the visitor's language (`catalogue.vocabulary`)."""
        from catalogue.vocabulary import CATEGORY, label

        return label(CATEGORY, self.record.product_type)


def product_index_url(locale: Locale | None = None) -> str:
    """The URL of the products index in this language (German as fallback), or ""."""
    from products.models import ProductIndexPage

    return index_page_url(ProductIndexPage, locale)


def product_views(records, locale: Locale | None = None) -> list[ProductView]:
    """ProductViews for German product rows (a queryset, or rows fetched with their `locale`), in
    the order given, in a fixed number of queries. Their photos, variants and translations are
    read as those products' rows (`dependencies.rows_read`): a view shows its own product only
    (the rows themselves are read as the caller reads them)."""
    locale = locale or Locale.get_active()
    if isinstance(records, QuerySet):
        records = records.select_related("locale")
    records = list(records)
    if not records:
        return []  # no product: nothing read (no keys would read the list of products)
    with dependencies.rows_read(Product, [record.translation_key for record in records]):
        prefetch_related_objects(
            records,
            # In the product's order, not the models' (which sorts by the product's title: a
            # join of the products' table).
            Prefetch(
                "images",
                queryset=ProductImage.objects.select_related("image")
                .prefetch_related("image__renditions")
                .order_by("product_id", "position"),
            ),
            Prefetch("variants", queryset=Variant.objects.order_by("product_id", "position")),
        )
        texts = localized_records(Product, records, locale)
    base = product_index_url(locale)
    views = [
        ProductView(
            record=record,
            text=texts[record.translation_key],
            images=list(record.images.all()),
            variants=list(record.variants.all()),
            url=f"{base}{record.slug}/" if base else "",
        )
        for record in records
    ]
    for view in views:
        view._mark_images()
    return views


def product_cards(request, records, heading: str = "h3") -> list[str]:
    """The cards (`includes/product_card.html`, headed by `heading`) of German product rows, in
    the order given: each kept as a page fragment (`core.fragments`) per product, language and
    site until the content changes (a sync that changes a product replaces the version), and
    shared by every list that shows the product. Rows are fetched with their `locale`; only the
    cards not kept are worked out, in the fixed queries of `product_views`."""
    records = list(records.select_related("locale") if isinstance(records, QuerySet) else records)

    def name(record) -> str:
        return f"product-card:{heading}:{record.pk}"

    def render(names) -> dict:
        wanted = set(names)
        views = product_views([record for record in records if name(record) in wanted])
        return {
            name(view.record): render_to_string(
                "includes/product_card.html", {"product": view, "card_heading": heading}
            )
            for view in views
        }

    keys = {name(record): {record.translation_key} for record in records}
    cards = fragment_values(
        request,
        keys,
        render,
        # Each card with its own product's row: another's save leaves it.
        reads_of=lambda card, reads: reads.of_rows(Product._meta.db_table, keys[card]),
    )
    return [mark_safe(cards[name(record)]) for record in records]  # noqa: S308 - escaped there


def live_records():
    return Product.objects.live().sources()


def live_records_by_key(translation_keys) -> list[Product]:
    """The German rows of the live products with these translation keys (with their `locale`),
    in that order, read as those rows alone (`dependencies.rows_read`): for products an editor
    chose (a block's), whose page parts another product's save leaves in place."""
    keys = list(translation_keys)
    with dependencies.rows_read(Product, keys):
        found = {
            record.translation_key: record
            for record in live_records().filter(translation_key__in=keys).select_related("locale")
        }
    return [found[key] for key in keys if key in found]


# A designer page shows this many of the designer's products as cards (A to Z), then links to
# all of them on the product index (`?designer=<ref>`).
DESIGNER_PRODUCTS_SHOWN = 8


@dataclass
class ProductSample:
    """The first products of a longer list (their cards, `product_cards`), how many there are,
    and where to see them all."""

    products: list[str]
    total: int
    url: str = ""

    @property
    def more(self) -> bool:
        return self.total > len(self.products)


def designer_products(
    designer, limit: int = DESIGNER_PRODUCTS_SHOWN, request=None
) -> ProductSample:
    """The first live products of a designer page (matched by its `catalogue_ref`) as cards,
    with their number: one query for the rows and their count. The database reads the first
    rows from the index `catalogue_product_designer` and stops; the count is a subquery it
    answers once, from the same index alone (a window over the whole list read every row). The
    cards are shared with the product index (`product_cards`)."""
    if not designer.catalogue_ref:
        return ProductSample([], 0)
    theirs = live_records().filter(designer_ref=designer.catalogue_ref)
    # A list an editor's save changes only through a column it picks or orders by
    # (`Product.row_content_fields`); the cards read their products row by row.
    with dependencies.rows_read(Product, ()):
        records = list(
            theirs.annotate(
                list_total=Subquery(
                    theirs.order_by().values("designer_ref").annotate(n=Count("pk")).values("n")
                )
            )
            .select_related("locale")
            .order_by("title", "pk")[:limit]
        )
    total = records[0].list_total if records else 0
    url = ""
    if total > len(records):
        from shop_links.presentation import filtered_products_url

        url = filtered_products_url(product_index_url(), designer=designer.catalogue_ref)
    return ProductSample(product_cards(request, records), total, url)


@dataclass
class ChainStep:
    kind: str  # "design", "make" or "sell"
    name: str
    detail: str = ""  # the city
    url: str = ""
    social_employment: bool = False
    role: str = ""  # what a partner does ("Näherei"), from the vocabulary
    role_lang: str = ""  # the language of `role` where it is not the visitor's
    name_lang: str = ""  # the language of `name` where it is not the visitor's (German fallback)
    note: str = ""  # what was done at this workshop (the editors' step note)
    note_lang: str = ""  # the language of `note` where it is not the visitor's


def editorial_text(view: ProductView, name: str) -> ShownText:
    """An editorial text of the product (`care_advice`, …) in the visitor's language, else the
    German one, marked as such; empty where neither row has it."""
    for row in (view.text, view.record):
        value = (getattr(row, name) or "").strip()
        if value:
            return ShownText(value, lang_mark(row.locale.language_code))
    return ShownText("")


def step_notes(view: ProductView) -> dict[str, ShownText]:
    """{partner ref: what was done there} for the visitor: the notes of their language's row,
    else the German row's, each marked with its language. No query (rows already loaded)."""
    notes = {}
    for row in (view.record, view.text):  # the visitor's row last: its notes win
        # The stored JSON, not the blocks: making the blocks' values would build the partner
        # choice's form field, which asks the database for every partner.
        for block in row.step_notes.raw_data:
            value = block.get("value") or {}
            text = str(value.get("text") or "").strip()
            if text and value.get("partner"):
                notes[value["partner"]] = ShownText(text, lang_mark(row.locale.language_code))
    return notes


def production_chain(view: ProductView, designer, shops=None) -> list[ChainStep]:
    """Designer → the workshops and businesses that made it → the shops that stock it.

    `designer` is the product's designer page (`Product.designer()`, localized) or None.

    The shops are `shop_links.presentation.stockists` (pass them when the page has them
    already): the names the where-to-buy list shows, in the visitor's language, so that one
    shop has one name on one page."""
    from catalogue import vocabulary

    steps = []
    if designer is not None:
        steps.append(ChainStep("design", designer.title, designer.city, designer.url or ""))
    links = list(
        ProductPartner.objects.filter(product=view.record)
        .select_related("partner")
        .order_by("position")
    )
    names = localized_records(ProductionPartner, [link.partner for link in links])
    notes = step_notes(view)
    pages = registry.partner_page_urls() if links else {}  # the workshops' own pages
    for link in links:
        partner = names[link.partner.translation_key]
        role = vocabulary.label(vocabulary.PARTNER_KIND, link.partner.kind)
        steps.append(
            ChainStep(
                "make",
                partner.name,
                link.partner.city,
                pages.get(link.partner.ref, ""),
                social_employment=link.partner.social_employment,
                name_lang=lang_mark(settings.LANGUAGE_CODE) if partner is link.partner else "",
                role=role.text,
                role_lang=role.lang,
                note=(note := notes.get(link.partner.ref, ShownText(""))).text,
                note_lang=note.lang,
            )
        )
    if shops is None:
        from shop_links.presentation import stockists

        shops = stockists(view.record)
    steps.extend(shop_steps(shops))
    return steps


def shop_steps(shops) -> list[ChainStep]:
    """The chain's last steps: the shops that stock it (`shop_links.presentation.stockists`)."""
    return [
        ChainStep("sell", shop.name, shop.retailer.city, name_lang=shop.text_lang) for shop in shops
    ]


def passport_structured_data(passport: "Passport | None", chain) -> dict:
    """The passport's facts as schema.org Product properties: the workshops that made it
    (`manufacturer`, each a LocalBusiness in its town, in the chain's order), the editors' texts
    schema.org has no property of its own for (`additionalProperty`, PropertyValue), and the
    passport address as `sameAs`: a URL that names this product and nothing else, for as long
    as the tag is in use, while `url` stays the page's canonical address."""
    from django.utils.translation import gettext

    data = {}
    makers = []
    for step in chain or ():
        if step.kind != "make":
            continue
        maker = {"@type": "LocalBusiness", "name": step.name}
        if step.detail:
            maker["address"] = {"@type": "PostalAddress", "addressLocality": step.detail}
        makers.append(maker)
    if makers:
        data["manufacturer"] = makers
    if passport is None:
        return data
    properties = [
        (gettext("Herkunft der Materialien"), passport.material_origin),
        (gettext("Pflege"), passport.care_advice),
        (gettext("Reparatur"), passport.repair_advice),
    ]
    properties = [
        {"@type": "PropertyValue", "name": name, "value": shown.text}
        for name, shown in properties
        if shown.text
    ]
    if properties:
        data["additionalProperty"] = properties
    data["sameAs"] = passport.url
    return data


def product_structured_data(
    view: ProductView, request, designer, image_object, passport=None, chain=()
) -> dict:
    """schema.org Product with an Offer (one variant) or an AggregateOffer (several), and the
    passport's facts (`passport_structured_data`)."""
    from core import seo

    url = seo.absolute_url(request, view.url)
    data = {
        "@context": seo.SCHEMA_ORG,
        "@type": "Product",
        "name": view.text.title,
        "url": url,
        "description": seo.plain_text(view.text.description) or seo.plain_text(view.text.teaser),
        "brand": {"@type": "Brand", "name": "Made in Aachen-Nord"},
        "category": view.category.text,
    }
    if view.text.material:
        data["material"] = view.text.material
    images = [
        image_object(item.image, request, caption=(item.shown_alt, item.shown_alt_language))
        for item in view.images
    ]
    images = [image for image in images if image]
    if images:
        data["image"] = images
    if len(view.variants) == 1:
        variant = view.variants[0]
        data["sku"] = variant.sku
        if variant.gtin:
            data["gtin13"] = variant.gtin
        data["offers"] = {
            "@type": "Offer",
            "price": plain_price(view.low_price),
            "priceCurrency": view.currency,
            "availability": SCHEMA_AVAILABILITY[variant.availability],
            "url": url,
        }
    elif view.variants:
        data["offers"] = {
            "@type": "AggregateOffer",
            "lowPrice": plain_price(view.low_price),
            "highPrice": plain_price(view.high_price),
            "priceCurrency": view.currency,
            "offerCount": len(view.variants),
            "availability": SCHEMA_AVAILABILITY[view.availability],
        }
    if designer is not None:
        data["creator"] = {
            "@type": "Person",
            "name": designer.title,
            "url": seo.page_url(designer, request),
        }
    data["productID"] = view.record.external_id
    data.update(passport_structured_data(passport, chain))
    return data


@dataclass
class Passport:
    """The product page's passport section: what the feed and the editors say about where the
    piece comes from and how to keep it, with its short address and QR code."""

    material: ShownText
    material_origin: ShownText
    care_advice: ShownText
    repair_advice: ShownText
    updated_at: object  # the catalogue's date of the data (else the last sync), or None
    url: str  # the absolute passport URL (/p/<id>/) a hang tag's QR code carries
    qr_svg: str  # the QR code of `url`, inline SVG named by its <title>

    @property
    def has_origin(self) -> bool:
        return bool(self.material.text or self.material_origin.text)

    @property
    def has_care(self) -> bool:
        return bool(self.care_advice.text or self.repair_advice.text)


def product_passport(view: ProductView, request) -> Passport:
    """The passport of a product page: no query beyond the Site (kept by the routing memo)."""
    from django.utils.translation import gettext

    from products.passport import passport_url, qr_svg

    url = passport_url(view.record, Site.find_for_request(request))
    record = view.record
    return Passport(
        material=ShownText(view.text.material, view.material_language),
        material_origin=editorial_text(view, "material_origin"),
        care_advice=editorial_text(view, "care_advice"),
        repair_advice=editorial_text(view, "repair_advice"),
        updated_at=record.catalogue_updated_at or record.synced_at,
        url=url,
        qr_svg=mark_safe(  # noqa: S308 - segno escapes the title; the rest is its own drawing
            qr_svg(url, gettext("QR-Code des Produktpasses: %(url)s") % {"url": url}, inline=True)
        ),
    )


class ProductPageParts:
    """Everything a product page shows, for the German row of a live product, each part worked
    out when first asked for: a fragment of the page (`{% fragment %}`, `core.dependencies`)
    depends on what its own parts read. The title, the head and the alternates read no shop, so
    a shop renamed replaces the fragment of the passport and the where-to-buy list only, and in
    it the shops' steps of the chain and the where-to-buy list (the designer's and workshops'
    steps and the rest of the passport are kept on their own); the language switcher reads the
    index pages' translations only."""

    def __init__(self, record: Product, index_page, request):
        self.record = record
        self.index_page = index_page
        self.locale = index_page.locale
        self.request = request

    @cached_property
    def product(self) -> ProductView:
        with dependencies.rows_read(Product, [self.record.translation_key]):
            record = Product.objects.select_related("locale").get(pk=self.record.pk)
        return product_views([record], self.locale)[0]

    @cached_property
    def texts(self) -> ProductView:
        """The product's texts only (no images, no variants): what the passport and the chain
        show. The whole `product` where the page has worked it out already; else the visitor's
        row at most, not the images and variants (a shop renamed renders the passport's
        fragment alone)."""
        if "product" in self.__dict__:
            return self.product
        record = self.record
        share_locale(record)
        text = localized_records(Product, [record], self.locale)[record.translation_key]
        return ProductView(record=record, text=text)

    @cached_property
    def designer(self):
        designer = self.record.designer()
        return designer.localized.specific if designer is not None else None

    @cached_property
    def shops(self) -> list:
        from shop_links.presentation import stockists

        return stockists(self.record, locale=self.locale)

    @cached_property
    def makers(self) -> list[ChainStep]:
        """The chain without its shops: the designer and the workshops (the head's JSON-LD)."""
        return production_chain(self.texts, self.designer, shops=())

    @cached_property
    def shop_steps(self) -> list[ChainStep]:
        """The chain's steps after `makers`: the shops that stock it."""
        return shop_steps(self.shops)

    @cached_property
    def passport(self) -> Passport:
        return product_passport(self.texts, self.request)

    @cached_property
    def where_to_buy(self):
        from shop_links.presentation import where_to_buy

        return where_to_buy(self.shops, locale=self.locale)

    @cached_property
    def variants(self) -> list[dict]:
        return [
            {
                "options": variant.option_labels(),
                "price": format_price(variant.price, variant.currency),
                "sale_price": format_price(variant.sale_price, variant.currency)
                if variant.sale_price is not None
                else "",
                "availability": variant.get_availability_display(),
            }
            for variant in self.product.variants
        ]

    @cached_property
    def alternates(self) -> list[tuple[str, str]]:
        return product_alternates(self.record.slug, self.index_page, self.request)

    @cached_property
    def switcher(self) -> list[LanguageLink]:
        return product_switcher(self.alternates, self.request)

    @cached_property
    def head(self) -> dict:
        return product_head(
            self.product,
            self.designer,
            self.index_page,
            self.request,
            passport=self.passport,
            chain=self.makers,
            alternates=self.alternates,
        )


def product_alternates(slug: str, index_page, request) -> list[tuple[str, str]]:
    """(language, absolute URL) of a product in every language that has a live products index
    (in German where its texts are not translated yet), in the site's order of languages: each of
    those URLs is an alternate of the others."""
    from core import seo

    order = [code for code, _name in settings.LANGUAGES]
    indexes = index_page.get_translations(inclusive=True).live().select_related("locale")
    return [
        (index.locale.language_code, seo.absolute_url(request, f"{index.get_url(request)}{slug}/"))
        for index in sorted(indexes, key=lambda page: order.index(page.locale.language_code))
    ]


def product_switcher(alternates, request) -> list[LanguageLink]:
    """The language switcher's links of a product page (`product_alternates`)."""
    from core import seo

    site_root = seo.site_root_url(request)
    names = dict(settings.LANGUAGES)
    current = translation.get_language()
    return [
        LanguageLink(code, names[code], link[len(site_root) :], code == current, True)
        for code, link in alternates
    ]


def product_head(
    view: ProductView, designer, index_page, request, *, alternates, passport=None, chain=()
) -> dict:
    """Title, description, Open Graph, JSON-LD, canonical and hreflang links of a product page
    (`alternates`: `product_alternates`). `chain`: the production chain, of which the JSON-LD
    names the workshops (`passport_structured_data`)."""
    from core import seo

    url = seo.absolute_url(request, view.url)
    description = seo.description(view.text.teaser or view.text.description)
    image = seo.social_rendition(view.first_image.image) if view.first_image else None
    # The page's language where the catalogue has translated the product, else German: the
    # description and the social tags say so (`lang`), like the text on the page.
    text_language = view.text_language if view.is_fallback else ""
    og = {
        "title": view.text.title,
        "description": description,
        "type": "product",
        "url": url,
        "site_name": seo.SITE_NAME,
        "locale": seo.OG_LOCALES.get(translation.get_language(), translation.get_language()),
        "alternate_locales": sorted(
            seo.OG_LOCALES[code] for code, _url in alternates if code != translation.get_language()
        ),
        "image": {
            "url": seo.absolute_url(request, image.url),
            "width": image.width,
            "height": image.height,
            "alt": view.first_image.shown_alt,
            "alt_language": view.first_image.shown_alt_language
            if view.first_image.alt_is_fallback
            else "",
        }
        if image
        else None,
        "text_language": text_language,
    }
    breadcrumbs = seo.breadcrumb_list(index_page, request)
    breadcrumbs["itemListElement"].append(
        {
            "@type": "ListItem",
            "position": len(breadcrumbs["itemListElement"]) + 1,
            "name": view.text.title,
            "item": url,
        }
    )
    structured = [
        breadcrumbs,
        product_structured_data(view, request, designer, seo.image_object, passport, chain),
    ]
    return {
        "description": description,
        "og": og,
        "structured_data": [seo.json_ld(item) for item in structured],
        "canonical": url,
        "alternates": alternates,
        "x_default": dict(alternates).get(settings.LANGUAGE_CODE),
    }
