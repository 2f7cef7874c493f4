"""The Wagtail admin keeps working under the site's Content-Security-Policy."""

import pytest

from tests.conftest import DEMO_ADMIN_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def log_in(open_page):
    visit = open_page("/admin/login/")
    page = visit.page
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return visit


def test_page_editor_loads_without_policy_violations(open_page, demo):
    visit = log_in(open_page)
    page = visit.page
    page.goto(page.url + f"pages/{demo.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The editor's scripts ran: the StreamField and the action menu are interactive.
    assert page.locator("[data-streamfield-stream-container]").first.is_visible()
    assert page.locator("footer .footer__container button").first.is_enabled()
    assert visit.csp_violations == []


def test_userbar_on_a_public_page_works_for_a_logged_in_editor(open_page, demo):
    visit = log_in(open_page)
    page = visit.page
    page.goto(page.url.replace("/admin/", "/de/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("wagtail-userbar").count() == 1
    assert visit.csp_violations == []
