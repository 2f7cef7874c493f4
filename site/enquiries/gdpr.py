"""Retention and data subjects' rights: purge old enquiries; find, export, erase one address.

An enquiry's personal data are its answers (`form_data`), its `email`, and the staff's notes
about it; deleting the enquiry deletes its notes and its history (Wagtail's log entries of it,
whose labels once named the company). The site stores no client address: the rate
limit keeps only a keyed hash of it in the cache, for `ENQUIRY_RATE_WINDOW` seconds.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryNote


def older_than(days: int):
    return Enquiry.objects.filter(submit_time__lt=timezone.now() - datetime.timedelta(days=days))


@transaction.atomic
def purge(days: int, dry_run: bool = False) -> tuple[int, int]:
    """Delete enquiries (and their notes) received more than `days` days ago."""
    enquiries = older_than(days)
    counts = enquiries.count(), EnquiryNote.objects.filter(enquiry__in=enquiries).count()
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
    enquiries = for_address(email).prefetch_related("notes")
    return {
        "email": email,
        "exported_at": timezone.now(),
        "enquiries": [
            {
                "id": enquiry.pk,
                "submitted": enquiry.submit_time,
                "language": enquiry.language,
                "answers": enquiry.form_data,
                "campaign": enquiry.campaign,
                **{key: getattr(enquiry, key) for key in Enquiry.UTM_FIELDS},
                "status": enquiry.status,
                "notes": [
                    {"written": note.created_at, "text": note.text} for note in enquiry.notes.all()
                ],
            }
            for enquiry in enquiries
        ],
    }


def export_json(email: str) -> str:
    return json.dumps(export(email), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def erase(email: str) -> int:
    enquiries = for_address(email)
    count = enquiries.count()
    _delete(enquiries)
    return count
