"""Which pages an editor's publish makes render again, though it changes nothing they show.

    .venv/bin/python bench/publish_survey.py            # on a temporary SQLite with the demo
    .venv/bin/python bench/publish_survey.py /de/ /de/geschichten/arbeit-die-bleibt/

For each address (default: one of every page type) it renders the page steadily, then once
after each of three publishes that change nothing the page shows, ROUNDS times each (default 8):

- "edit": an edit of the project page's text (the home page links it, the menu too);
- "shop": a shop the page does not name renamed;
- "product": a product the page does not name given a new material (`Product.save`, as an
  editor's edit in the admin does).

It prints the ratio of each first render's median CPU time to the steady one and the queries
asked (steady → after). A ratio well over 1.3 with more queries means the page read more than it
shows (a table as a whole, a page's content where it links the page): what
`bench/first_after_publish.py` then measures in detail. "n/a": the page names every shop or
product. A page's own text is compared without soft hyphens and entities, with the names of
every translation of a shop or product (a French page shows the French title).
"""

import html
import os
import statistics
import sys
import time

if __name__ == "__main__":
    import demo_site

    LOAD_DEMO = demo_site.setup(PAGE_CACHE_TIMEOUT="0")

ROUNDS = int(os.environ.get("ROUNDS", "8"))
PAGES = [
    "/de/",
    "/de/ueber-das-projekt/",
    "/de/designerinnen/",
    "/de/designerinnen/aylin-kaya/",
    "/de/produkte/",
    "/de/produkte/overhead-line-lamp/",
    "/de/geschichten/",
    "/de/geschichten/arbeit-die-bleibt/",
    "/de/termine/",
    "/de/termine/gestaltungsmesse-rhein-ruhr/",
    "/de/impressum/",
]


def _render(client, url) -> tuple[float, int]:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.process_time()
        response = client.get(url)
        cpu = (time.process_time() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return cpu, len(queries)


def survey(client, url, rounds=ROUNDS) -> dict[str, str]:
    from wagtail.models import Page

    from catalogue.models import Product
    from shop_links.models import Retailer

    for _ in range(3):
        client.get(url)
    text = html.unescape(client.get(url).content.decode()).replace("\xad", "")

    def not_shown(model, field: str, rows):
        """The first German row none of whose translations' `field` the page shows."""
        names = {}
        for key, name in model.objects.values_list("translation_key", field):
            names.setdefault(key, []).append(name)
        return next(
            (row for row in rows if not any(n in text for n in names[row.translation_key])), None
        )

    shop = not_shown(
        Retailer, "name", Retailer.objects.filter(locale__language_code="de", live=True)
    )
    product = not_shown(
        Product, "title", Product.objects.filter(locale__language_code="de", in_feed=True)
    )
    about = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    about = about.specific

    def edit(number):
        about.body = [("paragraph", f"<p>Umfrage, Runde {number}.</p>")]
        about.save_revision().publish()
        about.refresh_from_db()

    def rename(number):
        shop.name = f"Umfrageladen {number}"
        shop.save_revision().publish()

    def material(number):
        product.material = f"Umfragestoff {number}"
        product.save()

    row = {}
    for name, change, target in (
        ("edit", edit, about),
        ("shop", rename, shop),
        ("product", material, product),
    ):
        if target is None or (name == "edit" and url == about.url):
            row[name] = "n/a"
            continue
        steady, first = [], []
        for number in range(rounds):
            steady.append(_render(client, url))
            change(number)
            first.append(_render(client, url))
        ratio = statistics.median(f[0] for f in first) / statistics.median(s[0] for s in steady)
        row[name] = f"{ratio:.2f} ({steady[0][1]} → {max(f[1] for f in first)})"
    return row


def main():
    import demo_site

    client = demo_site.client(LOAD_DEMO)
    pages = sys.argv[1:] or PAGES
    print(f"\n## After a publish the page does not show ({ROUNDS} rounds; CPU / steady, queries)\n")
    print(
        "| page | edit of the project page | a shop it does not name | a product it does not name |"
    )
    print("| --- | ---: | ---: | ---: |")
    for url in pages:
        row = survey(client, url)
        print(f"| {url} | {row['edit']} | {row['shop']} | {row['product']} |", flush=True)


if __name__ == "__main__":
    main()
