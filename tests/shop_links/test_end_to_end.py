"""Issue 5's promise, end to end: from a product page in any language to the retailer's page,
through the counted redirect, and the click in the admin report the same day."""

import re

import pytest
from django.db import connection

from shop_links.models import ClickCount
from tests.browser.pages import LANGUAGES, PRODUCT
from tests.shop_links.test_click_report import REPORT, report_table

pytestmark = pytest.mark.django_db

GO_LINK = re.compile(r'<a\b[^>]*href="(/go/(\d+)/\?from=product)"[^>]*>')


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_visitor_reaches_the_retailer_and_the_click_shows_in_the_report(
    browser, admin_client, code
):
    page = browser.get(PRODUCT.paths[code])
    assert page.status_code == 200
    links = GO_LINK.findall(page.content.decode())
    assert links, f"no counted where-to-buy link on {PRODUCT.paths[code]}"
    href, link_id = links[0]

    before = {(c.day, c.link_id, c.placement): c.count for c in ClickCount.objects.all()}
    answer = browser.get(href)
    assert answer.status_code == 302
    target = answer.headers["Location"]
    assert target.startswith("https://") and "utm_medium=referral" in target
    assert not answer.cookies

    row = ClickCount.objects.get(link_id=int(link_id), placement="product")
    assert row.count == before.get((row.day, row.link_id, row.placement), 0) + 1

    # Nothing but numbers and references: the table has no column that could hold a visitor.
    columns = {
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), ClickCount._meta.db_table
        )
    }
    assert columns == {
        "id", "day", "retailer_id", "link_id", "product_id", "designer_ref", "placement",
        "count", "website",
    }  # fmt: skip

    head, body, _foot = report_table(admin_client.get(REPORT, {"group": "retailer"}))
    clicks = head.index("Klicks")
    shop_rows = [cells for cells in body if cells[0].startswith(row.retailer.name)]
    assert len(shop_rows) == 1, body
    assert int(shop_rows[0][clicks]) == row.count
