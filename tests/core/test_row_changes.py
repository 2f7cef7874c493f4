"""A change of a row that is no page (a snippet, a setting, a vocabulary term, a catalogue row
written by a sync) shows on the next request wherever that row shows, in every language, and
leaves the rest in place: the routes, the Locales and the fragments and values kept of pages
that read nothing of its table (`content_version.invalidate_rows`, the `table:` reads of
`core.dependencies`). What makes the site's structure (a Site, a Locale, a private section)
still replaces everything."""

import copy
import re
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from catalogue.models import CatalogueTerm, Product
from catalogue.sync.engine import run_sync
from core import content_version, dependencies
from core.models import Navigation
from designers.models import DesignerPage
from products.models import ProductIndexPage
from shop_links.models import Retailer, StockistLink
from tests import visits
from tests.catalogue.conftest import SAMPLE, product, write_feed
from tests.factories import publish
from tests.visits import queries

# Pages read as a visitor reads their texts and addresses (entities decoded).
shown = partial(visits.shown, unescape=True)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages_with_fragments")]

LANGUAGES = ("de", "en", "nl", "fr")
MUG = "MAN-0007"  # category `mug`


def tables_read(client, url) -> set[str]:
    """The tables the render of `url` asks the database for."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return {table for query in captured.captured_queries for table in TABLE.findall(query["sql"])}


TABLE = re.compile(r'(?:FROM|JOIN) "(\w+)"')


def steady(client, *urls):
    """Every page twice: what they keep is kept."""
    for _ in range(2):
        for url in urls:
            shown(client, url)


def about_url(code="de") -> str:
    """A page that shows no product, no shop and no term: the project page."""
    page = Page.objects.get(url_path__endswith="/ueber-das-projekt/", locale__language_code="de")
    return page.get_translation(Locale.objects.get(language_code=code)).url


def product_url(code: str, item: Product) -> str:
    index = ProductIndexPage.objects.live().get(locale__language_code=code)
    return f"{index.url}{item.slug}/"


def in_language(external_id: str, code: str) -> Product:
    german = Product.objects.sources().get(external_id=external_id)
    return Product.objects.get(translation_key=german.translation_key, locale__language_code=code)


def category_shown(page: str) -> str:
    match = re.search(r'<dd class="product__category"[^>]*>([^<]*)</dd>', page)
    assert match, "no category line on the product page"
    return match.group(1)


def test_the_tables_a_query_reads_are_its_reads():
    from core.dependencies import _analyse

    assert _analyse('SELECT COUNT(*) AS "__count" FROM "catalogue_product"').tables == {
        "catalogue_product"
    }
    joined = _analyse(
        'SELECT "shop_links_stockistlink"."id" FROM "shop_links_stockistlink" INNER JOIN '
        '"shop_links_retailer" T3 ON ("shop_links_stockistlink"."retailer_id" = T3."id") '
        'WHERE EXISTS(SELECT 1 AS "a" FROM "catalogue_variant" U0 WHERE U0."product_id" = %s)'
    )
    assert joined.tables == {"shop_links_stockistlink", "shop_links_retailer", "catalogue_variant"}
    # Tables of no model shown on pages are no read; a page's are read as pages.
    assert _analyse('SELECT "catalogue_syncrun"."id" FROM "catalogue_syncrun"').tables == set()
    assert _analyse('SELECT "wagtailcore_page"."id" FROM "wagtailcore_page"').tables == set()


def test_a_shop_renamed_shows_on_the_product_pages_that_list_it_and_leaves_other_pages(
    client, demo
):
    link = StockistLink.objects.filter(
        retailer__locale__language_code="de",
        retailer__live=True,
        product__locale__language_code="de",
    ).first()
    retailer = link.retailer
    page = product_url("de", link.product)
    about = about_url()
    steady(client, page, about)
    kept = queries(client, about)
    structure = content_version.structure()

    retailer.name = "Kaufhaus am Kanal"
    publish(retailer)

    assert "Kaufhaus am Kanal" in shown(client, page)
    assert content_version.structure() == structure  # the routes and Locales stay
    assert queries(client, about) == kept  # nothing of the about page read a shop
    content_version.invalidate()  # a move, a Site, a Locale: everything is worked out again
    assert queries(client, about) > kept


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_shop_renamed_renders_the_chain_and_where_to_buy_again_not_the_product(
    client, demo, code, monkeypatch
):
    """The product page's parts are worked out each on its own (`ProductPageParts`): after a
    shop's rename in the page's language the visitor sees the new name in the production chain
    and in the where-to-buy list, and the page is what a render from scratch shows; only the
    shops are asked for again (their rows and translations, in one query): not the product's
    links to them (kept apart), the images, variants and renditions, and not what the rest of
    the passport and the chain's designer and workshop steps show (kept on their own)."""
    from core import fragments

    page = product_url(code, in_language(MUG, code))
    steady(client, page)
    german = StockistLink.objects.filter(product__external_id=MUG, retailer__live=True)
    german = german.filter(product__locale__language_code="de").first().retailer
    retailer = Retailer.objects.get(
        translation_key=german.translation_key, locale__language_code=code
    )
    retailer.name = f"Kanalladen {code}"
    publish(retailer)

    with CaptureQueriesContext(connection) as captured:
        assert client.get(page).status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    read = {table for query in sql for table in TABLE.findall(query)}
    # The shops' rows, with their translations, in one query; the product's links kept.
    assert len([query for query in sql if '"shop_links_retailer"' in query]) == 1, sql
    assert "shop_links_stockistlink" not in read
    assert read.isdisjoint(
        {"catalogue_productimage", "catalogue_variant", "wagtailimages_rendition"}
    )
    assert read.isdisjoint(
        {"catalogue_productpartner", "workshops_workshop", "designers_designerpage"}
    )
    after = shown(client, page)
    main = after.split("<main", 1)[1]
    chain = main.split('class="chain__steps"', 1)[1].split("</ol>", 1)[0]
    where = main.split('id="where-heading"', 1)[1]
    assert f"Kanalladen {code}" in chain
    assert f"Kanalladen {code}" in where
    assert f"Kanalladen {code}" not in after.split("<main", 1)[0]  # the head names no shop
    monkeypatch.setattr(fragments, "ENABLED", False)
    assert shown(client, page) == after  # as a render from scratch


