from django.apps import AppConfig


class WorkplaceConfig(AppConfig):
    """The communications team's workplace: roles, the review workflow, translation status."""

    name = "workplace"
    label = "workplace"
    verbose_name = "Arbeitsplatz"

    def ready(self):
        # Wagtail answers a refused admin request with a redirect to the dashboard, where a
        # small error message is easy to miss and the dashboard looks like success. The project
        # answers with a page that says so, status 403 (workplace/views.py).
        import wagtail.admin.auth

        from workplace.views import permission_denied

        wagtail.admin.auth.permission_denied = permission_denied

        # wagtail-localize's "Synchronise content from another locale" (Settings → Locales)
        # copies every German page into that language as an alias, published with the German
        # page: German text live under /fr/ without a translation or a review. Not offered.
        from wagtail_localize.locales.components import LOCALE_COMPONENTS
        from wagtail_localize.models import LocaleSynchronization

        LOCALE_COMPONENTS[:] = [
            c for c in LOCALE_COMPONENTS if c["model"] is not LocaleSynchronization
        ]
