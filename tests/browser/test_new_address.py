"""A moderator gives a page a new address in the admin (a new slug: what linked, listed or
routed to the page is worked out again, `content_version.invalidate_addresses`): in Chromium,
each visitor's next page links it at its new address, in the menu, on a product page's
where-to-buy list and in every language's switcher; the old address leads there; and giving the
old address back shows the old links again."""

import pytest
from playwright.sync_api import expect

from shop_links.models import RetailerIndexPage
from tests.browser.pages import PRODUCT, RETAILERS
from tests.browser.test_admin_flows import open_action_menu, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ("de", "en", "nl", "fr")
OLD, NEW = RETAILERS.paths["de"], "/de/laeden/"


def set_slug(moderator, site_url, page_id: int, slug: str) -> None:
    moderator.goto(f"{site_url}/admin/pages/{page_id}/edit/")
    moderator.get_by_role("tab", name="Promote").click()
    moderator.fill("[name=slug]", slug)
    open_action_menu(moderator)
    moderator.locator("button[name='action-publish']").click()
    expect(moderator.locator(".messages .success")).to_be_visible()


def links_to_retailers(browser, site_url, shots: str = "") -> dict[str, dict[str, str]]:
    """What a new visitor of each language finds linking the German retailers page: the menu
    (German only), the product page's "all shops" link, the retailers page's German switcher
    link."""
    found = {}
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    for code in LANGUAGES:
        seen = {}
        visitor.goto(f"{site_url}/{code}/")
        menu = visitor.locator("#main-nav .main-nav__list a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        seen["menu"] = next((href for href in menu if "kaufen" in href or "laeden" in href), "")
        visitor.goto(f"{site_url}{PRODUCT.paths[code]}")
        seen["product"] = visitor.locator(".where__more a").get_attribute("href")
        visitor.goto(f"{site_url}{RETAILERS.paths[code]}")
        seen["switcher"] = visitor.locator("link[rel=alternate][hreflang=de]").get_attribute("href")
        if shots:
            shot(visitor, f"{shots}-{code}")
        found[code] = seen
    visitor.context.close()
    return found


def test_a_page_given_a_new_address_is_linked_there_at_once(as_user, site_url, browser, demo):
    retailers = RetailerIndexPage.objects.get(locale__language_code="de")
    before = links_to_retailers(browser, site_url)  # and kept by the site
    assert before["de"] == {"menu": OLD, "product": OLD, "switcher": f"{site_url}{OLD}"}
    assert before["fr"]["product"] == RETAILERS.paths["fr"]

    moderator = as_user("moderation")
    set_slug(moderator, site_url, retailers.pk, "laeden")
    try:
        after = links_to_retailers(browser, site_url, shots="c-new-address")
        assert after["de"] == {"menu": NEW, "product": NEW, "switcher": f"{site_url}{NEW}"}
        for code in ("en", "nl", "fr"):
            # Their own retailers pages keep their addresses; their German link is the new one.
            assert after[code] == {**before[code], "switcher": f"{site_url}{NEW}"}, code

        visitor = browser.new_context().new_page()
        response = visitor.goto(f"{site_url}{OLD}")  # a bookmark, a printed hang tag
        assert response.status == 200
        assert visitor.url == f"{site_url}{NEW}"
        expect(visitor.locator("main h1")).to_be_visible()
        visitor.context.close()
    finally:
        set_slug(moderator, site_url, retailers.pk, OLD.strip("/").split("/")[-1])
    assert links_to_retailers(browser, site_url) == before
