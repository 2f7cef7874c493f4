"""One rendering of the form is one enquiry: a reload, a double click or a browser's retry posts
the same form token again, and gets the same thank-you page without a second enquiry or mail."""

import pytest
from django.core import mail

from enquiries.models import Enquiry
from tests.enquiries.conftest import answers, token_for

pytestmark = pytest.mark.django_db

THANKS = "Vielen Dank für Ihre Anfrage"


def test_posting_the_same_form_again_stores_and_mails_once(post, form_page):
    token = token_for(form_page)
    first = post(form_page, token=token)
    again = [post(form_page, token=token) for _ in range(3)]
    for response in [first, *again]:
        assert response.status_code == 200
        assert THANKS in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert Enquiry.objects.count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anfragen@made-in-aachen-nord.example",
        "erika@example.org",
    ]


def test_a_repeat_with_other_answers_changes_nothing(post, form_page):
    """The key belongs to the rendering, not to the answers: a reload after an edit in another
    tab, or a tampered repeat, keeps what was sent first."""
    token = token_for(form_page)
    post(form_page, token=token)
    post(form_page, answers(company="Andere GmbH"), token=token)
    assert list(Enquiry.objects.values_list("form_data__company", flat=True)) == [
        "Atelier Nord GmbH"
    ]


def test_two_renderings_are_two_enquiries(post, form_page):
    post(form_page)
    post(form_page)
    assert Enquiry.objects.count() == 2
    assert len(mail.outbox) == 4


def test_a_repeat_after_the_form_expired_still_gets_the_thank_you(post, form_page, settings):
    token = token_for(form_page)
    post(form_page, token=token)
    settings.ENQUIRY_FORM_MAX_AGE = 10  # the token is 30 s old now
    response = post(form_page, token=token)
    assert THANKS in response.content.decode()
    assert Enquiry.objects.count() == 1


def test_repeats_do_not_use_up_the_rate_limit(post, form_page, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    token = token_for(form_page)
    for _ in range(4):
        assert post(form_page, token=token).status_code == 200
    assert post(form_page).status_code == 200
    assert post(form_page).status_code == 429
    assert Enquiry.objects.count() == 2


def test_a_retry_that_overtakes_the_lookup_meets_the_unique_key(
    post, form_page, settings, monkeypatch
):
    """Two posts at the same moment both find nothing stored yet; the database's unique key lets
    one row in and the other post answers with that row (and gives its rate slot back)."""
    from enquiries import views

    settings.ENQUIRY_RATE_LIMIT = 2
    token = token_for(form_page)
    post(form_page, token=token)
    mail.outbox.clear()
    monkeypatch.setattr(views, "stored_for_key", lambda key: None)
    response = post(form_page, token=token)
    assert response.status_code == 200 and THANKS in response.content.decode()
    assert Enquiry.objects.count() == 1
    assert mail.outbox == []
    # The repeat did not keep its slot: one more enquiry fits under the limit of 2.
    monkeypatch.undo()
    assert post(form_page).status_code == 200
    assert post(form_page).status_code == 429
    assert Enquiry.objects.count() == 2


def test_a_token_without_a_key_still_works(post, form_page):
    """Forms shown before the key existed (an open tab during the deploy) are still accepted."""
    import time

    from django.core import signing

    from enquiries import spam

    payload = {"p": form_page.pk, "t": int(time.time() - 30), "c": {}}
    old_token = signing.dumps(payload, salt=spam.TOKEN_SALT, compress=True)
    assert post(form_page, token=old_token).status_code == 200
    assert post(form_page, token=old_token).status_code == 200
    assert list(Enquiry.objects.values_list("form_key", flat=True)) == [None, None]
