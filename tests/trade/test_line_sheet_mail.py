"""A shop that sent a trade enquiry gets the line sheet with the confirmation, in its language,
as long as editors let visitors download it; with downloads off the mail promises the terms only."""

import pytest
from django.core import mail
from django.utils import translation

from products.models import ProductIndexPage
from tests.products.test_line_sheet_download import index_pages as _index_pages
from tests.trade.conftest import trade_answers

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

INVITATION = "Unsere aktuelle Produktliste mit Preisen können Sie schon jetzt herunterladen:"


def index_pages(home, public):
    ProductIndexPage.objects.update(live=False)  # the demo's, if the run loaded it
    return _index_pages(home, public=public)


def _confirmation():
    return next(message for message in mail.outbox if message.to == ["jana@example.org"])


@pytest.mark.parametrize(
    ("code", "address"),
    [
        ("de", "http://testserver/de/produkte/produktliste/"),
        ("fr", "http://testserver/fr/produits/catalogue/"),
    ],
)
def test_the_confirmation_links_the_line_sheet_in_the_shops_language(
    post, trade_pages, code, address
):
    index_pages(trade_pages["de"].get_parent(), public=True)
    assert post(trade_pages[code], trade_answers()).status_code == 200
    body = _confirmation().body
    with translation.override(code):
        invitation = translation.gettext(INVITATION)
    assert f"{invitation}\n{address}\n" in body
    assert "\n\n\n" not in body


def test_without_public_downloads_the_confirmation_names_no_line_sheet(post, trade_pages):
    index_pages(trade_pages["de"].get_parent(), public=False)
    assert post(trade_pages["de"], trade_answers()).status_code == 200
    body = _confirmation().body
    assert INVITATION not in body and "/produktliste/" not in body
    assert "\n\n\n" not in body
