"""Who may read the feed: keys made and revoked by editors in the admin, shown once and stored
hashed; the public switch; rate limits; and one log line per request without key or address."""

import logging
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from partner_feed.models import PartnerKey, digest

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

URL = "/api/v1/products.json"


def staff(name: str, group: str):
    user = get_user_model().objects.create_user(name, password="-", is_staff=False)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize("group", ["Moderators", "Catalogue managers"])
def test_an_editor_with_the_permission_makes_a_key_that_is_shown_once(client, shop, group):
    client.force_login(staff("keeper", group))
    assert client.get("/admin/partner_keys/").status_code == 200
    response = client.post(
        "/admin/partner_keys/new/", {"partner": "Weltladen Nord", "note": "Shop"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plain = re.search(r'value="(min_[^"]+)"', response.content.decode()).group(1)
    row = PartnerKey.objects.get(partner="Weltladen Nord")
    assert row.key_digest == digest(plain) and plain not in row.key_digest  # stored hashed
    # the list and the edit form never show it again
    for url in ("/admin/partner_keys/", f"/admin/partner_keys/edit/{row.pk}/"):
        page = client.get(url)
        assert page.status_code == 200 and plain not in page.content.decode()
        assert row.prefix in client.get("/admin/partner_keys/").content.decode()

    feed = client.get(URL, headers={"authorization": f"Bearer {plain}"})
    assert feed.status_code == 200
    assert client.get(URL, headers={"x-api-key": plain}).status_code == 200
    row.refresh_from_db()
    assert row.last_used is not None

    # revoked in the admin: refused from the next request on
    edited = client.post(
        f"/admin/partner_keys/edit/{row.pk}/",
        {"partner": "Weltladen Nord", "note": "", "revoke": "on"},
    )
    assert edited.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    refused = client.get(URL, headers={"authorization": f"Bearer {plain}"})
    assert refused.status_code == 401
    assert refused.json()["error"] == "invalid_key"


@pytest.mark.parametrize("group", ["Editors", "Translators", "Enquiry managers"])
def test_editors_without_the_permission_get_403(client, shop, key, group):
    client.force_login(staff("other", group))
    for url in (
        "/admin/partner_keys/",
        "/admin/partner_keys/new/",
        f"/admin/partner_keys/edit/{key[0].pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:  # Wagtail sends the user to the dashboard with a message
            assert "/admin/" in response["Location"] and "partner_keys" not in response["Location"]
    assert client.post("/admin/partner_keys/new/", {"partner": "X"}).status_code in (302, 403)
    assert not PartnerKey.objects.filter(partner="X").exists()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"authorization": "Bearer "},
        {"authorization": "Bearer min_00000000_wrong"},
        {"authorization": "Basic dXNlcjpwYXNz"},
        {"x-api-key": "nonsense"},
        {"x-api-key": "min_" + "a" * 5000},
        {"authorization": "Bearer " + "\u00e4" * 50},
    ],
)
def test_a_missing_or_unknown_key_is_401_with_a_json_reason(client, shop, key, headers):
    response = client.get(URL, headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"] in ("key_required", "invalid_key")
    assert not response.cookies


def test_a_key_of_the_right_shape_but_another_secret_is_refused(client, shop, key):
    _row, plain = key
    forged = plain[:-4] + ("AAAA" if not plain.endswith("AAAA") else "BBBB")
    assert client.get(URL, headers={"x-api-key": forged}).status_code == 401


def test_a_key_in_the_query_string_is_refused(client, shop, key):
    response = client.get(URL, {"key": key[1]}, headers={"x-api-key": key[1]})
    assert response.status_code == 400
    assert response.json()["error"] == "key_in_query"


def test_the_public_feed_needs_no_key_but_a_wrong_one_is_still_refused(client, shop, public_feed):
    assert client.get(URL).status_code == 200
    assert client.get(URL, headers={"x-api-key": "min_12345678_nope"}).status_code == 401


def test_the_rate_limit_answers_429_then_lets_the_key_in_again(client, shop, key, settings):
    settings.PARTNER_FEED_RATE_LIMIT = 2
    settings.PARTNER_FEED_RATE_WINDOW = 1
    headers = {"x-api-key": key[1]}
    assert [client.get(URL, headers=headers).status_code for _ in range(3)] == [200, 200, 429]
    limited = client.get(URL, headers=headers)
    assert limited["Retry-After"] == "1"
    assert limited.json()["error"] == "rate_limited"
    # another key has its own count
    other = PartnerKey(partner="Zweiter Shop")
    plain = other.issue()
    other.save()
    assert client.get(URL, headers={"x-api-key": plain}).status_code == 200
    time.sleep(1.1)  # the window passes
    assert client.get(URL, headers=headers).status_code == 200


def test_the_public_feed_is_limited_per_client_address(client, shop, public_feed, settings):
    settings.PARTNER_FEED_RATE_LIMIT = 1
    assert client.get(URL).status_code == 200
    assert client.get(URL).status_code == 429
    assert client.get(URL, REMOTE_ADDR="192.0.2.9").status_code == 200


def test_the_log_has_one_line_per_request_without_key_or_address(client, shop, key, caplog):
    row, plain = key
    with caplog.at_level(logging.INFO, logger="partner_feed"):
        client.get(
            URL,
            {"lang": "fr"},
            headers={"authorization": f"Bearer {plain}"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_USER_AGENT="PartnerBot/1.0",
        )
        client.get(
            "/api/v1/products.csv",
            headers={"x-api-key": "min_12345678_nope"},
            REMOTE_ADDR="198.51.100.7",
        )
    lines = [record for record in caplog.records if record.name == "partner_feed"]
    assert [record.getMessage() for record in lines] == [
        f"partner feed key={row.pk} format=json lang=fr status=200",
        "partner feed key=- format=csv lang=de status=401",
    ]
    text = caplog.text
    for secret in (plain, row.key_digest, "198.51.100.7", "PartnerBot", "nope"):
        assert secret not in text


def test_a_moderator_switches_the_feed_public_in_the_admin_and_an_editor_cannot(client, shop):
    from django.urls import reverse

    url = reverse("wagtailsettings:edit", args=["partner_feed", "feedaccess"])
    client.force_login(staff("editor", "Editors"))
    refused = client.get(url, follow=True)
    assert refused.status_code == 403 or "feedaccess" not in refused.redirect_chain[-1][0]
    assert 'name="public"' not in refused.content.decode()
    client.post(url, {"public": "on"}, follow=True)
    assert client.get(URL).status_code == 401

    client.force_login(staff("moderator", "Moderators"))
    page = client.get(url, follow=True)  # Wagtail goes on to the setting's own address
    assert page.status_code == 200
    url = page.redirect_chain[-1][0] if page.redirect_chain else url
    assert client.post(url, {"public": "on"}).status_code == 302
    assert client.get(URL).status_code == 200
    assert client.post(url, {}).status_code == 302  # keys only again
    assert client.get(URL).status_code == 401
