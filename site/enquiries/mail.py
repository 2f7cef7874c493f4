"""The two e-mails of an enquiry: the staff notification and the enquirer's confirmation.

Nothing a visitor typed ever reaches a mail header: subjects are built from fixed texts, the
enquiry number and the editors' subject; the only visitor value in a header is the e-mail
address (Reply-To of the notification, To of the confirmation), which the form validated as
an address (no line breaks possible) and which is checked again here. Both mails are plain
text, so markup in an answer arrives as the characters typed.

The confirmation carries no free text from the form: otherwise anyone could make the site send
a message of their choosing to an address of their choosing.
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from wagtail.models import Page

from core.formats import format_date
from enquiries.models import Enquiry

UNSAFE_HEADER = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


def header_text(value: str, limit: int = 150) -> str:
    """A header value from text: no control characters (no CR/LF), one line, cut to length."""
    return " ".join(UNSAFE_HEADER.sub(" ", value or "").split())[:limit]


def safe_address(value: str) -> str | None:
    value = value or ""
    if UNSAFE_HEADER.search(value):
        return None
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


def source_page(enquiry: Enquiry):
    """The page the enquiry was sent from (the enquiry form, or a page of another kind), in the
    source language (German), else its own page; None when it is gone."""
    if enquiry.page_id is None:
        return None
    page = Page.objects.filter(pk=enquiry.page_id).first()
    if page is None:
        return None
    page = page.specific
    source = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .first()
    )
    return source or page


def display_value(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nein")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.date | Decimal):
        return formats.localize(value)
    return str(value)


def labelled_answers(enquiry: Enquiry, page=None) -> list[tuple[str, str]]:
    """(label, answer) in the order of the form's current fields (editors' fields, else the
    kind's fixed ones), then answers to removed fields."""
    page = page if page is not None else source_page(enquiry)
    if page is not None and hasattr(page, "get_form_fields"):
        labels = {field.clean_name: field.label for field in page.get_form_fields()}
    else:
        labels = {key: str(label) for key, label in enquiry.kind_info.answer_labels.items()}
    data = enquiry.form_data or {}
    rows = [(label, display_value(data.get(key))) for key, label in labels.items()]
    known = set(labels)
    rows += [(key, display_value(value)) for key, value in data.items() if key not in known]
    return rows


def staff_recipients(enquiry: Enquiry, page) -> list[str]:
    configured = getattr(page, "to_address", "") or ""
    addresses = [item.strip() for item in configured.split(",") if item.strip()]
    if not addresses:
        addresses = list(settings.ENQUIRY_NOTIFY_FALLBACK)
    return [address for address in addresses if safe_address(address)]


def admin_url(enquiry: Enquiry) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "enquiries_enquiry:edit", args=[enquiry.pk]
    )


def notification_message(enquiry: Enquiry) -> EmailMessage:
    page = source_page(enquiry)
    recipients = staff_recipients(enquiry, page)
    if not recipients:
        raise ValueError("no staff address configured (form page or ENQUIRY_NOTIFY_FALLBACK)")
    with translation.override(settings.LANGUAGE_CODE):
        prefix = header_text(getattr(page, "subject", "") or "")
        prefix = prefix or header_text(str(enquiry.kind_info.notification_subject))
        prefix = prefix or gettext("Neue Anfrage über die Website")
        subject = header_text(f"{prefix} #{enquiry.pk}")
        about = enquiry.kind_info.subject_answer
        detail = header_text(str((enquiry.form_data or {}).get(about) or "")) if about else ""
        if detail:
            subject = header_text(f"{subject}: {detail}")
        body = render_to_string(
            "enquiries/mail/notification.txt",
            {
                "enquiry": enquiry,
                "answers": labelled_answers(enquiry, page),
                "language": dict(settings.LANGUAGES).get(enquiry.language, enquiry.language),
                "kind": enquiry.kind_label(),
                "utm": [(key, getattr(enquiry, key)) for key in Enquiry.UTM_FIELDS],
                "admin_url": admin_url(enquiry),
            },
        )
    reply_to = [enquiry.email] if safe_address(enquiry.email) else []
    sender = getattr(page, "from_address", "") or None
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=(safe_address(sender) and sender) or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to,
    )


def confirmation_message(enquiry: Enquiry) -> EmailMessage | None:
    """The enquirer's confirmation in the language of the form they used, or None (no address)."""
    address = safe_address(enquiry.email)
    if address is None:
        return None
    kind = enquiry.kind_info
    with translation.override(enquiry.language):
        subject = header_text(
            str(kind.confirmation_subject) or gettext("Ihre Anfrage bei Made in Aachen-Nord")
        )
        body = render_to_string(
            kind.confirmation_template,
            {
                "enquiry": enquiry,
                "submitted": format_date(timezone.localtime(enquiry.submit_time)),
            },
        )
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
    )
