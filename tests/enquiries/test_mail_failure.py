"""Mail that cannot be sent never costs an enquiry: stored, marked, logged, retried."""

import datetime
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from enquiries.models import Enquiry
from tests.enquiries.conftest import answers

pytestmark = pytest.mark.django_db

THANKS = "Vielen Dank für Ihre Anfrage"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens


def smtp_to(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 2},
        }
    }


def test_failed_mail_keeps_the_enquiry_and_is_retried(post, form_page, caplog, admin_client):
    with override_settings(MAILERS=smtp_to(closed_port())), caplog.at_level("WARNING"):
        response = post(form_page, answers(contact_person="Erika Geheim"))
    assert response.status_code == 200
    assert THANKS in response.content.decode()

    enquiry = Enquiry.objects.get()
    assert enquiry.notification_state == Enquiry.Notification.FAILED
    assert enquiry.notification_attempts == 1
    assert "ConnectionRefusedError" in enquiry.notification_error
    assert enquiry.next_attempt_at > timezone.now()
    assert enquiry.staff_notified_at is None
    # The log names the enquiry, never the person.
    line = next(r.getMessage() for r in caplog.records if "mail not sent" in r.getMessage())
    assert line == f"enquiry {enquiry.pk}: mail not sent (attempt 1, ConnectionRefusedError)"
    assert "Erika" not in caplog.text and "erika@example.org" not in caplog.text

    # Staff see it in the list and on the enquiry.
    listing = admin_client.get("/admin/enquiries/?notification_state=failed").content.decode()
    assert "Nicht gesendet" in listing
    detail = admin_client.get(f"/admin/enquiries/edit/{enquiry.pk}/").content.decode()
    assert "Benachrichtigung nicht gesendet" in detail

    # Not due yet: the cron command leaves it alone; once due, it is sent (mail works again).
    call_command("send_enquiry_mails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    Enquiry.objects.filter(pk=enquiry.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("send_enquiry_mails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    enquiry.refresh_from_db()
    assert enquiry.notification_state == Enquiry.Notification.SENT
    assert enquiry.notification_attempts == 2
    assert len(mail.outbox) == 2

    # A further run sends nothing twice.
    call_command("send_enquiry_mails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


def test_staff_can_send_again_from_the_admin(post, form_page, admin_client):
    with override_settings(MAILERS=smtp_to(closed_port())):
        post(form_page)
    enquiry = Enquiry.objects.get()
    response = admin_client.post(f"/admin/enquiries-resend/{enquiry.pk}/")
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.notification_state == Enquiry.Notification.SENT
    assert len(mail.outbox) == 2


def test_a_failed_mail_is_a_log_record_without_the_enquirer(post, form_page, json_log):
    with override_settings(MAILERS=smtp_to(closed_port())):
        post(form_page, answers(contact_person="Erika Geheim"))
    enquiry = Enquiry.objects.get()
    (line,) = json_log.events("enquiry_mail_failed")
    assert line["level"] == "WARNING"
    assert (line["enquiry_id"], line["attempt"]) == (enquiry.pk, 1)
    assert line["error"] == "ConnectionRefusedError"
    for personal in ("Erika", "erika@example.org", "Atelier Nord", "127.0.0.1"):
        assert personal not in json_log.text


def test_attempts_stop_at_the_maximum(post, form_page, settings):
    settings.ENQUIRY_MAIL_MAX_ATTEMPTS = 1
    with override_settings(MAILERS=smtp_to(closed_port())):
        post(form_page)
    Enquiry.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    from enquiries.tasks import due_for_sending

    assert not due_for_sending().exists()
