"""The statement's feedback form goes through the enquiry pipeline: stored before any mail,
notified with retries, protected by the same spam rules, kept apart in the admin as its own kind."""

import socket
import threading

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from accessibility.apps import FEEDBACK
from enquiries.models import Enquiry
from tests.accessibility.conftest import feedback
from tests.enquiries.conftest import submit_url, token_for
from tests.factories import EnquiryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def thanks(code: str) -> str:
    with translation.override(code):
        return translation.gettext("Vielen Dank für Ihre Rückmeldung")


def smtp_to(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 1},
        }
    }


@pytest.mark.parametrize("code", ["de", "fr"])
def test_feedback_is_stored_as_its_own_kind_and_notified(post, site_pages, code):
    page = site_pages["statement"][code]
    response = post(page, feedback(problem="Zu kleiner Text <b>hier</b>\x07"))
    assert response.status_code == 200
    assert thanks(code) in response.content.decode()
    assert response["Cache-Control"].startswith(("private", "max-age=0"))
    assert not response.cookies

    enquiry = Enquiry.objects.get()
    assert enquiry.kind == FEEDBACK
    assert enquiry.status == "received"
    assert enquiry.language == code
    assert enquiry.email == "kim@example.org"
    assert enquiry.form_data["problem"] == "Zu kleiner Text <b>hier</b>"
    assert enquiry.form_data["page"] == "/de/produkte/"
    assert enquiry.notification_state == Enquiry.Notification.SENT

    staff, confirmation = mail.outbox
    assert staff.to == ["team@example.org"]
    assert staff.subject == f"Neue Rückmeldung zur Barrierefreiheit #{enquiry.pk}"
    assert "Was ist schwer zu benutzen?: Zu kleiner Text <b>hier</b>" in staff.body
    assert "Art: Rückmeldung zur Barrierefreiheit" in staff.body
    assert staff.reply_to == ["kim@example.org"]
    assert confirmation.to == ["kim@example.org"]
    with translation.override(code):
        subject = translation.gettext(
            "Ihre Rückmeldung zur Barrierefreiheit bei Made in Aachen-Nord"
        )
    assert confirmation.subject == subject
    # The confirmation repeats nothing the visitor typed.
    assert "Zu kleiner Text" not in confirmation.body


def test_feedback_without_an_address_gets_no_confirmation(post, site_pages):
    post(site_pages["statement"]["de"], feedback(email=""))
    enquiry = Enquiry.objects.get()
    assert enquiry.email == ""
    assert [message.to for message in mail.outbox] == [["team@example.org"]]


