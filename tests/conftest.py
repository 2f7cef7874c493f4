"""Fixtures for the whole suite.

The test database is built once per run with the demo content (`load_demo`): the pages,
translations, navigation and footer a visitor sees. Each test runs in a transaction that is
rolled back, so tests can change anything without affecting the next one.
"""

import pytest
from django.core.management import call_command

DEMO_ADMIN_PASSWORD = "demo-admin-password-for-tests"


def render_every_page():
    """View each demo page once, so image renditions exist before the tests run.

    Renditions made inside a test are rolled back with it; made here, they are part of the
    session's database and every test reuses them instead of encoding AVIF/WebP again.
    """
    from django.test import Client
    from wagtail.models import Page

    from catalogue.models import Product
    from designers.models import ProductIndexPage

    client = Client()
    for page in Page.objects.live().filter(depth__gt=1):
        client.get(page.url)
    for index in ProductIndexPage.objects.live().filter(locale__language_code="de"):
        for product in Product.objects.live().sources():
            client.get(f"{index.url}{product.slug}/")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", admin_password=DEMO_ADMIN_PASSWORD, stdout=open("/dev/null", "w"))  # noqa: SIM115
        render_every_page()


@pytest.fixture(autouse=True)
def fresh_page_frame():
    """A new version of the cached page frame and an empty page cache for each test: the rollback
    at a test's end sends no signal, so what a test cached would otherwise outlive its rows."""
    from core import frame, pagecache

    frame.reset()
    pagecache.reset()


@pytest.fixture
def demo(db):
    """The German home page of the demo site, reloading the demo if a transactional test wiped it."""
    from home.models import HomePage

    home = HomePage.objects.filter(locale__language_code="de").first()
    if home is None:
        call_command("load_demo", admin_password=DEMO_ADMIN_PASSWORD, stdout=open("/dev/null", "w"))  # noqa: SIM115
        home = HomePage.objects.get(locale__language_code="de")
    return home


@pytest.fixture
def admin_client(client, demo):
    """A client logged in as the demo's administrator."""
    client.login(username="admin", password=DEMO_ADMIN_PASSWORD)
    return client
