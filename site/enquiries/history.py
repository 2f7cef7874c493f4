"""The history of one enquiry, shown on it in the admin ("Verlauf"), newest first.

It is read from what is recorded anyway: the time the enquiry came in, the times its two mails
went out (`staff_notified_at`, `confirmation_sent_at`), the staff's notes (with author and
time), and Wagtail's log entries of the enquiry for what leaves no other trace: status changes,
deleted notes and failed mail attempts. Log entries are labelled "#<number>" only and hold no
answers, so the audit log keeps no personal data of the enquirer.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log
from wagtail.models import ModelLogEntry

from enquiries import kinds
from enquiries.models import Enquiry

STATUS_CHANGED = "enquiries.status"
NOTE_DELETED = "enquiries.note_deleted"
MAIL_FAILED = "enquiries.mail_failed"


def record(enquiry: Enquiry, action: str, user=None, *, deleted: bool = False, **data) -> None:
    wagtail_log(enquiry, action, user=user, data=data, title=f"#{enquiry.pk}", deleted=deleted)


def _status_label(value, kind=None) -> str:
    """The status's label for the enquiry's kind (entries from before kinds: any kind's)."""
    return kinds.status_label(kind or kinds.LOCATION, str(value))


class StatusChanged(LogFormatter):
    label = gettext_lazy("Status der Anfrage geändert")

    def format_message(self, log_entry):
        return _("Status: %(old)s → %(new)s") % {
            "old": _status_label(log_entry.data.get("old"), log_entry.data.get("kind")),
            "new": _status_label(log_entry.data.get("new"), log_entry.data.get("kind")),
        }


class NoteDeleted(LogFormatter):
    label = gettext_lazy("Notiz zur Anfrage gelöscht")

    def format_message(self, log_entry):
        return _("Notiz gelöscht")


class MailFailed(LogFormatter):
    label = gettext_lazy("E-Mails zur Anfrage nicht gesendet")

    def format_message(self, log_entry):
        return _("E-Mails nicht gesendet (Versuch %(attempt)s: %(error)s)") % {
            "attempt": log_entry.data.get("attempt", "?"),
            "error": log_entry.data.get("error", ""),
        }


FORMATTERS = {STATUS_CHANGED: StatusChanged, NOTE_DELETED: NoteDeleted, MAIL_FAILED: MailFailed}


@dataclass
class Event:
    when: datetime.datetime
    what: str
    by: str = ""
    text: str = ""


def events(enquiry: Enquiry) -> list[Event]:
    from enquiries.mail import safe_address

    items = [Event(enquiry.submit_time, _("Anfrage eingegangen"))]
    if enquiry.staff_notified_at:
        items.append(Event(enquiry.staff_notified_at, _("Benachrichtigung an das Team gesendet")))
    if enquiry.confirmation_sent_at and safe_address(enquiry.email):
        items.append(
            Event(enquiry.confirmation_sent_at, _("Bestätigung an die anfragende Person gesendet"))
        )
    for entry in ModelLogEntry.objects.for_instance(enquiry).select_related("user"):
        by = entry.user_display_name if entry.user_id else ""
        items.append(Event(entry.timestamp, entry.message, by=by))
    for note in enquiry.notes.select_related("author"):
        by = (note.author.get_full_name() or note.author.get_username()) if note.author else ""
        items.append(Event(note.created_at, _("Notiz"), by=by, text=note.text))
    return sorted(items, key=lambda event: event.when, reverse=True)
