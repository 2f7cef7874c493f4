"""Admin registration of the designers' taxonomies (translatable snippets); designers in the
site search's suggestions."""

from dataclasses import replace

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.search import SearchHit, SearchSuggestions
from designers.models import DesignerPage, Discipline, StoryTag
from products.wagtail_hooks import SUGGESTED  # cards per group of suggestions, as for products


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


def newest_designers(locale, request) -> list[SearchHit]:
    """The most recently published designers of the visitor's language, with their portraits."""
    from core.search import page_hits

    designers = list(
        DesignerPage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")[:SUGGESTED]
    )
    return [
        replace(hit, detail=page.city)
        for hit, page in zip(page_hits(designers, request), designers, strict=True)
    ]


@hooks.register("register_site_search_suggestions")
def designer_suggestions():
    return SearchSuggestions(
        name="designers", heading=_("Designer:innen"), find=newest_designers, order=20
    )
