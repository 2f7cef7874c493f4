"""What the first render after a publish costs, against the steady render of the same page.

    .venv/bin/python bench/first_after_publish.py   # on the database in DATABASE_URL (default:
                                                    # a temporary SQLite with the demo loaded)
    bench/pages                                     # runs it too, after the page table

A publish replaces the content version (`core.content_version`): the page cache misses, and
whatever else is kept under the version is worked out again by the next request. This measures
a product page (uncached: the page cache is off, as in `bench/pages`) rendered steadily, then
rendered once right after each of these changes, ROUNDS times each:

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
- "another product saved": an editor gives a product none of the measured pages shows a new
  teaser in the admin (`Product.save`): pages read products row by row
  (`Product.row_read_key`), so the pages that do not show it keep everything;
- "another product featured": the editor ticks or unticks "featured" on it, a flag only the
  featured products' cards pick by (`Product.row_list_flags`): the home page's cards are read
  again, every other page (a designer's products, a product page) keeps all;
- "menu entry renamed": an editor publishes the main menu with an entry renamed (a snippet in
  the frame of every page): the frame and the fragments rendered with it are worked out again,
  the routes, the Locales and the vocabularies are kept;
- "page given a new slug": an editor publishes the project page (linked from the menu, with the
  pages created above and the Depot's below it) under a new slug: the addresses of that branch
  change (`content_version.invalidate_addresses`); the product page asks for the menu's entries
  and the addresses of the pages it links again, its route and fragments stay;
- "its own product changed": the catalogue's sync writes a new material of the product the page
  shows (`catalogue.Product`, the row its body and passport read): the page's own text changed,
  so its parts that show it are rendered again, the frame and the routes kept;
- "everything replaced": what a move, a language's home, a Site or a Locale do
  (`content_version.invalidate()`): everything is worked out again;
- "draft saved": an editor saves a draft of the German project page with a new title and then
  creates a new page as a draft ("Save draft" in the admin, `Page.save_revision` and `add_child`
  of a page that is not live): nothing visitors see changes, so nothing kept is replaced.

It prints the median wall and CPU time of each, the queries of one render, the CPU time it
adds to the steady render and its ratio to it, in two groups:

- publishes that leave what the product page shows as it was (the content edit, the new page, the
  new title, another shop, another product saved or featured, a draft): what a publish costs the
  pages it does not touch, most pages after most publishes. Target: at most 1.3× the steady
  render;
- publishes that change what it shows (its menu, an address it links, a shop it lists, its own
  product): the page renders those parts again, at what they cost (`docs/performance.md`).

And last, "everything replaced", the structural changes that are worked out from scratch. A
second table gives a designer page after an edit of another page and after a shop it does not
list and one it lists renamed, a third the home page after an edit of the page its call to action
links and of a story it shows.
"""

import html
import os
import statistics
import time

if __name__ == "__main__":
    import demo_site

    LOAD_DEMO = demo_site.setup(PAGE_CACHE_TIMEOUT="0")

ROUNDS = int(os.environ.get("ROUNDS", "30"))
PRODUCT_URL = "/de/produkte/overhead-line-lamp/"
EDITED_PAGE = "/de/ueber-das-projekt/"
# A designer whose work three of the demo's six shops stock: the others are shops it does not list.
DESIGNER_URL = "/de/designerinnen/aylin-kaya/"
HOME_URL = "/de/"


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


def _rows(client, url, changes, rounds) -> list[tuple]:
    """Rows (group, case, wall ms, CPU ms, queries, ratio of CPU to steady) of `url`: each round
    renders it steadily, then makes each of `changes` ((group, case, change(number))) in turn,
    each followed by the render measured, and a steady render before the next."""
    for _ in range(3):
        client.get(url)  # warm-up: renditions, frame, routes
    steady, samples = [], {name: [] for _group, name, _change in changes}
    for number in range(rounds):
        for _group, name, change in changes:
            steady.append(_render(client, url))
            change(number)
            samples[name].append(_render(client, url))
    base = _median(steady)
    rows = [("", "steady", *base, 1.0)]
    for group in (LEAVES_IT, CHANGES_IT, FROM_SCRATCH):
        for in_group, name, _change in changes:
            if in_group == group:
                median = _median(samples[name])
                rows.append((group, f"after {name}", *median, median[1] / base[1]))
    return rows


