"""What the first render after a publish costs, against the steady render of the same page.

    .venv/bin/python bench/first_after_publish.py   # on the database in DATABASE_URL (default:
                                                    # a temporary SQLite with the demo loaded)
    bench/pages                                     # runs it too, after the page table

A publish replaces the content version (`core.content_version`): the page cache misses, and
whatever else is kept under the version is worked out again by the next request. This measures
a product page (uncached: the page cache is off, as in `bench/pages`) rendered steadily, then
rendered once right after each of ROUNDS publishes of another page, two kinds:

- "content edit": an editor publishes a changed text of the German project page (its title, its
  address and its place stay): the page frame and the routes are kept;
- "new page published": an editor creates a page below the project page and publishes it (a
  change of the tree, `content_version.invalidate_tree`: lists of its type, its translations'
  links and whatever showed it are worked out again; the product page shows none of them);
- "page retitled": the editor publishes that page with a new title (a change of the tree too);
- "shop it lists renamed": an editor publishes a new name of a shop the product page lists (a
  snippet: `content_version.invalidate_rows`): what showed that shop is worked out again (the
  product page's fragment of the production chain and the where-to-buy list), the frame, the
  routes and the page's other fragments are kept;
- "another shop renamed": the same for a shop the page does not list: the product page reads
  its shops row by row (`core.dependencies.rows_read`), so it keeps everything (the case of
  most product pages after a shop's change);
- "menu entry renamed": an editor publishes the main menu with an entry renamed (a snippet in
  the frame of every page): the frame and the fragments rendered with it are worked out again,
  the routes, the Locales and the vocabularies are kept;
- "page given a new slug": an editor publishes the project page (linked from the menu, with the
  pages created above and the Depot's below it) under a new slug: the addresses of that branch
  change (`content_version.invalidate_addresses`); the product page asks for the menu's entries
  and the addresses of the pages it links again, its route and fragments stay;
- "everything replaced": what a move, a language's home, a Site or a Locale do
  (`content_version.invalidate()`): everything is worked out again;
- "draft saved": an editor saves a draft of the German project page with a new title and then
  creates a new page as a draft ("Save draft" in the admin, `Page.save_revision` and `add_child`
  of a page that is not live): nothing visitors see changes, so nothing kept is replaced.

It prints the median wall and CPU time of each, the queries of one render, and the ratio of
first-after-publish to steady CPU time (target: at most 1.3 for an editor's publish: the content
edit, the new page, the new title, a snippet).
"""

import os
import statistics
import time

if __name__ == "__main__":
    import demo_site

    LOAD_DEMO = demo_site.setup(PAGE_CACHE_TIMEOUT="0")

ROUNDS = int(os.environ.get("ROUNDS", "30"))
PRODUCT_URL = "/de/produkte/overhead-line-lamp/"
EDITED_PAGE = "/de/ueber-das-projekt/"


def _render(client, url) -> tuple[float, float, int]:
    """(wall ms, CPU ms, queries) of one GET."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - start_cpu) * 1000
    assert response.status_code == 200, (url, response.status_code)
    assert response.get("X-Cache") != "hit", "the page cache answered: this would not be a render"
    return wall, cpu, len(queries)


def _median(samples) -> tuple[float, float, int]:
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


def measure(client, url=PRODUCT_URL, rounds=ROUNDS) -> list[tuple]:
    """Rows (case, wall ms, CPU ms, queries, ratio of CPU to steady) for `url`."""
    from wagtail.models import Page

    from core import content_version
    from core.models import ContentPage, Navigation
    from shop_links.models import Retailer, StockistLink

    for _ in range(3):
        client.get(url)  # warm-up: renditions, frame, routes
    steady, content, new_page, retitled, structural, draft = [], [], [], [], [], []
    shop, other_shop, menu, address = [], [], [], []
    page = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    page = page.specific
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    retailer = StockistLink.objects.filter(product__slug=slug, retailer__live=True).first().retailer
    listed = StockistLink.objects.filter(product__slug=slug).values("retailer")
    other = Retailer.objects.filter(locale=retailer.locale, live=True).exclude(pk__in=listed)[0]
    navigation = Navigation.objects.get(locale__language_code="de", live=True)
    entry = navigation.items.first()
    for number in range(rounds):
        steady.append(_render(client, url))
        # An editor's publish of a changed text: a new revision, published.
        page.body = [("paragraph", f"<p>Geändert, Runde {number}.</p>")]
        page.save_revision().publish()
        page.refresh_from_db()
        content.append(_render(client, url))
        steady.append(_render(client, url))
        # A new page: created as a draft (changes nothing), then published.
        added = page.add_child(
            instance=ContentPage(title=f"Neu {number}", slug=f"neu-{number}", live=False)
        )
        added.save_revision().publish()
        new_page.append(_render(client, url))
        steady.append(_render(client, url))
        added.refresh_from_db()
        added.title = f"Neu {number}, umbenannt"
        added.save_revision().publish()
        retitled.append(_render(client, url))
        steady.append(_render(client, url))
        retailer.name = f"Laden {number}"
        retailer.save_revision().publish()
        shop.append(_render(client, url))
        steady.append(_render(client, url))
        other.name = f"Anderer Laden {number}"
        other.save_revision().publish()
        other_shop.append(_render(client, url))
        steady.append(_render(client, url))
        entry.label = f"Eintrag {number}"
        entry.save()
        navigation.save_revision().publish()
        menu.append(_render(client, url))
        steady.append(_render(client, url))
        page.slug = f"projekt-{number}"
        page.save_revision().publish()
        page.refresh_from_db()
        address.append(_render(client, url))
        steady.append(_render(client, url))
        content_version.invalidate()  # a move, a Site, a Locale: everything is worked out again
        structural.append(_render(client, url))
        steady.append(_render(client, url))
        page.title = f"Über das Projekt (Entwurf {number})"
        page.save_revision()  # a draft of a live page: the live row keeps its title
        page.get_parent().add_child(
            instance=ContentPage(title=f"Entwurf {number}", slug=f"entwurf-{number}", live=False)
        )
        page.refresh_from_db()
        draft.append(_render(client, url))
    base = _median(steady)
    rows = [("steady", *base, 1.0)]
    for name, samples in (
        ("after a content edit", content),
        ("after a new page published", new_page),
        ("after a page retitled", retitled),
        ("after a shop it lists renamed", shop),
        ("after another shop renamed", other_shop),
        ("after a menu entry renamed", menu),
        ("after a page given a new slug", address),
        ("after everything replaced", structural),
        ("after a draft saved", draft),
    ):
        median = _median(samples)
        rows.append((name, *median, median[1] / base[1]))
    return rows


def print_table(rows, vendor: str, load: str) -> None:
    where = f"{vendor} ({PRODUCT_URL}, {ROUNDS} rounds, load {load})"
    print(f"\n## First render after a publish on {where}\n")
    print("| render | median ms | median CPU ms | queries | CPU / steady |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, wall, cpu, queries, ratio in rows:
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {queries} | {ratio:.2f} |")


def run(client) -> None:
    from django.db import connection

    rows = measure(client)
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print_table(rows, connection.vendor, load)


def main():
    import demo_site

    run(demo_site.client(LOAD_DEMO))


if __name__ == "__main__":
    main()
