"""Pages read catalogue products row by row (`Product.row_read_key`, `dependencies.rows_read`):
an editor's save of one product in the admin shows on the next request wherever that product
shows, in every language, and leaves the parts of every other page in place, where before it
rendered every page with products again (four to nine times the steady render). Which products a
list holds (the featured ones, a designer's) changes only through a save of a column a list
picks or orders by (`Product.row_content_fields`, `content_version._note_row_lists`): such a
save, and a sync's bulk writes, render every list of products again."""

import copy
import re
from functools import partial
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page

from catalogue.models import Product, ProductPartner
from catalogue.sync.engine import run_sync
from core import content_version, dependencies, fragments
from designers.models import DesignerPage, StoryPage
from products.blocks import ProductChooserBlock
from products.models import ProductIndexPage
from products.presentation import product_views
from shop_links.models import Retailer
from tests import visits
from tests.catalogue.conftest import SAMPLE, product, write_feed
from tests.core.test_row_changes import TABLE, in_language, product_url, steady

shown = partial(visits.shown, unescape=True)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages_with_fragments")]

LANGUAGES = ("de", "en", "nl", "fr")
MUG = "MAN-0007"  # featured: on the home page; stocked by two shops
APRON = "MAN-0019"  # the story "Arbeit, die bleibt" draws its chain and lists its shops
EARRINGS = "MAN-0012"  # one of Aylin Kaya's two products, stocked by Winkel Wyck
NOTEBOOK = "MAN-0016"  # Sofia Rossi's, not featured: none of the pages below shows it

CATALOGUE_DETAIL = {"catalogue_variant", "catalogue_productimage"}


def row_shown(external_id: str, code: str) -> Product:
    """The row a visitor reads in `code`: the product's translation, else its German row."""
    german = Product.objects.sources().get(external_id=external_id)
    return german.get_translation_or_none(Locale.objects.get(language_code=code)) or german


def translation_url(model, code: str, **german) -> str:
    page = model.objects.get(locale__language_code="de", **german)
    return page.get_translation(Locale.objects.get(language_code=code)).url


def pages(code: str) -> dict[str, str]:
    """A page of every type that shows chosen products, in `code`: none shows the notebook."""
    return {
        "home": Page.objects.get(depth=2, locale__language_code=code).url,
        "product": product_url(code, in_language(MUG, code)),
        "designer": translation_url(DesignerPage, code, catalogue_ref="aylin-kaya"),
        "story": translation_url(StoryPage, code, slug="arbeit-die-bleibt"),
    }


