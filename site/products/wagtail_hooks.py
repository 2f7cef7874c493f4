"""Products in the sitemap and in the site search (results and suggestions).

Products are catalogue rows shown at an address per language under each live products index
(`ProductIndexPage`), so they register their own sitemap section and search source.
"""

from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks

from core.search import SearchHit, SearchSource, SearchSuggestions
from core.sitemaps import TranslatedSitemap
from products.hang_tag_admin import (
    URL_NAME,
    HangTagsBulkAction,
    HangTagsMenuItem,
    hang_tags_view,
)
from products.hang_tag_admin import listing_button as hang_tags_listing_button
from products.line_sheet_admin import URL_NAME as LINE_SHEET_URL_NAME
from products.line_sheet_admin import LineSheetBulkAction, line_sheet_view
from products.line_sheet_admin import menu_item as line_sheet_menu_item
from products.models import ProductIndexPage


class ProductSitemap(TranslatedSitemap):
    """Every live product at its address in every language that has a live products index.

    A product page exists in each such language (in German where the catalogue has no
    translation), so each is listed with the others as its alternates.
    """

    # 1,000 addresses a sitemap page (about 0.5 MB with their alternates): 10,000 products in
    # four languages go on over 40 pages (`/sitemap.xml?p=2`, …), all named in robots.txt.
    limit = 1000

    def items(self):
        from catalogue.models import Product

        indexes = {
            index.locale.language_code: index.url
            for index in ProductIndexPage.objects.live().public().select_related("locale")
        }
        records = (
            Product.objects.live().sources().only("pk", "slug", "translation_key", "synced_at")
        )
        return [
            (record, code, f"{indexes[code]}{record.slug}/")
            for record in records.order_by("pk")
            for code, _name in settings.LANGUAGES
            if code in indexes
        ]

    def location(self, item):
        return self.absolute_url(item[2])

    def lastmod(self, item):
        return item[0].synced_at

    def language_code(self, item) -> str:
        return item[1]

    def translation_group(self, item):
        return item[0].translation_key


@hooks.register("register_sitemap_section")
def product_sitemap():
    return "products", ProductSitemap


# The texts of a product a visitor sees and can search for.
PRODUCT_SEARCH_FIELDS = ("title", "material", "teaser")


def _matching(rows, query: str, language_code: str):
    """`rows` whose shown texts contain the query; on PostgreSQL also those that match it
    word by word with the text search configuration of `language_code` (the stemming pages
    get, `core.search_backend`). Other databases match substrings only."""
    condition = Q()
    for name in PRODUCT_SEARCH_FIELDS:
        condition |= Q(**{f"{name}__icontains": query})
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("LANGUAGE_CONFIGS", {})
    config = config.get(language_code)
    if connection.vendor != "postgresql" or config is None:
        return rows.filter(condition)
    from django.contrib.postgres.search import SearchQuery, SearchVector

    stemmed = rows.annotate(
        search_vector=SearchVector(*PRODUCT_SEARCH_FIELDS, config=config)
    ).filter(search_vector=SearchQuery(query, config=config, search_type="plain"))
    return rows.filter(condition | Q(pk__in=stemmed.values("pk")))


def search_products(query, locale):
    """Live products found by the texts the visitor sees on their pages, in their language.

    That is the product's row in the visitor's language where the catalogue translated it, else
    its German row, which the product page shows as the German fallback: a French visitor finds
    an untranslated product by its German title, and no translated product by its German one.
    The catalogue's texts are searched in the database itself (the sync writes products in bulk,
    past the search index's signals), stemmed like pages on PostgreSQL (`_matching`).
    """
    from catalogue.models import Product

    records = Product.objects.live().sources()
    if locale.language_code == settings.LANGUAGE_CODE:
        found = _matching(records, query, locale.language_code)
    else:
        translated = Product.objects.filter(
            locale=locale, translation_key__in=records.values("translation_key")
        )
        untranslated = records.exclude(
            translation_key__in=Product.objects.filter(locale=locale).values("translation_key")
        )
        found = Product.objects.filter(
            Q(pk__in=_matching(translated, query, locale.language_code).values("pk"))
            | Q(pk__in=_matching(untranslated, query, settings.LANGUAGE_CODE).values("pk"))
        )
    return found.select_related("locale").order_by("title", "pk")


