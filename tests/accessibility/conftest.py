"""A small site with an accessibility statement in four languages (no demo), and posting its
feedback form as a browser on this site would."""

import datetime

import pytest
from django.core.cache import cache

from accessibility.models import AccessibilityStatementPage
from core import pagecache
from core.models import ContentPage
from home.models import HomePage
from tests.conftest import shared_rows
from tests.enquiries.conftest import post_like_a_browser, token_for
from tests.factories import ContentPageFactory, HomePageFactory, publish, translate

LANGUAGES = ["de", "en", "nl", "fr"]
TITLES = {
    "de": ("Erklärung zur Barrierefreiheit", "barrierefreiheit"),
    "en": ("Accessibility statement", "accessibility"),
    "nl": ("Toegankelijkheidsverklaring", "toegankelijkheid"),
    "fr": ("Déclaration d’accessibilité", "accessibilite"),
}
LIMITATION = {
    "what": "Die Karte der Kampagnenseite",
    "why": "Bildschirmleser lesen sie nur als Bild.",
    "alternative": "Unter der Karte stehen alle Orte als Liste.",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    pagecache.reset()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def site_rows(django_db_setup, django_db_blocker):
    """The site's primary keys, built once for the module's tests (tests/conftest.py)."""
    yield from shared_rows(django_db_blocker, build_site)


@pytest.fixture
def site_pages(db, site_rows):
    """{"home": German home, "content": a content page, "statement": {code: page}}, read again
    for each test."""
    return {
        "home": HomePage.objects.get(pk=site_rows["home"]),
        "content": ContentPage.objects.get(pk=site_rows["content"]),
        "statement": {
            code: AccessibilityStatementPage.objects.get(pk=pk)
            for code, pk in site_rows["statement"].items()
        },
    }


def build_site() -> dict:
    """{"home": pk, "content": pk, "statement": {code: pk}}."""
    home = HomePageFactory()
    for code in LANGUAGES[1:]:
        translate(home, code)
    content = ContentPageFactory(parent=home, title="Über uns")
    for code in LANGUAGES[1:]:
        translate(content, code)
    german = AccessibilityStatementPage(
        title=TITLES["de"][0],
        slug=TITLES["de"][1],
        intro="<p>Alle sollen diese Website nutzen können.</p>",
        conformance=AccessibilityStatementPage.Conformance.PARTIAL,
        limitations=[("limitation", LIMITATION)],
        prepared_on=datetime.date(2026, 11, 30),
        reviewed_on=datetime.date(2026, 12, 3),
        method=AccessibilityStatementPage.Method.SELF,
        feedback_intro="<p>Schreiben Sie uns.</p>",
        enforcement="<p>Platzhalter: Ombudsstelle des Landes</p>",
        to_address="team@example.org",
    )
    home.add_child(instance=german)
    publish(german)
    statements = {"de": german}
    for code in LANGUAGES[1:]:
        title, slug = TITLES[code]
        statements[code] = translate(german, code, title=title, slug=slug)
    return {
        "home": home.pk,
        "content": content.pk,
        "statement": {code: page.pk for code, page in statements.items()},
    }


def feedback(**overrides) -> dict:
    data = {
        "problem": "Der Kontrast der Knöpfe ist zu schwach.",
        "page": "/de/produkte/",
        "email": "Kim@Example.org",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the feedback form like a browser: same origin, a token of a form shown `age` s ago."""

    def _post(page, data=None, *, age=30, token=None, headers=None, **extra):
        body = feedback() if data is None else data
        token = token if token is not None else token_for(page, age)
        with django_capture_on_commit_callbacks(execute=True):
            return post_like_a_browser(client, page, body, token, headers, **extra)

    return _post