ONE_SHOP = "MAN-0006"  # stocked by the Depot's shop only (the mug by it and Winkel Wyck)


def shop_row(ref: str, code: str) -> Retailer:
    german = Retailer.objects.get(ref=ref, locale__language_code="de")
    return Retailer.objects.get(translation_key=german.translation_key, locale__language_code=code)


def shops_read(client, url) -> int:
    """How many queries of the shops' table the render of `url` makes."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('"shop_links_retailer"' in query["sql"] for query in captured.captured_queries)


def sync_renames_the_depots_shop(tmp_path, sample) -> None:
    """The catalogue's sync renames the Depot's shop "Depot-Laden am Talbot", in bulk writes that
    name no row."""
    depot = next(shop for shop in sample["retailers"] if shop["ref"] == "laden-im-depot")
    depot["name"] = "Depot-Laden am Talbot"
    assert run_sync(write_feed(tmp_path, sample)).ok


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_shop_changed_re_renders_the_product_pages_that_list_it_not_the_others(
    client, demo, tmp_path, code, monkeypatch
):
    """A product page reads its shops row by row (`dependencies.rows_read`): after an editor
    renames, unpublishes or publishes a shop, the product pages that list it show the change on
    the next request, and a product page that lists other shops only keeps its shops' part (no
    query of the shops) and is what a render from scratch shows. A sync, whose bulk writes name
    no row, replaces every product page's shops."""
    from core import fragments

    sample = copy.deepcopy(SAMPLE)
    assert run_sync(write_feed(tmp_path, sample)).ok  # the demo as the feed has it
    mug, other = (product_url(code, in_language(ref, code)) for ref in (MUG, ONE_SHOP))
    steady(client, mug, other)
    assert shops_read(client, other) == 0
    wyck = shop_row("winkel-wyck", code)

    wyck.name = f"Winkel aan de Maas {code}"
    publish(wyck)
    assert f"Winkel aan de Maas {code}" in shown(client, mug)
    assert shops_read(client, other) == 0  # kept: it lists the Depot's shop only
    kept = shown(client, other)
    assert "Winkel aan de Maas" not in kept

    german = shop_row("winkel-wyck", "de")
    german.unpublish()
    page = shown(client, mug)
    assert f"Winkel aan de Maas {code}" not in page
    assert "Laden im Depot" in page.split('id="where-heading"', 1)[1]
    assert shops_read(client, other) == 0
    publish(Retailer.objects.get(pk=german.pk))
    if code == "de":
        assert f"Winkel aan de Maas {code}" in shown(client, mug)
    assert shops_read(client, other) == 0

    # The catalogue's sync renames the Depot's shop: every product page listing it.
    sync_renames_the_depots_shop(tmp_path, sample)
    assert shops_read(client, other) > 0
    if code == "de":
        assert "Depot-Laden am Talbot" in shown(client, other)
    assert shops_read(client, other) == 0  # kept again
    page = shown(client, other)
    monkeypatch.setattr(fragments, "ENABLED", False)
    assert shown(client, other) == page  # as a render from scratch
    assert shown(client, mug) == shown(client, mug)


