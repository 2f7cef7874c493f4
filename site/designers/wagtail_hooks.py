"""Admin registration of the designers' taxonomies (translatable snippets)."""

from django.conf import settings
from django.db.models import Q
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


def search_products(query, locale):
    """Products whose name or material contains the query, in the visitor's language.

    A plain substring match on the catalogue's texts: the sync writes products in bulk, past
    the search index's signals, so the database itself is searched.
    """
    from catalogue.models import Product

    return (
        Product.objects.live()
        .filter(locale=locale)
        .filter(
            Q(title__icontains=query) | Q(material__icontains=query) | Q(teaser__icontains=query)
        )
        .order_by("title")
    )


def product_hit(product, request):
    from designers.products import product_index_url

    cache = getattr(request, "_product_index_urls", None)
    if cache is None:
        cache = request._product_index_urls = {}
    if product.locale_id not in cache:
        cache[product.locale_id] = product_index_url(product.locale)
    return SearchHit(
        title=product.title,
        description=product.teaser or product.material,
        url=f"{cache[product.locale_id]}{product.slug}/",
    )


@hooks.register("register_site_search_source")
def product_search_source():
    return SearchSource(name="products", order=20, search=search_products, hit=product_hit)
