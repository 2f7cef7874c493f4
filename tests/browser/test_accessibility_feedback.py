"""The accessibility statement's feedback form as a visitor's browser sends it: the error and the
thank-you page in four languages, checked like every page (axe-core, the Nu checker), and the
feedback in the admin of the enquiry managers under its own kind.

The statement page itself is in `pages.PAGE_TYPES` (language, switcher, alternates, axe, Nu);
that every page type links it in its footer is checked there too (test_pages.py)."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ACCESSIBILITY_STATEMENT, LANGUAGES, interface_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ERRORS = interface_text("Bitte prüfen Sie Ihre Angaben")
THANKS = interface_text("Vielen Dank für Ihre Rückmeldung")


@pytest.mark.parametrize("code", LANGUAGES)
def test_feedback_errors_then_thank_you(
    open_page, assert_accessible, assert_valid_html, as_user, site_url, code
):
    visit = open_page(ACCESSIBILITY_STATEMENT.paths[code] + "?seite=/de/produkte/", "phone")
    page = visit.page
    assert page.context.cookies() == []
    expect(page.locator("input[name=form_token]")).not_to_have_value("")
    expect(page.locator("#id_page")).to_have_value("/de/produkte/")
    time.sleep(3.2)  # a person takes longer than the spam rule's minimum

    page.locator(".enquiry__form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".enquiry__summary").get_by_text(ERRORS[code]).is_visible()
    assert page.locator("[aria-invalid=true]").count() == 2  # problem and consent
    expect(page.locator("#id_page")).to_have_value("/de/produkte/")
    assert_valid_html(page.content().encode(), f"feedback-errors-{code}")
    assert_accessible(page, f"feedback-errors-{code}")

    problem = f"Browsertest {code}: the focus ring is hard to see."
    page.fill("#id_problem", problem)
    page.locator("#id_consent").check()
    page.locator(".enquiry__form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == THANKS[code]
    assert page.locator("html").get_attribute("lang") == code
    assert_valid_html(page.content().encode(), f"feedback-thanks-{code}")
    assert_accessible(page, f"feedback-thanks-{code}")
    assert page.context.cookies() == []

    # The demo's enquiry manager (whose admin speaks English) finds it under its own kind.
    manager = as_user("anfragen")
    manager.goto(f"{site_url}/admin/enquiries/?kind=accessibility_feedback")
    row = manager.locator("table.listing tbody tr").filter(has_text=problem)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(
        re.compile("Accessibility feedback|Rückmeldung zur Barrierefreiheit")
    )
    expect(row).to_contain_text(re.compile("Received|Eingegangen"))
