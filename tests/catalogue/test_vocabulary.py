"""The feed's codes (a partner's kind, a product's category) as visitors read them: in their
language from the vocabulary editors keep in the admin (`catalogue.vocabulary`), readable and
reported to the catalogue managers where the vocabulary has no term yet - never the raw code."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from catalogue.models import CatalogueTerm, Product, SyncRun
from catalogue.sync.engine import run_sync
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from products.models import ProductIndexPage
from tests.catalogue.conftest import product, write_feed
from tests.seo.jsonld import by_type, extract

pytestmark = pytest.mark.django_db

MUG = "MAN-0007"  # category `mug`, no production partner
TOTE = "MAN-0020"  # category `tote`, made by the sewing workshop and the screen printers
MUG_LABELS = {"de": "Becher", "en": "Mug", "nl": "Mok", "fr": "Tasse"}
SEWING = {"de": "Näherei", "en": "Sewing", "nl": "Naaiatelier", "fr": "Couture"}
SCREEN_PRINTING = {
    "de": "Siebdruck",
    "en": "Screen printing",
    "nl": "Zeefdruk",
    "fr": "Sérigraphie",
}


def record(external_id: str) -> Product:
    return Product.objects.sources().get(external_id=external_id)


def product_url(code: str, item: Product) -> str:
    index = ProductIndexPage.objects.live().get(locale__language_code=code)
    return f"{index.url}{item.slug}/"


def category_shown(page: str) -> tuple[str, str]:
    """(text, lang attribute or "") of the product page's "Produktart" line."""
    match = re.search(r'<dd class="product__category"(?: lang="([^"]+)")?>([^<]*)</dd>', page)
    assert match, "no category line on the product page"
    return html.unescape(match.group(2)).replace(SOFT_HYPHEN, ""), match.group(1) or ""


def roles_shown(page: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r'class="chain__role"[^>]*>([^<]*)<', page)]


def product_json_ld(page: str) -> dict:
    return by_type(extract(page), "Product")


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_category_and_partner_kinds_in_the_visitors_language_on_page_and_in_json_ld(
    client, demo, code
):
    page = client.get(product_url(code, record(MUG))).content.decode()
    text, lang = category_shown(page)
    assert text == MUG_LABELS[code]
    assert lang in ("", code)  # marked only inside a product shown in German
    assert product_json_ld(page)["category"] == MUG_LABELS[code]
    assert ">mug<" not in page

    tote = client.get(product_url(code, record(TOTE))).content.decode()
    assert roles_shown(tote) == [SEWING[code], SCREEN_PRINTING[code]]


@pytest.mark.parametrize("code", ["de", "fr"])
def test_product_cards_name_the_category_in_the_visitors_language(client, demo, code):
    index = ProductIndexPage.objects.live().get(locale__language_code=code)
    page = client.get(index.url).content.decode()
    categories = [html.unescape(t) for t in re.findall(r'card__category"[^>]*>([^<]*)<', page)]
    assert MUG_LABELS[code] in categories
    assert "tea_towel" not in categories and "mug" not in categories


def test_an_unknown_code_is_readable_and_a_term_added_in_the_admin_shows(
    admin_client, client, demo
):
    mug = record(MUG)
    Product.objects.filter(translation_key=mug.translation_key).update(product_type="bread_bin")

    page = client.get(product_url("de", mug)).content.decode()
    assert category_shown(page) == ("Bread bin", "")
    assert product_json_ld(page)["category"] == "Bread bin"
    assert "bread_bin" not in page

    add_url = reverse(CatalogueTerm.snippet_viewset.get_url_name("add")) + "?locale=de"
    form = admin_client.get(add_url)
    assert form.status_code == 200
    response = admin_client.post(
        add_url, {"kind": "category", "code": "bread_bin", "label": "Brotkasten"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    german = client.get(product_url("de", mug)).content.decode()
    assert category_shown(german) == ("Brotkasten", "")
    assert product_json_ld(german)["category"] == "Brotkasten"
    # Not translated yet: a French visitor reads the German word, marked as German.
    french = client.get(product_url("fr", mug)).content.decode()
    assert category_shown(french) == ("Brotkasten", "de")

    term = CatalogueTerm.objects.get(code="bread_bin", locale__language_code="de")
    french_term = term.copy_for_translation(Locale.objects.get(language_code="fr"))
    french_term.label = "Boîte à pain"
    french_term.save()
    french = client.get(product_url("fr", mug)).content.decode()
    text, lang = category_shown(french)
    assert text == "Boîte à pain"
    assert lang in ("", "fr")


def test_unknown_codes_are_reported_in_the_sync_log_and_on_the_dashboard(
    admin_client, client, demo, tmp_path, sample
):
    product(sample, MUG)["product_type"] = "bread_bin"
    workshop = next(p for p in sample["partners"] if p["ref"] == "depot-naehwerkstatt")
    workshop["kind"] = "glass_blowing"
    summary = run_sync(write_feed(tmp_path, sample))
    assert summary.ok

    run = SyncRun.objects.order_by("-started_at").first()
    warnings = "\n".join(run.warnings)
    assert "'bread_bin'" in warnings and "'Bread bin'" in warnings
    assert "'glass_blowing'" in warnings and "'Glass blowing'" in warnings
    assert "'mug'" not in warnings and "'sewing'" not in warnings

    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<code>bread_bin</code>" in dashboard
    assert "<code>glass_blowing</code>" in dashboard
    assert "<code>mug</code>" not in dashboard

    tote = client.get(product_url("nl", record(TOTE))).content.decode()
    assert roles_shown(tote) == ["Glass blowing", SCREEN_PRINTING["nl"]]
    assert "glass_blowing" not in tote


@pytest.mark.usefixtures("uncached_pages")
def test_the_vocabulary_costs_no_query_per_card(client, demo):
    """The product index shows many cards; the vocabulary is read once, then from the cache."""
    index = ProductIndexPage.objects.live().get(locale__language_code="fr")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(index.url).content.decode()
    assert page.count("card__category") > 5
    assert sum("catalogue_catalogueterm" in q["sql"] for q in queries.captured_queries) == 1
    with CaptureQueriesContext(connection) as queries:
        page = client.get(index.url).content.decode()
    assert page.count("card__category") > 5
    assert sum("catalogue_catalogueterm" in q["sql"] for q in queries.captured_queries) == 0
