"""The partner feed as a partner's program reads it: JSON and CSV per language, absolute URLs from
the site's root, fallbacks marked, conditional requests, and hostile input answered clearly."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Product
from tests.factories import bulk_products

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

URL = "/api/v1/products.{}"


def get(client, fmt="json", key=None, **params):
    headers = {"authorization": f"Bearer {key}"} if key else {}
    return client.get(URL.format(fmt), params, headers=headers)


def products_of(response) -> dict:
    return {item["productID"]: item for item in response.json()["products"]}


def assert_absolute(url: str, root: str):
    assert url.startswith(root + "/"), url
    assert url.startswith(("https://", "http://localhost", "http://testserver")), url


def test_the_json_feed_has_the_documented_shape(client, shop, key):
    response = get(client, key=key[1], lang="de")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert {
        "version",
        "language",
        "lastModified",
        "count",
        "page",
        "pages",
        "next",
        "products",
    } <= set(data)
    assert (data["version"], data["language"], data["count"], data["page"], data["pages"]) == (
        "1",
        "de",
        3,
        1,
        1,
    )
    assert data["next"] is None
    items = products_of(response)
    assert set(items) == {"FEED-0001", "FEED-0002", "FEED-0003"}  # the draft is not live
    bag = items["FEED-0001"]
    assert bag["@context"] == "https://schema.org" and bag["@type"] == "Product"
    assert bag["name"] == "Depot-Tasche"
    assert bag["description"] == "Genäht im Depot."  # plain text
    assert bag["material"] == "Sitzstoff"
    assert bag["untranslated"] == []
    root = shop["site"].root_url
    assert bag["url"] == f"{root}/de/produkte/{shop['bag'].slug}/"
    assert len(bag["image"]) == 1
    for url in [bag["url"], *bag["image"], bag["designer"]["url"]]:
        assert_absolute(url, root)
    assert bag["designer"]["name"] == "Lena Kraus"
    assert bag["brand"]["@type"] == "Brand" and bag["brand"]["name"]
    [step] = bag["productionChain"]
    assert step["name"] == "Nähwerk Nord" and step["socialEmployment"] is True
    assert step["addressLocality"] == "Aachen"
    small, large = bag["offers"]
    assert small == {
        "@type": "Offer",
        "sku": "FEED-0001-S",
        "name": "",
        "price": "24.00",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
    }
    assert large["price"] == "20.00" and large["name"] == "Groß"
    assert large["priceSpecification"]["price"] == "26.50"
    assert large["availability"] == "https://schema.org/OutOfStock"
    for item in items.values():
        for offer in item["offers"]:
            assert isinstance(offer["price"], str) and Decimal(offer["price"]) > 0


def test_urls_come_from_the_sites_root_never_the_requests_host(client, shop, key, settings):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get(
        URL.format("json"),
        {"lang": "en"},
        headers={"authorization": f"Bearer {key[1]}"},
        HTTP_HOST="evil.example",
    )
    assert "evil.example" not in response.content.decode()
    bag = products_of(response)["FEED-0001"]
    assert bag["url"].startswith(shop["site"].root_url + "/en/products/")


@pytest.mark.parametrize(
    ("code", "name", "untranslated", "designer"),
    [
        ("de", "Depot-Tasche", [], "Lena Kraus"),
        ("en", "Depot bag", [], "Lena Kraus (en)"),
        ("nl", "Depot-Tasche", ["name", "description", "material"], "Lena Kraus"),
        ("fr", "Sac Depot", ["description", "material"], "Lena Kraus"),
    ],
)
def test_each_language_names_products_in_it_and_marks_german_standing_in(
    client, shop, key, code, name, untranslated, designer
):
    response = get(client, key=key[1], lang=code)
    data = response.json()
    assert data["language"] == code and response["Content-Language"] == code
    bag = products_of(response)["FEED-0001"]
    assert bag["name"] == name
    assert bag["inLanguage"] == code
    assert bag["untranslated"] == untranslated
    assert bag["designer"]["name"] == designer
    assert bag["url"].startswith(f"{shop['site'].root_url}/{code}/")


def test_the_csv_feed_has_one_row_per_variant_and_runs_no_formula(client, shop, key):
    response = get(client, "csv", key=key[1], lang="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    from partner_feed.feed import CSV_COLUMNS

    assert list(rows[0]) == CSV_COLUMNS
    assert [row["sku"] for row in rows] == [
        "FEED-0001-S",
        "FEED-0001-L",
        "FEED-0002-1",
        "FEED-0003-1",
    ]
    small, large, mug, formula = rows
    assert (small["name"], small["price"], small["availability"]) == (
        "Depot bag",
        "24.00",
        "InStock",
    )
    assert (large["price"], large["regular_price"], large["variant"]) == ("20.00", "26.50", "Large")
    assert small["social_employment"] == "yes" and mug["social_employment"] == "no"
    assert small["production_chain"] == "Nähwerk Nord (Aachen)"
    assert mug["untranslated"] == "name description material"
    assert formula["name"] == "'=1+1 Becher"  # read as text by a spreadsheet
    for row in rows:
        assert Decimal(row["price"]) > 0
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_both_validators_answer_304_and_a_change_gives_200(client, shop, key):
    first = get(client, key=key[1], lang="de")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and not etag.startswith("W/")
    headers = {"authorization": f"Bearer {key[1]}"}
    for validator in ({"if-none-match": etag}, {"if-modified-since": modified}):
        again = client.get(URL.format("json"), {"lang": "de"}, headers={**headers, **validator})
        assert again.status_code == 304, validator
        assert again.content == b""
        assert again["ETag"] == etag
    # gzip makes the tag weak on the way out; a weak copy still matches
    weak = client.get(
        URL.format("json"), {"lang": "de"}, headers={**headers, "if-none-match": f"W/{etag}"}
    )
    assert weak.status_code == 304
    # the CSV has its own tag
    assert get(client, "csv", key=key[1], lang="de")["ETag"] != etag

    # an editor changes a product's teaser: not in the feed, nothing to fetch
    Product.objects.get(pk=shop["bag"].pk).save()
    assert (
        client.get(
            URL.format("json"), {"lang": "de"}, headers={**headers, "if-none-match": etag}
        ).status_code
        == 304
    )

    # a sync (or an editor) changes a title: both validators now say "changed"
    bag = Product.objects.get(pk=shop["bag"].pk)
    bag.title = "Depot-Tasche, neu"
    bag.save()
    for validator in ({"if-none-match": etag}, {"if-modified-since": modified}):
        changed = client.get(URL.format("json"), {"lang": "de"}, headers={**headers, **validator})
        assert changed.status_code == 200, validator
        assert changed["ETag"] != etag
        assert products_of(changed)["FEED-0001"]["name"] == "Depot-Tasche, neu"
    assert changed["Last-Modified"] != modified


def test_queries_do_not_grow_with_the_catalogue(client, shop, key, settings):
    settings.FRAME_CACHE_TIMEOUT = 0  # the feed built on every request

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert get(client, key=key[1], lang="fr").status_code == 200
        return len(context.captured_queries)

    get(client, key=key[1], lang="fr")  # the day's first use of the key is written once
    few = queries()
    bulk_products(40, designer_ref="lena-kraus")
    assert get(client, key=key[1], lang="fr").json()["count"] == 43
    assert queries() == few


def test_pages_are_bounded_and_linked(client, shop, key, settings):
    settings.PARTNER_FEED_PAGE_SIZE = 2
    first = get(client, key=key[1], lang="nl")
    data = first.json()
    assert (data["count"], data["pages"], len(data["products"])) == (3, 2, 2)
    assert data["next"] == f"{shop['site'].root_url}/api/v1/products.json?lang=nl&page=2"
    assert first["Link"] == f'<{data["next"]}>; rel="next"'
    second = get(client, key=key[1], lang="nl", page=2).json()
    assert [item["productID"] for item in second["products"]] == ["FEED-0003"]
    assert second["next"] is None
    assert get(client, key=key[1], lang="nl", page=3).status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "status", "error"),
    [
        ("/api/v1/products.json", {"lang": "xx"}, 400, "bad_language"),
        ("/api/v1/products.json", {"lang": "<script>"}, 400, "bad_language"),
        ("/api/v1/products.json", {"page": "0"}, 400, "bad_page"),
        ("/api/v1/products.json", {"page": "-1"}, 400, "bad_page"),
        ("/api/v1/products.json", {"page": "9" * 40}, 400, "bad_page"),
        ("/api/v1/products.json", {"page": "１"}, 400, "bad_page"),
        ("/api/v1/products.xml", {}, 404, "unknown_format"),
        ("/api/v1/products.json.exe", {}, 404, "unknown_format"),
        ("/api/v2/products.json", {}, 404, "not_found"),
        ("/api/", {}, 404, "not_found"),
        ("/api/v1/", {}, 404, "not_found"),
        ("/api/v1/products.json/", {}, 404, "not_found"),
    ],
)
def test_hostile_input_gets_a_clear_4xx(client, shop, key, path, params, status, error):
    response = client.get(path, params, headers={"authorization": f"Bearer {key[1]}"})
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == error


def test_garbage_validators_are_ignored(client, shop, key):
    headers = {"authorization": f"Bearer {key[1]}"}
    for validator in (
        {"if-none-match": "x" * 100_000},
        {"if-none-match": '"unterminated'},
        {"if-modified-since": "yesterday"},
        {"if-modified-since": "\x00" * 10},
    ):
        response = client.get(URL.format("json"), {"lang": "de"}, headers={**headers, **validator})
        assert response.status_code == 200, validator


def test_no_cookie_and_no_shared_cache(client, shop, public_feed):
    response = get(client, lang="de")
    assert response.status_code == 200
    assert not response.cookies
    assert "private" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"  # public mode: any web page may read it
    assert client.post(URL.format("json")).status_code == 405


def test_with_keys_there_is_no_cors_and_head_answers_like_get(client, shop, key):
    response = get(client, key=key[1], lang="de")
    assert "Access-Control-Allow-Origin" not in response  # a key belongs on a server
    head = client.head(URL.format("json"), {"lang": "de"}, headers={"x-api-key": key[1]})
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == response["ETag"]
