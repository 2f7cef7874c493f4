"""The enquiry form as a visitor's browser posts it: error messages and thank-you page.

The form page itself is in `pages.PAGE_TYPES` (language, switcher, axe, Nu); these are the pages
a post returns, checked the same way: axe-core in the browser, the Nu checker on the HTML.
"""

import time

import pytest

from tests.browser.pages import ENQUIRY_FORM, LANGUAGES, interface_text

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