def designer_url(code: str, ref: str) -> str:
    german = DesignerPage.objects.get(catalogue_ref=ref, locale__language_code="de")
    return DesignerPage.objects.get(
        translation_key=german.translation_key, locale__language_code=code
    ).url


def where_section(page: str) -> str:
    return page.split('id="where-heading"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_shop_changed_re_renders_the_designer_pages_that_list_it_not_the_others(
    client, demo, tmp_path, code, monkeypatch
):
    """A designer page's where-to-buy list reads its shops row by row, as a product page does:
    after an editor renames, unpublishes or publishes a shop, the designer pages that list it (or
    would, once it is live) show the change on the next request; a designer page whose work that
    shop does not stock asks nothing of the shops and stays what a render from scratch shows.
    Before, it read the shops' table as a whole, and any shop's change rendered every designer
    page again (four times the steady render). A sync, whose bulk writes name no row, replaces
    every designer page's shops."""
    from core import fragments

    sample = copy.deepcopy(SAMPLE)
    assert run_sync(write_feed(tmp_path, sample)).ok  # the demo as the feed has it
    # Aylin Kaya's work is stocked by Winkel Wyck and not by the fair-trade online shop; Tom
    # Becker's the other way round.
    kaya, becker = designer_url(code, "aylin-kaya"), designer_url(code, "tom-becker")
    steady(client, kaya, becker)
    assert shops_read(client, becker) == 0
    wyck, online = shop_row("winkel-wyck", code), shop_row("fair-handeln-nrw", code)
    assert wyck.name in where_section(shown(client, kaya))
    assert wyck.name not in shown(client, becker)
    assert online.name in where_section(shown(client, becker))
    assert online.name not in shown(client, kaya)

    wyck.name = f"Winkel aan de Maas {code}"
    publish(wyck)
    # Only the where-to-buy part is rendered again: the portrait, the product cards and the
    # stories (worked out before it, placed after it) are kept.
    read = tables_read(client, kaya)
    assert {"shop_links_retailer", "shop_links_stockistlink"} <= read
    assert read.isdisjoint(
        {"wagtailimages_image", "wagtailimages_rendition", "designers_storypage"}
    ), read
    assert f"Winkel aan de Maas {code}" in where_section(shown(client, kaya))
    assert shops_read(client, becker) == 0  # kept: no shop it lists changed
    assert "Winkel aan de Maas" not in shown(client, becker)

    # A shop the designer's work has links in, closed and opened again.
    german = shop_row("fair-handeln-nrw", "de")
    german.unpublish()
    assert online.name not in shown(client, becker)
    assert shops_read(client, kaya) == 0
    publish(Retailer.objects.get(pk=german.pk))
    assert online.name in where_section(shown(client, becker))
    assert shops_read(client, kaya) == 0

    # The catalogue's sync renames the Depot's shop: every designer page listing it.
    sync_renames_the_depots_shop(tmp_path, sample)
    assert shops_read(client, kaya) > 0
    if code == "de":
        assert "Depot-Laden am Talbot" in where_section(shown(client, kaya))
    assert shops_read(client, kaya) == 0  # kept again
    pages = [shown(client, kaya), shown(client, becker)]
    monkeypatch.setattr(fragments, "ENABLED", False)
    assert [shown(client, kaya), shown(client, becker)] == pages  # as a render from scratch


