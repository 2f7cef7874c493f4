"""Links to an index page (the retailers page, the product index and the products under it) lead
to a page every visitor may open: an index behind a login is not linked, in any language
(`core.index_pages.index_page_url`)."""

import re

import pytest
from wagtail.models import PageViewRestriction

from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from products.models import ProductIndexPage
from shop_links.models import RetailerIndexPage
from tests.browser.pages import PRODUCT, RETAILERS

pytestmark = pytest.mark.django_db


def html_of(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode().replace(SOFT_HYPHEN, "")


def where_section(html: str) -> str:
    match = re.search(r'<section class="where".*?</section>', html, re.DOTALL)
    assert match, "no where-to-buy section"
    return match.group(0)


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def restrict_every(model):
    for page in model.objects.all():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.mark.parametrize("code", ["de", "en"])
def test_the_where_to_buy_list_links_a_public_retailers_page_only(client, demo, code):
    assert f'href="{RETAILERS.paths[code]}"' in where_section(html_of(client, PRODUCT.paths[code]))
    restrict_every(RetailerIndexPage)
    section = where_section(html_of(client, PRODUCT.paths[code]))
    assert 'href="/go/' in section  # the shops are still listed
    for path in RETAILERS.paths.values():
        assert f'href="{path}"' not in section


@pytest.mark.parametrize("code", ["de", "en"])
def test_the_retailers_page_links_products_under_a_public_index_only(client, demo, code):
    assert f'href="{PRODUCT.paths[code]}"' in main_of(html_of(client, RETAILERS.paths[code]))
    restrict_every(ProductIndexPage)
    main = main_of(html_of(client, RETAILERS.paths[code]))
    assert 'href="/go/shop/' in main  # the shops are still listed
    for path in PRODUCT.paths.values():
        assert f'href="{path}"' not in main
