"""The checks a designer's file passes before it is stored (types by content, never by name).

- Images: JPEG, PNG or WebP as Pillow reads them (an SVG, or anything else, is refused: an SVG
  can carry scripts). The pixel count is read from the header and checked before any decoding
  (`APPLICATION_MAX_PIXELS`), so a small file that would unpack into gigabytes (a decompression
  bomb) never is decoded. What is stored is a fresh encoding of the pixels: no EXIF (camera,
  place), no comments, no profiles, no trailing data; the orientation is applied first.
- PDF portfolios: a PDF by its first bytes that pypdf can read, with no JavaScript, no automatic
  actions, no embedded files, no launch actions and no forms (XFA); stored as sent.
- Sizes: `APPLICATION_MAX_FILE_BYTES` per file, `APPLICATION_MAX_TOTAL_BYTES` together,
  `APPLICATION_MAX_FILES` images or one PDF.

Each refusal is a message naming the file, in the visitor's language.
"""

import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
PDF = ("application/pdf", "pdf")
# Names in a PDF that run code, open other things or carry files: refused wherever they occur
# (also inside compressed object streams, which pypdf unpacks).
PDF_ACTIVE = (
    "/JavaScript",
    "/JS",
    "/AA",
    "/OpenAction",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
    "/SubmitForm",
    "/ImportData",
)
# The endings a name may have for each type found in the content (a name without one is fine).
ENDINGS = {
    "image/jpeg": {"jpg", "jpeg", "jpe"},
    "image/png": {"png"},
    "image/webp": {"webp"},
    "application/pdf": {"pdf"},
}
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class CheckedFile:
    name: str  # a safe file name, the extension from the content
    content: bytes
    content_type: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def is_pdf(self) -> bool:
        return self.content_type == PDF[0]


def safe_name(original: str, extension: str) -> str:
    stem = (original or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    stem = SAFE_NAME.sub("-", stem).strip("-._")[:80] or "datei"
    return f"{stem}.{extension}"


def _refuse(uploaded, message: str, code: str):
    raise ValidationError(f"{display_name(uploaded)}: {message}", code=code)


def display_name(uploaded) -> str:
    """The file's name as the visitor chose it, shortened, for messages."""
    name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1]
    return name[:80] or _("Datei")


def check_file(uploaded) -> CheckedFile:
    """The checked (and, for an image, re-encoded) file, or a ValidationError naming it."""
    limit = settings.APPLICATION_MAX_FILE_BYTES
    if uploaded.size > limit:
        _refuse(
            uploaded,
            _("Die Datei ist zu groß (höchstens %(size)s je Datei).")
            % {"size": filesizeformat(limit)},
            "file_too_large",
        )
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    uploaded.seek(0)
    checked = (
        _check_pdf(uploaded, data) if data.startswith(b"%PDF-") else _check_image(uploaded, data)
    )
    name = display_name(uploaded)
    ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ending and ending not in ENDINGS[checked.content_type]:
        # A PNG named .pdf, say: not what the sender meant to send, or a trick.
        _refuse(
            uploaded,
            _("Der Inhalt der Datei passt nicht zur Endung „.%(extension)s“.")
            % {"extension": ending},
            "content_mismatch",
        )
    return checked


