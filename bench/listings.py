"""Pages that list products, shops or stories, with few and with many rows.

    .venv/bin/python bench/listings.py   # a temporary SQLite (or the database in DATABASE_URL)

Builds the pages of `tests/core/test_bounded_listings.py` (bulk rows, no demo) and measures
them as `bench/pages.py` does (median time and CPU time of RENDERS uncached renders, queries of
one render, HTML size) at three sizes of the catalogue:

- few: a designer with 24 products, each in three shops; 24 stories;
- many: the designer with 2,000 products (all in the three shops); 1,000 stories;
- catalogue: 10,000 live products, one shop stocking 5,000 of them.

The page fragments (`core.fragments`) are off, as in the tests: with them a designer page's
lists come from the cache and the bench would time one query (`FRAGMENTS=1` keeps them on).

Prints a Markdown table with the load average before and after.
"""

import os
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]
os.environ.setdefault("RENDERS", "20")

from bench.pages import measure  # noqa: E402  (sets up Django as bench/pages.py does)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGES = [
    ("designer page", "designer"),
    ("retailers page", "retailers"),
    ("story index", "stories"),
    ("product index", "products"),
    ("product index, filtered by shop", "shop"),
    ("product page", "product"),
]


def main():
    from django.conf import settings
    from tests.core.test_bounded_listings import build
    from tests.factories import bulk_products, bulk_stories

    from core import fragments

    fragments.ENABLED = os.environ.get("FRAGMENTS") == "1"
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    load = [os.getloadavg()[0]]
    site = build(24)
    site["shop"] = f"{site['products']}?retailer=laden-0"
    client = Client()
    rows = []

    def run(size, products, stories, shop):
        for label, key in PAGES:
            median, cpu, queries, size_bytes = measure(client, site[key])
            rows.append((label, size, products, stories, shop, median, cpu, queries, size_bytes))

    run("few", 24, 24, 24)
    bulk_products(1976, designer_ref="lena-test", retailers=site["shops"], prefix="Stueck")
    bulk_stories(site["story_index"], 976, prefix="Aeltere Geschichte", year=2020)
    run("many", 2000, 1000, 2000)
    bulk_products(3000, retailers=site["shops"][:1], prefix="Laden Null")
    bulk_products(5000, prefix="Sonst")
    run("catalogue", 10000, 1000, 5000)
    load.append(os.getloadavg()[0])

    print(
        f"{connection.vendor}, RENDERS={os.environ['RENDERS']}, fragments "
        f"{'on' if fragments.ENABLED else 'off'}, load average {load[0]:.1f} → {load[-1]:.1f}\n"
    )
    print(
        "| page | catalogue | live products | stories | products of shop 0 | median ms | CPU ms | queries | HTML KB |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, size, products, stories, shop, median, cpu, queries, size_bytes in sorted(
        rows, key=lambda row: [p[0] for p in PAGES].index(row[0])
    ):
        print(
            f"| {label} | {size} | {products:,} | {stories:,} | {shop:,} | {median:.1f} | "
            f"{cpu:.1f} | {queries} | {size_bytes / 1024:.1f} |"
        )


if __name__ == "__main__":
    main()
