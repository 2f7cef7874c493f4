"""The partner feed's content: the live catalogue of one language as schema.org-shaped rows.

`feed_page(language, number)` builds one page of the feed (`PARTNER_FEED_PAGE_SIZE` products,
ordered by catalogue id) in a fixed number of queries however many products it holds, and a
digest of it; `json_body` and `csv_body` write it out. Texts are the product's row in that
language where the catalogue or an editor provided one, else the German row: each product lists
the fields shown in German (`untranslated`). Every URL is absolute, from the default Wagtail
Site's configured root URL (never the request's Host): the product page, images (originals),
designer pages.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from catalogue import vocabulary
from catalogue.designers import designer_pages_by_ref
from catalogue.models import ProductionPartner, ProductPartner
from core.exports import formula_safe
from core.localized import localized_records
from core.routing import locale_for_language
from core.seo import on_root
from products.presentation import SCHEMA_AVAILABILITY, live_records, product_views

VERSION = "1"
# The texts of a product that may stand in German (`untranslated`).
TEXT_FIELDS = ("name", "description", "material")
CSV_COLUMNS = [
    "product_id",
    "sku",
    "gtin",
    "language",
    "name",
    "variant",
    "description",
    "url",
    "image_urls",
    "brand",
    "category",
    "material",
    "designer_name",
    "designer_url",
    "production_chain",
    "social_employment",
    "price",
    "regular_price",
    "currency",
    "availability",
    "untranslated",
]


class PageOutOfRange(Exception):
    pass


@dataclass
class FeedPage:
    language: str
    number: int
    pages: int
    count: int
    products: list[dict]
    digest: str


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _designers(records, locale) -> dict[int, dict]:
    """{product pk: {name, url}} of the products' designer pages, in `locale` where that page is
    translated and live (else German): three queries at most, whatever the number of products."""
    by_ref = designer_pages_by_ref([record.designer_ref for record in records])
    chosen = {record.designer_page_id for record in records if record.designer_page_id}
    overrides = {page.pk: page for page in Page.objects.live().filter(pk__in=chosen)}
    german = {}
    for record in records:
        page = overrides.get(record.designer_page_id) or by_ref.get(record.designer_ref)
        if page is not None:
            german[record.pk] = page
    translated = {}
    if german and locale is not None and locale.language_code != settings.LANGUAGE_CODE:
        keys = {page.translation_key for page in german.values()}
        translated = {
            page.translation_key: page
            for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
        }
    found = {}
    for pk, page in german.items():
        shown = translated.get(page.translation_key, page)
        found[pk] = {"@type": "Person", "name": shown.title, "url": shown.get_full_url() or ""}
    return found


def _chains(records, language) -> dict[int, list[dict]]:
    """{product pk: its workshops in the catalogue's order}: two queries."""
    links = list(
        ProductPartner.objects.filter(product__in=records)
        .select_related("partner")
        .order_by("product_id", "position")
    )
    names = localized_records(ProductionPartner, [link.partner for link in links])
    chains: dict[int, list[dict]] = {}
    for link in links:
        partner = link.partner
        shown = names.get(partner.translation_key, partner)
        step = {
            "@type": "LocalBusiness",
            "identifier": partner.ref,
            "name": shown.name,
            "role": vocabulary.label(vocabulary.PARTNER_KIND, partner.kind, language).text,
            "addressLocality": partner.city,
            "socialEmployment": partner.social_employment,
        }
        if shown is partner and language != settings.LANGUAGE_CODE:
            step["untranslated"] = ["name"]
        chains.setdefault(link.product_id, []).append(step)
    return chains


def _offer(variant, language: str) -> dict:
    current = variant.sale_price if variant.sale_price is not None else variant.price
    offer = {
        "@type": "Offer",
        "sku": variant.sku,
        "name": " / ".join(label.text for label in variant.option_labels(language)),
        "price": money(current),
        "priceCurrency": variant.currency,
        "availability": SCHEMA_AVAILABILITY.get(variant.availability, ""),
    }
    if variant.gtin:
        offer["gtin"] = variant.gtin
    if variant.sale_price is not None and variant.sale_price < variant.price:
        offer["priceSpecification"] = {
            "@type": "UnitPriceSpecification",
            "priceType": "https://schema.org/ListPrice",
            "price": money(variant.price),
            "priceCurrency": variant.currency,
        }
    return offer


def _product(view, root: str, brand: str, designer, chain, language: str) -> dict:
    text = view.text
    untranslated = [
        name
        for name, field in zip(TEXT_FIELDS, ("title", "description", "material"), strict=True)
        if getattr(text, field) and view.field_language(field)
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "productID": view.record.external_id,
        "name": text.title,
        "description": " ".join(strip_tags(text.description).split()),
        "url": on_root(root, view.url),
        "inLanguage": language,
        "untranslated": untranslated,
        "image": [on_root(root, item.image.file.url) for item in view.images],
        "brand": {"@type": "Brand", "name": brand},
        "category": vocabulary.label(vocabulary.CATEGORY, view.record.product_type, language).text,
        "material": text.material,
        "designer": designer,
        "productionChain": chain,
        "offers": [_offer(variant, language) for variant in view.variants],
    }


def feed_page(language: str, number: int) -> FeedPage:
    """Page `number` (from 1) of the feed in `language` (one of settings.LANGUAGES)."""
    records = live_records().order_by("external_id", "pk")
    paginator = Paginator(records, settings.PARTNER_FEED_PAGE_SIZE, allow_empty_first_page=True)
    try:
        page = paginator.page(number)
    except EmptyPage as error:
        raise PageOutOfRange from error
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site is not None else ""
    brand = site.site_name if site is not None and site.site_name else "Made in Aachen-Nord"
    locale = locale_for_language(language)
    with translation.override(language):
        views = product_views(page.object_list, locale)
        records = [view.record for view in views]
        designers = _designers(records, locale)
        chains = _chains(records, language)
        products = [
            _product(
                view,
                root,
                brand,
                designers.get(view.record.pk),
                chains.get(view.record.pk, []),
                language,
            )
            for view in views
        ]
    meta = [VERSION, language, number, paginator.num_pages, paginator.count]
    digest = hashlib.sha256(
        json.dumps([meta, products], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return FeedPage(language, number, paginator.num_pages, paginator.count, products, digest)


def json_body(page: FeedPage, last_modified: str, next_url: str) -> bytes:
    data = {
        "version": VERSION,
        "language": page.language,
        "lastModified": last_modified,
        "count": page.count,
        "page": page.number,
        "pages": page.pages,
        "next": next_url or None,
        "products": page.products,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def csv_rows(page: FeedPage):
    """One row per variant (a product without variants gets one row without prices)."""
    for product in page.products:
        designer = product["designer"] or {}
        chain = product["productionChain"]
        common = {
            "product_id": product["productID"],
            "language": page.language,
            "name": product["name"],
            "description": product["description"],
            "url": product["url"],
            "image_urls": " ".join(product["image"]),
            "brand": product["brand"]["name"],
            "category": product["category"],
            "material": product["material"],
            "designer_name": designer.get("name", ""),
            "designer_url": designer.get("url", ""),
            "production_chain": " > ".join(
                f"{step['name']} ({step['addressLocality']})"
                if step["addressLocality"]
                else step["name"]
                for step in chain
            ),
            "social_employment": "yes" if any(step["socialEmployment"] for step in chain) else "no",
            "untranslated": " ".join(product["untranslated"]),
        }
        for offer in product["offers"] or [{}]:
            regular = offer.get("priceSpecification", {}).get("price", offer.get("price", ""))
            yield {
                **common,
                "sku": offer.get("sku", ""),
                "gtin": offer.get("gtin", ""),
                "variant": offer.get("name", ""),
                "price": offer.get("price", ""),
                "regular_price": regular,
                "currency": offer.get("priceCurrency", ""),
                "availability": offer.get("availability", "").rpartition("/")[2],
            }


def csv_body(page: FeedPage) -> bytes:
    """UTF-8 with a header row; every text cell a spreadsheet would run as a formula starts
    with an apostrophe (`core.exports.formula_safe`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writerow({name: name for name in CSV_COLUMNS})
    for row in csv_rows(page):
        writer.writerow({name: formula_safe(value) for name, value in row.items()})
    return out.getvalue().encode()