@pytest.mark.parametrize("code", LANGUAGES)
def test_what_the_passport_keeps_apart_from_the_shops_follows_its_own_changes(
    client, demo, code, monkeypatch
):
    """The designer's and workshops' steps and the rest of the passport are kept within the
    passport's fragment (a shop renamed leaves them): the designer's new name and an editor's
    new care advice show on the next request all the same, beside the shops, as a render from
    scratch shows them."""
    from core import fragments

    mug = in_language(MUG, code)
    page = product_url(code, mug)
    steady(client, page)
    designer = mug.record.designer().localized.specific
    designer.title = f"Atelier Nord {code}"
    publish(designer)
    after = shown(client, page)
    chain = after.split('class="chain__steps"', 1)[1].split("</ol>", 1)[0]
    assert f"Atelier Nord {code}" in chain
    assert 'class="chain__step chain__step--sell"' in chain

    mug.care_advice = f"Von Hand spülen, {code}."
    mug.save()
    after = shown(client, page)
    passport = after.split('id="passport"', 1)[1].split('id="where-heading"', 1)[0]
    assert f"Von Hand spülen, {code}." in passport
    assert f"Atelier Nord {code}" in passport
    monkeypatch.setattr(fragments, "ENABLED", False)
    assert shown(client, page) == after  # as a render from scratch


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_relabelled_category_shows_on_product_pages_and_cards(client, demo, code):
    """The vocabulary is kept with the structure and the terms' table; the product cards are
    kept with what they read: both follow the term at once."""
    mug = in_language(MUG, code)
    page, index = (
        product_url(code, mug),
        ProductIndexPage.objects.live().get(locale__language_code=code).url,
    )
    about = about_url(code)
    steady(client, page, index, about)
    kept = queries(client, about)
    before = category_shown(shown(client, page))
    assert before in shown(client, index)

    term = CatalogueTerm.objects.get(kind="category", code="mug", locale__language_code=code)
    term.label = f"Kaffeepott-{code}"
    term.save()

    assert category_shown(shown(client, page)) == f"Kaffeepott-{code}"
    cards = shown(client, index)
    assert f"Kaffeepott-{code}" in cards
    assert queries(client, about) == kept


def test_a_menu_entry_renamed_shows_in_the_menu_of_every_page_and_keeps_the_routes(client, demo):
    navigation = Navigation.objects.get(locale__language_code="fr", live=True)
    item = navigation.items.first()
    pages = [about_url("fr"), product_url("fr", in_language(MUG, "fr"))]
    steady(client, *pages)
    structure = content_version.structure()

    item.label = "Nos ateliers du quartier"
    item.save()
    publish(navigation)

    for url in pages:
        menu = shown(client, url).split("<main", 1)[0]
        assert "Nos ateliers du quartier" in menu, url
    assert content_version.structure() == structure


