"""Storing an enquiry: first the row, then (after commit) the background task that sends mail."""

import logging

from django.db import transaction

from enquiries.models import Enquiry

logger = logging.getLogger("enquiries")


def store_enquiry(page, form, token=None) -> Enquiry:
    """Save the answers of the editors' fields (nothing else from the post) and queue the mail."""
    keys = [field.clean_name for field in page.get_form_fields()]
    data = {key: form.cleaned_data.get(key) for key in keys if key in form.cleaned_data}
    email_key = page.email_key()
    campaign = dict(token.campaign) if token is not None else {}
    enquiry = Enquiry(
        page=page,
        language=page.locale.language_code,
        email=(data.get(email_key) or "").lower() if email_key else "",
        campaign=campaign.pop("campaign", ""),
        **{key: campaign.get(key, "") for key in Enquiry.UTM_FIELDS},
    )
    # The JSON encoder of the model turns dates and decimals into text.
    enquiry.form_data = data
    enquiry.save()
    logger.info("enquiry %s stored", enquiry.pk)
    transaction.on_commit(lambda: queue_notification(enquiry.pk))
    return enquiry


def queue_notification(enquiry_id: int) -> None:
    from enquiries.tasks import send_enquiry_mails

    try:
        send_enquiry_mails.enqueue(enquiry_id)
    except Exception:
        # The enquiry is stored; `manage.py send_enquiry_mails` (cron) picks it up later.
        logger.exception(
            "enquiry %s: could not queue the notification",
            enquiry_id,
            extra={"event": "enquiry_mail_not_queued", "enquiry_id": enquiry_id},
        )
