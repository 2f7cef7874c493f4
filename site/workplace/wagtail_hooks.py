"""Admin registration: the translation status report under "Berichte", a guarded PO upload,
the notice in the page editor that translations are behind their German source, and the
dashboard's panels (workplace/dashboard.py)."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from workplace import views
from workplace.dashboard import panels_for
from workplace.reports import PERMISSION, TranslationStatusView, is_behind

# wagtail-localize's label of its sync button, in the editor's language from its own catalogue
# (a variable, so that it is not extracted into this project's catalogues).
SYNC_ACTION = "Sync translated pages"


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
        # The same address as wagtail-localize's upload (its editor posts there); this app's
        # hooks run before wagtail_localize's (INSTALLED_APPS order), so this pattern wins.
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            views.upload_pofile,
            name="workplace_upload_pofile",
        ),
        path(
            "translations/<int:translation_id>/submit/",
            views.submit_translation,
            name="workplace_submit_translation",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Übersetzungsstand"),
        reverse("workplace_translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=950,
    )


def _language_names(locales) -> str:
    return ", ".join(sorted(str(locale.get_display_name()) for locale in locales))


@hooks.register("before_edit_page")
def tell_editors_about_outdated_translations(request, page):
    """Opening a German page whose translations lack its newer text, or such a translation,
    shows a warning that names the step that brings them up to date. Runs before
    wagtail-localize's hook, which then shows the translation editor with the message."""
    if request.method != "GET" or page.latest_revision is None:
        return None
    source = TranslationSource.objects.filter(object_id=page.translation_key).first()
    if source is None:
        return None
    translations = Translation.objects.filter(source=source, enabled=True)
    if page.locale_id == source.locale_id:
        if not is_behind(page.latest_revision.created_at, source):
            return None
        locales = Locale.objects.filter(pk__in=translations.values("target_locale"))
        if locales:
            messages.warning(
                request,
                _(
                    "Diese Seite wurde nach dem letzten Abgleich geändert. Veraltete "
                    "Übersetzungen: {languages}. „{action}“ im Seitenkopf überträgt die "
                    "Änderungen in die Übersetzungen."
                ).format(languages=_language_names(locales), action=_(SYNC_ACTION)),
            )
        return None
    original = page.get_translation_or_none(source.locale)
    revision = getattr(original, "latest_revision", None)
    if (
        translations.filter(target_locale_id=page.locale_id).exists()
        and revision is not None
        and is_behind(revision.created_at, source)
    ):
        messages.warning(
            request,
            _(
                "Das Original ({language}) wurde nach dem letzten Abgleich geändert: Diese "
                "Übersetzung zeigt noch den alten Text. „{action}“ auf der Seite im Original "
                "überträgt die Änderungen hierher."
            ).format(language=source.locale.get_display_name(), action=_(SYNC_ACTION)),
        )
    return None


@hooks.register("construct_homepage_panels")
def add_workplace_panels(request, panels):
    # Our review panel lists the same task states with a count and a fixed number of queries.
    panels[:] = [panel for panel in panels if panel.name != "workflow_objects_to_moderate"]
    panels.extend(panels_for(request.user))


@hooks.register("register_page_listing_more_buttons")
def submit_translation_button(page, user, next_url=None):
    """On a translated page (in the page listing's "…" menu): send the translation to review."""
    if page.workflow_in_progress:
        return
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .first()
    )
    if translation is not None and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Übersetzung zur Prüfung einreichen"),
            reverse("workplace_submit_translation", args=[translation.pk]),
            icon_name="resubmit",
            priority=30,
        )
