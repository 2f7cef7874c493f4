"""The language switcher in Chromium: it keeps the visitor's filter and search, and where a
language has no translation of the page its note ("(page d’accueil)") is shown, readable and
wrapping inside a 390 px phone screen. Screenshots go to artifacts/screenshots/browser/."""

import urllib.error
import urllib.request

import pytest

from tests.browser.pages import SCREENSHOTS, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# An address that is no page: the switcher leads to each language's home, with its note.
NOT_FOUND = "/fr/gibt-es-wirklich-nicht/"
NOTES = {"de": "(Startseite)", "en": "(home page)", "nl": "(startpagina)"}


def test_switcher_notes_wrap_on_a_phone(open_page, assert_accessible, assert_valid_html, site_url):
    visit = open_page(NOT_FOUND, "phone")
    page = visit.page
    assert visit.response.status == 404
    switcher = page.locator(".language-switcher")
    save_screenshot(page.locator(".site-header"), SCREENSHOTS / "language-switcher-fr-390.png")

    for code, note in NOTES.items():
        link = switcher.locator(f"a[hreflang='{code}']")
        assert link.get_attribute("lang") == code
        assert link.get_attribute("href") == f"/{code}/"
        shown = link.locator(".language-switcher__note")
        assert shown.is_visible() and shown.inner_text() == note
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, code
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    assert_accessible(page, "language-switcher-fr-390")
    try:
        with urllib.request.urlopen(site_url + NOT_FOUND) as response:  # noqa: S310
            html = response.read()
    except urllib.error.HTTPError as error:
        html = error.read()
    assert_valid_html(html, "language-switcher-404-fr")


def test_switcher_keeps_the_designers_filter(open_page, site_url):
    page = open_page("/de/designerinnen/?discipline=textil").page
    page.locator(".language-switcher a[hreflang='nl']").click()
    page.wait_for_url(f"{site_url}/nl/ontwerpers/?discipline=textil")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_switcher_keeps_the_search_query(open_page, site_url):
    page = open_page("/fr/recherche/?q=sac").page
    assert page.locator("#search-query").input_value() == "sac"
    page.locator(".language-switcher a[hreflang='en']").click()
    page.wait_for_url(f"{site_url}/en/search/?q=sac")
    assert page.locator("#search-query").input_value() == "sac"


def test_german_slug_under_french_reaches_the_french_page(open_page, site_url):
    visit = open_page("/fr/designerinnen/?discipline=textil")
    assert visit.page.url == f"{site_url}/fr/createurs/?discipline=textil"
    assert visit.page.locator("html").get_attribute("lang") == "fr"
