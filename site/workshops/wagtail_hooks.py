"""Admin: workshop profiles and the skills vocabulary under one menu item; the workshops in the
sitemap (their addresses in each language with a live workshops index) and in the site search."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.search import SearchHit, SearchSource
from core.sitemaps import TranslatedSitemap
from workshops.models import Skill, Workshop, WorkshopIndexPage


class WorkshopViewSet(SnippetViewSet):
    model = Workshop
    icon = "group"
    menu_label = _("Werkstätten")
    list_display = ["__str__", "ref", "district", "live", "locale"]
    list_filter = ["locale", "district"]
    search_fields = ["name", "ref"]
    search_backend_name = None
    copy_view_enabled = False


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "cog"
    menu_label = _("Fertigkeiten")
    list_display = ["label", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["label", "code"]
    search_backend_name = None


class WorkshopGroup(SnippetViewSetGroup):
    items = (WorkshopViewSet, SkillViewSet)
    menu_icon = "group"
    menu_label = _("Werkstätten")
    menu_name = "workshops"


register_snippet(WorkshopGroup)


class WorkshopSitemap(TranslatedSitemap):
    """Every live workshop at its address in every language that has a live workshops index."""

    def items(self):
        indexes = {
            index.locale.language_code: index.url
            for index in WorkshopIndexPage.objects.live().public().select_related("locale")
            if index.url  # an index on no site has no address
        }
        rows = Workshop.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, live=True
        ).only("pk", "ref", "translation_key", "last_published_at")
        return [
            (row, code, f"{indexes[code]}{row.ref}/")
            for row in rows.order_by("ref")
            for code, _name in settings.LANGUAGES
            if code in indexes
        ]

    def location(self, item):
        return self.absolute_url(item[2])

    def lastmod(self, item):
        return item[0].last_published_at

    def language_code(self, item) -> str:
        return item[1]

    def translation_group(self, item):
        return item[0].translation_key


@hooks.register("register_sitemap_section")
def workshop_sitemap():
    return "workshops", WorkshopSitemap


class Found(list):
    """Search results as the site search takes them: sliceable, with `count()`."""

    def count(self, *args):
        return super().count(*args) if args else len(self)


def _searchable(locale_pk: int) -> list[tuple]:
    """(text to search, title, title's lang, summary, summary's lang, district, url) of every
    published workshop as the language shows it."""
    from wagtail.models import Locale

    from workshops.views import live_index, workshop_views

    locale = Locale.objects.get(pk=locale_pk)
    index = live_index(locale)
    if index is None:
        return []
    return [
        (
            " ".join(
                [view.name.text, view.summary.text, *(str(label) for _c, label in view.skills)]
            ).casefold(),
            view.name.text,
            view.name.lang,
            view.summary.text,
            view.summary.lang,
            view.district_label,
            view.url,
        )
        for view in workshop_views(index, locale)
    ]


def search_workshops(query: str, locale) -> Found:
    """Published workshops whose name, summary or skills, as the visitor's language shows them,
    contain the query. Workshops are few: their texts are kept per language with what they read
    (`cached(..., reads=True)`: snippets, catalogue rows and the index page's address), so a
    search asks no query for them."""
    from core.content_version import cached

    wanted = query.casefold().strip()
    if not wanted:
        return Found()
    rows = cached(f"workshop-search:{locale.pk}", _searchable, locale.pk, reads=True)
    return Found(row for row in rows if wanted in row[0])


WORKSHOP_COUNT = ngettext_lazy("%(count)s Werkstatt", "%(count)s Werkstätten", "count")


def workshop_hits(rows, request) -> list[SearchHit]:
    return [
        SearchHit(
            title=title,
            url=url,
            description=summary,
            language=title_lang,
            description_language=summary_lang if not title_lang else "",
            kind=str(_("Werkstatt")),
            detail=district,
        )
        for _text, title, title_lang, summary, summary_lang, district, url in rows
    ]


@hooks.register("register_site_search_source")
def workshop_search_source():
    return SearchSource(
        name="workshops",
        order=15,
        search=search_workshops,
        hits=workshop_hits,
        kind_count=WORKSHOP_COUNT,
    )
