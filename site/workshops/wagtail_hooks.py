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


def search_workshops(query: str, locale) -> Found:
    """Published workshops whose name, summary or skills, as the visitor's language shows them,
    contain the query (workshops are few: filtered in Python, in a fixed number of queries)."""
    from workshops.views import workshop_views

    index = WorkshopIndexPage.objects.live().public().filter(locale=locale).first()
    if index is None:
        return Found()
    wanted = query.casefold().strip()
    return Found(
        view
        for view in workshop_views(index, locale)
        if wanted
        and any(
            wanted in text.casefold()
            for text in (view.name.text, view.summary.text, *(str(s) for _c, s in view.skills))
        )
    )


WORKSHOP_COUNT = ngettext_lazy("%(count)s Werkstatt", "%(count)s Werkstätten", "count")


def workshop_hits(views, request) -> list[SearchHit]:
    return [
        SearchHit(
            title=view.name.text,
            url=view.url,
            description=view.summary.text,
            language=view.name.lang,
            description_language=view.summary.lang if not view.name.lang else "",
            kind=str(_("Werkstatt")),
            detail=view.district_label,
        )
        for view in views
    ]


@hooks.register("register_site_search_source")
def workshop_search_source():
    return SearchSource(
        name="workshops",
        order=40,
        search=search_workshops,
        hits=workshop_hits,
        kind_count=WORKSHOP_COUNT,
    )