def _check_image(uploaded, data: bytes) -> CheckedFile:
    not_allowed = _(
        "Diese Art von Datei nehmen wir nicht an. Bitte senden Sie Bilder als JPEG, PNG oder "
        "WebP (kein SVG) oder eine PDF-Mappe."
    )
    try:
        image = Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
    except Image.DecompressionBombError:
        _refuse(uploaded, _too_many_pixels(), "too_many_pixels")
    except Exception:
        _refuse(uploaded, not_allowed, "not_allowed")
    width, height = image.size
    if width * height > settings.APPLICATION_MAX_PIXELS:
        _refuse(uploaded, _too_many_pixels(), "too_many_pixels")
    content_type, extension = IMAGE_FORMATS[image.format]
    try:
        image = ImageOps.exif_transpose(image)
        image.load()
    except Image.DecompressionBombError:
        _refuse(uploaded, _too_many_pixels(), "too_many_pixels")
    except Exception:
        _refuse(uploaded, _("Das Bild ist beschädigt und lässt sich nicht öffnen."), "broken")
    if content_type == "image/jpeg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    # A fresh file of the pixels only: Pillow writes no EXIF, ICC or comments unless asked.
    save_as = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}[content_type]
    options = {"quality": 90} if save_as in ("JPEG", "WEBP") else {"optimize": True}
    Image.frombytes(image.mode, image.size, image.tobytes()).save(out, save_as, **options)
    return CheckedFile(safe_name(uploaded.name, extension), out.getvalue(), content_type)


def _too_many_pixels() -> str:
    return _("Das Bild hat zu viele Bildpunkte (höchstens %(megapixels)s Megapixel).") % {
        "megapixels": settings.APPLICATION_MAX_PIXELS // 1_000_000
    }


def _check_pdf(uploaded, data: bytes) -> CheckedFile:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _refuse(uploaded, _("Die PDF-Datei ist verschlüsselt."), "pdf_encrypted")
        found = _active_names(reader)
    except ValidationError:
        raise
    except Exception:
        _refuse(uploaded, _("Die PDF-Datei ist beschädigt und lässt sich nicht öffnen."), "broken")
    if found or b"/JavaScript" in data:
        _refuse(
            uploaded,
            _(
                "Die PDF-Datei enthält Skripte, automatische Aktionen oder eingebettete Dateien. "
                "Bitte speichern Sie sie ohne diese (z. B. „Als PDF drucken“) und senden Sie sie "
                "noch einmal."
            ),
            "pdf_active",
        )
    return CheckedFile(safe_name(uploaded.name, PDF[1]), data, PDF[0])


def _active_names(reader) -> set[str]:
    """The active names (`PDF_ACTIVE`) used as keys anywhere in the document's objects."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    pending = [reader.trailer]
    steps = 0
    while pending and steps < 200_000:
        steps += 1
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, (DictionaryObject, StreamObject)):
            for name, value in item.items():
                if name in PDF_ACTIVE:
                    found.add(name)
                if name == "/S" and value in ("/JavaScript", "/Launch", "/SubmitForm"):
                    found.add(str(value))
                pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return found


def check_files(files) -> list[CheckedFile]:
    """All files of one application: each checked, then number, kind and total size.

    Raises a ValidationError with one message per refused file (and one for the whole)."""
    errors: list[ValidationError] = []
    checked: list[CheckedFile] = []
    if len(files) > settings.APPLICATION_MAX_FILES:
        raise ValidationError(
            _("Bitte wählen Sie höchstens %(count)s Dateien (Sie haben %(sent)s gewählt).")
            % {"count": settings.APPLICATION_MAX_FILES, "sent": len(files)},
            code="too_many_files",
        )
    for uploaded in files:
        try:
            checked.append(check_file(uploaded))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    pdfs = [file for file in checked if file.is_pdf]
    if pdfs and len(checked) > 1:
        raise ValidationError(
            _("Bitte senden Sie entweder Bilder oder eine PDF-Mappe, nicht beides."),
            code="images_or_pdf",
        )
    total = sum(file.size for file in checked)
    if total > settings.APPLICATION_MAX_TOTAL_BYTES:
        raise ValidationError(
            _("Die Dateien sind zusammen zu groß (höchstens %(size)s).")
            % {"size": filesizeformat(settings.APPLICATION_MAX_TOTAL_BYTES)},
            code="total_too_large",
        )
    if checked:
        from django.core.files.storage import default_storage

        # Imported here: core.uploads loads Wagtail's admin forms, not before the models.
        from core.uploads import check_storage_reachable

        check_storage_reachable(default_storage)
    return checked
