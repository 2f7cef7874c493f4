"""The enquiry form as a visitor's browser posts it: error messages and thank-you page.

The form page itself is in `pages.PAGE_TYPES` (language, switcher, axe, Nu); these are the pages
a post returns, checked the same way: axe-core in the browser, the Nu checker on the HTML.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.pages import CAMPAIGN, ENQUIRY_FORM, LANGUAGES, interface_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ERRORS = interface_text("Bitte prüfen Sie Ihre Angaben")
THANKS = interface_text("Vielen Dank für Ihre Anfrage")


@pytest.mark.parametrize("code", LANGUAGES)
def test_errors_then_thank_you(open_page, assert_accessible, assert_valid_html, code):
    visit = open_page(ENQUIRY_FORM.paths[code])
    page = visit.page
    assert page.context.cookies() == []
    time.sleep(3.2)  # a person takes longer than the spam rule's minimum

    page.locator(".enquiry__form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".enquiry__summary")
    assert summary.get_by_text(ERRORS[code]).is_visible()
    assert page.locator("[aria-invalid=true]").count() >= 3
    assert_valid_html(page.content().encode(), f"enquiry-errors-{code}")
    assert_accessible(page, f"enquiry-errors-{code}")

    page.fill("#id_company", "Atelier Nord GmbH")
    page.locator("#id_sector_0").check()
    page.fill("#id_contact_person", "Erika Beispiel")
    page.fill("#id_email", "erika@example.org")
    page.locator("#id_consent").check()
    page.locator(".enquiry__form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == THANKS[code]
    assert page.locator("html").get_attribute("lang") == code
    assert_valid_html(page.content().encode(), f"enquiry-thanks-{code}")
    assert_accessible(page, f"enquiry-thanks-{code}")
    # A post gives no cookie either: the form works without one.
    assert page.context.cookies() == []


# -- From the page cache: the token fetched by a script, or (without JavaScript) a second post ----


def _fill(page, company: str) -> None:
    page.fill("#id_company", company)
    page.locator("#id_sector_0").check()
    page.fill("#id_contact_person", "Erika Beispiel")
    page.fill("#id_email", "erika@example.org")
    page.fill("#id_message", f"Anfrage von {company}.")
    page.locator("#id_consent").check()


def _enquiry_in_admin(as_user, site_url, company: str):
    """The enquiry's page in the admin, as the demo's enquiry manager finds it."""
    manager = as_user("anfragen")
    manager.goto(f"{site_url}/admin/enquiries/")
    manager.locator("input[name=q]").fill(company.split()[0].lower())
    expect(manager.locator("table.listing tbody tr")).to_have_count(1)
    manager.get_by_role("link", name=company).click()
    manager.wait_for_url("**/admin/enquiries/edit/*/")
    return manager.locator("main")


def test_a_campaign_visitor_sends_the_form_from_the_page_cache(open_page, as_user, site_url):
    company = "Kampagnenkeramik Nord"
    open_page(ENQUIRY_FORM.paths["de"])  # an earlier visitor: the form page is in the cache
    visit = open_page(
        CAMPAIGN.paths["de"] + "?utm_source=newsletter&utm_medium=email&utm_campaign=herbst"
        "&gclid=abc"
    )
    page = visit.page
    link = page.locator("aside.cta--enquiry a.button")
    expect(link).to_have_attribute("href", re.compile(r"campaign=.*utm_source=newsletter"))
    with page.expect_response(
        lambda response: "/de/anfrage/" in response.url and response.request.is_navigation_request()
    ) as navigation:
        link.click()
    assert navigation.value.headers["x-cache"] == "hit"
    assert "utm_campaign=herbst" in page.url and "gclid" not in page.url
    expect(page.locator("input[name=form_token]")).not_to_have_value("")
    _fill(page, company)
    time.sleep(3.2)  # a person takes longer than the spam rule's minimum
    page.locator(".enquiry__form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(THANKS["de"])
    assert page.context.cookies() == []
    assert visit.csp_violations == []

    main = _enquiry_in_admin(as_user, site_url, company)
    expect(main).to_contain_text("kreativstandort-aachen-nord")
    expect(main).to_contain_text("newsletter")
    expect(main).to_contain_text("herbst")


def test_without_javascript_the_form_comes_back_and_nothing_is_lost(browser, as_user, site_url):
    company = "Ohneskript Studio"
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "/de/anfrage/")  # fills the cache
        response = page.goto(site_url + "/de/anfrage/?campaign=ohne-js&utm_source=flyer")
        assert response.headers["x-cache"] == "hit"
        assert page.locator("input[name=form_token]").input_value() == ""
        _fill(page, company)
        page.locator(".enquiry__form button[type=submit]").click()
        page.wait_for_load_state()
        expect(page.locator(".enquiry__notice")).to_contain_text("noch nicht gesendet")
        assert page.locator("#id_company").input_value() == company
        assert page.locator("#id_message").input_value() == f"Anfrage von {company}."
        assert (
            page.locator("#id_sector_0").is_checked() and page.locator("#id_consent").is_checked()
        )
        time.sleep(3.2)  # reading the message and sending again
        page.locator(".enquiry__form button[type=submit]").click()
        expect(page.locator("h1")).to_have_text(THANKS["de"])
        assert context.cookies() == []
    finally:
        context.close()

    main = _enquiry_in_admin(as_user, site_url, company)
    expect(main).to_contain_text(f"Anfrage von {company}.")
    expect(main).to_contain_text("ohne-js")
    expect(main).to_contain_text("flyer")
