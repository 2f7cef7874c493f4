"""Pages that list products, shops or stories stay the same size as the catalogue grows.

Each page is built with 10 and with 2,000 of what it lists (bulk rows, no demo) and must show the
same number of rows, cost the same number of queries and stay within a small bound of HTML:
a designer's products and the shops that stock them, a shop's products on the retailers page,
the story index, the product index (a full first page: 24 and 2,000 products) and a product page
among them. The long lists link to the rest: "8 of 2,000 products · show all" leads to the
product index filtered by designer or shop, and pagination names a few pages, not all of them.
"""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.typography import SOFT_HYPHEN
from products.models import ProductIndexPage
from shop_links.models import RetailerIndexPage
from tests.factories import (
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ProductFactory,
    RetailerFactory,
    StockistLinkFactory,
    StoryIndexPageFactory,
    bulk_products,
    bulk_stories,
    publish,
)

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo, pytest.mark.usefixtures("uncached_pages")]

SIZE_BOUND = 0.10  # the page with 2,000 may be at most 10 % larger than the page with 10


def child(parent, model, **fields):
    page = parent.add_child(instance=model(locale=parent.locale, **fields))
    return publish(page)


def build(count: int) -> dict:
    """A designer with `count` products, all stocked by three shops; the product index, the
    retailers page and a story index with `count` stories."""
    home = HomePageFactory()
    designers = DesignerIndexPageFactory(parent=home)
    designer = DesignerPageFactory(parent=designers, title="Lena Test", catalogue_ref="lena-test")
    shops = [RetailerFactory(name=f"Laden {n}", ref=f"laden-{n}") for n in range(3)]
    bulk_products(count, designer_ref="lena-test", retailers=shops)
    products = child(home, ProductIndexPage, title="Produkte", slug="produkte")
    retailers = child(home, RetailerIndexPage, title="Wo kaufen", slug="wo-kaufen")
    stories = StoryIndexPageFactory(parent=home)
    bulk_stories(stories, count)
    return {
        "shops": shops,
        "story_index": stories,
        "designer": designer.url,
        "retailers": retailers.url,
        "stories": stories.url,
        "products": products.url,
        "product": f"{products.url}produkt-00003/",
    }


def grow(site: dict, count: int, *, stories: bool = False):
    """`count` more products of the designer in the same shops (titled after the first ones, so
    the first rows A to Z stay the same), and with `stories` as many more stories (older than the
    first ones, so the newest stay first)."""
    bulk_products(count, designer_ref="lena-test", retailers=site["shops"], prefix="Stueck")
    if stories:
        bulk_stories(site["story_index"], count, prefix="Aeltere Geschichte", year=2020)


def render(client, url) -> tuple[str, int]:
    client.get(url)  # warm-up: the frame and routes are remembered
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(queries) > 0, "the queries of the request were not captured"
    return response.content.decode().replace(SOFT_HYPHEN, ""), len(queries)


def listed(html: str, pattern: str) -> int:
    return sum(len(re.findall(r"<li\b", block)) for block in re.findall(pattern, html, re.S))


def rows(html: str, page: str) -> dict:
    """What the page lists, counted as a visitor would see it."""
    return {
        "cards": html.count('<li class="card'),
        "shop products": listed(html, r'<ul class="retailer__products">(.*?)</ul>'),
        "shop links": listed(html, r'<ul class="stockist__links">(.*?)</ul>'),
        "page links": listed(html, r'<nav class="pagination"(.*?)</nav>'),
    }


# (page, start, grown by): the product index starts with a full page of 24.
CASES = [
    ("designer", 10, 1990),
    ("retailers", 10, 1990),
    ("stories", 10, 1990),
    ("products", 24, 1976),
    ("product", 10, 1990),
]


@pytest.mark.parametrize(("page", "start", "more"), CASES)
def test_a_page_with_2000_rows_shows_as_many_at_the_same_cost_as_with_few(
    client, page, start, more
):
    site = build(start)
    html_small, queries_small = render(client, site[page])
    grow(site, more, stories=page == "stories")
    html_large, queries_large = render(client, site[page])
    shown_small, shown_large = rows(html_small, page), rows(html_large, page)
    if page in ("stories", "products"):
        # 9 stories or 24 products a page: the page links name at most 7 pages, with Back and
        # Next, not all 223 or 84 of them.
        assert 1 < shown_large.pop("page links") <= 9
        assert shown_small.pop("page links") <= 9
    assert shown_large == shown_small
    assert any(shown_large.values()) or page == "product"
    assert queries_large == queries_small
    assert len(html_large) <= len(html_small) * (1 + SIZE_BOUND)


