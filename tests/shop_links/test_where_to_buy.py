"""What visitors see of the shops: "where to buy" on product and designer pages, the block, and
the retailers page — in every language, with counted links, hidden archived retailers and a
constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from catalogue.models import Product
from core.formats import place_name
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from demo import shops
from designers.models import DesignerPage, StoryPage
from products.blocks import WhereToBuyBlock
from shop_links.models import Retailer, StockistLink
from tests.browser.pages import PRODUCT, RETAILERS, STORY, demo_text, interface_text
from tests.seo.jsonld import assert_valid_json_ld, extract

LANGUAGES = ["de", "en", "nl", "fr"]
DESIGNER_PATHS = {
    "de": "/de/designerinnen/{}/",
    "en": "/en/designers/{}/",
    "nl": "/nl/ontwerpers/{}/",
    "fr": "/fr/createurs/{}/",
}


def html_of(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode().replace(SOFT_HYPHEN, "")


def where_section(html: str) -> str:
    match = re.search(r'<section class="where".*?</section>', html, re.DOTALL)
    assert match, "no where-to-buy section"
    return match.group(0)


def anchor(html: str, href: str) -> str:
    match = re.search(rf'<a [^>]*href="{re.escape(href)}"[^>]*>', html)
    assert match, f"no link to {href}"
    return match.group(0)


def retailer(ref) -> Retailer:
    return Retailer.objects.get(ref=ref, locale__language_code="de")


def record(external_id) -> Product:
    return Product.objects.sources().get(external_id=external_id)


def hours(ref, code) -> str:
    """The first line of a demo retailer's opening hours in that language."""
    return demo_text(shops.RETAILERS[ref][1])[code].splitlines()[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_product_page_lists_its_retailers_with_counted_links(client, demo, code):
    section = where_section(html_of(client, PRODUCT.paths[code]))
    stool = record("MAN-0004")
    links = list(StockistLink.objects.filter(product=stool).select_related("retailer"))
    assert len(links) == 3
    for link in links:
        assert f'href="/go/{link.pk}/?from=product"' in section
    # Texts in the visitor's language: headings, kinds and opening hours.
    assert interface_text("Wo kaufen")[code] in section
    assert interface_text("Concept Store")[code] in section
    assert hours("laden-im-depot", code) in section
    # Shops by city, the online shop apart after them.
    online_heading = interface_text("Online-Shops")[code]
    assert section.index("Aachen") < section.index("Maastricht") < section.index(online_heading)
    assert section.index(online_heading) < section.index("Fair handeln NRW")
    assert f'href="{RETAILERS.paths[code]}"' in section


def test_paid_link_is_marked_and_sponsored_and_new_tab_gets_noopener(client, demo):
    section = where_section(html_of(client, PRODUCT.paths["en"]))
    paid = StockistLink.objects.get(product=record("MAN-0004"), paid=True)
    tag = anchor(section, f"/go/{paid.pk}/?from=product")
    assert 'rel="sponsored nofollow noopener"' in tag
    assert 'target="_blank"' in tag
    after = section[section.index(tag) :]
    assert re.match(r'.*?</a> <span class="badge badge--paid">Ad<', after, re.DOTALL)
    assert "opens in a new tab" in after[: after.index("</a>")]
    unpaid = StockistLink.objects.get(product=record("MAN-0004"), retailer__ref="laden-im-depot")
    tag = anchor(section, f"/go/{unpaid.pk}/?from=product")
    assert 'rel="nofollow"' in tag and "target" not in tag
    assert section.count("badge--paid") == 1


def test_product_that_no_shop_stocks_says_so_and_links_the_retailers_page(client, demo):
    StockistLink.objects.filter(product=record("MAN-0004")).delete()
    section = where_section(html_of(client, PRODUCT.paths["fr"]))
    assert "aucune boutique ne propose cet objet" in section
    assert f'href="{RETAILERS.paths["fr"]}"' in section
    assert "/go/" not in section


def test_archived_retailer_is_hidden_everywhere(client, demo):
    Retailer.objects.filter(translation_key=retailer("winkel-wyck").translation_key).update(
        in_feed=False
    )
    for path in (
        PRODUCT.paths["nl"],
        RETAILERS.paths["nl"],
        DESIGNER_PATHS["nl"].format("lena-hoffmann"),
    ):
        assert "Winkel Wyck" not in html_of(client, path), path
    assert "Laden im Depot" in html_of(client, PRODUCT.paths["nl"])


@pytest.mark.parametrize("code", LANGUAGES)
def test_designer_page_lists_the_retailers_of_their_products(client, demo, code):
    section = where_section(html_of(client, DESIGNER_PATHS[code].format("lena-hoffmann")))
    refs = set(
        StockistLink.objects.filter(product__designer_ref="lena-hoffmann").values_list(
            "retailer__ref", flat=True
        )
    )
    assert len(refs) == 6
    for ref in refs:
        assert retailer(ref).name in section
    for link in StockistLink.objects.filter(product__designer_ref="lena-hoffmann"):
        assert f'href="/go/{link.pk}/?from=designer"' in section
    # Labelled with the product's title in the visitor's language.
    bag = record("MAN-0001")
    title = bag.get_translation(Locale.objects.get(language_code=code)).title
    assert f">{title}</a>" in section


@pytest.mark.parametrize("code", LANGUAGES)
def test_editors_designer_link_shows_on_every_translation(client, demo, code):
    link = StockistLink.objects.get(designer__catalogue_ref="aylin-kaya")
    section = where_section(html_of(client, DESIGNER_PATHS[code].format("aylin-kaya")))
    tag = anchor(section, f"/go/{link.pk}/?from=designer")
    assert 'rel="nofollow"' in tag
    label = interface_text("Website von %(name)s")[code] % {"name": "Atelier-Boutique Eupen"}
    assert label in section


@pytest.mark.parametrize("code", LANGUAGES)
def test_block_in_a_story_lists_the_products_retailers(client, demo, code):
    html = html_of(client, STORY.paths[code])
    bag = record("MAN-0001")
    for link in StockistLink.objects.filter(product=bag):
        assert f'href="/go/{link.pk}/?from=block"' in html
    assert f'id="where-product-{bag.pk}-heading"' in html


def test_block_for_a_designer_renders_and_validation_wants_one_choice(demo):
    block = WhereToBuyBlock()
    designer = DesignerPage.objects.get(catalogue_ref="aylin-kaya", locale__language_code="de")
    html = block.render(
        block.to_python({"heading": "Hier gibt es Schmuck", "designer": designer.pk})
    )
    assert "Hier gibt es Schmuck" in html
    assert "Atelier-Boutique Eupen" in html and "?from=block" in html
    from wagtail.blocks import StructBlockValidationError

    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"heading": "", "product": None, "designer": None}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"product": record("MAN-0001").pk, "designer": designer.pk}))


