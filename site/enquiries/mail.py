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

from core.formats import format_date
from enquiries.models import Enquiry, EnquiryFormPage

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


def source_page(enquiry: Enquiry) -> EnquiryFormPage | None:
    """The enquiry's form page in the source language (German), else its own page."""
    if enquiry.page_id is None:
        return None
    page = EnquiryFormPage.objects.filter(pk=enquiry.page_id).first()
    if page is None:
        return None
    source = (
        EnquiryFormPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or page
    )
    return source


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


def labelled_answers(
    enquiry: Enquiry, page: EnquiryFormPage | None = None
) -> list[tuple[str, str]]:
    """(label, answer) in the order of the form's current fields, then answers to removed fields."""
    page = page if page is not None else source_page(enquiry)
    fields = list(page.get_form_fields()) if page is not None else []
    data = enquiry.form_data or {}
    rows = [(field.label, display_value(data.get(field.clean_name))) for field in fields]
    known = {field.clean_name for field in fields}
    rows += [(key, display_value(value)) for key, value in data.items() if key not in known]
    return rows


def staff_recipients(enquiry: Enquiry, page: EnquiryFormPage | None) -> list[str]:
    configured = page.to_address if page is not None and page.to_address else ""
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
        prefix = header_text(page.subject if page is not None and page.subject else "")
        prefix = prefix or gettext("Neue Anfrage über die Website")
        subject = header_text(f"{prefix} #{enquiry.pk}")
        body = render_to_string(
            "enquiries/mail/notification.txt",
            {
                "enquiry": enquiry,
                "answers": labelled_answers(enquiry, page),
                "language": dict(settings.LANGUAGES).get(enquiry.language, enquiry.language),
                "utm": [(key, getattr(enquiry, key)) for key in Enquiry.UTM_FIELDS],
                "admin_url": admin_url(enquiry),
            },
        )
    reply_to = [enquiry.email] if safe_address(enquiry.email) else []
    sender = page.from_address if page is not None and page.from_address else None
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
    with translation.override(enquiry.language):
        subject = header_text(gettext("Ihre Anfrage bei Made in Aachen-Nord"))
        body = render_to_string(
            "enquiries/mail/confirmation.txt",
            {
                "enquiry": enquiry,
                "submitted": format_date(timezone.localtime(enquiry.submit_time)),
            },
        )
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
    )
