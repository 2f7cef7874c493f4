"""Requests with more fields than anyone fills in are refused before a view reads them.

Django parses a query string or form body into a dictionary; thousands of fields cost a worker
CPU for nothing. More than `DATA_UPLOAD_MAX_NUMBER_FIELDS` (1000) answer 400 with the site's
page, saying nothing was saved, and nothing is stored.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings

from enquiries.models import Enquiry, EnquiryFormPage
from tests.enquiries.conftest import ORIGIN, answers, token_for

pytestmark = pytest.mark.django_db


def test_the_limit_is_djangos_default_of_one_thousand():
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000


def padded(data: dict, total: int) -> dict:
    """`data` plus unused fields, `total` fields in all (a list is one field per value)."""
    used = sum(len(value) if isinstance(value, list) else 1 for value in data.values())
    return {**data, **{f"x{n}": "1" for n in range(total - used)}}


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_an_enquiry_with_1001_fields_is_refused_and_nothing_stored(
    client, demo, encoding, django_capture_on_commit_callbacks
):
    page = EnquiryFormPage.objects.get(locale__language_code="de")
    url = f"/de/anfrage-senden/{page.pk}/"
    headers = {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"}
    fields = {**answers(), "form_token": token_for(page)}

    def send(total):
        data = padded(fields, total)
        with django_capture_on_commit_callbacks(execute=True):
            if encoding == "urlencoded":
                return client.post(
                    url,
                    urlencode(data, doseq=True),
                    "application/x-www-form-urlencoded",
                    headers=headers,
                )
            return client.post(url, data, headers=headers)

    refused = send(1001)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "mehr als 1000 Felder" in html and "nichts gespeichert" in html
    assert Enquiry.objects.count() == 0
    # …while the same enquiry with 1000 fields (the extra ones ignored) is taken.
    assert send(1000).status_code == 200
    assert Enquiry.objects.count() == 1


def test_a_query_string_with_1001_parameters_is_refused(client, demo):
    query = urlencode({f"p{n}": "1" for n in range(1000)})  # and q: 1001 parameters
    response = client.get(f"/de/suche/?q=Tasche&{query}")
    assert response.status_code == 400
    assert client.get(f"/de/suche/?q=Tasche&{query.rsplit('&', 1)[0]}").status_code == 200


def test_an_editor_whose_form_has_too_many_fields_is_told_so_and_nothing_is_saved(
    admin_client, demo
):
    page = EnquiryFormPage.objects.get(locale__language_code="de")
    revisions = page.revisions.count()
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/", padded({"title": "Zu lang"}, 1001)
    )
    assert response.status_code == 400
    assert "Sehr lange Seiten teilen Sie bitte in mehrere Seiten auf." in response.content.decode()
    assert page.revisions.count() == revisions
