"""A visitor's post: what is stored, what is discarded, what is refused."""

import pytest
from django.core import mail
from django.test import Client

from enquiries.models import Enquiry
from tests.enquiries.conftest import ORIGIN, answers, page_in, token_for

pytestmark = pytest.mark.django_db

THANKS = "Vielen Dank für Ihre Anfrage"


def test_form_page_sets_no_cookie_and_comes_from_the_page_cache(client, form_page):
    first = client.get("/de/anfrage/?campaign=kreativ-2026&utm_source=newsletter")
    second = client.get("/de/anfrage/")
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert first.cookies == {} and second.cookies == {}
    assert second["Cache-Control"].startswith("public")
    html = second.content.decode()
    # Nothing of one visitor in it: no token, no campaign, no CSRF token.
    assert 'name="form_token" value=""' in html
    assert "kreativ-2026" not in html and "newsletter" not in html
    assert 'name="csrfmiddlewaretoken"' not in html
    assert f'action="/de/anfrage-senden/{form_page.pk}/"' in html
    assert f'data-token-url="/de/anfrage-token/{form_page.pk}/"' in html
    assert "js/enquiry-form.js" in html


def test_token_endpoint_gives_each_visitor_a_fresh_token_and_no_cookie(client, form_page):
    from enquiries import spam

    answers_ = [client.get(f"/de/anfrage-token/{form_page.pk}/") for _ in range(2)]
    checks = []
    for response in answers_:
        assert response.status_code == 200
        assert response.cookies == {}
        assert "no-store" in response["Cache-Control"]
        assert response["X-Cache"] == "bypass"
        checks.append(spam.check_token(response.json()["token"], form_page.pk))
    # Just made: a post with it now would be too fast; each has its own key.
    assert [check.state for check in checks] == [spam.TokenState.TOO_FAST] * 2
    tokens = [response.json()["token"] for response in answers_]
    assert tokens[0] != tokens[1]


def test_token_endpoint_knows_only_live_form_pages_of_its_language(client, form_page):
    english = page_in("en")
    assert client.get(f"/de/anfrage-token/{english.pk}/").status_code == 404
    assert client.get(f"/en/enquiry-token/{english.pk}/").status_code == 200
    assert client.get(f"/de/enquiry-token/{english.pk}/").status_code == 404
    assert client.get("/de/anfrage-token/999999/").status_code == 404
    assert client.post(f"/de/anfrage-token/{form_page.pk}/").status_code == 405


def test_genuine_enquiry_is_stored_and_mailed(post, form_page):
    response = post(form_page)
    assert response.status_code == 200
    assert THANKS in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.form_data["company"] == "Atelier Nord GmbH"
    assert enquiry.form_data["space_kind"] == ["Atelier", "Büro"]
    assert enquiry.form_data["start"] == "2027-03-01"
    assert enquiry.email == "erika@example.org"
    assert enquiry.language == "de"
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.notification_state == Enquiry.Notification.SENT
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anfragen@made-in-aachen-nord.example",
        "erika@example.org",
    ]
    assert "form_token" not in enquiry.form_data and "website" not in enquiry.form_data


