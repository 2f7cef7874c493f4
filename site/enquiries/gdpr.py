"""Retention and data subjects' rights: purge old enquiries; find, export, erase one address.

An enquiry's personal data are its answers (`form_data`), its `email`, its files (kinds that
accept files) and the staff's notes about it; deleting the enquiry deletes its notes, its files
(rows and stored objects: `enquiries.models.delete_stored_file`) and its history (Wagtail's log
entries of it).
Erasing an address goes further (`erase`): the address is also cut out of every other
enquiry's answers and notes that mention it (a message "please also write to …"), and the
address and the erased enquiries' company and contact person are cut out of every admin log
entry (Wagtail's `ModelLogEntry` and `PageLogEntry` labels and data, Django admin's `LogEntry`).
Log entries stay, so the audit trail keeps its shape. The site stores no client address: the
rate limit keeps only a keyed hash of it in the cache, for `ENQUIRY_RATE_WINDOW` seconds.
"""

import datetime
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryNote


def older_than(days: int):
    return Enquiry.objects.filter(submit_time__lt=timezone.now() - datetime.timedelta(days=days))


@transaction.atomic
def purge(days: int, dry_run: bool = False) -> tuple[int, int, int]:
    """Delete enquiries (and their notes and files) received more than `days` days ago."""
    from enquiries.models import EnquiryFile

    enquiries = older_than(days)
    counts = (
        enquiries.count(),
        EnquiryNote.objects.filter(enquiry__in=enquiries).count(),
        EnquiryFile.objects.filter(enquiry__in=enquiries).count(),
    )
    if not dry_run:
        _delete(enquiries)
    return counts


def _delete(enquiries) -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    ids = [str(pk) for pk in enquiries.values_list("pk", flat=True)]
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enquiry), object_id__in=ids
    ).delete()
    EnquiryNote.objects.filter(enquiry__in=enquiries).delete()
    enquiries.delete()


def for_address(email: str):
    """Every enquiry stored for an address: by the recorded address, and in any e-mail answer."""
    email = (email or "").strip()
    if not email:
        return Enquiry.objects.none()
    query = Q(email__iexact=email)
    # Also answers whose key is not the standard "email" (a form with its own address field).
    candidates = Enquiry.objects.filter(~Q(email__iexact=email))
    extra = [
        enquiry.pk
        for enquiry in candidates.only("pk", "form_data")
        if any(
            isinstance(value, str) and value.strip().lower() == email.lower()
            for value in (enquiry.form_data or {}).values()
        )
    ]
    return Enquiry.objects.filter(query | Q(pk__in=extra)).order_by("pk")


def export(email: str) -> dict:
    from django.urls import reverse

    enquiries = for_address(email).prefetch_related("notes", "files")
    return {
        "email": email,
        "exported_at": timezone.now(),
        "enquiries": [
            {
                "id": enquiry.pk,
                "submitted": enquiry.submit_time,
                "language": enquiry.language,
                "kind": enquiry.kind,
                "answers": enquiry.form_data,
                "campaign": enquiry.campaign,
                **{key: getattr(enquiry, key) for key in Enquiry.UTM_FIELDS},
                "status": enquiry.status,
                "notes": [
                    {"written": note.created_at, "text": note.text} for note in enquiry.notes.all()
                ],
                # The files themselves: `enquiry_data --files DIR`, or the admin's address.
                "files": [
                    {
                        "name": file.name,
                        "stored_as": _file_copy_name(file),
                        "content_type": file.content_type,
                        "size": file.size,
                        "admin_download": reverse("enquiries_file", args=[file.pk]),
                    }
                    for file in enquiry.files.all()
                ],
            }
            for enquiry in enquiries
        ],
    }


def _file_copy_name(file) -> str:
    return f"{file.enquiry_id}-{file.pk}-{file.name}"


def copy_files(email: str, directory) -> list[str]:
    """Write the files of the address's enquiries into `directory` (under the names the export
    gives as `stored_as`, mode 600); returns those names."""
    from pathlib import Path

    from enquiries.models import EnquiryFile

    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = []
    for file in EnquiryFile.objects.filter(enquiry__in=for_address(email)).order_by("pk"):
        target = directory / _file_copy_name(file)
        with file.file.open("rb") as source, open(target, "wb") as out:
            for chunk in source.chunks():
                out.write(chunk)
        target.chmod(0o600)
        written.append(target.name)
    return written


def export_json(email: str) -> str:
    return json.dumps(export(email), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


REDACTED = "[gelöscht]"
# Shorter names are not cut out of the logs: they would mangle unrelated words.
MIN_NAME_LENGTH = 3


def _redact(value, pattern: re.Pattern):
    """`value` with every match cut out, in strings nested in dicts and lists too."""
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [_redact(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _redact(item, pattern) for key, item in value.items()}
    return value


def _pattern(terms) -> re.Pattern | None:
    terms = sorted(
        {term.strip() for term in terms if len(term.strip()) >= MIN_NAME_LENGTH}, key=len
    )
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in reversed(terms)), re.IGNORECASE)


def _contains_any(fields, terms) -> Q:
    """Rows whose text fields hold any term (JSON text on SQLite escapes non-ASCII letters)."""
    query = Q(pk__in=[])
    for term in terms:
        variants = {term, json.dumps(term)[1:-1]}
        for field_name in fields:
            for variant in variants:
                query |= Q(**{f"{field_name}__icontains": variant})
    return query


def _log_models():
    from django.apps import apps
    from wagtail.models import ModelLogEntry, PageLogEntry

    models = [(ModelLogEntry, ("label", "data")), (PageLogEntry, ("label", "data"))]
    if apps.is_installed("django.contrib.admin"):
        from django.contrib.admin.models import LogEntry

        models.append((LogEntry, ("object_repr", "change_message")))
    return models


def _scrub(model, fields, terms) -> int:
    pattern = _pattern(terms)
    if pattern is None:
        return 0
    changed = 0
    for row in model.objects.filter(_contains_any(fields, terms)).only("pk", *fields):
        for field_name in fields:
            setattr(row, field_name, _redact(getattr(row, field_name), pattern))
        row.save(update_fields=fields)
        changed += 1
    return changed


def _names(enquiries) -> set[str]:
    names = set()
    for data in enquiries.values_list("form_data", flat=True):
        for key in ("company", "contact_person"):
            value = (data or {}).get(key)
            if isinstance(value, str) and value.strip():
                names.add(value.strip())
    return names


@transaction.atomic
def erase(email: str) -> int:
    """Delete the address's enquiries; cut the address and their names out of everything else.

    Returns the number of deleted enquiries.
    """
    email = (email or "").strip()
    enquiries = for_address(email)
    count = enquiries.count()
    terms = {email, *_names(enquiries)} if email else set()
    _delete(enquiries)
    if email:
        address = _pattern([email])
        for enquiry in Enquiry.objects.filter(form_data__icontains=email):
            enquiry.form_data = _redact(enquiry.form_data, address)
            enquiry.save(update_fields=["form_data"])
        for note in EnquiryNote.objects.filter(text__icontains=email):
            note.text = _redact(note.text, address)
            note.save(update_fields=["text"])
    for model, fields in _log_models():
        _scrub(model, fields, terms)
    return count
