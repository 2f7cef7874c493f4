"""The indicators in the admin: Snippets → Kennzahlen (translatable, under review)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from results.models import Indicator


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Kennzahlen")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "unit", "live_source", "sort_order", "locale"]
    list_filter = ["locale", "live_source"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(IndicatorViewSet)