def test_story_body_offers_the_block(demo):
    assert "where_to_buy" in StoryPage.body.field.stream_block.child_blocks


@pytest.mark.parametrize("code", LANGUAGES)
def test_retailers_page_groups_by_country_and_city_with_online_shops_apart(client, demo, code):
    html = html_of(client, RETAILERS.paths[code])
    main = html[html.index("<main") :]
    names = {
        code_: interface_text(name)[code]
        for code_, name in (("DE", "Deutschland"), ("BE", "Belgien"), ("NL", "Niederlande"))
    }
    online = interface_text("Online-Shops")[code]
    # Germany first, then the neighbours, then the online shops.
    positions = [main.index(f">{names['DE']}</h2>")]
    positions += sorted(main.index(f">{names[c]}</h2>") for c in ("BE", "NL"))
    positions.append(main.index(f">{online}</h2>"))
    assert positions == sorted(positions)
    # Cities under their name in the visitor's language (Köln: "Cologne", "Keulen").
    aachen, koeln = (place_name(city, code) for city in ("Aachen", "Köln"))
    assert (
        main.index(f"{aachen}</h3>")
        < main.index(f"{koeln}</h3>")
        < main.index(f">{names['BE']}</h2>")
    )
    assert main.index(f">{online}</h2>") < main.index("Fair handeln NRW – Online-Shop</h3>")
    for ref in shops.RETAILERS:
        shop = retailer(ref)
        assert f'id="haendler-{ref}"' in main
        assert f'href="/go/shop/{shop.pk}/?from=retailers"' in main
    # Texts in the visitor's language; products linked to this language's product pages.
    assert demo_text(shops.RETAILERS["winkel-wyck"][0])[code] in main
    assert f'href="{PRODUCT.paths[code]}"' in main
    # The map is a plain link; nothing is loaded from another host with the page.
    assert "https://www.openstreetmap.org/?mlat=50.7853&amp;mlon=6.0987" in main
    assert "<iframe" not in html
    assert not re.search(r'\ssrc="(https?:)?//', html)


