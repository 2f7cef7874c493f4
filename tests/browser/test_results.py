"""The results page in Chromium: its charts and their tables read without JavaScript, on a phone,
and the tables pass axe-core once opened (the page checks in test_pages.py see them closed)."""

import pytest

from tests.browser.pages import LANGUAGES, RESULTS, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("code", LANGUAGES)
def test_charts_and_tables_read_without_javascript_on_a_phone(browser, site_url, code):
    width, height = WIDTHS["phone"]
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(site_url + RESULTS.paths[code])
        indicators = page.locator("li.indicator").all()
        assert len(indicators) >= 6, "the demo's six key figures"
        for indicator in indicators:
            name = indicator.locator("h2").inner_text()
            chart = indicator.locator(".indicator__chart svg[role=img]")
            assert chart.count() == 1, f"{name}: no chart"
            box = chart.bounding_box()
            assert box is not None and 200 <= box["width"] <= width, (name, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
            points = chart.locator("circle").count()
            # The table alternative opens with a tap, without script (a native <details>).
            table = indicator.locator("details.indicator__table table")
            assert not table.is_visible()
            indicator.locator("details.indicator__table summary").click()
            assert table.is_visible(), f"{name}: the table does not open without JavaScript"
            rows = table.locator("tbody tr").count()
            assert rows == points >= 2, (name, rows, points)
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        context.close()


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_opened_tables_pass_axe(open_page, assert_accessible, code):
    page = open_page(RESULTS.paths[code], "phone").page
    for summary in page.locator("details.indicator__table summary").all():
        summary.click()
    assert page.locator("details.indicator__table[open]").count() >= 6
    assert_accessible(page, f"results ({code}, tables open)")
