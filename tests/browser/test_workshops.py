"""The workshop network in the browser: its maps ask no other host until the visitor asks for
them; a workshop's own product list (not in `pages.PAGE_TYPES`: it is `noindex` yet has its
alternates) is accessible and valid HTML in four languages."""

import urllib.request

import pytest

from tests.browser.pages import LANGUAGES, WORKSHOP, WORKSHOP_INDEX

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OSM = "https://www.openstreetmap.org/"


@pytest.mark.parametrize(
    ("page_type", "code"), [(WORKSHOP_INDEX, "de"), (WORKSHOP_INDEX, "nl"), (WORKSHOP, "fr")]
)
def test_the_map_asks_no_other_host_until_the_visitor_presses_the_button(
    open_page, site_url, page_type, code
):
    visit = open_page(page_type.paths[code], "phone")
    page = visit.page
    # Answered inside the browser: the test never reaches the real map server.
    page.route(f"{OSM}**", lambda route: route.fulfill(content_type="text/html", body="<p>map</p>"))
    page.wait_for_load_state("networkidle")
    assert [url for url in visit.requests if not url.startswith(f"{site_url}/")] == []
    assert page.locator("iframe").count() == 0
    if page_type is WORKSHOP_INDEX:  # the workshops' and shops' addresses work without the map
        assert page.locator(".location address").count() >= 2
    button = page.locator(".map__load")
    assert button.is_visible()

    button.click()
    frame = page.locator("iframe.map__frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith(f"{OSM}export/embed.html?bbox=")
    page.wait_for_timeout(200)
    outside = [url for url in visit.requests if not url.startswith(f"{site_url}/")]
    assert outside and all(url.startswith(OSM) for url in outside)


PRODUCTS = {
    "de": "produkte",
    "en": "products",
    "nl": "producten",
    "fr": "produits",
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_workshops_product_list_is_accessible_and_valid(
    open_page, site_url, assert_accessible, assert_valid_html, code
):
    path = f"{WORKSHOP.paths[code]}{PRODUCTS[code]}/"
    visit = open_page(path, "phone")
    assert visit.response.status == 200
    page = visit.page
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator(".cards__list .card").count() >= 1
    assert [url for url in visit.requests if not url.startswith(f"{site_url}/")] == []
    assert_accessible(page, f"workshop-products-{code}")
    with urllib.request.urlopen(site_url + path) as response:  # noqa: S310
        assert_valid_html(response.read(), f"workshop-products-{code}")
