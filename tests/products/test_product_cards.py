"""Product cards kept as page fragments (`products.presentation.product_cards`), and the product
index's listing kept per normalised query (`{% fragment "listing" page %}`).

What a visitor sees: after a catalogue sync changes a product's name, price or photo, every page
showing its card shows the new one on the next request; a filter, a page number or a junk
parameter shows the right cards (a junk or tracking parameter reads what the plain address
kept); each language shows its own texts; previews neither read nor keep fragments. The page
cache is off: every request renders its page.
"""

import re

import pytest

from catalogue.models import Product, ProductImage, Variant
from core import content_version
from core.typography import SOFT_HYPHEN
from products.models import ProductIndexPage
from tests.factories import (
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ImageFactory,
    ProductFactory,
    ProductImageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    VariantFactory,
    bulk_products,
    publish,
    translate,
)
from tests.visits import queries, shown

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.no_demo,
    pytest.mark.usefixtures("uncached_pages_with_fragments"),
]


def cards(html: str) -> int:
    return html.count('<li class="card card--product">')


def card_of(html: str, product) -> str:
    """The one card of `product` on a page (the product index lists the whole catalogue: the
    demo's cards, when the session loaded it, stand beside the test's own)."""
    found = [
        card
        for card in re.findall(r'<li class="card card--product">.*?</li>', html, re.S)
        if f'/{product.slug}/"' in card
    ]
    assert len(found) == 1, found
    return found[0]


def catalogue_of_its_own():
    """Takes every product already there out of the feed, as a sync does when the feed drops it
    (rolled back with the test): for tests that count a whole listing's cards and pages."""
    Product.objects.update(in_feed=False)


def index_page(home):
    page = home.add_child(instance=ProductIndexPage(title="Produkte", slug="produkte"))
    return publish(page)


@pytest.fixture
def site():
    """A product with a price and a photo, shown by the product index, its designer's page and
    a story's product teasers."""
    home = HomePageFactory()
    index = index_page(home)
    designers = DesignerIndexPageFactory(parent=home)
    designer = DesignerPageFactory(parent=designers, title="Lena Test", catalogue_ref="lena-test")
    product = ProductFactory(title="Kurierrucksack Lindenplatz", designer_ref="lena-test")
    VariantFactory(product=product, price="89.00")
    ProductImageFactory(product=product, image=ImageFactory(title="Altes Foto"))
    stories = StoryIndexPageFactory(parent=home, slug="geschichten")
    body = [("product_teasers", {"heading": "Zum Mitnehmen", "products": [product]})]
    story = StoryPageFactory(parent=stories, slug="vom-sitz", lead="Wie es entsteht.", body=body)
    urls = [index.url, f"{index.url}?designer=lena-test", designer.url, story.url]
    return product, urls, index


def test_a_synced_change_shows_on_every_page_with_the_card_on_the_next_request(client, site):
    product, urls, _index = site
    for url in urls:
        html = shown(client, url)
        card = card_of(html, product)
        assert "Kurierrucksack Lindenplatz" in card and "89,00" in card, url
        assert shown(client, url) == html  # the second render reads the fragments
    old_photo = ProductImage.objects.get(product=product).image
    new_photo = ImageFactory(title="Neues Foto")
    # What a sync writes (in bulk, sending no signals), then what it calls when anything changed.
    Product.objects.filter(pk=product.pk).update(title="Kurierrucksack Talbot")
    Variant.objects.filter(product=product).update(price="99.00")
    ProductImage.objects.filter(product=product).update(image=new_photo)
    content_version.invalidate()
    for url in urls:
        html = shown(client, url)
        card = card_of(html, product)
        assert "Kurierrucksack Talbot" in card and "99,00" in card, url
        assert "Lindenplatz" not in html and "89,00" not in card, url
        assert f"/images/{new_photo.file.name.split('/')[-1].rsplit('.', 1)[0]}" in card, url
        assert f"/images/{old_photo.file.name.split('/')[-1].rsplit('.', 1)[0]}" not in html, url


def test_filters_pages_and_junk_parameters_show_the_right_cards(client):
    home = HomePageFactory()
    index = index_page(home)
    catalogue_of_its_own()
    bulk_products(20, designer_ref="anna", prefix="Anna")
    bulk_products(10, designer_ref="bert", prefix="Bert")
    DesignerPageFactory(
        parent=DesignerIndexPageFactory(parent=home), title="Bert", catalogue_ref="bert"
    )
    first = shown(client, index.url)
    assert cards(first) == 24 and "Anna 00000" in first and "Bert 00003" in first
    second = shown(client, f"{index.url}?page=2")
    assert cards(second) == 6 and "Bert 00004" in second and "Anna 00000" not in second
    bert = shown(client, f"{index.url}?designer=bert")
    assert cards(bert) == 10 and "Anna" not in bert.split('class="listing"')[1]
    assert shown(client, f"{index.url}?designer=bert&page=2") == shown(
        client, f"{index.url}?page=2&designer=bert"
    )
    # A tracking or junk parameter shows what the address without it shows, read from what that
    # render kept: no query for the listing, as a second visit of the plain address.
    steady = queries(client, index.url)
    for junk in ("utm_source=x", "fbclid=1&utm_medium=mail", "x=1", "page=2&utm_source=y"):
        plain = f"{index.url}?page=2" if "page=2" in junk else index.url
        assert shown(client, f"{index.url}?{junk}") == shown(client, plain), junk
        assert queries(client, f"{index.url}?{junk}&x=2") == steady, junk
    # A new query is worked out: its cards come from the fragments the other lists kept.
    assert cards(shown(client, f"{index.url}?designer=bert&page=1")) == 10


def test_the_cards_of_each_language_show_that_language(client):
    home = HomePageFactory()
    index = index_page(home)
    product = ProductFactory(title="Kurierrucksack")
    VariantFactory(product=product)
    titles = {"en": "Courier backpack", "nl": "Koerierrugzak", "fr": "Sac de coursier"}
    translate(home, "en", "nl", "fr")
    for code, title in titles.items():
        translate(product, code, title=title)
    translate(index, "en", "nl", "fr")
    german = shown(client, index.url)  # the German card is kept first
    assert "Kurierrucksack" in german
    pages = {page.locale.language_code: page.url for page in index.get_translations()}
    for code, title in titles.items():
        html = shown(client, pages[code])
        assert title in html, code
        assert "Kurierrucksack" not in html, code
        assert all(other not in html for other in titles.values() if other != title), code


def test_previews_neither_read_nor_keep_fragments(client, site):
    product, _urls, index = site
    index.intro = "Entwurf: noch nicht veröffentlicht."
    index.save_revision()  # a draft of the index page
    assert "Kurierrucksack Lindenplatz" in shown(client, index.url)  # kept as fragments
    # A change nothing announced: the kept card stays, which shows that the page reads it ...
    Product.objects.filter(pk=product.pk).update(title="Kurierrucksack Talbot")
    assert "Kurierrucksack Lindenplatz" in shown(client, index.url)
    # ... where a preview works the card out afresh, with the editor's draft intro ...
    preview = index.make_preview_request().render().content.decode().replace(SOFT_HYPHEN, "")
    assert "Entwurf: noch nicht veröffentlicht." in preview
    assert "Kurierrucksack Talbot" in preview and "Lindenplatz" not in preview
    # ... and keeps nothing: the live page still shows what it kept, without the draft.
    html = shown(client, index.url)
    assert "Kurierrucksack Lindenplatz" in html and "Entwurf" not in html
