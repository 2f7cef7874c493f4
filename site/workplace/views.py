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
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

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


def submit_translation(request, translation_id):
    """A translation goes into review like any edit: its text is saved as a draft of the
    translated page and the page's workflow starts, so moderators are told and publish it (or
    ask for changes). wagtail-localize's own editor can only publish, which translators may not."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page) or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    editor_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        workflow = page.get_workflow()
        if workflow is None:
            messages.error(request, _("Für diese Seite ist keine Prüfung eingerichtet."))
        elif page.workflow_in_progress:
            messages.warning(request, _("Diese Übersetzung ist schon in der Prüfung."))
        else:
            translation.save_target(user=request.user, publish=False)
            page = Page.objects.get(pk=page.pk).specific
            workflow.start(page, request.user)
            messages.success(request, _("Die Übersetzung ist zur Prüfung eingereicht."))
        return redirect(editor_url)
    return TemplateResponse(
        request,
        "workplace/submit_translation.html",
        {
            "page": page,
            "language": translation.target_locale.get_display_name(),
            "editor_url": editor_url,
            "page_title": _("Übersetzung zur Prüfung einreichen"),
        },
    )
