"""The admin report "Klicks auf Shop-Links": totals for a period, downloads, who may see it."""

import csv
import datetime
import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from catalogue.models import Product
from designers.models import DesignerPage
from shop_links.models import ClickCount, Retailer, StockistLink

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/shop-clicks/"


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - datetime.timedelta(days=n)


class TableReader(HTMLParser):
    """The report table as text: {"head": [...], "body": [[...]], "foot": [[...]]}."""

    def __init__(self):
        super().__init__()
        self.parts = {"thead": [], "tbody": [], "tfoot": []}
        self.part = None
        self.cell = None
        self.row = None
        self.in_table = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "click-report" in (dict(attrs).get("class") or ""):
            self.in_table = True
        elif self.in_table and tag in self.parts:
            self.part = tag
        elif self.in_table and tag == "tr":
            self.row = []
        elif self.in_table and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif self.in_table and tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join(self.cell.split()))
            self.cell = None
        elif self.in_table and tag == "tr" and self.part:
            self.parts[self.part].append(self.row)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def report_table(response):
    assert response.status_code == 200
    reader = TableReader()
    reader.feed(response.content.decode())
    head = reader.parts["thead"][0] if reader.parts["thead"] else []
    return head, reader.parts["tbody"], reader.parts["tfoot"]


def german():
    return Locale.objects.get(language_code="de")


def retailer(name, city="Aachen"):
    return Retailer.objects.create(
        name=name, kind="concept_store", city=city, website="https://shop.example/", locale=german()
    )


def clicks(day, shop, count, product=None, placement="product"):
    link = None
    if product is not None:
        link, _created = StockistLink.objects.get_or_create(retailer=shop, product=product)
    return ClickCount.objects.create(
        day=day,
        retailer=shop,
        link=link,
        product=product,
        designer_ref=product.designer_ref if product else "",
        placement=placement,
        count=count,
    )


@pytest.fixture
def editor(client, demo):
    """A client for an admin user who may see click counts, but is no superuser."""
    user = get_user_model().objects.create_user("statistik", password="pw")
    group = Group.objects.create(name="Statistik")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="shop_links", codename="view_clickcount"),
    )
    user.groups.add(group)
    client.login(username="statistik", password="pw")
    return client


@pytest.fixture
def products():
    """Three German product records by two different designers."""
    records = list(Product.objects.sources().exclude(designer_ref="").order_by("pk"))
    first = records[0]
    other = next(p for p in records if p.designer_ref != first.designer_ref)
    same = next(p for p in records if p.designer_ref == first.designer_ref and p != first)
    return first, same, other


def designer_name(ref):
    return DesignerPage.objects.get(catalogue_ref=ref, locale=german()).title


@pytest.fixture
def shops(products):
    """Clicks at two shops over several days, some outside the period of interest."""
    first, same, other = products
    north, depot = retailer("Kiosk Nord"), retailer("Depot-Laden", city="Köln")
    clicks(days_ago(40), north, 100, first)  # outside every period asked for below
    clicks(days_ago(20), north, 3, first)
    clicks(days_ago(20), north, 2, first, placement="designer")
    clicks(days_ago(10), north, 4, other)
    clicks(days_ago(10), depot, 8, same)
    clicks(days_ago(1), depot, 7, other, placement="block")
    clicks(days_ago(1), depot, 1, placement="retailers")  # the shop's website, no product
    clicks(today(), north, 6, first)
    return north, depot


def period(start, end):
    return {"day_from": start.isoformat(), "day_to": end.isoformat()}


def test_clicks_per_retailer_for_a_period_leave_out_days_outside_it(admin_client, shops):
    head, body, foot = report_table(admin_client.get(REPORT, period(days_ago(20), today())))
    assert head == [
        "Händler",
        "Ort",
        "Klicks",
        "Produktseite",
        "Designerseite",
        "Händlerseite",
        "Inhaltsblock",
        "Andere",
    ]
    # depot: 8 + 7 + 1; north: 3 + 2 + 4 + 6 (not the 100 of 40 days ago); most clicks first
    assert body == [
        ["Depot-Laden", "Köln", "16", "8", "0", "1", "7", "0"],
        ["Kiosk Nord", "Aachen", "15", "13", "2", "0", "0", "0"],
    ]
    assert foot == [["Summe", "", "31", "21", "2", "1", "7", "0"]]


