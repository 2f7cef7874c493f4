"""Every page type in every language, as a visitor's browser shows it.

Chromium (Debian's package, driven by Playwright) visits the demo site served on loopback by its
own server process (see conftest.py). Screenshots go to artifacts/screenshots/browser/.
"""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.browser.pages import (
    ACCESSIBILITY_STATEMENT,
    DEFAULT_LANGUAGE,
    EASY_READ_INDEX,
    HOME,
    LANGUAGES,
    PAGE_TYPES,
    SCREENSHOTS,
    WIDTHS,
    PageType,
    interface_text,
    save_screenshot,
)

# django_db: the site server runs on a copy of the suite's test database, which pytest-django
# creates only for the databases that marked tests use.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES_IN_LANGUAGES = [
    pytest.param(page_type, code, id=f"{page_type}-{code}")
    for page_type in PAGE_TYPES
    for code in LANGUAGES
    if code in page_type.paths  # a German-only page (Leichte Sprache) is checked in German
]
STATEMENT_LINK = interface_text("Erklärung zur Barrierefreiheit")


@pytest.mark.parametrize(("page_type", "code"), PAGES_IN_LANGUAGES)
def test_page_speaks_its_language_and_links_its_translations(
    open_page, site_url, page_type: PageType, code: str
):
    visit = open_page(page_type.paths[code])
    page = visit.page

    assert visit.response.status == page_type.status
    assert page.locator("html").get_attribute("lang") == code
    main = page.locator("main")
    assert main.get_by_text(page_type.text[code]).first.is_visible(), (
        f"{page_type.text[code]!r} is not shown on {page_type.paths[code]}"
    )
    if code != DEFAULT_LANGUAGE:
        assert page_type.text[code] != page_type.text[DEFAULT_LANGUAGE], "not translated"
        assert main.get_by_text(page_type.text[DEFAULT_LANGUAGE]).count() == 0

    # The switcher: this language marked as current, the others linking to their version of the
    # page (or to their home page when the page has no translations, as an error page).
    targets = page_type.paths if page_type.translated and not page_type.german_only else HOME.paths
    if not page_type.indexed:  # the search: the same query in each language
        query = urlsplit(page_type.paths[code]).query
        targets = {
            other: urlsplit(path).path + (f"?{query}" if query else "")
            for other, path in page_type.paths.items()
        }
    switcher = page.locator(".language-switcher")
    assert switcher.locator("[aria-current]").inner_text().strip().lower() == code
    offered = {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in switcher.locator("a").all()
    }
    assert offered == {other: targets[other] for other in LANGUAGES if other != code}

    alternates = {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in page.locator('head link[rel="alternate"][hreflang]').all()
    }
    canonical = [link.get_attribute("href") for link in page.locator('link[rel="canonical"]').all()]
    if page_type.german_only:
        own = site_url + page_type.paths[code]
        assert alternates == {"de": own, "x-default": own}
        assert canonical == [own]
    elif page_type.translated and page_type.indexed:
        expected = {other: site_url + page_type.paths[other] for other in LANGUAGES}
        expected["x-default"] = site_url + page_type.paths[DEFAULT_LANGUAGE]
        assert alternates == expected
        assert canonical == [site_url + page_type.paths[code]]
    else:
        assert alternates == {}
        assert canonical == []
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"

    # Every page's footer links the accessibility statement in the visitor's language (issue 19).
    statement = page.locator("footer").get_by_role("link", name=STATEMENT_LINK[code])
    assert statement.get_attribute("href") == ACCESSIBILITY_STATEMENT.paths[code]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize(("page_type", "code"), PAGES_IN_LANGUAGES)
def test_page_is_complete_accessible_and_local(
    open_page, site_url, assert_accessible, page_type: PageType, code: str, width: str
):
    visit = open_page(page_type.paths[code], width)
    page = visit.page
    name = f"{page_type}-{code}-{WIDTHS[width][0]}"
    save_screenshot(page, SCREENSHOTS / f"{name}.png", full_page=True)

    broken = page.evaluate(
        "() => [...document.images].filter((img) => !img.naturalWidth).map((img) => img.src)"
    )
    assert broken == [], f"images that did not load on {name}"
    stylesheets = page.evaluate("() => document.styleSheets.length")
    assert stylesheets >= 1 and page.locator(".site-header").evaluate(
        "(el) => getComputedStyle(el).display"
    ) not in ("", "inline"), "the site's CSS is not applied"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px"
    outside = [url for url in visit.requests if not url.startswith(f"{site_url}/")]
    assert outside == [], "requests that left the site's server on loopback"
    assert visit.csp_violations == [], f"the Content-Security-Policy blocked something on {name}"

    if width == "phone":
        # Every page's header leads to the easy-read pages: the pictogram with its German label,
        # a target of 44 px that fits the phone (test_easy_read.py follows the link once).
        easy_read = page.locator(".site-header a.easy-read-link")
        assert easy_read.is_visible()
        assert easy_read.get_attribute("href") == EASY_READ_INDEX.paths["de"]
        label = easy_read.locator(".easy-read-link__label")
        assert label.inner_text() == "Leichte Sprache"
        assert (label.get_attribute("lang") or page.locator("html").get_attribute("lang")) == "de"
        box = easy_read.bounding_box()
        assert (
            box is not None and box["height"] >= 44 and box["x"] + box["width"] <= WIDTHS[width][0]
        )

    assert_accessible(page, name)


@pytest.mark.parametrize(("page_type", "code"), PAGES_IN_LANGUAGES)
def test_page_is_valid_html(site_url, assert_valid_html, page_type: PageType, code: str):
    """The HTML exactly as the server sent it, not the browser's reserialisation of the DOM."""
    try:
        with urllib.request.urlopen(site_url + page_type.paths[code]) as response:  # noqa: S310
            status, html = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, html = error.code, error.read()
    assert status == page_type.status
    assert_valid_html(html, f"{page_type}-{code}")


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=str)
def test_skip_link_moves_focus_to_main_content(open_page, page_type: PageType):
    page = open_page(page_type.paths[DEFAULT_LANGUAGE]).page

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.get_attribute("href") == "#main"
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 1, "skip link not visible on focus"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")


def test_language_switcher_takes_visitor_to_the_translation(open_page, site_url):
    page = open_page("/de/ueber-das-projekt/").page
    page.locator(".language-switcher a[hreflang='fr']").click()
    page.wait_for_url(f"{site_url}/fr/a-propos/")
    assert page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_sets_no_cookie(open_page, code: str):
    visit = open_page(HOME.paths[code])
    assert visit.response.status == 200
    assert "set-cookie" not in visit.response.all_headers()
    assert visit.page.context.cookies() == []
