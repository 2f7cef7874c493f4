"""The admin's line sheet (`products.line_sheet_admin`): a catalogue manager makes the PDF for
a language and all products, a designer's, or the products ticked in the listing; refusals come
back on the form with a message."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import Product
from products.line_sheet_admin import URL_NAME
from tests.factories import ProductFactory, VariantFactory
from tests.products.test_line_sheet import catalogue, text_of  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


@pytest.fixture
def manager(client, django_user_model):
    user = django_user_model.objects.create_user(username="katalog-liste", password="x")
    user.groups.add(Group.objects.get(name="Catalogue managers"))
    client.force_login(user)
    return client


def url(*ids) -> str:
    return reverse(URL_NAME) + "".join(
        ("?" if i == 0 else "&") + f"id={pk}" for i, pk in enumerate(ids)
    )


def test_a_manager_makes_a_designers_sheet_in_a_language(manager, catalogue):  # noqa: F811
    form = manager.get(url())
    assert form.status_code == 200
    assert "Lena Hoffmann (lena)" in form.content.decode()
    response = manager.post(url(), {"language": "en", "designer": "lena"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "Depot bag" in text and "Hocker Nord" not in text


def test_the_ticked_products_only(manager, catalogue):  # noqa: F811
    stool = catalogue["stool"]
    draft = Product.objects.get(title="Entwurfslampe")
    form = manager.get(url(stool.pk, draft.pk)).content.decode()
    assert "1 aktives Produkt ausgewählt" in form
    response = manager.post(url(), {"language": "fr", "id": [stool.pk, draft.pk]})
    text = text_of(response.content)
    assert "Hocker Nord" in text and "Sac du dépôt" not in text and "Entwurfslampe" not in text


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["abc"], "ist keine Produktnummer"),
        (["999999"], "Es gibt kein Produkt"),
        (["draft"], "Keines der gewählten Produkte ist im Katalog aktiv"),
    ],
)
def test_refusals_are_messages_on_the_form(manager, catalogue, ids, message):  # noqa: F811
    if ids == ["draft"]:
        ids = [Product.objects.get(title="Entwurfslampe").pk]
    response = manager.post(url(), {"language": "de", "id": ids})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_too_many_is_refused_with_the_numbers(manager, catalogue, settings):  # noqa: F811
    settings.LINE_SHEET_MAX_PRODUCTS = 1
    response = manager.post(url(), {"language": "de", "designer": ""})
    assert response.status_code == 400
    assert "Höchstens 1 Produkte" in response.content.decode()


def test_a_language_or_designer_not_offered_is_refused(manager, catalogue):  # noqa: F811
    assert manager.post(url(), {"language": "xx"}).status_code == 400
    assert manager.post(url(), {"language": "de", "designer": "nobody"}).status_code == 400


def test_the_bulk_action_leads_to_the_form_with_the_ids(manager, catalogue):  # noqa: F811
    bag = catalogue["bag"]
    action = (
        reverse("wagtail_bulk_action", args=("catalogue", "product", "line_sheet"))
        + f"?id={bag.pk}"
    )
    response = manager.get(action)
    assert response.status_code == 302 and response["Location"] == url(bag.pk)


def test_others_may_not(client, django_user_model, catalogue):  # noqa: F811
    user = django_user_model.objects.create_user(username="niemand", password="x")
    client.force_login(user)
    assert client.get(url()).status_code in (302, 403)


def test_new_product_after_a_sheet_is_on_the_next(manager, catalogue):  # noqa: F811
    manager.post(url(), {"language": "de", "designer": ""})
    VariantFactory(product=ProductFactory(title="Neue Bank", external_id="LS-0009"), sku="N-1")
    assert "Neue Bank" in text_of(manager.post(url(), {"language": "de", "designer": ""}).content)


def test_the_admin_menu_leads_managers_to_the_form(manager):
    assert reverse(URL_NAME) in manager.get(reverse("wagtailadmin_home")).content.decode()
