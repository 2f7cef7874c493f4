"""Editors in the page editor: an event is saved with its products by catalogue ID, and an ID the
catalogue does not know is refused with a message, losing nothing else the editor typed."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from events.models import EventIndexPage, EventPage, EventProduct
from tests.admin_forms import page_form_data
from tests.factories import HomePageFactory, ProductFactory, publish

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser(
        "events-test-admin", "events-admin@example.org", "pw-geheim-1"
    )
    client.force_login(user)
    return client


def test_an_unknown_catalogue_id_is_refused_and_a_known_one_saved(editor_client):
    home = HomePageFactory()
    index = EventIndexPage(title="Termine", slug="termine")
    home.add_child(instance=index)
    publish(index)
    product = ProductFactory(title="Eichenhocker")
    page = EventPage(
        title="Markt",
        slug="markt",
        start_date=datetime.date(2026, 5, 2),
        lead="Wir sind da.",
        venue="Halle",
        city="Aachen",
    )
    index.add_child(instance=page)
    publish(page)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = page_form_data(editor_client.get(edit_url).content.decode())
    data.update(
        {
            "booth": "B7",
            "products-TOTAL_FORMS": "1",
            "products-INITIAL_FORMS": "0",
            "products-0-external_id": "GIBT-ES-NICHT",
            "products-0-ORDER": "1",
            "products-0-DELETE": "",
            "products-0-id": "",
        }
    )
    refused = editor_client.post(edit_url, data)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Kein Produkt mit dieser ID im Katalog" in body
    assert 'value="B7"' in body  # what the editor typed is still there
    assert not EventProduct.objects.filter(page=page).exists()

    data["products-0-external_id"] = product.external_id.lower()
    saved = editor_client.post(edit_url, data)
    assert saved.status_code == 302
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert [link.external_id for link in latest.products.all()] == [product.external_id]
    assert latest.booth == "B7"
    assert latest.end_date == latest.start_date  # the empty last day is the first