PRODUCT_COUNT = ngettext_lazy("%(count)s Produkt", "%(count)s Produkte", "count")


def product_hits(products, request) -> list[SearchHit | None]:
    """Products as search results: at their address in the visitor's language (also where their
    text is the German fallback, then marked as German), with their first photo and category;
    None for one no longer live or without a product index to show it on.

    `products` are the rows found (the visitor's language or German); photos and variants hang
    on the German rows, fetched for all of them at once (`product_views`).
    """
    from catalogue.models import Product
    from products.presentation import product_views

    records = (
        Product.objects.live()
        .sources()
        .filter(translation_key__in=[product.translation_key for product in products])
    )
    views = {view.record.translation_key: view for view in product_views(records)}
    current = translation.get_language()
    hits = []
    for product in products:
        view = views.get(product.translation_key)
        if view is None or not view.url:
            hits.append(None)  # no longer live, or no product index to show it on
            continue
        language = product.locale.language_code
        category = view.category
        photo = view.first_image
        shown = "teaser" if product.teaser else "material"
        hits.append(
            SearchHit(
                title=product.title,
                description=getattr(product, shown),
                description_language=view.field_language(shown),
                url=view.url,
                language=language if language != current else "",
                kind=str(_("Produkt")),
                image=photo.image if photo else None,
                detail=category.text,
                detail_language=category.lang,
            )
        )
    return hits


@hooks.register("register_site_search_source")
def product_search_source():
    return SearchSource(
        name="products",
        order=20,
        search=search_products,
        hits=product_hits,
        kind_count=PRODUCT_COUNT,
        card_name=lambda product: str(product.pk),
    )


SUGGESTED = 4  # cards per group of suggestions: one row on a wide screen


def newest_products(locale, request) -> list[SearchHit]:
    """The featured, then the most recently changed products, as the visitor's language shows
    them (the German row where the catalogue has no translation)."""
    from catalogue.models import Product

    records = list(
        Product.objects.live()
        .sources()
        .order_by("-featured", F("catalogue_updated_at").desc(nulls_last=True), "-pk")[:SUGGESTED]
    )
    shown = {
        row.translation_key: row
        for row in Product.objects.filter(
            locale=locale, translation_key__in=[r.translation_key for r in records]
        ).select_related("locale")
    }
    hits = product_hits([shown.get(r.translation_key, r) for r in records], request)
    return [hit for hit in hits if hit is not None]


@hooks.register("register_site_search_suggestions")
def product_suggestions():
    return SearchSuggestions(
        name="products", heading=_("Neue Produkte"), find=newest_products, order=10
    )


# Hang tags (products.hang_tag_admin): the form and PDF, a bulk action in the products listing,
# a button in each product's listing row and in its edit view.
hooks.register("register_bulk_action", HangTagsBulkAction)
hooks.register("register_snippet_listing_buttons", hang_tags_listing_button)


@hooks.register("register_admin_urls")
def register_hang_tags_url():
    return [path("products/hang-tags/", hang_tags_view, name=URL_NAME)]


@hooks.register("register_snippet_action_menu_item")
def hang_tags_action_menu_item(model):
    from catalogue.models import Product

    return HangTagsMenuItem() if model is Product else None


# Line sheets (products.line_sheet_admin): the form and PDF, and a bulk action in the listing.
hooks.register("register_bulk_action", LineSheetBulkAction)


@hooks.register("register_admin_urls")
def register_line_sheet_url():
    return [path("products/line-sheet/", line_sheet_view, name=LINE_SHEET_URL_NAME)]


hooks.register("register_admin_menu_item", line_sheet_menu_item)