def test_a_sync_that_changes_a_product_shows_it_and_leaves_pages_without_products(
    client, demo, tmp_path
):
    sample = copy.deepcopy(SAMPLE)
    assert run_sync(write_feed(tmp_path, sample)).ok  # the demo as the feed has it
    mug = in_language(MUG, "de")
    page, about = product_url("de", mug), about_url()
    steady(client, page, about)
    kept = queries(client, about)
    structure = content_version.structure()

    product(sample, MUG)["title"]["de"] = "Der Kanalbecher"
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.ok and summary.counts.get("updated")

    assert "Der Kanalbecher" in shown(client, product_url("de", in_language(MUG, "de")))
    assert content_version.structure() == structure
    assert queries(client, about) == kept

    # A re-sync that changes nothing replaces nothing.
    version = content_version.current()
    assert run_sync(write_feed(tmp_path, sample)).ok
    assert content_version.current() == version


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_products_shops_changed_by_a_sync_or_an_editor_show_at_once(client, demo, tmp_path, code):
    """A product's links to its shops are kept apart from the shops (a shop renamed keeps
    them): a sync that drops one, an editor's new link and an editor's deletion each show on the
    next request, in every language, as a render from scratch shows them."""
    sample = copy.deepcopy(SAMPLE)
    assert run_sync(write_feed(tmp_path, sample)).ok  # the demo as the feed has it
    page = product_url(code, in_language(MUG, code))
    steady(client, page)

    def links() -> set[int]:
        where = shown(client, page).split('id="where-heading"', 1)[1].split("</section>", 1)[0]
        return {int(pk) for pk in re.findall(r'href="/go/(\d+)/\?from=product"', where)}

    def feed_link(ref) -> StockistLink:
        return StockistLink.objects.get(
            product=in_language(MUG, "de"), retailer__ref=ref, retailer__locale__language_code="de"
        )

    depot, wyck = feed_link("laden-im-depot"), feed_link("winkel-wyck")
    assert links() == {depot.pk, wyck.pk}

    product(sample, MUG)["stockists"] = product(sample, MUG)["stockists"][:1]
    assert run_sync(write_feed(tmp_path, sample)).ok
    assert links() == {depot.pk}

    eupen = Retailer.objects.get(ref="atelier-eupen", locale__language_code="de")
    added = StockistLink.objects.create(retailer=eupen, product=in_language(MUG, "de"))
    assert links() == {depot.pk, added.pk}
    added.delete()
    assert links() == {depot.pk}


@pytest.mark.parametrize("change", ["site", "locale"])
def test_what_makes_the_structure_still_replaces_everything(client, demo, change):
    about = about_url()
    steady(client, about)
    structure = content_version.structure()
    if change == "site":
        site = Site.objects.get(is_default_site=True)
        site.site_name = site.site_name + " "
        site.save()
    else:
        Locale.objects.get(language_code="nl").save()
    assert content_version.structure() != structure


def test_a_shop_deleted_leaves_every_list_that_named_it(client, demo):
    retailer = Retailer.objects.filter(locale__language_code="de", live=True).first()
    index = next(
        page.url
        for page in Page.objects.live().filter(locale__language_code="de").specific()
        if type(page).__name__ == "RetailerIndexPage"
    )
    steady(client, index)
    assert retailer.name in shown(client, index)
    name = retailer.name
    retailer.delete()
    assert name not in shown(client, index)
    assert "shop_links_retailer" in dependencies.row_tables()


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_menu_entry_renamed_reads_the_menu_again_and_nothing_of_the_page(client, demo, code):
    """The frame is kept in parts, and what the header uses counts for no fragment of the page:
    after a menu entry's rename a product page asks for the menu, not for its product again."""
    page = product_url(code, in_language(MUG, code))
    steady(client, page)
    navigation = Navigation.objects.get(locale__language_code=code, live=True)
    item = navigation.items.first()
    item.label = f"Werkstätten {code}"
    item.save()
    publish(navigation)

    read = tables_read(client, page)
    assert {"core_navigation", "core_navigationitem"} <= read
    assert not {table for table in read if table.startswith(("catalogue_", "shop_links_"))} - {
        "catalogue_product"  # the route to the product: as in every render
    }
    assert f"Werkstätten {code}" in shown(client, page).split("<main", 1)[0]
    assert tables_read(client, page).isdisjoint({"core_navigation", "core_navigationitem"})


def test_a_settings_change_shows_in_the_footer_and_leaves_the_menu(client, demo):
    from core.models import SiteSettings

    about = about_url("nl")
    steady(client, about)
    row = SiteSettings.objects.get(locale__language_code="nl", live=True)
    row.phone = "+32 87 00 00 00"
    publish(row)

    read = tables_read(client, about)
    assert "core_sitesettings" in read
    assert read.isdisjoint({"core_navigation", "core_navigationitem"})
    footer = shown(client, about).split("</main>", 1)[1]
    assert "+32 87 00 00 00" in footer
