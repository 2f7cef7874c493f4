"""Typography and overflow at every width, in every language (issue 16, "Held by checks").

For every page type (pages.py) and the search page with results, in the four languages, at 320,
390, 768 and 1280 px:

- the page is no wider than the viewport (no sideways scrolling), and
- no heading (h1-h3) or card title has a line that ends inside a word without a hyphen: the
  lines are measured in Chromium (tests/browser/layout_checks.js), and a break between two
  letters is allowed only after a soft hyphen (from `|hyphenate`, core/typography.py) or a hyphen.

One browser page per language visits every page once and resizes the viewport between widths;
the findings are collected once and each (page type, language, width) is its own test.
"""

from functools import cache
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.pages import LANGUAGES, PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.layout, pytest.mark.django_db]

LAYOUT_WIDTHS = [320, 390, 768, 1280]
HEIGHT = 800
CHECK_JS = (Path(__file__).parent / "layout_checks.js").read_text(encoding="utf-8")
# Headings and the titles of cards (products, designers, stories, campaigns, spaces, retailers).
TITLES = "h1, h2, h3, .card__heading, .space__name, .retailer__name"
# A word each language's search finds in the demo (a product type: results are cards).
SEARCH_WORDS = {"de": "Tasche", "en": "bag", "nl": "tas", "fr": "sac"}


def search_path(code: str) -> str:
    with translation.override(code):
        return f"{reverse('search')}?q={SEARCH_WORDS[code]}"


PAGES = {page_type.name: page_type.paths for page_type in PAGE_TYPES}
if "search" not in PAGES:  # pages.py may list the search page itself (with its own query)
    PAGES["search"] = {code: search_path(code) for code in LANGUAGES}

CASES = [
    pytest.param(name, code, width, id=f"{name}-{code}-{width}")
    for code in LANGUAGES
    for name in PAGES
    if code in PAGES[name]  # a German-only page (Leichte Sprache) is checked in German
    for width in LAYOUT_WIDTHS
]


@pytest.fixture(scope="module")
def findings(browser, site_url):
    """`findings(code)`: {(page name, width): {"overflow": [...], "brokenWords": [...]}}."""

    @cache
    def of_language(code: str) -> dict:
        context = browser.new_context(viewport={"width": LAYOUT_WIDTHS[0], "height": HEIGHT})
        try:
            page = context.new_page()
            result = {}
            for name, paths in PAGES.items():
                if code not in paths:
                    continue
                page.set_viewport_size({"width": LAYOUT_WIDTHS[0], "height": HEIGHT})
                page.goto(site_url + paths[code], timeout=120_000)  # renditions on first view
                page.evaluate("document.fonts.ready")
                for width in LAYOUT_WIDTHS:
                    page.set_viewport_size({"width": width, "height": HEIGHT})
                    result[name, width] = page.evaluate(CHECK_JS, TITLES)
            return result
        finally:
            context.close()

    return of_language


@pytest.mark.parametrize(("name", "code", "width"), CASES)
def test_no_horizontal_overflow(findings, name, code, width):
    overflow = findings(code)[name, width]["overflow"]
    assert not overflow, f"{PAGES[name][code]} at {width}px:\n  " + "\n  ".join(overflow)


@pytest.mark.parametrize(("name", "code", "width"), CASES)
def test_no_heading_line_ends_inside_a_word_without_a_hyphen(findings, name, code, width):
    broken = findings(code)[name, width]["brokenWords"]
    assert not broken, f"{PAGES[name][code]} at {width}px:\n  " + "\n  ".join(broken)


# -- The check itself can fail --------------------------------------------------------------------

SNIPPET = """<!doctype html><html lang="de"><body style="margin:0;font:20px/1.2 serif">
<h2 id="cut" style="width:6em;overflow-wrap:anywhere">Straßenbahnsitzstoff</h2>
<h2 id="soft" style="width:6em;hyphens:manual">Stra\u00adßen\u00adbahn\u00adsitz\u00adstoff</h2>
<h3 id="hyphen" style="width:6em">Kreativstandort-Aachen-Nord</h3>
<div style="width:%dpx">&nbsp;</div>
</body></html>"""


def test_the_checks_find_a_word_cut_without_a_hyphen_and_a_page_too_wide(browser):
    page = browser.new_page(viewport={"width": 390, "height": HEIGHT})
    try:
        page.set_content(SNIPPET % 200)
        # Both boxes hold the word on several lines; only the soft hyphens make that allowed.
        lines = page.evaluate(
            "(ids) => ids.map((id) => Math.round(document.getElementById(id).getBoundingClientRect()"
            ".height / parseFloat(getComputedStyle(document.getElementById(id)).lineHeight)))",
            ["cut", "soft"],
        )
        cut = page.evaluate(CHECK_JS, "h2#cut")
        fine = page.evaluate(CHECK_JS, "h2#soft, h3")
        page.set_content(SNIPPET % 500)
        too_wide = page.evaluate(CHECK_JS, "h3")
    finally:
        page.close()

    assert min(lines) >= 2, lines
    assert len(cut["brokenWords"]) >= 1, cut
    assert cut["brokenWords"][0].startswith('h2#cut "Straßenbahnsitzstoff": "'), cut
    assert cut["overflow"] == []
    assert fine == {"overflow": [], "brokenWords": []}
    assert too_wide["overflow"][0] == "document is 500px wide in a 390px viewport"
    assert any(line.startswith("div ") for line in too_wide["overflow"][1:]), too_wide
