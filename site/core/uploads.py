"""The admin's upload forms for images and documents: checks Wagtail does not make.

- The media storage must answer before a file is accepted. When the bucket cannot be reached,
  the editor sees a form error on the file field instead of a server error, and nothing is saved
  (Wagtail writes the file while saving the row, so a failed write leaves no row either; the
  check makes the usual case — the store is down — a clear message, in the single and the
  multiple uploader alike).
- A document must be what its extension says. Wagtail checks a document's extension only: a
  page of HTML renamed `.pdf` would be stored and offered for download. Documents are always
  sent as attachments with `nosniff`, so it could not run on this site, but it is not what
  editors meant to publish. Formats with a fixed signature are checked; CSV and text files must
  not be markup.
- The file is written while the form is validated, not afterwards while the view saves the row.
  Wagtail writes it in the model's `save()`, where a full disk or a bucket that breaks off the
  upload is a server error (and a local disk keeps the part written so far). Here the write
  failing is a form error on the file field, in every form that uploads (single, multiple,
  chooser, edit); the storage removes what it had written (`core/storage.py` for local disk,
  boto3's aborted multipart upload for S3), and no row is saved.
"""

import errno
import logging

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

ZIP = b"PK\x03\x04"
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "odt": (ZIP,),
}
MARKUP = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<head", b"<body")
# A name that is never stored: asking whether it exists is the cheapest request a store answers.
PROBE = "original_images/.storage-probe"


def check_storage_reachable(storage) -> None:
    """Raise a ValidationError for the editor when the media storage does not answer."""
    try:
        storage.exists(PROBE)
    except Exception as error:
        logger.error(
            "Upload refused: the media storage did not answer (%s)",
            type(error).__name__,
            extra={"event": "media_storage_unavailable", "error": type(error).__name__},
        )
        raise ValidationError(
            _(
                "Die Datei konnte nicht gespeichert werden: der Medienspeicher ist gerade nicht "
                "erreichbar. Bitte versuchen Sie es in einigen Minuten noch einmal."
            ),
            code="storage_unavailable",
        ) from None


def store_upload(form) -> None:
    """Write the form's uploaded file to the storage now, under the name Wagtail would give it.

    The model's file then counts as committed, so saving the row writes nothing more; the
    uploaded file stays open on it, so Wagtail reads size and hash from it, not back from the
    store. If the write fails the editor is told, and the form is invalid.
    """
    field_file = form.instance.file
    if not field_file or getattr(field_file, "_committed", True):
        return
    uploaded = field_file.file
    name = field_file.field.generate_filename(form.instance, field_file.name)
    try:
        uploaded.seek(0)
        stored = field_file.storage.save(name, uploaded, max_length=field_file.field.max_length)
    except Exception as error:
        full = getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
        logger.error(
            "Upload refused: the media storage did not take the file (%s)",
            type(error).__name__,
            extra={
                "event": "media_storage_write_failed",
                "error": type(error).__name__,
                "full": full,
            },
        )
        message = (
            _(
                "Die Datei konnte nicht gespeichert werden: der Medienspeicher ist voll. Es "
                "wurde nichts gespeichert; bitte geben Sie der Technik Bescheid."
            )
            if full
            else _(
                "Die Datei konnte nicht gespeichert werden: der Medienspeicher hat das Hochladen "
                "abgebrochen. Es wurde nichts gespeichert; bitte versuchen Sie es noch einmal."
            )
        )
        form.add_error("file", ValidationError(message, code="storage_write_failed"))
        return
    finally:
        uploaded.seek(0)
    field_file.name = stored
    field_file._committed = True  # what FieldFile.save() sets once the storage has the file


def check_document_content(uploaded) -> None:
    """Raise a ValidationError when the upload's first bytes do not fit its extension."""
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(0)
    expected = SIGNATURES.get(extension)
    if expected is not None:
        fits = head.startswith(expected)
    else:
        fits = not head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(MARKUP)
    if not fits:
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Endung „.%(extension)s“."),
            code="content_mismatch",
            params={"extension": extension},
        )


class StoreWhenValid:
    """Once every field and the model are valid, write the new file (see `store_upload`)."""

    def _post_clean(self):
        super()._post_clean()
        if not self._errors and "file" in self.changed_data:
            store_upload(self)


class AltTextFields:
    """One "Alternativtext (Français)" field per language besides German in the image form.

    The German alt text is the image's description (Wagtail's own field); these are saved as
    `core.ImageAltText` rows with the image (also when a view saves with `commit=False` and
    calls `save_m2m()` later). An emptied field removes that language's alt text: the page
    then shows the German one (`core.images.alt_for`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = dict(self.instance.alt_texts.values_list("language_code", "alt"))
        for code, name in alt_text_languages():
            self.fields[f"alt_{code}"] = forms.CharField(
                label=_("Alternativtext (%(language)s)") % {"language": name},
                required=False,
                max_length=255,
                initial=existing.get(code, ""),
                help_text=_(
                    "Was das Bild zeigt, für Seiten in dieser Sprache. Leer: Seiten zeigen "
                    "den deutschen Alternativtext (Beschreibung)."
                ),
            )

    def _save_m2m(self):
        super()._save_m2m()
        from core.models import ImageAltText

        for code, _name in alt_text_languages():
            field = f"alt_{code}"
            if field not in self.cleaned_data:
                continue
            text = " ".join(self.cleaned_data[field].split())
            if text:
                ImageAltText.objects.update_or_create(
                    image=self.instance, language_code=code, defaults={"alt": text}
                )
            else:
                ImageAltText.objects.filter(image=self.instance, language_code=code).delete()


def alt_text_languages() -> list[tuple[str, str]]:
    """The site's languages besides German, each with its name in that language."""
    from django.conf import settings
    from django.utils.translation import get_language_info

    return [
        (code, get_language_info(code)["name_local"].capitalize())
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class ImageForm(AltTextFields, StoreWhenValid, BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None and "file" in self.changed_data:
            check_storage_reachable(self.instance.file.storage)
        return uploaded


class DocumentForm(StoreWhenValid, BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None and "file" in self.changed_data:
            check_document_content(uploaded)
            check_storage_reachable(self.instance.file.storage)
        return uploaded
