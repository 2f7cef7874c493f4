"""Admin: workshop profiles and the skills vocabulary under one menu item; the workshops in the
sitemap (their addresses in each language with a live workshops index)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
