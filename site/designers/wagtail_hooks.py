"""Admin registration of the designers' taxonomies (translatable snippets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from designers.models import Discipline, StoryTag


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
