"""Storing an enquiry: first the row, then (after commit) the background task that sends mail.

One rendering of the form stores at most one enquiry: its signed token carries a random key
(`enquiries.spam`), stored unique as `Enquiry.form_key`. A second post with that key (a reload,
a double click, a browser retrying a slow post) gets the enquiry the first one stored, marked
`repeated`, and queues no mail; two such posts at the same moment meet at the unique index,
where the database lets one insert through and the other finds its row.
"""

import logging

from django.db import IntegrityError, transaction

from enquiries import kinds
from enquiries.models import Enquiry

logger = logging.getLogger("enquiries")


def stored_for_key(key: str) -> Enquiry | None:
    """The enquiry a post of this form rendering already stored, if any."""
    if not key:
        return None
    enquiry = Enquiry.objects.filter(form_key=key).first()
    if enquiry is not None:
        enquiry.repeated = True
    return enquiry


def store_enquiry(page, form, token=None) -> Enquiry:
    """Save the answers of the editors' fields (nothing else from the post) and queue the mail.

    Returns the new enquiry, or the one stored earlier for the same form key (`repeated`)."""
    keys = [field.clean_name for field in page.get_form_fields()]
    data = {key: form.cleaned_data.get(key) for key in keys if key in form.cleaned_data}
    email_key = page.email_key()
    email = (data.get(email_key) or "") if email_key else ""
    return store_submission(page, data, email=email, token=token)


def store_submission(page, data: dict, *, email: str, token=None, kind: str = kinds.LOCATION):
    """Store one post of a form of the pipeline (any kind: `enquiries.kinds`) and queue its mail.

    `data` holds the answers by key (nothing else from the post); `email` the sender's address
    for a reply, the confirmation and erasure ("" for none). Returns the new enquiry, or the one
    stored earlier for the same form key (`repeated`)."""
    campaign = dict(token.campaign) if token is not None else {}
    form_key = token.key if token is not None else ""
    enquiry = Enquiry(
        page=page,
        kind=kind,
        language=page.locale.language_code,
        email=(email or "").lower(),
        campaign=campaign.pop("campaign", ""),
        form_key=form_key or None,
        **{key: campaign.get(key, "") for key in Enquiry.UTM_FIELDS},
    )
    # The JSON encoder of the model turns dates and decimals into text.
    enquiry.form_data = data
    try:
        with transaction.atomic():
            enquiry.save()
    except IntegrityError:
        earlier = stored_for_key(form_key)
        if earlier is None:
            raise
        logger.info("enquiry %s: the same form posted again", earlier.pk)
        return earlier
    enquiry.repeated = False
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