def test_retailers_page_structured_data(client, demo):
    html = html_of(client, RETAILERS.paths["en"])
    assert_valid_json_ld(html)
    items = extract(html)
    kinds = [item["@type"] for item in items]
    assert kinds.count("BreadcrumbList") == 1
    assert kinds.count("Store") == 5 and kinds.count("OnlineStore") == 1
    store = next(i for i in items if i.get("name") == "Winkel Wyck")
    assert store["address"]["addressCountry"] == "NL"
    assert store["description"].startswith("Concept store in Wyck")


def test_retailers_page_is_in_the_sitemap_in_every_language(client, demo):
    xml = client.get("/sitemap.xml").content.decode().replace(SOFT_HYPHEN, "")
    for path in RETAILERS.paths.values():
        assert f"{path}</loc>" in xml


def make_retailers(count: int, product=None, designer=None):
    for number in range(count):
        shop = Retailer.objects.create(
            locale=retailer("laden-im-depot").locale,
            name=f"Laden {number}",
            kind=Retailer.Kind.ONLINE_SHOP if number % 3 == 0 else Retailer.Kind.CONCEPT_STORE,
            city=f"Stadt {number % 4}",
            country="DE",
            website=f"https://laden-{number}.example/",
            opening_hours="Mo–Fr 10–18 Uhr",
        )
        StockistLink.objects.create(
            retailer=shop,
            product=product,
            designer=designer,
            url=f"https://laden-{number}.example/p" if product else "",
            paid=number % 2 == 0,
        )


def count_queries(client, path) -> int:
    client.get(path)  # warm caches (site root paths, translations)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert len(queries) > 0, "the queries of the request were not captured"
    return len(queries)


@pytest.mark.parametrize("code", ["de", "en"])
@pytest.mark.usefixtures("uncached_pages")
def test_product_page_queries_do_not_grow_with_retailers(client, demo, code):
    stool = record("MAN-0004")
    StockistLink.objects.filter(product=stool).exclude(retailer__ref="laden-im-depot").delete()
    few = count_queries(client, PRODUCT.paths[code])
    make_retailers(12, product=stool)
    many = count_queries(client, PRODUCT.paths[code])
    assert "Laden 11" in html_of(client, PRODUCT.paths[code])
    assert many == few


@pytest.mark.parametrize("code", ["de", "fr"])
@pytest.mark.usefixtures("uncached_pages")
def test_designer_page_queries_do_not_grow_with_retailers(client, demo, code):
    path = DESIGNER_PATHS[code].format("aylin-kaya")
    few = count_queries(client, path)
    designer = DesignerPage.objects.get(catalogue_ref="aylin-kaya", locale__language_code="de")
    make_retailers(6, designer=designer)
    make_retailers(6, product=record("MAN-0012"))
    many = count_queries(client, path)
    assert "Laden 5" in html_of(client, path)
    assert many == few


@pytest.mark.parametrize("code", ["de", "nl"])
@pytest.mark.usefixtures("uncached_pages")
def test_retailers_page_queries_do_not_grow_with_retailers(client, demo, code):
    Retailer.objects.exclude(ref="laden-im-depot").update(in_feed=False)
    few = count_queries(client, RETAILERS.paths[code])
    make_retailers(10, product=record("MAN-0001"))
    many = count_queries(client, RETAILERS.paths[code])
    assert "Laden 9" in html_of(client, RETAILERS.paths[code])
    assert many == few
