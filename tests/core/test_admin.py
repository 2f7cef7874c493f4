"""Editors reach the admin with the demo credentials and find the shared snippets."""

import pytest
from django.urls import reverse

from core.models import Footer, Navigation
from tests.conftest import DEMO_ADMIN_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_admin_can_log_in_with_printed_credentials(client, demo):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "admin", "password": DEMO_ADMIN_PASSWORD}
    )
    assert response.status_code == 302
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200


def test_navigation_and_footer_are_listed_per_language(admin_client):
    for model in (Navigation, Footer):
        url = reverse(f"wagtailsnippets_core_{model._meta.model_name}:list")
        response = admin_client.get(url)
        assert response.status_code == 200
        assert model.objects.count() == 4


def test_editor_changes_the_german_menu_label_on_the_site(admin_client, client):
    navigation = Navigation.objects.get(locale__language_code="de")
    item = navigation.items.get(link_page__slug="ueber-das-projekt")
    item.label = "Das Projekt"
    item.save()
    html = client.get("/de/").content.decode()
    assert ">Das Projekt</a>" in html
    # Other languages keep their own label until their translation is synced.
    assert ">About the project</a>" in client.get("/en/").content.decode()
