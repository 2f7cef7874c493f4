"""The easy-read pages in Chromium: reached from every page's header, readable on a phone.

The checks every page type gets (language, switcher, hreflang, axe-core, Nu) run on the two
easy-read page types through pages.py (`german_only`); here what only they promise.
"""

import pytest

from tests.browser.pages import EASY_READ, EASY_READ_INDEX, LANGUAGES, PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

START = EASY_READ_INDEX.paths["de"]
FROM_EVERY_PAGE = [
    pytest.param(page_type, code, id=f"{page_type}-{code}")
    for page_type in PAGE_TYPES
    for code in LANGUAGES
    if code in page_type.paths
]


@pytest.mark.parametrize(("page_type", "code"), FROM_EVERY_PAGE)
def test_the_header_leads_to_the_easy_read_pages(open_page, site_url, page_type, code):
    page = open_page(page_type.paths[code], "phone").page
    link = page.locator(".site-header a.easy-read-link")
    assert link.is_visible()
    label = link.locator(".easy-read-link__label")
    assert label.inner_text() == "Leichte Sprache"
    assert (label.get_attribute("lang") or page.locator("html").get_attribute("lang")) == "de"
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44 and box["x"] + box["width"] <= 390
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