@pytest.mark.parametrize(
    ("case", "kwargs"),
    [
        ("honeypot", {"data": answers(website="http://spam.example")}),
        ("too fast", {"age": 1}),
        ("forged token", {"token": "eyJwIjoxfQ:forged:signature"}),
        ("honeypot without token", {"data": answers(website="x"), "token": ""}),
    ],
)
def test_bot_posts_get_the_thank_you_page_and_store_nothing(post, form_page, case, kwargs):
    response = post(form_page, **kwargs)
    assert response.status_code == 200
    assert THANKS in response.content.decode()
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_post_without_token_comes_back_filled_in_with_a_token_and_loses_nothing(
    client, post, form_page, settings
):
    """A browser without JavaScript: the cached page has no token."""
    from enquiries import spam

    response = post(
        form_page,
        token="",
        headers={"Referer": f"{ORIGIN}/de/anfrage/?campaign=kreativ-2026&utm_source=flyer"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert Enquiry.objects.count() == 0 and mail.outbox == []
    html = response.content.decode()
    assert "noch nicht gesendet" in html
    assert 'value="Atelier Nord GmbH"' in html and "Wir suchen Räume." in html
    token = html.split('name="form_token" value="')[1].split('"')[0]
    check = spam.check_token(token, form_page.pk)
    assert check.campaign == {"campaign": "kreativ-2026", "utm_source": "flyer"}
    # Sent again at once: a bot's pace, discarded; sent again after a person's pause: stored.
    assert THANKS in post(form_page, token=token).content.decode()
    assert Enquiry.objects.count() == 0
    settings.ENQUIRY_MIN_SECONDS = 0
    assert THANKS in post(form_page, token=token).content.decode()
    enquiry = Enquiry.objects.get()
    assert (enquiry.campaign, enquiry.utm_source) == ("kreativ-2026", "flyer")
    assert enquiry.form_data["company"] == "Atelier Nord GmbH"


def test_token_of_another_page_is_forged(post, form_page):
    english = page_in("en")
    response = post(form_page, token=token_for(english))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0


def test_expired_form_is_shown_again_filled_in(post, form_page, settings):
    settings.ENQUIRY_FORM_MAX_AGE = 60
    response = post(form_page, age=120)
    html = response.content.decode()
    assert response.status_code == 200
    assert "sehr lange geöffnet" in html
    assert 'value="Atelier Nord GmbH"' in html
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize(
    "origin_headers",
    [
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"},
        {"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    ],
)
def test_hostile_posts_are_refused(post, form_page, origin_headers):
    response = post(form_page, headers=origin_headers)
    assert response.status_code == 403
    assert Enquiry.objects.count() == 0


def test_post_without_origin_or_referer_is_refused(client, form_page):
    response = client.post(
        f"/de/anfrage-senden/{form_page.pk}/", {**answers(), "form_token": token_for(form_page)}
    )
    assert response.status_code == 403
    assert Enquiry.objects.count() == 0


def test_referer_of_this_site_is_enough_for_an_old_browser(client, form_page):
    response = client.post(
        f"/de/anfrage-senden/{form_page.pk}/",
        {**answers(), "form_token": token_for(form_page)},
        headers={"Referer": f"{ORIGIN}/de/anfrage/"},
    )
    assert response.status_code == 200
    assert Enquiry.objects.count() == 1


def test_oversized_body_is_refused(post, form_page, settings):
    settings.ENQUIRY_MAX_BODY_BYTES = 2000
    response = post(form_page, answers(message="x" * 3000))
    assert response.status_code == 413
    assert Enquiry.objects.count() == 0


def test_too_long_answers_get_clear_messages(post, form_page):
    response = post(form_page, answers(company="A" * 201, message="m" * 5001))
    html = response.content.decode()
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    assert "höchstens 200 Zeichen" in html and "höchstens 5000 Zeichen" in html
    assert 'aria-invalid="true"' in html
    assert "Bitte prüfen Sie Ihre Angaben" in html


def test_missing_consent_is_an_error(post, form_page):
    response = post(form_page, answers(consent=None))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    assert 'id="id_consent-errors"' in response.content.decode()


def test_campaign_and_utm_are_recorded_and_nothing_else(client, post, form_page):
    # The query the form page's script passes on from the address bar.
    response = client.get(
        f"/de/anfrage-token/{form_page.pk}/?campaign=kreativ-2026%0D%0A&utm_source=newsletter"
        "&utm_medium=e<b>mail&utm_campaign=Frühjahr%202026&utm_term=" + "t" * 300 + "&utm_content"
        "=teaser&gclid=abc&fbclid=def&ref=xyz"
    )
    token = response.json()["token"]
    from enquiries import spam

    check = spam.check_token(token, form_page.pk)
    assert check.campaign == {
        "campaign": "kreativ-2026",
        "utm_source": "newsletter",
        "utm_medium": "ebmail",
        "utm_campaign": "Frühjahr 2026",
        "utm_term": "t" * 100,
        "utm_content": "teaser",
    }
    post(form_page, campaign=check.campaign)
    enquiry = Enquiry.objects.get()
    assert enquiry.campaign == "kreativ-2026"
    assert (enquiry.utm_source, enquiry.utm_medium, enquiry.utm_campaign) == (
        "newsletter",
        "ebmail",
        "Frühjahr 2026",
    )
    assert enquiry.utm_term == "t" * 100 and enquiry.utm_content == "teaser"
    stored = str(enquiry.form_data) + str(vars(enquiry))
    assert "gclid" not in stored and "abc" not in stored and "xyz" not in stored


def test_campaign_cannot_be_forged_in_the_post(post, form_page):
    post(form_page, answers(campaign="fake", utm_source="fake"))
    enquiry = Enquiry.objects.get()
    assert enquiry.campaign == "" and enquiry.utm_source == ""


def test_header_injection_never_reaches_a_header(post, form_page):
    response = post(
        form_page,
        answers(
            company="Evil\r\nBcc: victim@example.org",
            contact_person="Name\nSubject: spam",
            email="erika@example.org\r\nBcc: victim@example.org",
        ),
    )
    # The address is not an address: the form says so, nothing is stored or sent.
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []
    assert response.status_code == 200

    post(form_page, answers(company="Evil\r\nBcc: victim@example.org", contact_person="A\nB"))
    enquiry = Enquiry.objects.get()
    assert enquiry.form_data["company"] == "Evil Bcc: victim@example.org"
    assert enquiry.form_data["contact_person"] == "A B"
    for message in mail.outbox:
        assert message.bcc == []
        raw = message.message().as_string()
        headers = raw.split("\n\n", 1)[0]
        assert "victim@example.org" not in headers
        assert "\n" not in message.subject and "Evil" not in message.subject


def test_script_is_stored_as_text_and_escaped(post, form_page, admin_client):
    script = "<script>alert(1)</script>"
    post(form_page, answers(company=script, message=f"Hallo {script}"))
    enquiry = Enquiry.objects.get()
    assert enquiry.form_data["company"] == script
    staff = next(m for m in mail.outbox if m.to != ["erika@example.org"])
    assert (
        script in staff.body
        and staff.content_subtype == "plain"
        and not getattr(staff, "alternatives", None)
    )
    html = admin_client.get(f"/admin/enquiries/edit/{enquiry.pk}/").content.decode()
    assert script not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    listing = admin_client.get("/admin/enquiries/").content.decode()
    assert script not in listing


def test_rate_limit_per_address(post, form_page, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    assert post(form_page, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert post(form_page, REMOTE_ADDR="192.0.2.1").status_code == 200
    refused = post(form_page, REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429
    assert "sehr viele Anfragen" in refused.content.decode()
    assert post(form_page, REMOTE_ADDR="192.0.2.2").status_code == 200
    assert Enquiry.objects.count() == 3


def test_rate_limit_stores_no_address(post, form_page):
    from django.core.cache import cache

    post(form_page, REMOTE_ADDR="192.0.2.77")
    keys = list(cache._cache.keys())  # locmem's store: the keys as written
    assert keys and all("192.0.2.77" not in key for key in keys)
    assert "192.0.2.77" not in str(vars(Enquiry.objects.get()))


def test_cache_down_fails_open_and_says_so(post, form_page, settings, caplog):
    """A cache that cannot be written (a file cache below /dev/null): enquiries still arrive."""
    settings.CACHES = {
        **settings.CACHES,
        "broken": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/dev/null/enquiry-rate-limit",
        },
    }
    settings.ENQUIRY_RATE_CACHE = "broken"
    settings.ENQUIRY_RATE_LIMIT = 1
    with caplog.at_level("WARNING", logger="enquiries"):
        first = post(form_page)
        second = post(form_page)
        bot = post(form_page, answers(website="x"))
    assert first.status_code == second.status_code == bot.status_code == 200
    assert Enquiry.objects.count() == 2  # the limit of 1 could not be counted: fail open
    assert "rate limit unavailable" in caplog.text


def test_confirmation_in_the_visitors_language(post, demo):
    for code, subject in [
        ("en", "Your enquiry at Made in Aachen-Nord"),
        ("fr", "Votre demande auprès de Made in Aachen-Nord"),
    ]:
        mail.outbox.clear()
        page = page_in(code)
        response = post(page)
        assert response.status_code == 200, response.content.decode()[:500]
        enquiry = Enquiry.objects.get(language=code)
        confirmation = next(m for m in mail.outbox if m.to == ["erika@example.org"])
        assert confirmation.subject == subject
        assert str(enquiry.pk) in confirmation.body
        # The staff notification is German, whatever the visitor's language.
        staff = next(m for m in mail.outbox if m.to != ["erika@example.org"])
        assert "Neue Anfrage" in staff.subject


def test_choices_on_a_translation_are_stored_in_german(post, demo):
    page = page_in("en")
    post(page, answers(sector="Kreativwirtschaft", space_kind=["Werkstatt"]))
    enquiry = Enquiry.objects.get()
    assert enquiry.form_data["sector"] == "Kreativwirtschaft"
    html = Client().get("/en/enquiry/").content
    assert b'value="Werkstatt"' in html and b">Workshop</label>" in html


def test_thank_you_page_in_the_visitors_language(post, demo):
    response = post(page_in("nl"))
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Uw aanvraag is bij ons aangekomen" in html