def asked(client, url) -> tuple[int, set[str]]:
    """How many queries one render of `url` asks, and of which tables."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    sql = [query["sql"] for query in captured.captured_queries]
    return len(sql), {table for query in sql for table in TABLE.findall(query)}


@pytest.fixture
def editor(django_user_model) -> Client:
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    return editor


def admin_edit(editor: Client, item: Product, **changes) -> None:
    """An editor's save of `item` in the admin's edit form: its editorial fields as they are,
    with `changes` (`featured=False` unticks the box)."""
    assert not item.step_notes.raw_data, "a product without notes: the form leaves them as they are"
    form = {
        "teaser": item.teaser,
        "featured": item.featured,
        "designer_page": item.designer_page_id or "",
        "material_origin": item.material_origin,
        "care_advice": item.care_advice,
        "repair_advice": item.repair_advice,
        "step_notes-count": "0",
        **changes,
    }
    if form.pop("featured"):
        form["featured"] = "on"
    response = editor.post(reverse("wagtailsnippets_catalogue_product:edit", args=[item.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]


CARD_TITLE = re.compile(
    r'<li class="card card--product">.*?class="card__heading"[^>]*><a [^>]*>(.*?)</a>', re.S
)


def card_titles(page: str) -> list[str]:
    """The titles of the product cards a page shows, in order."""
    return CARD_TITLE.findall(page)


def from_scratch(client, monkeypatch, urls) -> list[str]:
    monkeypatch.setattr(fragments, "ENABLED", False)
    try:
        return [shown(client, url) for url in urls]
    finally:
        monkeypatch.setattr(fragments, "ENABLED", True)


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_editors_save_of_a_product_leaves_the_pages_that_do_not_show_it(
    client, demo, editor, code, monkeypatch
):
    """The editor gives the notebook a new teaser and passport texts in the admin: the home page,
    a product page, a designer page and a story, none of which shows the notebook, ask the
    database what they asked before the save (their parts are kept: no product's photos or
    variants are read again), show what they showed, and are what a render from scratch shows.
    Then the editor features the notebook: the home page's featured cards are worked out again,
    and show it; the product page, the story and the designer page, which do not pick products by
    "featured", are still kept."""
    urls = pages(code)
    steady(client, *urls.values())
    before = {name: shown(client, url) for name, url in urls.items()}
    counts = {name: asked(client, url)[0] for name, url in urls.items()}
    version = content_version.current()

    admin_edit(
        editor,
        in_language(NOTEBOOK, "de"),
        teaser="Ein Heft für Notizen aus dem Quartier.",
        material_origin="Papier aus einer Mühle in der Eifel",
        care_advice="Trocken lagern.",
    )
    assert in_language(NOTEBOOK, "de").care_advice == "Trocken lagern."
    assert content_version.current() != version  # the whole pages (and the edge) are replaced

    for name, url in urls.items():
        count, tables = asked(client, url)
        assert (name, count) == (name, counts[name])
        assert not tables & CATALOGUE_DETAIL, (name, tables)
        assert shown(client, url) == before[name], name
    assert from_scratch(client, monkeypatch, urls.values()) == list(before.values())

    # The translator's save of the notebook's row in this language: the same.
    translated = in_language(NOTEBOOK, code)
    translated.teaser = f"Notizen {code}"
    translated.save()
    assert [asked(client, url)[0] for url in urls.values()] == list(counts.values())

    admin_edit(editor, in_language(NOTEBOOK, "de"), featured=True)
    home = shown(client, urls["home"])
    assert in_language(NOTEBOOK, code).title in card_titles(home)
    assert from_scratch(client, monkeypatch, [urls["home"]]) == [home]
    # The pages whose lists do not pick by "featured" are kept.
    for name in ("product", "story", "designer"):
        assert (name, asked(client, urls[name])[0]) == (name, counts[name])


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_product_featured_or_not_shows_on_the_home_page_at_once(
    client, demo, editor, code, monkeypatch
):
    """The home page's cards are the featured products: the editor ticks "featured" on the
    notebook, and its card is on the next visitor's home page in every language; unticked, it is
    gone. Each time the page is what a render from scratch shows."""
    home = pages(code)["home"]
    title = in_language(NOTEBOOK, code).title

    def cards() -> list[str]:
        return card_titles(shown(client, home))

    steady(client, home)
    assert title not in cards()
    assert in_language(MUG, code).title in cards()

    admin_edit(editor, in_language(NOTEBOOK, "de"), featured=True)
    assert title in cards()
    assert from_scratch(client, monkeypatch, [home]) == [shown(client, home)]

    admin_edit(editor, in_language(MUG, "de"), featured=False)
    admin_edit(editor, in_language(NOTEBOOK, "de"), featured=False)
    assert title not in cards()
    assert in_language(MUG, code).title not in cards()
    assert from_scratch(client, monkeypatch, [home]) == [shown(client, home)]


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_editors_save_of_a_product_shows_on_every_page_that_shows_it(
    client, demo, editor, code, monkeypatch
):
    """What a save changes shows on the next request where the product shows: the mug's care
    advice on its page, a workshop's note in the apron's chain in the story, the earrings' new
    title (a translator's) on Aylin Kaya's card and in her where-to-buy list. The pages are what
    a render from scratch shows, and a page that does not show the saved product stays kept."""
    urls = pages(code)
    steady(client, *urls.values())

    mug = in_language(MUG, code)
    mug.care_advice = f"Von Hand spülen ({code})."
    mug.save()
    passport = shown(client, urls["product"]).split('id="passport"', 1)[1]
    assert f"Von Hand spülen ({code})." in passport.split('id="where-heading"', 1)[0]
    assert asked(client, urls["story"])[1].isdisjoint(CATALOGUE_DETAIL)  # the apron's: kept

    apron = in_language(APRON, code)
    partner = ProductPartner.objects.filter(product=in_language(APRON, "de")).first().partner
    apron.step_notes = [("step", {"partner": partner.ref, "text": f"Zugeschnitten ({code})"})]
    apron.save()
    chain = shown(client, urls["story"]).split('class="chain__steps"', 1)[1].split("</ol>", 1)[0]
    assert f'<span class="chain__note">Zugeschnitten ({code})</span>' in chain
    assert asked(client, urls["designer"])[1].isdisjoint(CATALOGUE_DETAIL)  # no card of it

    earrings = row_shown(EARRINGS, code)  # no Dutch or French row: the German one
    earrings.title = f"Speichenohrringe {code}"
    earrings.save()
    page = shown(client, urls["designer"])
    cards, where = page.split('id="where-heading"', 1)
    assert f"Speichenohrringe {code}" in card_titles(cards)
    assert f"Speichenohrringe {code}" in where.split("</section>", 1)[0]

    after = [shown(client, url) for url in urls.values()]
    assert from_scratch(client, monkeypatch, urls.values()) == after


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_sync_that_retitles_a_product_shows_it_on_every_page_that_shows_it(
    client, demo, tmp_path, code, monkeypatch
):
    """The catalogue's sync writes in bulk, naming no row: every page with products is worked
    out again, and the mug's and the apron's new titles show on the home page's card, the mug's
    page and the story's chain, in the visitor's language."""
    sample = copy.deepcopy(SAMPLE)
    assert run_sync(write_feed(tmp_path, sample)).ok  # the demo as the feed has it
    urls = pages(code)
    steady(client, *urls.values())

    for ref, title in ((MUG, "Kanalbecher"), (APRON, "Kanalschürze")):
        product(sample, ref)["title"] = {language: f"{title} {language}" for language in LANGUAGES}
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.ok and summary.counts.get("updated")

    home, mug, _designer, story = (shown(client, url) for url in urls.values())
    assert f"Kanalbecher {code}" in card_titles(home)
    assert f"Kanalbecher {code}" in mug.split("<main", 1)[1]
    chain = story.split('class="chain__steps"', 1)[0].split("<main", 1)[1]
    assert f"Kanalschürze {code}" in chain
    assert from_scratch(client, monkeypatch, urls.values()) == [
        shown(client, url) for url in urls.values()
    ]


def test_the_product_index_renders_again_the_card_of_the_product_saved_only(client, demo, editor):
    """After an editor's save of the notebook, the product index that lists it asks for the
    listing again and renders the notebook's card again (its photos and variants, no other
    product's); Aylin Kaya's products (`?designer=`), which do not include it, are kept whole.
    Each is what a render from scratch shows."""
    index = ProductIndexPage.objects.live().get(locale__language_code="de").url
    hers = f"{index}?designer=aylin-kaya"
    steady(client, index, hers)
    before = [shown(client, index), shown(client, hers)]
    counts = [asked(client, index)[0], asked(client, hers)[0]]
    notebook = in_language(NOTEBOOK, "de")
    assert notebook.title in card_titles(before[0])
    assert notebook.title not in card_titles(before[1])

    admin_edit(editor, notebook, teaser="Ein neues Heft.")
    with CaptureQueriesContext(connection) as captured:
        assert shown(client, index) == before[0]
    assert len(captured) > counts[0]
    details = [
        query["sql"]
        for query in captured.captured_queries
        if set(TABLE.findall(query["sql"])) & CATALOGUE_DETAIL
    ]
    assert details, "the notebook's card is rendered again"
    for sql in details:
        assert re.search(rf"\bIN \({notebook.pk}\)", sql), sql  # its rows only
    assert asked(client, hers)[0] == counts[1]
    assert shown(client, hers) == before[1]


# ----------------------------------------------------------------- what is read, and replaced


def test_a_save_names_the_product_by_the_key_its_readers_note(demo):
    mug = in_language(MUG, "de")
    with dependencies.recording() as reads:
        dependencies.note_rows(Product, [mug.translation_key.hex])  # a key without dashes
    assert reads.keys() == [
        "rows:catalogue_product",
        f"row:catalogue_product:{mug.translation_key}",
    ]
    with dependencies.recording() as reads, dependencies.rows_read(Product, (), flags={"featured"}):
        pass
    assert reads.keys() == [
        "rows:catalogue_product",
        "list:catalogue_product",
        "list:catalogue_product:featured",
    ]
    teaser = dependencies.rows_read(Product, (), flags={"teaser"})  # a flag no save replaces
    with pytest.raises(ValueError, match="row_list_flags"), teaser:
        pass

    replaced = []

    def replace(keys):
        replaced.extend(keys)

    with mock.patch.object(content_version, "_replace_reads_now_and_on_commit", replace):
        mug.material_origin = "Ton aus dem Westerwald"
        mug.save()
        assert replaced == [
            "table:catalogue_product",
            f"row:catalogue_product:{mug.translation_key}",
        ]
        replaced.clear()
        mug.featured = not mug.featured  # a flag only the featured lists pick by, none shows
        mug.save()
        assert replaced == ["table:catalogue_product", "list:catalogue_product:featured"]
        replaced.clear()
        mug.title = "Becher Nord"  # a column every list of products may order by
        mug.featured = not mug.featured
        mug.save()
        assert replaced == [
            "table:catalogue_product",
            "list:catalogue_product",
            "list:catalogue_product:featured",
            f"row:catalogue_product:{mug.translation_key}",
        ]
        replaced.clear()
        mug.teaser = "Nur der Anreißer."
        mug.save(update_fields=["teaser"])  # asks the database nothing about the lists
        assert replaced == [
            "table:catalogue_product",
            f"row:catalogue_product:{mug.translation_key}",
        ]
        replaced.clear()
        Product.objects.get(pk=mug.pk).delete()  # a row gone leaves no list as it was
        assert "list:catalogue_product" in replaced
        assert f"row:catalogue_product:{mug.translation_key}" in replaced


def test_a_chosen_product_is_read_as_its_row(demo):
    """A product block's chosen product is looked up by its id (never reused) and read as the
    row of its translation key: not the table, which every product's save replaces."""
    mug, apron = in_language(MUG, "de"), in_language(APRON, "de")
    block = ProductChooserBlock()
    with dependencies.recording() as reads:
        found = block.bulk_to_python([apron.pk, None, mug.pk, 10**9])
    assert [getattr(item, "pk", None) for item in found] == [apron.pk, None, mug.pk, None]
    assert "catalogue_product" not in reads.tables
    assert {key for table, key in reads.rows if table == "catalogue_product"} == {
        str(mug.translation_key),
        str(apron.translation_key),
    }
    with dependencies.recording() as reads:
        assert block.bulk_to_python([10**9]) == [None]  # a product gone: nothing of it shown
        assert product_views([]) == []  # and no views of it, nor a list of products read
    assert reads.keys() == []
    with dependencies.recording() as reads:
        assert block.to_python(mug.pk) == mug
    assert reads.keys() == [
        "rows:catalogue_product",
        f"row:catalogue_product:{mug.translation_key}",
    ]

    # Cards worked out together: each kept with its own product's row.
    both = dependencies.Reads(
        tables={"wagtailimages_image"},
        rows={("catalogue_product", str(mug.translation_key)), ("catalogue_product", None)}
        | {("catalogue_product", str(apron.translation_key)), ("shop_links_retailer", "x")},
    )
    own = both.of_rows("catalogue_product", [mug.translation_key])
    assert own.tables == {"wagtailimages_image"}
    assert own.rows == {
        ("catalogue_product", str(mug.translation_key)),
        ("catalogue_product", None),
        ("shop_links_retailer", "x"),
    }


# A column named where a query picks, joins or orders rows (the last clause keyword before it).
CLAUSE = re.compile(r"\b(SELECT|FROM|WHERE|ON|ORDER BY|GROUP BY|HAVING)\b")


def picked_by(sql: str, columns) -> set[str]:
    """Which of `columns` (quoted, of any table alias) `sql` picks, joins or orders rows by."""
    found = set()
    for column in columns:
        for match in re.finditer(rf'"{column}"', sql):
            clauses = CLAUSE.findall(sql, 0, match.start())
            if clauses and clauses[-1] not in ("SELECT", "FROM"):
                found.add(column)
    return found


def test_no_list_read_as_rows_picks_or_orders_by_what_a_save_changes_alone(client, demo):
    """The guard's premise (`Product.row_content_fields`, `Retailer.row_content_fields`): a save
    that changes only those columns replaces the readers of that row, not the lists read as rows,
    so no query of a `rows_read(Product, ...)` or `rows_read(Retailer, ...)` block may pick or
    order rows by one of them. Every live page and every product page of the demo, in four
    languages, is rendered and each such query checked."""
    content = {
        model._meta.db_table: {
            model._meta.get_field(name).column for name in model.row_content_fields
        }
        for model in (Product, Retailer)
    }
    # A flag (`row_list_flags`) only where the block says it picks by it.
    flags = {
        model._meta.db_table: {model._meta.get_field(name).column for name in model.row_list_flags}
        for model in (Product,)
    }
    checked, wrong, by_flag = {table: [] for table in content}, [], []

    def check(execute, sql, params, many, context):
        for table in content.keys() & dependencies._by_rows.get():
            checked[table].append(sql)
            if picked_by(sql, content[table]):
                wrong.append(sql)
            declared = {column for name, column in dependencies._by_flags.get() if name == table}
            if picked_by(sql, flags.get(table, set()) - declared):
                wrong.append(sql)
            elif picked_by(sql, flags.get(table, set())):
                by_flag.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(check):
        # The check itself sees a list by a teaser, and one of shops by their names.
        with dependencies.rows_read(Product, ()):
            list(Product.objects.filter(teaser="x").order_by("material").values("title"))
        with dependencies.rows_read(Retailer, ()):
            Retailer.objects.filter(live=True).order_by("name").count()
            list(Retailer.objects.filter(live=True).order_by("name").values("pk"))
        with dependencies.rows_read(Product, ()):  # featured, but the block does not say so
            list(Product.objects.filter(featured=True).values("pk"))
        assert [
            picked_by(sql, content[table] | flags.get(table, set()))
            for sql, table in zip(
                wrong,
                (Product._meta.db_table, Retailer._meta.db_table, Product._meta.db_table),
                strict=True,
            )
        ] == [{"teaser", "material"}, {"name"}, {"featured"}]
        wrong.clear()
        urls = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
        for index in ProductIndexPage.objects.live():
            products = Product.objects.live().filter(locale=index.locale)
            urls += [f"{index.url}{item.slug}/" for item in products]
            retailer = Retailer.objects.get(ref="winkel-wyck", locale__language_code="de")
            urls += [
                f"{index.url}?designer=aylin-kaya",
                f"{index.url}?retailer={retailer.list_key}",
            ]
        for url in urls:
            assert client.get(url).status_code == 200, url
    # Product pages, stories, designer pages, home pages; the shops of where-to-buy lists.
    assert len(checked["catalogue_product"]) > len(urls) / 2
    assert len(checked["shop_links_retailer"]) > len(urls) / 2
    assert by_flag  # the home pages' featured products
    assert not wrong, wrong


CALENDAR = "MAN-0018"  # a draft in the catalogue: no page shows it


def product_list_pages(code: str) -> list[str]:
    """The pages in `code` that list products or count them, and pages that show chosen ones."""
    from catalogue.models import ProductionPartner
    from events.models import EventPage
    from results.models import ResultsPage
    from shop_links.models import RetailerIndexPage
    from trade.models import TradePage
    from workshops.models import WorkshopIndexPage

    def live(model) -> list[str]:
        return [page.url for page in model.objects.live().filter(locale__language_code=code)]

    index = ProductIndexPage.objects.live().get(locale__language_code=code).url
    workshop = ProductionPartner.objects.sources().filter(in_feed=True).first().ref
    retailer = Retailer.objects.get(ref="winkel-wyck", locale__language_code="de")
    return [
        *pages(code).values(),
        index,
        f"{index}?designer=aylin-kaya",
        f"{index}?retailer={retailer.list_key}",
        *live(RetailerIndexPage),
        *(f"{url}{workshop}/" for url in live(WorkshopIndexPage)),
        *live(EventPage),
        *live(TradePage),
        *live(ResultsPage),
        translation_url(Page, code, url_path__endswith="/das-depot/"),  # a product list's link
    ]


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_editors_save_of_a_product_no_page_shows_leaves_every_list_of_products(
    client, demo, editor, code
):
    """The calendar is a draft in the catalogue: no page shows it. After an editor gives it a
    teaser and passport texts in the admin, every page that lists or counts products (the index,
    filtered or not, the retailers page, a workshop's page, the events', the trade page's form,
    the results page's figures, a line sheet's link) and every page that shows chosen ones asks
    the database what it asked before."""
    urls = product_list_pages(code)
    steady(client, *urls)
    counts = {url: asked(client, url)[0] for url in urls}

    admin_edit(
        editor,
        in_language(CALENDAR, "de"),
        teaser="Zwölf Monate Aachen-Nord.",
        care_advice="Nicht knicken.",
    )
    after = {url: asked(client, url)[0] for url in urls}
    assert {url: (counts[url], n) for url, n in after.items() if n != counts[url]} == {}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_product_featured_or_not_leaves_every_list_that_does_not_pick_by_it(
    client, demo, editor, code, monkeypatch
):
    """Only the featured products' cards pick by "featured" (`Product.row_list_flags`): after
    the editor features the notebook, and again after unfeaturing it, the home page shows the
    change, and every other page that lists, counts or shows products (the notebook's designer's
    page among them, which shows its card) asks the database what it asked before and is what a
    render from scratch shows. Before, each such page was worked out again (a designer page's
    portrait and cards: 4.1 times the steady render)."""
    home = pages(code)["home"]
    rossi = translation_url(DesignerPage, code, catalogue_ref="sofia-rossi")
    urls = [url for url in product_list_pages(code) if url != home] + [rossi]
    steady(client, home, *urls)
    counts = {url: asked(client, url)[0] for url in urls}
    before = {url: shown(client, url) for url in (rossi, urls[0])}
    title = in_language(NOTEBOOK, code).title
    assert title in card_titles(before[rossi])

    for featured in (True, False):
        admin_edit(editor, in_language(NOTEBOOK, "de"), featured=featured)
        assert (title in card_titles(shown(client, home))) is featured
        after = {url: asked(client, url)[0] for url in urls}
        assert {url: (counts[url], n) for url, n in after.items() if n != counts[url]} == {}
        assert {url: shown(client, url) for url in before} == before
    assert from_scratch(client, monkeypatch, list(before)) == list(before.values())
