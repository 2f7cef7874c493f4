"""`/sitemap.xml`: every live, public page in every language, with its hreflang alternates.

The sitemap is made of *sections*, each a `TranslatedSitemap`: items that exist in several
languages, grouped by a translation key, so that each URL lists the URLs of all its language
versions (`<xhtml:link rel="alternate" hreflang>`, plus `x-default` for the German one). Pages are
the first section. Another app adds its own section with Wagtail's hook `register_sitemap_section`,
which returns a section name and a `TranslatedSitemap` subclass. For the catalogue's products
(a translatable snippet shown at a URL per language), in `catalogue/wagtail_hooks.py`::

    from wagtail import hooks
    from core.sitemaps import TranslatedSitemap

    class ProductSitemap(TranslatedSitemap):
        def items(self):
            # Every language at once, in one query: the section must not query per item.
            return list(Product.objects.filter(is_active=True).order_by("pk"))

        def location(self, product):
            return self.absolute_url(product.get_url(self.request))

        def lastmod(self, product):
            return product.updated_at

    @hooks.register("register_sitemap_section")
    def product_sitemap():
        return "products", ProductSitemap

`language_code(item)` and `translation_group(item)` default to the item's locale and
`translation_key` (`TranslatableMixin`); override them for anything else.
"""

from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from core.seo import absolute_url, page_url


class TranslatedSitemap(Sitemap):
    """A sitemap section of items in several languages, each listing its translations.

    Subclasses implement `items()` (a list of every item in every language, fetched with a
    constant number of queries), `location(item)` (an absolute URL) and `lastmod(item)`.
    """

    def items(self):
        raise NotImplementedError

    def absolute_url(self, path: str) -> str:
        return absolute_url(self.request, path)

    @cached_property
    def _language_codes(self) -> dict[int, str]:
        return dict(Locale.objects.values_list("pk", "language_code"))

    def language_code(self, item) -> str:
        return self._language_codes.get(item.locale_id, "")

    def translation_group(self, item):
        return item.translation_key

    def url_infos(self, item) -> list[dict]:
        """The entries of one item: its own URL first (the one its alternates belong to)."""
        return [{"location": self.location(item), "lastmod": self.lastmod(item)}]

    @cached_property
    def _all_items(self) -> list:
        # Django builds a new paginator on each access; the items are fetched once.
        return list(self.items())

    def _items(self):
        return self._all_items

    @cached_property
    def _alternates(self) -> dict:
        groups = defaultdict(dict)
        for item in self._all_items:
            location = self.location(item)
            if location:
                groups[self.translation_group(item)][self.language_code(item)] = location
        return groups

    def alternates(self, item) -> list[dict]:
        versions = self._alternates.get(self.translation_group(item), {})
        alternates = [
            {"lang_code": code, "location": versions[code]}
            for code, _name in settings.LANGUAGES
            if code in versions
        ]
        if settings.LANGUAGE_CODE in versions:
            alternates.append(
                {"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]}
            )
        return alternates

    def _urls(self, page, protocol, domain):
        # `/sitemap.xml?p=2` goes on with the sections that have a second page; a section that
        # fits on fewer pages adds nothing to it (Django's view would answer 404 for all).
        if int(page) > self.paginator.num_pages:
            return []
        urls = []
        for item in self.paginator.page(page).object_list:
            own_location = self.location(item)
            for info in self.url_infos(item):
                if info.get("location") == own_location and "alternates" not in info:
                    info = {**info, "alternates": self.alternates(item)}
                urls.append(info)
        last_mods = {info.get("lastmod") for info in urls}
        if urls and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class PageSitemap(TranslatedSitemap):
    """Every live, public page of the site's language trees (the home page of each language and
    everything below it). A page type adds URLs (e.g. a routable page's sub-pages) by overriding
    Wagtail's `Page.get_sitemap_urls(request)`; the entry at the page's own URL gets the alternates.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.live().filter(translation_key=root.translation_key).only("path")
        in_site = Q()
        for home in homes:
            in_site |= Q(path__startswith=home.path)
        if not in_site:
            return []
        return (
            Page.objects.live()
            .public()
            .filter(in_site)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    @cached_property
    def _locations(self) -> dict[int, str]:
        return {page.pk: page_url(page, self.request) for page in self._all_items}

    def location(self, page):
        return self._locations.get(page.pk) or page_url(page, self.request)

    def url_infos(self, page):
        return page.get_sitemap_urls(self.request)


def sections(request) -> dict[str, TranslatedSitemap]:
    """Pages, then the sections other apps register."""
    found = {"pages": PageSitemap(request)}
    for make_section in hooks.get_hooks("register_sitemap_section"):
        name, section_class = make_section()
        found[name] = section_class(request)
    return found


def sitemap(request):
    """The site's sitemap. A section with more entries than its `limit` (the products: a
    catalogue of thousands) goes on at `?p=2` and further; robots.txt names every page
    (`page_count`), so no one answer grows with the catalogue."""
    return sitemap_views.sitemap(request, sections(request))


def page_count(request) -> int:
    """How many pages `/sitemap.xml` has: those of its longest section."""
    return max((section.paginator.num_pages for section in sections(request).values()), default=1)