def _project_page():
    """The German project page, under whatever slug an earlier run of `measure` left it with."""
    from django.db.models import Q
    from wagtail.models import Page

    about = Q(slug="ueber-das-projekt") | Q(slug__regex=r"^projekt-[0-9]+$")
    return Page.objects.get(about, locale__language_code="de").specific


def _edit(page, number):
    """An editor's publish of a changed text of `page`: a new revision, published."""
    page.body = [("paragraph", f"<p>Geändert, Runde {number}.</p>")]
    page.save_revision().publish()
    page.refresh_from_db()


# Products none of the measured pages shows (not featured, not Aylin Kaya's, not the lamp): one
# given a new teaser, the other featured and unfeatured (the home page shows it while featured).
SAVED_PRODUCT, FEATURED_PRODUCT = "quarter-notebook", "aachen-nord-postcard-set"


def _product(slug):
    from catalogue.models import Product

    return Product.objects.get(slug=slug, locale__language_code="de")


def _product_saved(number):
    """An editor's save of another product's teaser in the admin (`Product.save`)."""
    product = _product(SAVED_PRODUCT)
    product.teaser = f"Ein Heft, Runde {number}."
    product.save()


def _product_featured(number):
    """An editor ticks or unticks "featured" on another product: a flag only the featured
    products' cards pick by (`Product.row_list_flags`), so only those lists are read again."""
    product = _product(FEATURED_PRODUCT)
    product.featured = not product.featured
    product.save()


def _rename(shop, name):
    shop.name = name
    shop.save_revision().publish()


def _text(client, url) -> str:
    """The page at `url` as a visitor reads its text: entities decoded, no soft hyphens."""
    return html.unescape(client.get(url).content.decode()).replace("\xad", "")


def _names(text, model, field: str, row) -> bool:
    """Whether `text` names `row` (a German row of `model`) by the `field` of any of its
    translations (a French page shows a product's French title)."""
    names = model.objects.filter(translation_key=row.translation_key).values_list(field, flat=True)
    return any(name in text for name in names)


def measure(client, url=PRODUCT_URL, rounds=ROUNDS) -> list[tuple]:
    """Rows (group, case, wall ms, CPU ms, queries, ratio of CPU to steady) for `url`."""
    from catalogue.models import Product
    from core import content_version
    from core.models import ContentPage, Navigation
    from shop_links.models import Retailer, StockistLink

    page = _project_page()
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    retailer = StockistLink.objects.filter(product__slug=slug, retailer__live=True).first().retailer
    listed = StockistLink.objects.filter(product__slug=slug).values("retailer")
    other = Retailer.objects.filter(locale=retailer.locale, live=True).exclude(pk__in=listed)[0]
    product = Product.objects.get(slug=slug, locale__language_code="de")
    navigation = Navigation.objects.get(locale__language_code="de", live=True)
    entry = navigation.items.first()
    added = []

    def new_page(number):  # created as a draft (changes nothing), then published
        added.append(
            page.add_child(
                instance=ContentPage(title=f"Neu {number}", slug=f"neu-{number}", live=False)
            )
        )
        added[-1].save_revision().publish()

    def retitle(number):
        added[-1].refresh_from_db()
        added[-1].title = f"Neu {number}, umbenannt"
        added[-1].save_revision().publish()

    def menu_entry(number):
        entry.label = f"Eintrag {number}"
        entry.save()
        navigation.save_revision().publish()

    def new_slug(number):
        page.slug = f"projekt-{number}"
        page.save_revision().publish()
        page.refresh_from_db()

    def own_product(number):
        product.material = f"Eiche, Runde {number}"
        product.save()  # what the catalogue's sync does with a changed row

    def draft(number):
        page.title = f"Über das Projekt (Entwurf {number})"
        page.save_revision()  # a draft of a live page: the live row keeps its title
        page.get_parent().add_child(
            instance=ContentPage(title=f"Entwurf {number}", slug=f"entwurf-{number}", live=False)
        )
        page.refresh_from_db()

    changes = [
        (LEAVES_IT, "a content edit", lambda number: _edit(page, number)),
        (LEAVES_IT, "a new page published", new_page),
        (LEAVES_IT, "a page retitled", retitle),
        (CHANGES_IT, "a shop it lists renamed", lambda n: _rename(retailer, f"Laden {n}")),
        (LEAVES_IT, "another shop renamed", lambda n: _rename(other, f"Anderer Laden {n}")),
        (LEAVES_IT, "another product saved", _product_saved),
        (LEAVES_IT, "another product featured", _product_featured),
        (CHANGES_IT, "a menu entry renamed", menu_entry),
        (CHANGES_IT, "a page it links given a new slug", new_slug),
        (CHANGES_IT, "its own product changed", own_product),
        # A move, a Site, a Locale: everything is worked out again.
        (FROM_SCRATCH, "everything replaced", lambda number: content_version.invalidate()),
        (LEAVES_IT, "a draft saved", draft),
    ]
    return _rows(client, url, changes, rounds)