def test_clicks_per_product_and_per_designer(admin_client, shops, products):
    first, same, other = products
    query = period(days_ago(20), days_ago(1))
    _head, body, foot = report_table(admin_client.get(REPORT, {**query, "group": "product"}))
    assert [row[:2] for row in body] == [
        [other.title, "11"],  # 4 + 7
        [same.title, "8"],
        [first.title, "5"],  # 3 + 2; today's 6 are outside the period
        ["(ohne Produkt: Website des Händlers)", "1"],
    ]
    assert foot[0][:2] == ["Summe", "25"]

    _head, body, _foot = report_table(admin_client.get(REPORT, {**query, "group": "designer"}))
    assert [row[:2] for row in body] == [
        [designer_name(first.designer_ref), "13"],  # first and same: one designer
        [designer_name(other.designer_ref), "11"],
        ["(ohne Designer:in)", "1"],
    ]


def test_a_placement_filter_counts_only_that_placement(admin_client, shops):
    query = {**period(days_ago(30), today()), "placement": "block"}
    head, body, foot = report_table(admin_client.get(REPORT, query))
    assert head == ["Händler", "Ort", "Klicks"]  # no breakdown for one placement
    assert body == [["Depot-Laden", "Köln", "7"]]
    assert foot == [["Summe", "", "7"]]


def test_day_boundaries_first_and_last_day_count_the_days_around_do_not(admin_client, demo):
    shop = retailer("Grenzfall")
    start, end = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    for day, count in [(start, 1), (end, 10)]:
        clicks(day, shop, count, placement="retailers")
    for day in (start - datetime.timedelta(days=1), end + datetime.timedelta(days=1)):
        clicks(day, shop, 1000, placement="retailers")
    _head, body, _foot = report_table(admin_client.get(REPORT, period(start, end)))
    assert body[0][:3] == ["Grenzfall", "Aachen", "11"]
    # a period entered backwards is the same period
    _head, body, _foot = report_table(admin_client.get(REPORT, period(end, start)))
    assert body[0][:3] == ["Grenzfall", "Aachen", "11"]


def test_default_period_is_the_last_30_days_including_today(admin_client, demo):
    shop = retailer("Standard")
    clicks(today(), shop, 1, placement="retailers")
    clicks(days_ago(29), shop, 10, placement="retailers")
    clicks(days_ago(30), shop, 100, placement="retailers")
    response = admin_client.get(REPORT)
    _head, body, _foot = report_table(response)
    assert body == [["Standard", "Aachen", "11", "0", "0", "11", "0", "0"]]
    start = days_ago(29).strftime("%d.%m.%Y")
    assert f"Zeitraum: {start} bis {today():%d.%m.%Y}" in response.content.decode()


def test_presets_this_month_and_last_month(admin_client, demo):
    shop = retailer("Monatsweise")
    first_of_month = today().replace(day=1)
    last_month_end = first_of_month - datetime.timedelta(days=1)
    clicks(first_of_month, shop, 1, placement="retailers")
    clicks(last_month_end, shop, 10, placement="retailers")
    clicks(last_month_end.replace(day=1), shop, 100, placement="retailers")
    clicks(
        last_month_end.replace(day=1) - datetime.timedelta(days=1),
        shop,
        1000,
        placement="retailers",
    )
    _h, body, _f = report_table(admin_client.get(REPORT, {"period": "month"}))
    assert body[0][2] == "1"
    _h, body, _f = report_table(admin_client.get(REPORT, {"period": "last-month"}))
    assert body[0][2] == "110"


