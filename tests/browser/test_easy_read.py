"""The easy-read pages in Chromium: reached from every page's header, readable on a phone.

The checks every page type gets (language, switcher, hreflang, axe-core, Nu) run on the two
easy-read page types through pages.py (`german_only`); here what only they promise.
"""

import pytest
from playwright.sync_api import expect

from easyread.models import EasyReadPage
from tests.browser.pages import EASY_READ, EASY_READ_INDEX, LANGUAGES, PRODUCT

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

START = EASY_READ_INDEX.paths["de"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_header_leads_to_the_easy_read_pages(open_page, site_url, code):
    """Every page type's header shows the link (test_pages.py checks it at 390 px on each); here a
    visitor on a phone follows it from a product page in each language."""
    page = open_page(PRODUCT.paths[code], "phone").page
    link = page.locator(".site-header a.easy-read-link")
    assert link.is_visible()
    link.click()
    page.wait_for_url(site_url + START)
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Leichte Sprache"


@pytest.mark.parametrize("page_type", [EASY_READ_INDEX, EASY_READ], ids=str)
def test_easy_read_text_is_large_unbroken_and_fits_a_phone(open_page, page_type):
    page = open_page(page_type.paths["de"], "phone").page
    sizes = page.evaluate(
        """() => ({
            body: parseFloat(getComputedStyle(document.body).fontSize),
            text: parseFloat(getComputedStyle(document.querySelector('.easy-sentence p')).fontSize),
            hyphens: [...document.querySelectorAll('.easy-read h1, .easy-read h2, .easy-read p')]
                .map((el) => getComputedStyle(el).hyphens),
            cut: [...document.querySelectorAll('.easy-read h1, .easy-read h2, .easy-read p, .easy-read a')]
                .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth)
                .map((el) => el.textContent.trim()),
            overflow: document.documentElement.scrollWidth - window.innerWidth,
        })"""
    )
    assert sizes["text"] >= 1.2 * sizes["body"], sizes
    assert set(sizes["hyphens"]) == {"none"}
    assert sizes["cut"] == []
    assert sizes["overflow"] <= 0
    assert page.locator(".easy-read__mark").inner_text().strip() == "Leichte Sprache"


def test_an_editor_changes_a_sentence_and_readers_see_it_after_review(as_user, site_url):
    """Editors maintain the easy-read pages in the admin like any page: one sentence changed in
    its own field, submitted, approved by a moderator, then on the page at once."""
    page = EasyReadPage.objects.get(slug="so-erreichen-sie-uns")
    edit_url = f"{site_url}/admin/pages/{page.pk}/edit/"
    old, new = "Sie haben eine Frage?", "Haben Sie eine Frage?"

    editor = as_user("redaktion")
    editor.goto(edit_url)
    # The sentence's own field (a CharBlock in the list of sentences), found by what it holds.
    field_id = editor.evaluate(
        "(text) => [...document.querySelectorAll('input[type=text]')]"
        ".find((input) => input.value === text).id",
        old,
    )
    editor.locator(f"[id='{field_id}']").fill(new)
    editor.locator("footer [data-w-dropdown-target='toggle']").first.click()
    editor.locator("button[name='action-submit']").click()
    expect(editor.locator(".messages .success")).to_be_visible()

    moderator = as_user("moderation")
    moderator.goto(edit_url)
    moderator.locator("footer [data-w-dropdown-target='toggle']").first.click()
    moderator.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).click()
    expect(moderator.locator(".messages .success")).to_be_visible()

    visitor = moderator.context.browser.new_context().new_page()
    visitor.goto(f"{site_url}{page.url}")
    expect(visitor.locator("main")).to_contain_text(new)
    expect(visitor.locator("main")).not_to_contain_text(old)
    expect(visitor.locator("html")).to_have_attribute("lang", "de")
    visitor.context.close()