def measure_designer(client, url=DESIGNER_URL, rounds=ROUNDS) -> list[tuple]:
    """The same rows for a designer page after a shop it does not list, and one it lists, renamed
    (and an edit of another page, for comparison): its where-to-buy list reads its shops one by
    one, as the product page's does."""
    from shop_links.models import Retailer

    client.get(url)
    shown = _text(client, url)
    shops = Retailer.objects.filter(locale__language_code="de", live=True, in_feed=True)
    listed = next(shop for shop in shops if _names(shown, Retailer, "name", shop))
    other = next(shop for shop in shops if not _names(shown, Retailer, "name", shop))
    page = _project_page()
    changes = [
        (LEAVES_IT, "a content edit", lambda number: _edit(page, number)),
        (LEAVES_IT, "a shop it does not list renamed", lambda n: _rename(other, f"Anderer {n}")),
        (LEAVES_IT, "another designer's product saved", _product_saved),
        (LEAVES_IT, "another product featured", _product_featured),
        (CHANGES_IT, "a shop it lists renamed", lambda n: _rename(listed, f"Laden {n}")),
    ]
    return _rows(client, url, changes, rounds)


def measure_home(client, url=HOME_URL, rounds=ROUNDS) -> list[tuple]:
    """The same rows for the home page after an edit of the project page, which its call to
    action only links (by address: `core.blocks.PageLinkBlock`), and of a story it shows (the
    lead of one of its latest stories' cards)."""
    from designers.models import StoryPage

    page = _project_page()
    story = StoryPage.objects.live().filter(locale__language_code="de").order_by("-date")[0]

    def story_lead(number):
        story.lead = f"Neu erzählt, Runde {number}."
        story.save_revision().publish()

    changes = [
        (LEAVES_IT, "an edit of the page its button links", lambda n: _edit(page, n)),
        (LEAVES_IT, "a product it does not show saved", _product_saved),
        (CHANGES_IT, "a product featured or no longer", _product_featured),
        (CHANGES_IT, "a story it shows edited", story_lead),
    ]
    return _rows(client, url, changes, rounds)


# The groups of `measure`'s rows.
LEAVES_IT = "leaves what the page shows (target ≤ 1.3×)"
CHANGES_IT = "changes what the page shows (those parts rendered again)"
FROM_SCRATCH = "a move, a language's home, a Site, a Locale"


def print_table(rows, vendor: str, load: str, url: str = PRODUCT_URL) -> None:
    where = f"{vendor} ({url}, {ROUNDS} rounds, load {load})"
    print(f"\n## First render after a publish on {where}\n")
    print("| publish | render | median ms | median CPU ms | queries | + CPU ms | CPU / steady |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    steady_cpu, shown = rows[0][3], ""
    for group, name, wall, cpu, queries, ratio in rows:
        added = f"{cpu - steady_cpu:+.1f}" if group else ""
        heading, shown = ("" if group == shown else group), group
        print(
            f"| {heading} | {name} | {wall:.1f} | {cpu:.1f} | {queries} | {added} | {ratio:.2f} |"
        )


def run(client) -> None:
    from django.db import connection

    def load() -> str:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())

    print_table(measure(client), connection.vendor, load())
    print_table(measure_designer(client), connection.vendor, load(), DESIGNER_URL)
    print_table(measure_home(client), connection.vendor, load(), HOME_URL)


def main():
    import demo_site

    run(demo_site.client(LOAD_DEMO))


if __name__ == "__main__":
    main()
