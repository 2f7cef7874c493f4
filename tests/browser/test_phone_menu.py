"""The main menu on a phone: a button that opens and closes it (mouse, keyboard), no sideways strip,
usable with JavaScript switched off, and 44 px tap targets in header, menu and footer of every page
type. On a wide screen it stays a bar without a button. Header screenshots go to
artifacts/screenshots/browser/ (phone-menu-*.png)."""

import pytest

from tests.browser.conftest import record_csp_violations
from tests.browser.pages import (
    DEFAULT_LANGUAGE,
    HOME,
    LANGUAGES,
    PAGE_TYPES,
    SCREENSHOTS,
    WIDTHS,
    PageType,
    interface_text,
    save_screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MENU_LABEL = interface_text("Menü")
BUTTON = ".menu-button"
# What the open menu offers on a phone: the search field and its button, then every entry (the
# search link of the wide screen's bar gives way to the field there).
PHONE_ENTRIES = (
    "#main-nav input[type=search], #main-nav button, "
    "#main-nav .main-nav__list li:not(.main-nav__search) a"
)
MIN_TARGET = 44  # px, WCAG 2.5.5 (AAA), which the site keeps for every control it draws itself

# Elements of the header that scroll sideways, or cut off what does not fit (the visually hidden
# texts for screen readers, 1 px wide, are meant to).
SCROLL_CONTAINERS = """() => [...document.querySelectorAll(".site-header, .site-header *")]
    .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
                    || el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1
                       && getComputedStyle(el).overflowX !== "visible")
    .map((el) => el.outerHTML.slice(0, 80))"""

# Every control a visitor taps in the header, the (opened) menu and the footer, with its size; a
# card's link covers the whole card (its ::after), so the card is what the finger hits.
TAP_TARGETS = """() => {
    const seen = [];
    const where = ".site-header, .site-footer, main .pagination, main .filter, main .card";
    for (const area of document.querySelectorAll(where)) {
        for (const el of area.querySelectorAll("a[href], button, input, select, textarea, summary")) {
            if (seen.some((item) => item.el === el) || !el.getClientRects().length) continue;
            const style = getComputedStyle(el);
            if (style.visibility === "hidden" || el.closest(".skip-link, .visually-hidden")) continue;
            const covers = getComputedStyle(el, "::after").position === "absolute";
            const box = (covers && el.closest(".card") || el).getBoundingClientRect();
            seen.push({el, what: el.outerHTML.slice(0, 90), width: box.width, height: box.height});
        }
    }
    return seen.map(({what, width, height}) => ({what, width, height}));
}"""


def phone_entries_shown(page) -> list[bool]:
    return [entry.is_visible() for entry in page.locator(PHONE_ENTRIES).all()]


def header_shot(page, name: str) -> None:
    save_screenshot(page, SCREENSHOTS / f"phone-menu-{name}.png")


@pytest.mark.parametrize("code", LANGUAGES)
def test_menu_button_opens_and_closes_the_menu(open_page, assert_accessible, code: str):
    visit = open_page(HOME.paths[code], "phone")
    page = visit.page
    button = page.locator(BUTTON)

    assert page.evaluate(SCROLL_CONTAINERS) == [], "the header still scrolls sideways somewhere"
    assert button.is_visible()
    assert button.inner_text().strip() == MENU_LABEL[code]
    assert button.evaluate("(el) => el.tagName") == "BUTTON"
    assert button.get_attribute("aria-expanded") == "false"
    controls = button.get_attribute("aria-controls")
    assert page.locator(f"#{controls}").evaluate("(el) => el.tagName") == "NAV"
    shown = phone_entries_shown(page)
    assert len(shown) >= 5 and not any(shown), "the closed menu shows entries"
    header_shot(page, f"{code}-390-closed")
    assert_accessible(page, f"phone menu closed ({code})")

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert all(phone_entries_shown(page)), "the open menu hides entries"
    for entry in page.locator(PHONE_ENTRIES).all():
        box = entry.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS["phone"][0], entry
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    header_shot(page, f"{code}-390-open")
    assert_accessible(page, f"phone menu open ({code})")

    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert not any(phone_entries_shown(page))
    assert visit.csp_violations == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_menu_works_by_keyboard(open_page, code: str):
    page = open_page(HOME.paths[code], "phone").page
    button = page.locator(BUTTON)

    for _ in range(20):  # skip link, wordmark, the other languages, then the button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.menu-button')"):
            break
    else:
        pytest.fail("Tab never reaches the menu button")

    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    # Tab goes straight from the button into the menu and through every entry in order.
    expected = [
        entry.evaluate("(el) => el.outerHTML") for entry in page.locator(PHONE_ENTRIES).all()
    ]
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.outerHTML"))
    assert reached == expected

    page.keyboard.press("Escape")  # from the last entry
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.matches('.menu-button')")
    assert not any(phone_entries_shown(page))

    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")  # from the button itself
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.matches('.menu-button')")


@pytest.mark.parametrize("code", LANGUAGES)
def test_menu_without_javascript_is_open_and_usable(browser, site_url, code: str):
    width, height = WIDTHS["phone"]
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        violations = []
        record_csp_violations(page, violations)
        page.goto(site_url + HOME.paths[code])

        assert not page.locator(BUTTON).is_visible(), "a button that cannot work without script"
        entries = page.locator(PHONE_ENTRIES).all()
        assert len(entries) >= 5
        for entry in entries:
            entry.click(trial=True)  # visible, in place, not covered by anything
        assert page.evaluate(SCROLL_CONTAINERS) == []
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
        header_shot(page, f"{code}-390-no-js")

        link = page.locator("#main-nav .main-nav__list li:not(.main-nav__search) a").last
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url(site_url + href)
        page.locator("#menu-search-query").fill("Tasche")
        page.locator("#main-nav button[type=submit]").click()
        page.wait_for_url("**?q=Tasche")
        assert violations == []
    finally:
        context.close()


def test_collapsing_the_menu_does_not_shift_the_page(browser, site_url):
    """The menu is hidden before the first paint, not after it by the deferred script: collapsing a
    shown menu would push the page up by a quarter of the screen (a layout shift)."""
    width, height = WIDTHS["phone"]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.add_init_script(
            """window.shifts = [];
            new PerformanceObserver((list) => window.shifts.push(...list.getEntries()))
                .observe({type: "layout-shift", buffered: true});"""
        )
        page.goto(site_url + HOME.paths[DEFAULT_LANGUAGE])
        page.locator(BUTTON).click()  # a shift caused by the visitor's own input does not count
        shifts = page.evaluate(
            "() => window.shifts.filter((s) => !s.hadRecentInput).map((s) => s.value)"
        )
        assert shifts == []
    finally:
        context.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_wide_screen_keeps_the_bar_without_button(open_page, assert_accessible, code: str):
    visit = open_page(HOME.paths[code], "desktop")
    page = visit.page
    assert not page.locator(BUTTON).is_visible()
    assert not page.locator(".main-nav__form").is_visible()
    entries = page.locator("#main-nav .main-nav__list a").all()
    assert len(entries) >= 5 and all(entry.is_visible() for entry in entries)
    tops = {round(entry.bounding_box()["y"]) for entry in entries}
    assert len(tops) == 1, "the menu bar wraps into several rows"
    assert visit.csp_violations == []
    assert_accessible(page, f"menu bar ({code})")


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=str)
def test_tap_targets_on_a_phone(open_page, page_type: PageType):
    for code in (DEFAULT_LANGUAGE, "fr"):
        if code not in page_type.paths:
            continue  # a German-only page (Leichte Sprache)
        page = open_page(page_type.paths[code], "phone").page
        page.locator(BUTTON).click()
        targets = page.evaluate(TAP_TARGETS)
        assert len(targets) >= 10
        small = [
            f"{t['width']:.0f}×{t['height']:.0f} {t['what']}"
            for t in targets
            if t["width"] < MIN_TARGET - 0.5 or t["height"] < MIN_TARGET - 0.5
        ]
        assert small == [], f"tap targets under 44 px on {page_type}-{code}:\n" + "\n".join(small)