def test_a_failed_mail_server_loses_nothing_and_the_retry_sends(post, site_pages):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    with override_settings(MAILERS=smtp_to(closed)):
        response = post(site_pages["statement"]["de"])
    assert thanks("de") in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.notification_state == Enquiry.Notification.FAILED
    assert enquiry.notification_attempts == 1
    # Once due, the cron command sends it (the mail server works again).
    Enquiry.objects.filter(pk=enquiry.pk).update(next_attempt_at=enquiry.submit_time)
    call_command("send_enquiry_mails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    enquiry.refresh_from_db()
    assert enquiry.notification_state == Enquiry.Notification.SENT
    assert len(mail.outbox) == 2


def test_a_hung_mail_server_loses_nothing(post, site_pages):
    """A server that takes the connection and never says a word: the send times out."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)  # never accepted, never answered
    stop = threading.Event()
    try:
        with override_settings(MAILERS=smtp_to(server.getsockname()[1])):
            response = post(site_pages["statement"]["de"])
    finally:
        stop.set()
        server.close()
    assert thanks("de") in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.kind == FEEDBACK
    assert enquiry.notification_state == Enquiry.Notification.FAILED
    assert "timed out" in enquiry.notification_error or "Timeout" in enquiry.notification_error


@pytest.mark.parametrize(
    "case",
    ["honeypot", "too fast", "forged token", "token of another page"],
)
def test_bots_are_discarded_silently(post, site_pages, case):
    page = site_pages["statement"]["de"]
    data = feedback()
    kwargs = {}
    if case == "honeypot":
        data["website"] = "http://spam.example/"
    elif case == "too fast":
        kwargs["age"] = 0
    elif case == "forged token":
        kwargs["token"] = token_for(page)[:-3] + "abc"
    else:
        kwargs["token"] = token_for(site_pages["statement"]["en"])
    response = post(page, data, **kwargs)
    assert response.status_code == 200
    assert thanks("de") in response.content.decode()
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_a_post_without_token_comes_back_filled_in_and_the_second_is_stored(post, site_pages):
    page = site_pages["statement"]["de"]
    response = post(page, token="", headers={"Referer": "http://testserver" + page.url})
    html = response.content.decode()
    assert "Ihre Angaben sind noch nicht gesendet" in html
    assert "Der Kontrast der Knöpfe ist zu schwach." in html
    assert not Enquiry.objects.exists()
    assert post(page).status_code == 200
    assert Enquiry.objects.get().kind == FEEDBACK


def test_missing_and_oversize_answers_get_a_clear_message_and_keep_the_text(
    post, site_pages, settings
):
    page = site_pages["statement"]["de"]
    response = post(page, feedback(problem="", consent=None, email="kein-adresse"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert "/de/produkte/" in html  # what was typed stays
    assert 'aria-invalid="true"' in html
    assert not Enquiry.objects.exists()

    too_long = "x" * (settings.ENQUIRY_MAX_TEXT_LENGTH + 1)
    html = post(page, feedback(problem=too_long)).content.decode()
    assert "höchstens" in html and too_long in html
    assert not Enquiry.objects.exists()


def test_an_oversize_body_and_a_cross_site_post_are_refused(client, site_pages, settings):
    page = site_pages["statement"]["de"]
    big = client.post(
        submit_url(page),
        {**feedback(problem="x" * (settings.ENQUIRY_MAX_BODY_BYTES + 10))},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert big.status_code == 413
    foreign = client.post(
        submit_url(page),
        {**feedback(), "form_token": token_for(page)},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert foreign.status_code == 403
    assert not Enquiry.objects.exists()


def test_the_rate_limit_is_shared_with_enquiries(post, site_pages, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    page = site_pages["statement"]["de"]
    assert post(page).status_code == 200
    assert post(page).status_code == 200
    refused = post(page, feedback(problem="Noch eine Barriere"))
    assert refused.status_code == 429
    assert "Noch eine Barriere" in refused.content.decode()
    assert Enquiry.objects.count() == 2


def test_a_double_post_of_one_form_stores_one_feedback(post, site_pages):
    page = site_pages["statement"]["de"]
    token = token_for(page)
    post(page, token=token)
    post(page, token=token)
    assert Enquiry.objects.count() == 1
    assert len(mail.outbox) == 2


def test_the_token_address_answers_for_the_statement_and_sets_no_cookie(client, site_pages):
    from django.urls import reverse

    page = site_pages["statement"]["en"]
    with translation.override("en"):
        url = reverse("enquiry_token", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200 and response.json()["token"]
    assert not response.cookies
    # Not a form page of the pipeline, or another language: 404.
    with translation.override("en"):
        assert client.get(reverse("enquiry_token", args=[page.get_parent().pk])).status_code == 404
    with translation.override("de"):
        assert client.get(reverse("enquiry_token", args=[page.pk])).status_code == 404


# -- The admin -----------------------------------------------------------------------------------


@pytest.fixture
def manager(django_user_model):
    group = Group.objects.create(name="Anfragen (Test)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_enquiries"),
    )
    user = django_user_model.objects.create_user("anfragen-test", password="pw")
    user.groups.add(group)
    return user


@pytest.fixture
def editor(django_user_model):
    group = Group.objects.create(name="Redaktion (Test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return django_user_model.objects.create_user("redaktion-test", password="pw")


def test_managers_see_feedback_apart_with_its_own_statuses(client, post, site_pages, manager):
    post(site_pages["statement"]["de"])
    feedback_row = Enquiry.objects.get()
    location = EnquiryFactory()
    assert location.kind == "location" and location.status == "new"

    client.force_login(manager)
    listing = client.get("/admin/enquiries/?kind=" + FEEDBACK).content.decode()
    assert f"/admin/enquiries/edit/{feedback_row.pk}/" in listing
    assert f"/admin/enquiries/edit/{location.pk}/" not in listing
    assert "Rückmeldung zur Barrierefreiheit" in listing and "Eingegangen" in listing
    locations = client.get("/admin/enquiries/?kind=location").content.decode()
    assert f"/admin/enquiries/edit/{location.pk}/" in locations
    assert f"/admin/enquiries/edit/{feedback_row.pk}/" not in locations

    edit = client.get(f"/admin/enquiries/edit/{feedback_row.pk}/").content.decode()
    assert "Der Kontrast der Knöpfe ist zu schwach." in edit
    assert 'value="in_progress"' in edit and 'value="answered"' in edit
    assert 'value="visit_arranged"' not in edit
    location_edit = client.get(f"/admin/enquiries/edit/{location.pk}/").content.decode()
    assert 'value="visit_arranged"' in location_edit and 'value="answered"' not in location_edit

    response = client.post(
        f"/admin/enquiries/edit/{feedback_row.pk}/",
        {
            "status": "answered",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
            "notes-MIN_NUM_FORMS": "0",
            "notes-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    feedback_row.refresh_from_db()
    assert feedback_row.status == "answered"
    history = client.get(f"/admin/enquiries/edit/{feedback_row.pk}/").content.decode()
    assert "Eingegangen → Beantwortet" in history
    # A status of another kind is refused.
    client.post(
        f"/admin/enquiries/edit/{feedback_row.pk}/",
        {"status": "moved_in", "notes-TOTAL_FORMS": "0", "notes-INITIAL_FORMS": "0"},
    )
    feedback_row.refresh_from_db()
    assert feedback_row.status == "answered"


def test_others_see_no_feedback(client, post, site_pages, editor):
    post(site_pages["statement"]["de"])
    enquiry = Enquiry.objects.get()
    client.force_login(editor)
    for url in ("/admin/enquiries/?kind=" + FEEDBACK, f"/admin/enquiries/edit/{enquiry.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Der Kontrast" not in response.content.decode()


def test_feedback_is_in_the_personal_data_export_and_erasure(post, site_pages, tmp_path):
    post(site_pages["statement"]["de"])
    out = tmp_path / "export.json"
    with open("/dev/null", "w") as quiet:
        call_command(
            "enquiry_data", "--email", "KIM@example.org", "--export", str(out), stdout=quiet
        )
        assert "Der Kontrast der Knöpfe" in out.read_text()
        assert '"kind": "accessibility_feedback"' in out.read_text()
        call_command("enquiry_data", "--email", "kim@example.org", "--delete", stdout=quiet)
    assert not Enquiry.objects.exists()


def test_hostile_input_refused_for_a_missing_answer_comes_back_as_text_kept(post, site_pages):
    """Markup typed into the form is never run: a post refused for its missing consent shows it
    back, escaped, in the fields it was typed into, and stores nothing; sent again with consent it
    is stored exactly as typed."""
    page = site_pages["statement"]["de"]
    hostile = '<script>alert("x")</script> "><img src=x onerror=alert(1)>'
    data = feedback(problem=hostile, page='/de/"><svg onload=alert(2)>', consent=None)
    html = post(page, data).content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html  # kept, as text
    assert "onerror=alert(1)&gt;</textarea>" in html
    assert 'value="/de/&quot;&gt;&lt;svg onload=alert(2)&gt;"' in html
    assert not Enquiry.objects.exists()
    post(page, feedback(problem=hostile))
    assert Enquiry.objects.get().form_data["problem"] == hostile