def test_long_lists_say_how_many_and_link_to_all_of_them(client):
    site = build(10)
    grow(site, 1990)
    designer, _ = render(client, site["designer"])
    assert "8 von 2.000 Produkten" in designer
    assert 'href="/de/produkte/?designer=lena-test"' in designer
    # Each shop: four of the designer's products, then all of them at that shop.
    assert designer.count("4 von 2.000 Produkten") == 3
    assert 'href="/de/produkte/?designer=lena-test&amp;retailer=laden-0"' in designer
    retailers, _ = render(client, site["retailers"])
    assert "Hier erhältlich: 2.000 Produkte" in retailers
    assert retailers.count("8 von 2.000 Produkten") == 3
    assert 'href="/de/produkte/?retailer=laden-1"' in retailers

    index, _ = render(client, "/de/produkte/?designer=lena-test&retailer=laden-1&page=2")
    assert "25–48 von 2.000 Produkten" in index
    assert "Entworfen von" in index and "Erhältlich bei Laden 1" in index
    assert (
        '<link rel="canonical" href="http://testserver/de/produkte/?designer=lena-test&amp;retailer=laden-1&amp;page=2">'
        in index
    )
    # Page links keep both filters; the current page is marked for screen readers.
    assert 'href="?designer=lena-test&amp;retailer=laden-1&amp;page=3"' in index
    assert '<span aria-current="page">' in index
    assert '<nav class="pagination" aria-label="Seiten">' in index


def test_the_product_index_ignores_filters_that_name_nobody(client):
    site = build(10)
    everything, _ = render(client, site["products"])
    for query in ("designer=niemand", "retailer=99999999999999999999", "retailer=²", "designer="):
        html, _ = render(client, f"{site['products']}?{query}")
        assert html.count('<li class="card') == everything.count('<li class="card') >= 10
        assert "Entworfen von" not in html and "Erhältlich bei" not in html


def test_the_product_index_caches_each_filter_apart(client, settings):
    """The page cache keys on the filters (`cache_query_parameters`): a second shop's list is
    never served from the first one's entry."""
    settings.PAGE_CACHE_TIMEOUT = 300
    site = build(3)
    shop = RetailerFactory(name="Laden X", ref="laden-x")
    bulk_products(2, retailers=[shop], prefix="Nur X")
    first = client.get(f"{site['products']}?retailer=laden-0")
    again = client.get(f"{site['products']}?retailer=laden-0")
    other = client.get(f"{site['products']}?retailer=laden-x")
    assert again["X-Cache"] == "hit"
    assert other["X-Cache"] == "miss"
    assert first.content.count(b'<li class="card') == 3
    assert other.content.count(b'<li class="card') == 2


def test_the_sitemap_goes_on_over_pages_named_in_robots_txt(client):
    """2,000 products at 1,000 addresses a sitemap page: at least two pages, all in robots.txt;
    the pages of the site are on the first, every product on exactly one, none past the last."""
    site = build(10)
    grow(site, 1990)
    robots = client.get("/robots.txt").content.decode().splitlines()
    sitemaps = [line.removeprefix("Sitemap: ") for line in robots if line.startswith("Sitemap:")]
    assert len(sitemaps) >= 2
    assert sitemaps == ["http://testserver/sitemap.xml"] + [
        f"http://testserver/sitemap.xml?p={number}" for number in range(2, len(sitemaps) + 1)
    ]
    found = []
    for number in range(1, len(sitemaps) + 2):
        response = client.get("/sitemap.xml", {"p": number})
        assert response.status_code == 200
        found.append(re.findall(r"<loc>(.*?)</loc>", response.content.decode()))
    assert "http://testserver/de/geschichten/" in found[0]
    ours = [
        [url for url in urls if re.search(r"/de/produkte/(produkt|stueck)-\d+/$", url)]
        for urls in found
    ]
    assert all(len(urls) <= 1000 for urls in found[1:])
    assert sum(len(urls) for urls in ours) == len({url for urls in ours for url in urls}) == 2000
    assert found[-1] == []


