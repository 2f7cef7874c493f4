"""Helpers for posting the enquiry form as a browser on this site would."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from enquiries import spam
from enquiries.models import EnquiryFormPage

ORIGIN = "http://testserver"


def answers(**overrides) -> dict:
    data = {
        "company": "Atelier Nord GmbH",
        "sector": "Kreativwirtschaft",
        "contact_person": "Erika Beispiel",
        "email": "erika@example.org",
        "phone": "",
        "space_m2": "80",
        "space_kind": ["Atelier", "Büro"],
        "start": "2027-03-01",
        "message": "Wir suchen Räume.",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def token_for(page, age: float = 30, campaign=None) -> str:
    return spam.make_token(page.pk, campaign or {}, now=time.time() - age)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_page(demo):
    return EnquiryFormPage.objects.get(locale__language_code="de")


def submit_url(page) -> str:
    """The form page's translated post address (`/fr/envoyer-demande/<id>/`)."""
    with translation.override(page.locale.language_code):
        return reverse("enquiry_submit", args=[page.pk])


def page_in(language: str) -> EnquiryFormPage:
    return EnquiryFormPage.objects.get(locale__language_code=language)


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the form like a browser: same Origin, a token of a form shown `age` seconds ago."""

    def _post(page, data=None, *, age=30, token=None, campaign=None, headers=None, **extra):
        body = answers() if data is None else data
        token = token if token is not None else token_for(page, age, campaign)
        with django_capture_on_commit_callbacks(execute=True):
            return post_like_a_browser(client, page, body, token, headers, **extra)

    return _post


def post_like_a_browser(client, page, body, token, headers=None, **extra):
    """POST `body` with `token` to the page's submit address, from the same origin."""
    return client.post(
        submit_url(page),
        {**body, "form_token": token},
        headers={"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin", **(headers or {})},
        **extra,
    )
