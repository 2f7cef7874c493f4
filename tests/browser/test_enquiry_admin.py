"""An enquiry from the visitor's double click to the enquiry manager's status change, in Chromium.

The visitor double-clicks the form's submit button and reloads the thank-you page: the browser
posts three times, one enquiry is stored. The demo's enquiry manager ("anfragen") searches the "Anfragen" list for it, finds
exactly one row, opens it, changes its status and adds a note, and sees both in its history.
Screenshots go to artifacts/screenshots/admin/.
"""

import re
import time

import pytest
from django.utils import translation
from playwright.sync_api import expect

from enquiries.models import Enquiry
from tests.browser.pages import ENQUIRY_FORM, SCREENSHOTS, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
SHOTS = SCREENSHOTS.parent / "admin"
COMPANY = "Doppelklick Keramik"


def shot(page, name: str) -> None:
    save_screenshot(page, SHOTS / f"{name}.png", full_page=True)


def admin_text(page, msgid: str, **values) -> str:
    """An admin string as the page shows it, in the admin language the page declares."""
    with translation.override(page.locator("html").get_attribute("lang")):
        text = translation.gettext(msgid)
        return text % {key: str(value) for key, value in values.items()} if values else text


def test_double_click_stores_one_enquiry_which_the_manager_works(open_page, as_user, site_url):
    visit = open_page(ENQUIRY_FORM.paths["de"])
    page = visit.page
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    page.fill("#id_company", COMPANY)
    page.locator("#id_sector_0").check()
    page.fill("#id_contact_person", "Dora Doppel")
    page.fill("#id_email", "dora@example.org")
    page.fill("#id_message", "Zwei Klicks, eine Anfrage.")
    page.locator("#id_consent").check()
    time.sleep(3.2)  # a person takes longer than the spam rule's minimum
    # A person's double click (150 ms apart; Chromium drops a second click that comes at once):
    # unless the first answer is back within those 150 ms, the browser abandons the first post
    # for a second one and shows the second's answer.
    page.locator(".enquiry__form button[type=submit]").click(click_count=2, delay=150)
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Anfrage")
    page.reload()  # posts the form once more, in any case
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Anfrage")
    assert len(posts) >= 2, [request.url for request in posts]

    manager = as_user("anfragen")
    manager.goto(f"{site_url}/admin/enquiries/")
    manager.locator("input[name=q]").fill("doppelklick")
    rows = manager.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    shot(manager, "e1-enquiries-search")
    manager.get_by_role("link", name=COMPANY).click()
    manager.wait_for_url("**/admin/enquiries/edit/*/")
    main = manager.locator("main")
    expect(main).to_contain_text("Zwei Klicks, eine Anfrage.")
    expect(main).to_contain_text(admin_text(manager, "Anfrage eingegangen"))

    manager.locator("select[name=status]").select_option("visit_arranged")
    manager.locator("#id_notes-ADD").click()
    manager.locator("textarea[name='notes-0-text']").fill("Besichtigung Dienstag 10 Uhr")
    manager.get_by_role("button", name=re.compile(r"^(Speichern|Save)$")).click()
    expect(manager.locator(".messages .success")).to_be_visible()

    # Back in the list (where saving leads), the row opens the enquiry again.
    manager.goto(f"{site_url}/admin/enquiries/?status=visit_arranged")
    manager.get_by_role("link", name=COMPANY).click()
    history = manager.locator(".enquiry-history")
    expect(history).to_contain_text(
        admin_text(
            manager,
            "Status: %(old)s → %(new)s",
            old=Enquiry.Status.NEW.label,
            new=Enquiry.Status.VISIT_ARRANGED.label,
        )
    )
    expect(history).to_contain_text("Besichtigung Dienstag 10 Uhr")
    expect(history).to_contain_text("Anja Anfragen")
    expect(manager.locator("select[name=status]")).to_have_value("visit_arranged")
    shot(manager, "e2-enquiry-history")
