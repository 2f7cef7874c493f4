"""What the partner feed costs with a catalogue of 10,000 products.

    .venv/bin/python bench/partner_feed.py [PRODUCTS] [PAGE_SIZES]   # default 10000 "500 10000"

Migrates a throwaway SQLite database (a temporary directory), makes a German home with a products
index, one workshop and one image, and PRODUCTS live products with a variant each, the workshop
in their chain and the image (`tests.factories.bulk_products`). Then, for each page size, it reads
the first page of the JSON feed and of the CSV through Django's test client with a partner key:
built afresh (the frame cache off: what a change costs the first partner), kept (the cache on: the
same page again), and a conditional request answered 304. Prints CPU time (the process's) and
wall time per request, queries, body size, the time to walk every page of the feed, and the load
average.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
WORKDIR = tempfile.mkdtemp(prefix="partner-feed-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

URL = "/api/v1/products.{}"


def build(products: int) -> str:
    from tests.factories import HomePageFactory, ImageFactory, bulk_products, locale, publish

    from catalogue.models import Product, ProductImage, ProductionPartner, ProductPartner
    from partner_feed.models import PartnerKey
    from products.models import ProductIndexPage

    call_command("migrate", verbosity=0)
    home = HomePageFactory()
    publish(
        home.add_child(
            instance=ProductIndexPage(title="Produkte", slug="produkte", locale=locale())
        )
    )
    records = bulk_products(products, designer_ref="bench")
    workshop = ProductionPartner.objects.create(
        ref="werk", name="Werkstatt", city="Aachen", locale=locale()
    )
    image = ImageFactory()
    ProductPartner.objects.bulk_create(ProductPartner(product=p, partner=workshop) for p in records)
    ProductImage.objects.bulk_create(
        ProductImage(product=p, image=image, source_url=f"x/{p.pk}") for p in records
    )
    assert Product.objects.live().count() == products
    row = PartnerKey(partner="Bench")
    plain = row.issue()
    row.save()
    return plain


def measure(client, key, fmt, params, headers=None):
    headers = {"x-api-key": key, **(headers or {})}
    wall, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL.format(fmt), params, headers=headers)
    return response, time.perf_counter() - wall, time.process_time() - cpu, len(queries)


def main(products: int, page_sizes: list[int]) -> None:
    setup_test_environment()
    settings.DEBUG = False
    settings.PARTNER_FEED_RATE_LIMIT = 10**9
    key = build(products)
    client = Client()
    print(f"{products} products, load average {os.getloadavg()[0]:.2f} at the start")
    print("| page size | format | request | CPU s | wall s | queries | body KB | status |")
    print("|---|---|---|---|---|---|---|---|")
    for size in page_sizes:
        settings.PARTNER_FEED_PAGE_SIZE = size
        for fmt in ("json", "csv"):
            settings.FRAME_CACHE_TIMEOUT = 0
            fresh = measure(client, key, fmt, {"lang": "de"})
            settings.FRAME_CACHE_TIMEOUT = 600
            measure(client, key, fmt, {"lang": "de"})  # stored
            kept = measure(client, key, fmt, {"lang": "de"})
            etag = kept[0]["ETag"]
            conditional = measure(client, key, fmt, {"lang": "de"}, {"if-none-match": etag})
            for name, (response, wall, cpu, queries) in (
                ("built", fresh),
                ("kept", kept),
                ("304", conditional),
            ):
                print(
                    f"| {size} | {fmt} | {name} | {cpu:.3f} | {wall:.3f} | {queries} "
                    f"| {len(response.content) / 1024:.0f} | {response.status_code} |"
                )
        settings.FRAME_CACHE_TIMEOUT = 0
        pages = -(-products // size)
        wall, cpu = time.perf_counter(), time.process_time()
        for number in range(1, pages + 1):
            assert (
                client.get(
                    URL.format("json"), {"lang": "en", "page": number}, headers={"x-api-key": key}
                ).status_code
                == 200
            )
        print(
            f"\nwhole feed in pages of {size} ({pages} requests, built afresh): "
            f"{time.process_time() - cpu:.2f} s CPU, {time.perf_counter() - wall:.2f} s wall\n"
        )
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sizes = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "500 10000").split()]
    main(count, sizes)
