"""Sending an enquiry's mails in the background, with retries; the enquiry is already stored.

`send_enquiry_mails` sends whatever of the two mails has not gone out yet (the staff
notification, then the confirmation), so a retry never sends a mail twice. A failure is
recorded on the enquiry (state "failed", attempts, the error's type and text) and logged with
the enquiry's number only; the next attempt is due after a growing pause (`RETRY_DELAYS`). With
the database task backend the task queues its own retry; `manage.py send_enquiry_mails` (cron,
every few minutes) sends every due retry and anything a lost task left pending, with any backend.
After `ENQUIRY_MAIL_MAX_ATTEMPTS` failures it stops trying; staff see "Nicht gesendet" in the
admin either way and can send again from there.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from enquiries import history, mail
from enquiries.models import Enquiry

logger = logging.getLogger("enquiries")

# Pause before attempt 2, 3, …; the last value repeats.
RETRY_DELAYS = [
    datetime.timedelta(minutes=2),
    datetime.timedelta(minutes=10),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
]


def retry_delay(attempts: int) -> datetime.timedelta:
    return RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]


def deliver(enquiry_id: int) -> str:
    """Send what is missing for one enquiry; returns its notification state afterwards."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().filter(pk=enquiry_id).first()
        if enquiry is None or enquiry.notification_state == Enquiry.Notification.SENT:
            return enquiry.notification_state if enquiry else "gone"
        now = timezone.now()
        try:
            if enquiry.staff_notified_at is None:
                mail.notification_message(enquiry).send()
                enquiry.staff_notified_at = timezone.now()
            if enquiry.confirmation_sent_at is None:
                message = mail.confirmation_message(enquiry)
                if message is not None:
                    message.send()
                enquiry.confirmation_sent_at = timezone.now()
        except Exception as error:
            enquiry.notification_attempts += 1
            enquiry.notification_state = Enquiry.Notification.FAILED
            enquiry.notification_error = f"{type(error).__name__}: {error}"[:500]
            enquiry.next_attempt_at = now + retry_delay(enquiry.notification_attempts)
            history.record(
                enquiry,
                history.MAIL_FAILED,
                attempt=enquiry.notification_attempts,
                error=type(error).__name__,
            )
            logger.warning(
                "enquiry %s: mail not sent (attempt %s, %s)",
                enquiry.pk,
                enquiry.notification_attempts,
                type(error).__name__,
                extra={
                    "event": "enquiry_mail_failed",
                    "enquiry_id": enquiry.pk,
                    "attempt": enquiry.notification_attempts,
                    "error": type(error).__name__,
                },
            )
        else:
            enquiry.notification_attempts += 1
            enquiry.notification_state = Enquiry.Notification.SENT
            enquiry.notification_error = ""
            enquiry.next_attempt_at = None
            logger.info(
                "enquiry %s: mail sent",
                enquiry.pk,
                extra={"event": "enquiry_mail_sent", "enquiry_id": enquiry.pk},
            )
        enquiry.save(
            update_fields=[
                "notification_state",
                "notification_attempts",
                "notification_error",
                "next_attempt_at",
                "staff_notified_at",
                "confirmation_sent_at",
            ]
        )
    if enquiry.notification_state == Enquiry.Notification.FAILED:
        schedule_retry(enquiry)
    return enquiry.notification_state


def schedule_retry(enquiry: Enquiry) -> None:
    """Queue the next attempt when the task backend can run it later (else cron does)."""
    if enquiry.notification_attempts >= settings.ENQUIRY_MAIL_MAX_ATTEMPTS:
        return
    backend = send_enquiry_mails.get_backend()
    if not backend.supports_defer:
        return
    try:
        send_enquiry_mails.using(run_after=enquiry.next_attempt_at).enqueue(enquiry.pk)
    except Exception:
        logger.exception(
            "enquiry %s: could not queue the retry",
            enquiry.pk,
            extra={"event": "enquiry_mail_not_queued", "enquiry_id": enquiry.pk},
        )


def due_for_sending(now=None):
    """Enquiries whose mail is due: failed with a due retry, or pending for over five minutes."""
    now = now or timezone.now()
    from django.db.models import Q

    return Enquiry.objects.filter(
        Q(notification_state=Enquiry.Notification.FAILED, next_attempt_at__lte=now)
        | Q(
            notification_state=Enquiry.Notification.PENDING,
            submit_time__lte=now - datetime.timedelta(minutes=5),
        ),
        notification_attempts__lt=settings.ENQUIRY_MAIL_MAX_ATTEMPTS,
    ).order_by("pk")


@task()
def send_enquiry_mails(enquiry_id: int) -> str:
    return deliver(enquiry_id)
