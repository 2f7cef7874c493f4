"""Admin views that make wagtail-localize's own steps safe for non-programmers."""

import contextlib
import os
import tempfile

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation, get_edit_url
from wagtail_localize.views import convert, edit_translation, submit_translations
from wagtail_localize.views.update_translations import UpdateTranslationsView

from workplace import translations

TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


def _translation_id_of_po(upload) -> str | None:
    """The wagtail-localize translation a PO file was exported for, or None when the file is no
    PO file or no export of wagtail-localize (a PO file of another tool or project)."""
    # polib reads a path or a text; a text that names an existing file would be read from disk,
    # so the upload goes through a file of its own (as wagtail-localize does).
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as f:
        for chunk in upload.chunks():
            f.write(chunk)
    try:
        return polib.pofile(f.name).metadata.get(TRANSLATION_ID_HEADER)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(f.name)
        upload.seek(0)


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, answering a file it would fail on with a message.

    wagtail-localize itself answers an unreadable file and an export of another translation with
    a message, but fails with a server error on a PO file without its translation header (say one
    from another project) and on a post without a file. Those get a message here and change
    nothing, after the same permission check as wagtail-localize's; every other upload is
    handed to wagtail-localize.
    """
    translation = get_object_or_404(Translation, id=translation_id)
    if not edit_translation.user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None or _translation_id_of_po(upload) is None:
        messages.error(
            request,
            _(
                "Diese Datei ist keine PO-Datei aus diesem Übersetzungseditor. Bitte die "
                "Datei hochladen, die hier mit „PO Datei herunterladen“ gespeichert wurde; "
                "es wurde nichts geändert."
            ),
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    return edit_translation.upload_pofile(request, translation_id)


def permission_denied(request):
    """The admin's refusal: a page saying so, with status 403 (for script requests, Django's
    plain 403, as Wagtail does)."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return TemplateResponse(
        request,
        "workplace/permission_denied.html",
        {"page_title": _("Keine Berechtigung")},
        status=403,
    )


