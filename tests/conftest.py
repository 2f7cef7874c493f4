"""Fixtures for the whole suite.

The test database is built once per run with the demo content (`load_demo`): the pages,
translations, navigation and footer a visitor sees. Each test runs in a transaction that is
rolled back, so tests can change anything without affecting the next one.
"""

import pytest
from django.core.management import call_command

DEMO_ADMIN_PASSWORD = "demo-admin-password-for-tests"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", admin_password=DEMO_ADMIN_PASSWORD, stdout=open("/dev/null", "w"))  # noqa: SIM115


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
