"""A designer applies in a phone's browser (390 px): a file that is refused (an SVG), the error
state with every typed answer kept and the message to choose the files again, then a PNG and the
thank-you page; each state checked with axe-core and the Nu checker, and the application with
its file in the admin of the Designer relations group.

The application page itself is in `pages.PAGE_TYPES` (language, switcher, alternates, axe, Nu)."""

import io
import re
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.pages import DESIGN_APPLICATION, SCREENSHOTS, interface_text, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ERRORS = interface_text("Bitte prüfen Sie Ihre Angaben")
THANKS = interface_text("Vielen Dank für Ihre Bewerbung")
AGAIN = interface_text(
    "Ihre Texte sind erhalten. Bitte wählen Sie die Dateien noch einmal aus: der Browser kann "
    "sie nicht für Sie behalten."
)


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (40, 110, 90)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("code", ["en"])
def test_an_application_with_a_file_at_phone_width(
    open_page, assert_accessible, assert_valid_html, as_user, site_url, code, tmp_path
):
    visit = open_page(DESIGN_APPLICATION.paths[code], "phone")
    page = visit.page
    assert page.context.cookies() == []
    expect(page.locator("input[name=form_token]")).not_to_have_value("")
    assert_valid_html(page.content().encode(), f"application-form-{code}")
    assert_accessible(page, f"application-form-{code}")

    title = f"Browsertest {code}: folding bag"
    page.fill("#id_contact_person", "Lena Beispiel")
    page.fill("#id_email", "lena.browser@example.org")
    page.fill("#id_design_title", title)
    page.fill("#id_description", "A bag that folds flat.")
    page.fill("#id_materials", "Old sail cloth")
    page.fill("#id_production", "50 pieces")
    page.locator("#id_consent").check()
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    page.set_input_files("#id_files", str(svg))
    time.sleep(3.2)  # a person takes longer than the spam rule's minimum
    page.locator(".enquiry__form button[type=submit]").click()
    page.wait_for_load_state()

    summary = page.locator(".enquiry__summary")
    assert summary.get_by_text(ERRORS[code]).is_visible()
    expect(summary).to_contain_text("logo.svg")
    expect(page.locator(".enquiry__errors")).to_contain_text(AGAIN[code])
    expect(page.locator("#id_design_title")).to_have_value(title)
    expect(page.locator("#id_materials")).to_have_value("Old sail cloth")
    save_screenshot(page, SCREENSHOTS / f"application-errors-{code}.png", full_page=True)
    assert_valid_html(page.content().encode(), f"application-errors-{code}")
    assert_accessible(page, f"application-errors-{code}")

    picture = tmp_path / "sketch.png"
    picture.write_bytes(png_bytes())
    page.set_input_files("#id_files", str(picture))
    page.locator("#id_consent").check()
    page.locator(".enquiry__form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == THANKS[code]
    save_screenshot(page, SCREENSHOTS / f"application-thanks-{code}.png", full_page=True)
    assert_valid_html(page.content().encode(), f"application-thanks-{code}")
    assert_accessible(page, f"application-thanks-{code}")
    assert page.context.cookies() == []

    staff = as_user("bewerbungen")
    staff.goto(f"{site_url}/admin/enquiries/")
    row = staff.locator("table.listing tbody tr").filter(has_text="Lena Beispiel")
    expect(row.first).to_contain_text(re.compile("Received|Eingegangen"))
    row.first.locator("a").first.click()
    expect(staff.locator("body")).to_contain_text(title)
    expect(staff.get_by_role("link", name="sketch.png")).to_be_visible()
