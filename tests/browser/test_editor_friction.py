"""Daily tasks a new editor met as dead ends, tried in Chromium as the demo users: the click
report for the team that plans campaigns, and the translation status report's way into a page
and its translation editor. (Checkboxes for disciplines: test_admin_csp.py; enquiries:
test_enquiry_admin.py; translations: test_admin_flows.py.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import SCREENSHOTS, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
SHOTS = SCREENSHOTS.parent / "admin"


def test_editors_and_moderators_open_the_click_report_translators_are_refused(
    as_user, site_url, demo
):
    for username in ("redaktion", "moderation"):
        user = as_user(username)
        response = user.goto(f"{site_url}/admin/reports/shop-clicks/")
        assert response.status == 200
        expect(
            user.locator("main table, main .w-empty-state, main .nice-padding").first
        ).to_be_visible()
        save_screenshot(user, SHOTS / f"f1-click-report-{username}.png", full_page=True)

    translator = as_user("uebersetzung")
    response = translator.goto(f"{site_url}/admin/reports/shop-clicks/")
    assert response.status == 403
    expect(translator.locator("main")).to_contain_text(
        re.compile("Keine Berechtigung|No permission")
    )


def test_translation_status_rows_lead_into_the_translation_editor(as_user, site_url, demo):
    translator = as_user("uebersetzung")
    translator.goto(f"{site_url}/admin/reports/translations/")
    row_link = translator.locator("main table a[aria-label][href*='/edit/']").first
    expect(row_link).to_be_visible()
    save_screenshot(translator, SHOTS / "f2-translation-status.png", full_page=True)
    row_link.click()
    # wagtail-localize's translation editor: the German source beside the translation.
    expect(translator.locator(".header-meta--locales")).to_be_visible()
    save_screenshot(translator, SHOTS / "f3-translation-editor-from-report.png", full_page=True)
