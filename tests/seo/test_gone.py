"""The 410 page of a product the label no longer sells names it in the visitor's language."""

import pytest

from catalogue.models import Product

pytestmark = pytest.mark.django_db


def test_gone_page_names_the_product_in_the_visitors_language(client, demo):
    response = client.get("/en/products/tram-stop-keyring/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "“Tram stop keyring” is no longer offered by the label." in html
    assert "Schlüsselanhänger Haltestelle" not in html


def test_gone_page_in_german(client, demo):
    response = client.get("/de/produkte/tram-stop-keyring/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "„Schlüsselanhänger Haltestelle“" in html
    assert 'lang="de">Schlüsselanhänger' not in html  # the page is German: nothing to mark


def test_gone_page_marks_the_german_title_where_the_catalogue_has_no_translation(client, demo):
    assert not Product.objects.filter(
        external_id="MAN-0021", locale__language_code="fr"
    ).exists(), "the demo catalogue has no French title for the keyring"
    response = client.get("/fr/produits/tram-stop-keyring/")
    assert response.status_code == 410
    html = response.content.decode()
    assert '«\u00a0<span lang="de">Schlüsselanhänger Haltestelle</span>\u00a0»' in html
    assert '<html lang="fr">' in html
