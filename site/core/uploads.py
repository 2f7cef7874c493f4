"""The admin's upload forms for images and documents: two checks Wagtail does not make.

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
"""

import logging

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


class ImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None and "file" in self.changed_data:
            check_storage_reachable(self.instance.file.storage)
        return uploaded


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None and "file" in self.changed_data:
            check_document_content(uploaded)
            check_storage_reachable(self.instance.file.storage)
        return uploaded
