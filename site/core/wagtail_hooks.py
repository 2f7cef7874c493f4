"""Admin registration of the shared snippets: navigation and footer, one per language."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Footer, Navigation


class NavigationViewSet(SnippetViewSet):
    model = Navigation
    icon = "list-ul"
    menu_label = _("Navigation")
    list_display = ["name", "locale"]
    list_filter = ["locale"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"
    menu_label = _("Fußbereich")
    list_display = ["__str__", "locale"]
    list_filter = ["locale"]


class SiteFrameViewSetGroup(SnippetViewSetGroup):
    """Navigation and footer together under one menu item, where editors look for them."""

    items = (NavigationViewSet, FooterViewSet)
    menu_icon = "site"
    menu_label = _("Navigation & Fußbereich")
    menu_name = "site-frame"


register_snippet(SiteFrameViewSetGroup)
