"""The Depot's shared resources in the admin: Snippets → Depot-Ressourcen (translatable, under
review)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from depot.models import SharedResource


class SharedResourceViewSet(SnippetViewSet):
    model = SharedResource
    icon = "cogs"
    menu_label = _("Depot-Ressourcen")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "kind", "sort_order", "locale"]
    list_filter = ["locale", "kind"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(SharedResourceViewSet)
