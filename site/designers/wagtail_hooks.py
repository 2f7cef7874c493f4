"""Admin registration of the designers' taxonomies (translatable snippets)."""

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.search import SearchHit, SearchSource
from core.sitemaps import TranslatedSitemap
from designers.models import Discipline, ProductIndexPage, StoryTag


class DisciplineViewSet(SnippetViewSet):
    model = Discipline
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class StoryTagViewSet(SnippetViewSet):
    model = StoryTag
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (DisciplineViewSet, StoryTagViewSet)
    menu_icon = "tag"
    menu_label = _("Disziplinen & Themen")
    menu_name = "taxonomies"


register_snippet(TaxonomyViewSetGroup)


class ProductSitemap(TranslatedSitemap):
    """Every live product at its address in every language that has a live products index.

    A product page exists in each such language (in German where the catalogue has no
    translation), so each is listed with the others as its alternates.
    """

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


def product_hit(product, request):
    """A product as a search result: at its address in the visitor's language (also where its
    text is the German fallback, then marked as German)."""
    from designers.products import product_index_url

    base = getattr(request, "_product_index_url", None)
    if base is None:
        base = request._product_index_url = product_index_url()
    language = product.locale.language_code
    return SearchHit(
        title=product.title,
        description=product.teaser or product.material,
        url=f"{base}{product.slug}/",
        language=language if language != translation.get_language() else "",
    )


@hooks.register("register_site_search_source")
def product_search_source():
    return SearchSource(name="products", order=20, search=search_products, hit=product_hit)