def test_an_empty_period_says_so(admin_client, shops):
    response = admin_client.get(
        REPORT, period(datetime.date(2001, 1, 1), datetime.date(2001, 1, 31))
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keine Klicks in diesem Zeitraum" in html
    assert "Kiosk Nord" not in html
    csv_rows = list(
        csv.reader(
            io.StringIO(
                admin_client.get(
                    REPORT,
                    {
                        **period(datetime.date(2001, 1, 1), datetime.date(2001, 1, 31)),
                        "export": "csv",
                    },
                )
                .getvalue()
                .decode()
            )
        )
    )
    assert csv_rows[1:] == [["Summe", "", "0", "0", "0", "0", "0", "0"]]


# --- downloads -------------------------------------------------------------------------------


@pytest.fixture
def hostile(products):
    """Names a spreadsheet would take for formulas, from the catalogue or an editor."""
    first, _same, other = products
    Product.objects.filter(pk=first.pk).update(title="+49 Tasche")
    Product.objects.filter(pk=other.pk).update(title="-1 Kissen")
    evil = retailer('=HYPERLINK("http://evil.example","x")', city="@SUM(1+1)")
    at = retailer("@SUM(1+1)", city="\tTab")
    clicks(today(), evil, 9, first)
    clicks(today(), at, 4, other)
    return evil, at


def download(client, export, **query):
    response = client.get(REPORT, {**query, "export": export})
    assert response.status_code == 200
    return response


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8"))))


def read_xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    return list(workbook.active.iter_rows())


def test_downloads_hold_exactly_the_table_on_screen(admin_client, shops):
    query = {**period(days_ago(20), today()), "group": "retailer"}
    head, body, foot = report_table(admin_client.get(REPORT, query))
    rows = read_csv(download(admin_client, "csv", **query))
    assert rows == [head, *body, *foot]
    cells = read_xlsx(download(admin_client, "xlsx", **query))
    assert [[cell.value for cell in row] for row in cells] == [
        head,
        # an empty cell reads back as None; numbers as numbers
        *[[name, city or None, *map(int, numbers)] for name, city, *numbers in [*body, *foot]],
    ]
    assert cells[1][2].data_type == "n"  # numbers stay numbers
    response = download(admin_client, "csv", **{**query, "group": "product", "placement": "block"})
    assert 'filename="klicks-product-' in response["Content-Disposition"]
    assert read_csv(response)[0] == ["Produkt", "Klicks"]


def test_csv_download_neutralises_formulas_and_keeps_numbers(admin_client, hostile):
    rows = read_csv(download(admin_client, "csv"))
    assert rows[1][:3] == ['\'=HYPERLINK("http://evil.example","x")', "'@SUM(1+1)", "9"]
    assert rows[2][:3] == ["'@SUM(1+1)", "'\tTab", "4"]
    products = read_csv(download(admin_client, "csv", group="product"))
    assert [row[:2] for row in products[1:3]] == [["'+49 Tasche", "9"], ["'-1 Kissen", "4"]]
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )


def test_xlsx_download_keeps_formula_like_names_as_text(admin_client, hostile):
    rows = read_xlsx(download(admin_client, "xlsx"))
    evil, place, count = rows[1][:3]
    assert evil.value == '=HYPERLINK("http://evil.example","x")'
    assert (evil.data_type, evil.quotePrefix) == ("s", True)
    assert (place.value, place.data_type, place.quotePrefix) == ("@SUM(1+1)", "s", True)
    assert (count.value, count.data_type) == (9, "n")
    products = read_xlsx(download(admin_client, "xlsx", group="product"))
    for row, name in zip(products[1:3], ["+49 Tasche", "-1 Kissen"], strict=True):
        assert (row[0].value, row[0].data_type, row[0].quotePrefix) == (name, "s", True)
    assert all(cell.data_type != "f" for row in rows for cell in row)


# --- who may see it ----------------------------------------------------------------------------


def refused(response) -> bool:
    """A refusal is the admin's "Keine Berechtigung" page with status 403 (workplace/apps.py)."""
    return response.status_code == 403


def test_only_users_allowed_to_view_clicks_see_the_report_and_its_menu_item(client, editor, shops):
    dashboard = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT in dashboard and "Klicks auf Shop-Links" in dashboard
    assert "Kiosk Nord" in editor.get(REPORT).content.decode()
    assert [row[0] for row in read_csv(download(editor, "csv"))[1:3]] == [
        "Depot-Laden",
        "Kiosk Nord",
    ]

    editor.logout()
    user = get_user_model().objects.create_user("ohne-statistik", password="pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.login(username="ohne-statistik", password="pw")
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()
    for query in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(REPORT, query)
        assert refused(response), response.status_code
        assert b"Kiosk Nord" not in response.content
    assert refused(client.get(REPORT + "results/"))

    client.logout()
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))


def test_the_permission_can_be_given_in_the_group_editor(admin_client):
    response = admin_client.get(reverse("wagtailusers_groups:add"))
    permission = Permission.objects.get(codename="view_clickcount")
    assert f'value="{permission.pk}"' in response.content.decode()


# --- cost --------------------------------------------------------------------------------------


def click_queries(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(REPORT, query)
    assert response.status_code == 200
    return len(captured), [q for q in captured if "shop_links_clickcount" in q["sql"]]


@pytest.mark.parametrize("group", ["retailer", "product", "designer"])
def test_queries_do_not_grow_with_the_number_of_rows(admin_client, products, group):
    shops = [retailer(f"Laden {n}") for n in range(12)]
    clicks(today(), shops[0], 1, products[0])
    few_total, few = click_queries(admin_client, {"group": group})
    for n, shop in enumerate(shops[1:]):
        clicks(today(), shop, 2, products[n % 3], placement="block")
    many_total, many = click_queries(admin_client, {"group": group})
    assert len(few) == len(many) == 3  # rows, their number (for the pages), the total
    assert few_total == many_total > 3