def _target_for(request, translation_id):
    """The translation and its target, if `request.user` may edit that target in its language."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        pk=translation_id,
        enabled=True,
    )
    target = translations.target_or_none(translation)
    if (
        target is None
        or not translations.reviewed(target)
        or not edit_translation.user_can_edit_instance(request.user, target)
        or not translations.may_work_in(request.user, translation.target_locale_id)
    ):
        raise PermissionDenied
    return translation, target


def submit_translation(request, translation_id):
    """A translation goes into review like any edit: its text is saved as a draft of the
    translated page or snippet (the live version stays as it is) and the workflow starts, so
    moderators are told and approve it or ask for changes. wagtail-localize's own editor can only
    publish, which translators may not."""
    translation, target = _target_for(request, translation_id)
    editor_url = get_edit_url(target)
    if request.method == "POST":
        outcome = translations.submit(translation, request.user)
        if outcome == "in_review":
            messages.warning(request, _("Diese Übersetzung ist schon in der Prüfung."))
        else:
            messages.success(request, _("Die Übersetzung ist zur Prüfung eingereicht."))
        return redirect(editor_url)
    return TemplateResponse(
        request,
        "workplace/submit_translation.html",
        {
            "object": target,
            "title": str(target),
            "language": translation.target_locale.get_display_name(),
            "editor_url": editor_url,
            "page_title": _("Übersetzung zur Prüfung einreichen"),
        },
    )


def review_translation(request, translation_id):
    """The moderator's decision on a translation in review: approve (it goes live) or ask for
    changes with a comment (the translator is e-mailed). The translation editor beside it shows
    the German source next to each translated text; the preview shows the draft as a page."""
    translation, target = _target_for(request, translation_id)
    editor_url = get_edit_url(target)
    if not translations.can_approve(target, request.user):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        comment = request.POST.get("comment", "").strip()
        if request.POST.get("action") == "approve":
            translations.approve(translation, request.user, comment=comment)
            messages.success(
                request,
                _("Die Übersetzung ist freigegeben und veröffentlicht."),
            )
            return redirect(editor_url)
        if request.POST.get("action") == "reject":
            if comment:
                translations.request_changes(translation, request.user, comment)
                messages.success(
                    request,
                    _("Die Übersetzung geht mit Ihrem Kommentar zurück an die Übersetzung."),
                )
                return redirect(editor_url)
            error = _("Bitte sagen Sie in einem Kommentar, was geändert werden soll.")
    preview_url = (
        reverse("wagtail_localize:preview_translation", args=[translation.pk])
        if isinstance(target, Page)
        else None
    )
    task_state = translations.current_task_state(target)
    return TemplateResponse(
        request,
        "workplace/review_translation.html",
        {
            "object": target,
            "title": str(target),
            "language": translation.target_locale.get_display_name(),
            "editor_url": editor_url,
            "preview_url": preview_url,
            "submitted_by": task_state.workflow_state.requested_by,
            "submitted_at": task_state.started_at,
            "error": error,
            "comment": request.POST.get("comment", ""),
            "page_title": _("Übersetzung prüfen"),
        },
        status=400 if error else 200,
    )


def _refuse_foreign_locales(request):
    """A request naming a language the user may not work in is refused outright (the form
    offers only the user's languages; a post naming another one did not come from it)."""
    allowed = translations.allowed_locale_ids(request.user)
    if allowed is None:
        return
    posted = {int(pk) for pk in request.POST.getlist("locales") if pk.isdigit()}
    if posted - allowed:
        raise PermissionDenied


class DraftTranslationMixin:
    """wagtail-localize's "Translate" form, limited to the user's languages, creating drafts."""

    def get_form(self):
        form = super().get_form()
        allowed = translations.allowed_locale_ids(self.request.user)
        if allowed is not None:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(pk__in=allowed)
        return form

    def dispatch(self, request, *args, **kwargs):
        _refuse_foreign_locales(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        locales = list(form.cleaned_data["locales"])
        translations.start_translations(
            self.object,
            locales,
            self.request.user,
            components=self.components,
            include_subtree=isinstance(self.object, Page)
            and form.cleaned_data.get("include_subtree", False),
        )
        translated = None
        if len(locales) == 1:
            names = locales[0].get_display_name()
            translated = self.object.get_translation(locales[0])
        else:
            names = ", ".join(str(locale.get_display_name()) for locale in locales)
        messages.success(
            self.request,
            _(
                "„{title}“ ist zur Übersetzung angelegt ({languages}): ein Entwurf, den "
                "Besucher erst nach der Freigabe sehen."
            ).format(title=str(self.object), languages=names),
        )
        return redirect(self.get_success_url() or self.get_default_success_url(translated))


class SubmitPageTranslationView(
    DraftTranslationMixin, submit_translations.SubmitPageTranslationView
):
    def dispatch(self, request, *args, **kwargs):
        # A page type that exists in German only (`german_only`: Leichte Sprache) is not
        # translated: "Translate" says so and leads back to the page.
        page = Page.objects.filter(pk=kwargs.get("page_id")).first()
        if page is not None and getattr(page.specific_class, "german_only", False):
            messages.error(
                request,
                _(
                    "„{title}“ gibt es nur auf Deutsch: Seiten in Leichter Sprache werden nicht übersetzt."
                ).format(title=page.title),
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        return super().dispatch(request, *args, **kwargs)


class SubmitSnippetTranslationView(
    DraftTranslationMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


class SyncTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages" without its "publish immediately" box: the sync brings the German
    text into the translation editors; what is published is decided in review."""

    def get_form(self):
        form = super().get_form()
        form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data["publish_translations"] = False
        allowed = translations.allowed_locale_ids(self.request.user)
        if form.cleaned_data.get("use_machine_translation") and allowed is not None:
            foreign = self.object.translations.filter(enabled=True).exclude(
                target_locale_id__in=allowed
            )
            if foreign.exists():
                raise PermissionDenied
        return super().form_valid(form)


def convert_to_alias(request, page_id):
    """ "Convert to alias page" puts the German page's content on the translated page: a change
    visitors see, so only those who may publish the page may do it."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)
