"""Admin registration: the translation status report under "Berichte", a guarded PO upload,
the notice in the page editor that translations are behind their German source, the dashboard's
panels (workplace/dashboard.py), and the project's hold on wagtail-localize's steps that would
publish or change live content (workplace/translations.py): "Translate", "Sync translated pages",
"Convert to alias page" and "Publish" in the translation editor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource, get_edit_url

from workplace import translations, views
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
        path(
            "translations/<int:translation_id>/review/",
            views.review_translation,
            name="workplace_review_translation",
        ),
        # wagtail-localize's own addresses, answered by the project's views (see the module
        # docstring): the first matching pattern wins, and these are registered first.
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="workplace_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="workplace_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.SyncTranslationsView.as_view(),
            name="workplace_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            views.convert_to_alias,
            name="workplace_convert_to_alias",
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
    if page.workflow_in_progress or not translations.may_work_in(user, page.locale_id):
        return
    translation = _translation_into(page)
    if translation is not None and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Übersetzung zur Prüfung einreichen"),
            reverse("workplace_submit_translation", args=[translation.pk]),
            icon_name="resubmit",
            priority=30,
        )


def _translation_into(instance):
    """The enabled translation whose target `instance` is, or None (German, untranslated)."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=instance.locale_id)
        .select_related("source", "target_locale")
        .first()
    )


def _hold_translation_editor(request, instance):
    """Runs before wagtail-localize's hook, which shows its translation editor for `instance`.

    - A user limited to some languages is refused the others (pages are already limited by
      their page permissions; snippets are not).
    - "Publish in …" while the translation waits in review is the moderator's approval: the
      workflow finishes as approved (Wagtail would cancel it), which publishes the text.
    - The editor tells translators how to send their work into review, and moderators that it
      waits for them.
    """
    if not isinstance(instance, TranslatableMixin):
        return None
    if not translations.may_work_in(request.user, instance.locale_id):
        raise PermissionDenied
    translation = _translation_into(instance)
    if translation is None or not translations.reviewed(instance):
        return None
    if request.method == "POST" and request.POST.get("action") == "publish":
        if translations.current_task_state(instance) is None:
            return None
        if not translations.can_approve(instance, request.user):
            raise PermissionDenied
        translations.approve(translation, request.user)
        messages.success(request, _("Die Übersetzung ist freigegeben und veröffentlicht."))
        return redirect(get_edit_url(instance))
    if request.method == "GET":
        _tell_about_review(request, translation, instance)
    return None


def _tell_about_review(request, translation, instance):
    state = instance.current_workflow_state
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        if translations.can_approve(instance, request.user):
            admin_messages.info(
                request,
                _("Diese Übersetzung wartet auf Ihre Freigabe."),
                buttons=[
                    admin_messages.button(
                        reverse("workplace_review_translation", args=[translation.pk]),
                        _("Prüfen: freigeben oder Änderungen anfordern"),
                    )
                ],
            )
        else:
            admin_messages.info(
                request,
                _(
                    "Diese Übersetzung ist in der Prüfung. Besucher sehen bis zur Freigabe "
                    "die zuletzt freigegebene Fassung."
                ),
            )
        return
    if translations.may_publish(instance, request.user):
        return
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        comment = state.current_task_state.comment if state.current_task_state else ""
        text = _("Die Moderation bittet um Änderungen: „{comment}“").format(comment=comment)
    else:
        text = _("Besucher sehen diese Übersetzung erst, wenn die Moderation sie freigibt.")
    admin_messages.info(
        request,
        text,
        buttons=[
            admin_messages.button(
                reverse("workplace_submit_translation", args=[translation.pk]),
                _("Zur Prüfung einreichen"),
            )
        ],
    )


@hooks.register("before_edit_page")
def hold_translated_page_editor(request, page):
    return _hold_translation_editor(request, page)


@hooks.register("before_edit_snippet")
def hold_translated_snippet_editor(request, instance):
    return _hold_translation_editor(request, instance)
