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

import os
import statistics
import sys

if __name__ == "__main__":
    import demo_site

    LOAD_DEMO = demo_site.setup(PAGE_CACHE_TIMEOUT="0")

# How `first_after_publish.py` renders, edits, renames and reads a page (bench/ is on sys.path).
from first_after_publish import _edit, _names, _project_page, _rename, _render, _text

ROUNDS = int(os.environ.get("ROUNDS", "8"))
PAGES = [  # one page of every type (and the product index filtered)
    "/de/",
    "/de/ueber-das-projekt/",
    "/de/ueber-das-projekt/das-depot/",
    "/de/ueber-das-projekt/depot-ressourcen/",
    "/de/designerinnen/",
    "/de/designerinnen/aylin-kaya/",
    "/de/produkte/",
    "/de/produkte/?designer=aylin-kaya",
    "/de/produkte/overhead-line-lamp/",
    "/de/geschichten/",
    "/de/geschichten/arbeit-die-bleibt/",
    "/de/wo-kaufen/",
    "/de/werkstaetten/",
    "/de/werkstaetten/depot-holzwerkstatt/",
    "/de/termine/",
    "/de/termine/gestaltungsmesse-rhein-ruhr/",
    "/de/kampagnen/",
    "/de/kampagnen/kreativstandort-aachen-nord/",
    "/de/fuer-haendler/",
    "/de/presse-und-handel/",
    "/de/wirkung/",
    "/de/anfrage/",
    "/de/entwurf-einreichen/",
    "/de/leichte-sprache/",
    "/de/leichte-sprache/was-ist-made-in-aachen-nord/",
    "/de/barrierefreiheit/",
    "/de/impressum/",
]


def survey(client, url, rounds=ROUNDS) -> dict[str, str]:
    from catalogue.models import Product
    from shop_links.models import Retailer

    for _ in range(3):
        client.get(url)
    text = _text(client, url)

    def not_named(model, field: str, rows):
        return next((row for row in rows if not _names(text, model, field, row)), None)

    shop = not_named(
        Retailer, "name", Retailer.objects.filter(locale__language_code="de", live=True)
    )
    product = not_named(
        Product, "title", Product.objects.filter(locale__language_code="de", in_feed=True)
    )
    about = _project_page()

    def material(number):
        product.material = f"Umfragestoff {number}"
        product.save()

    row = {}
    for name, change, target in (
        ("edit", lambda number: _edit(about, number), about),
        ("shop", lambda number: _rename(shop, f"Umfrageladen {shop.pk}.{number}"), shop),
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
        ratio = statistics.median(f[1] for f in first) / statistics.median(s[1] for s in steady)
        row[name] = f"{ratio:.2f} ({steady[0][2]} → {max(f[2] for f in first)})"
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
