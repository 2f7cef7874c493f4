from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EasyReadConfig(AppConfig):
    """Pages in Leichte Sprache: a marked, German-only section of the German tree
    (docs/easy-read.md). Page types only: a page of any app counts as content for the caches
    (`core.registry`), so the app registers only its start page as an index page."""

    name = "easyread"
    label = "easyread"
    verbose_name = _("Leichte Sprache")
    default_auto_field = "django.db.models.BigAutoField"
    # Its start page's URL is kept with the other index pages' (`core.frame.index_url`), so that
    # the pages that render without the database can still link it (`core.views.server_error`).
    index_page_types = ("easyread.EasyReadIndexPage",)
