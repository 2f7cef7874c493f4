"""Descriptions made from rich text read as text: entities decoded, a space between blocks.

The meta description, `og:description`, `twitter:description`, JSON-LD descriptions and the search
page's summaries all come from `core.seo.plain_text` (and `shorten`): no literal `&nbsp;` or
`&amp;`, no "Messingdruckknopf.Jedes" where two paragraphs meet.
"""

import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import Product
from home.models import HomePage
from tests.seo import jsonld

pytestmark = pytest.mark.django_db
RICH_TEXT = (
    "<p>Stoffreste &amp; ein <b>Messingdruckknopf.</b></p>"
    "<p>Jedes Stück ist ein Unikat&nbsp;– kleine Abweichungen sind gewollt.</p>"
)
AS_TEXT = (
    "Stoffreste & ein Messingdruckknopf. Jedes Stück ist ein Unikat\u00a0– kleine Abweichungen "
    "sind gewollt."
)


def meta(page_html: str, name: str) -> list[str]:
    return [
        html_lib.unescape(value)
        for value in re.findall(
            rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', page_html
        )
    ]


@pytest.fixture
def home_with_rich_intro(demo):
    home = HomePage.objects.get(locale__language_code="de")
    home.intro = RICH_TEXT
    home.search_description = ""
    home.save_revision().publish()
    return home


def test_meta_and_social_descriptions_from_rich_text(client, home_with_rich_intro):
    page = client.get("/de/").content.decode()
    for name in ("description", "og:description", "twitter:description"):
        assert meta(page, name) == [AS_TEXT], name


def test_product_descriptions_from_the_catalogues_rich_text(client, demo):
    """The catalogue's description of the ticket pouch: two paragraphs and a `&nbsp;`."""
    record = Product.objects.get(external_id="MAN-0003", locale__language_code="de")
    record.teaser = ""
    record.save()
    page = client.get("/de/produkte/ticket-pouch/").content.decode()
    product = jsonld.by_type(jsonld.extract(page), "Product")
    assert "Messingdruckknopf. Jedes Stück" in product["description"]
    assert "&nbsp;" not in product["description"] and "\u00a0" in product["description"]
    assert "<" not in product["description"]
    description = meta(page, "description")[0]
    assert description.startswith("Entworfen von Lena Hoffmann")
    assert "Messingdruckknopf. Jedes" in description
    assert "&nbsp;" not in description and "&amp;" not in description
    assert meta(page, "og:description") == [description]
    assert meta(page, "twitter:description") == [description]


def test_long_descriptions_are_cut_at_a_word(client, demo):
    home = HomePage.objects.get(locale__language_code="de")
    home.intro = "<p>" + "Werkstatt&nbsp;und Laden " * 20 + "</p><p>Ende.</p>"
    home.search_description = ""
    home.save_revision().publish()
    description = meta(client.get("/de/").content.decode(), "description")[0]
    assert len(description) <= 162
    assert description.endswith(" …")
    assert "&nbsp;" not in description and "Laden Werkstatt" in description


def test_search_summaries_from_rich_text(client, home_with_rich_intro):
    with translation.override("de"):
        search_url = reverse("search")
    page = client.get(search_url, {"q": "Messingdruckknopf"}).content.decode()
    summaries = [
        html_lib.unescape(text)
        for text in re.findall(r'<p class="hit__text"[^>]*>(.*?)</p>', page, re.DOTALL)
    ]
    assert AS_TEXT in summaries, summaries
