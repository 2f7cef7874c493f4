"""The campaign page's map: nothing from openstreetmap.org until the visitor asks for it."""

import pytest

from tests.browser.pages import CAMPAIGN

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OSM = "https://www.openstreetmap.org/"


@pytest.mark.parametrize("code", ["de", "fr"])
def test_map_loads_only_after_the_visitor_presses_the_button(open_page, code):
    visit = open_page(CAMPAIGN.paths[code], "phone")
    page = visit.page
    # Answered here, inside the browser: the test never reaches the real map server.
    page.route(f"{OSM}**", lambda route: route.fulfill(content_type="text/html", body="<p>map</p>"))
    assert page.locator("iframe").count() == 0
    assert not [url for url in visit.requests if url.startswith(OSM)]
    button = page.locator(".map__load")
    assert button.is_visible()
    assert page.locator(".map__link").get_attribute("href").startswith(OSM)

    button.click()
    frame = page.locator("iframe.map__frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith(f"{OSM}export/embed.html?bbox=")
    assert frame.get_attribute("title")
    assert page.locator(".map__load").count() == 0
    page.wait_for_timeout(200)
    assert [url for url in visit.requests if url.startswith(OSM)]