def first_rows_queries(client, url, marker) -> list[str]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [query["sql"] for query in queries.captured_queries if marker in query["sql"]]


def rows_read(sql: str) -> tuple[list[str], int | None]:
    """The plan of a query and, on PostgreSQL, the rows its scans of links and products read
    (an InitPlan aside: a count the database answers once from an index)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The statistics autovacuum keeps in production; bulk rows just written have none.
            cursor.execute("ANALYZE")
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            nodes, read = [plan[0]["Plan"]], 0
            while nodes:
                node = nodes.pop()
                if node.get("Parent Relationship") == "InitPlan":
                    continue
                nodes.extend(node.get("Plans", []))
                if node.get("Relation Name") in ("shop_links_stockistlink", "catalogue_product"):
                    read += node["Actual Rows"] * node["Actual Loops"]
            return [json.dumps(plan)], read
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[-1] for row in cursor.fetchall()], None


@pytest.mark.parametrize(
    ("page", "marker"), [("retailers", "UNION ALL"), ("designer", "UNION ALL")]
)
def test_the_shops_first_products_are_read_from_an_index_not_sorted(client, page, marker):
    """Each shop's first products come from the index of shop and title: the database stops
    after them instead of sorting all 2,000 links of each of the three shops."""
    site = build(10)
    grow(site, 1990)
    (sql,) = first_rows_queries(client, site[page], marker)
    plan, read = rows_read(sql)
    if read is None:
        assert any("shop_links_link_shop_title" in line for line in plan), plan
        assert not any("TEMP B-TREE FOR ORDER BY" in line for line in plan[:-1]), plan
    else:
        assert "shop_links_link_shop_title" in plan[0]
        # The shops on the page (3, and the demo's where a test in the same run loaded it) × their
        # first 8 or 5 rows and their products: hundreds, not 3 × 2,000 links sorted.
        assert read < 1000, read


def test_a_designers_first_products_are_read_from_an_index_not_sorted(client):
    site = build(10)
    grow(site, 1990)
    (sql,) = first_rows_queries(client, site["designer"], '"catalogue_product"."designer_ref" =')[
        :1
    ]
    plan, read = rows_read(sql)
    if read is None:
        assert any("catalogue_product_designer" in line for line in plan), plan
        assert not any("TEMP B-TREE" in line for line in plan), plan
    else:
        # PostgreSQL after ANALYZE: the first 8 rows in title order from the index, not 2,000
        # read and sorted (it did that while German rows were found by a join on the locale).
        assert read < 100, (read, plan)


def counting_queries(client, url) -> list[str]:
    """The queries of a second render of `url` that count a shop's or a filter's rows: a
    GROUP BY of stock links shop by shop, or the filtered product index's count."""
    return [
        sql
        for sql in first_rows_queries(client, url, "COUNT(")
        if 'COUNT("shop_links_stockistlink"."id")' in sql
        or sql.lstrip().startswith("SELECT COUNT(")
    ]


# What each page says of shop 0's products, with 2,000 and with one more.
COUNTS = {
    "designer": ("4 von 2.000 Produkten", "4 von 2.001 Produkten"),
    "retailers": ("Hier erhältlich: 2.000 Produkte", "Hier erhältlich: 2.001 Produkte"),
    "shop": ("1–24 von 2.000 Produkten", "1–24 von 2.001 Produkten"),
}


@pytest.mark.parametrize("page", COUNTS)
def test_a_shops_count_is_kept_until_the_catalogue_changes_and_then_follows_it(client, page):
    """How many products a shop has is counted once per change of the catalogue, not on every
    render (counting reads all of a shop's links: the one cost that grew with it), and a visitor
    sees the new number on the next request after an editor stocks one more."""
    site = build(10)
    grow(site, 1990)
    url = f"{site['products']}?retailer=laden-0" if page == "shop" else site[page]
    assert counting_queries(client, url) == []
    before, after = COUNTS[page]
    html, _ = render(client, url)
    shown = html.count(before)
    assert shown == (1 if page == "shop" else 3)

    product = ProductFactory(title="Zuletzt aufgenommen", designer_ref="lena-test")
    StockistLinkFactory(retailer=site["shops"][0], product=product)
    html = client.get(url).content.decode().replace(SOFT_HYPHEN, "")
    assert html.count(after) == 1 and html.count(before) == shown - 1
