"""Admin registration: the translation status report under "Berichte" and the dashboard's
panels (workplace/dashboard.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from workplace.dashboard import panels_for
from workplace.reports import PERMISSION, TranslationStatusView


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    view = TranslationStatusView
    return [
        path("reports/translations/", view.as_view(), name="workplace_translation_status"),
        path(
            "reports/translations/results/",
            view.as_view(results_only=True),
            name="workplace_translation_status_results",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Übersetzungsstand"),
        reverse("workplace_translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=950,
    )


@hooks.register("construct_homepage_panels")
def add_workplace_panels(request, panels):
    # Our review panel lists the same task states with a count and a fixed number of queries.
    panels[:] = [panel for panel in panels if panel.name != "workflow_objects_to_moderate"]
    panels.extend(panels_for(request.user))
