"""Admin registration of the shared snippets: navigation, footer and site settings, one per
language."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import images, rich_text
from core.i18n import share_locale
from core.models import Footer, Navigation, SiteSettings


@hooks.register("before_serve_page")
def share_the_visitors_locale(page, request, serve_args, serve_kwargs):
    """The page's Locale is the one routing just looked up: no second query for `page.locale`."""
    share_locale(page)


@hooks.register("register_rich_text_features", order=100)
def resolve_rich_text_references_safely(features):
    """After Wagtail's own registrations (order 0), which these replace: see `core.rich_text`."""
    rich_text.register(features)


@hooks.register("register_image_operations", order=100)
def bound_image_operations():
    """After Wagtail's own operations (order 0), which these replace: see `core.images`."""
    return images.bounded_image_operations()


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


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cog"
    menu_label = _("Website-Einstellungen")
    list_display = ["__str__", "locale"]
    list_filter = ["locale"]


class SiteFrameViewSetGroup(SnippetViewSetGroup):
    """Navigation, footer and site settings together under one menu item, where editors look
    for them."""

    items = (NavigationViewSet, FooterViewSet, SiteSettingsViewSet)
    menu_icon = "site"
    menu_label = _("Navigation & Fußbereich")
    menu_name = "site-frame"


register_snippet(SiteFrameViewSetGroup)
