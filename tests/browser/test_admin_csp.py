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


def test_designer_disciplines_are_checkboxes_that_keep_each_other(open_page, demo):
    """Disciplines are ticked one by one (a multiple select dropped the others at a plain
    click); the editor stays free of policy violations. Screenshot at 1280 px."""
    from pathlib import Path

    from designers.models import DesignerPage, Discipline

    designer = DesignerPage.objects.filter(locale__language_code="de").first()
    visit = log_in(open_page)
    page = visit.page
    page.goto(page.url + f"pages/{designer.pk}/edit/")
    page.wait_for_load_state("networkidle")
    boxes = page.locator("input[type=checkbox][name=disciplines]")
    assert boxes.count() == Discipline.objects.filter(locale__language_code="de").count()
    first, second = boxes.nth(0), boxes.nth(1)
    first.uncheck()
    second.uncheck()
    first.check()
    second.check()
    assert first.is_checked() and second.is_checked()
    shots = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "admin"
    shots.mkdir(parents=True, exist_ok=True)
    first.scroll_into_view_if_needed()
    page.screenshot(path=shots / "designer-disciplines-1280.png")
    assert visit.csp_violations == []


def test_userbar_on_a_public_page_works_for_a_logged_in_editor(open_page, demo):
    visit = log_in(open_page)
    page = visit.page
    page.goto(page.url.replace("/admin/", "/de/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("wagtail-userbar").count() == 1
    assert visit.csp_violations == []
