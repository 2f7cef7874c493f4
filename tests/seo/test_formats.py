"""Dates and prices as each language writes them, the same way everywhere on a page.

English is British English (the site declares `og:locale` en_GB): "1 March 2027", not "March 1,
2027". French writes the first of a month "1er" and puts a no-break space before `: ; ? !` and
inside « ». Each language has one price format, on product pages, cards and campaign rents alike;
JSON-LD keeps machine-readable prices ("1249.00").
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from catalogue.models import Product
from designers.models import StoryPage
from tests.seo import jsonld

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"
PRODUCTS = {
    "de": "/de/produkte/",
    "en": "/en/products/",
    "nl": "/nl/producten/",
    "fr": "/fr/produits/",
}
CAMPAIGNS = {
    "de": "/de/kampagnen/kreativstandort-aachen-nord/",
    "en": "/en/campaigns/creative-location-aachen-nord/",
    "nl": "/nl/campagnes/creatieve-locatie-aken-noord/",
    "fr": "/fr/campagnes/quartier-creatif-aachen-nord/",
}


def visible_text(html: str) -> str:
    """The text a visitor reads: no scripts, styles or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", "\x00", html)


@pytest.fixture
def story_on_the_first(demo):
    """A story dated 1 March 2027 in every language."""
    german = StoryPage.objects.filter(locale__language_code="de").order_by("path").first()
    for story in StoryPage.objects.filter(translation_key=german.translation_key):
        story.date = datetime.date(2027, 3, 1)
        story.save_revision().publish()
    return german


@pytest.mark.parametrize(
    ("code", "written", "not_written"),
    [
        ("de", "1. März 2027", None),
        ("en", "1 March 2027", "March 1, 2027"),
        ("nl", "1 maart 2027", None),
        ("fr", "1er mars 2027", "1 mars 2027"),
    ],
)
def test_story_dates_in_each_language(client, story_on_the_first, code, written, not_written):
    story = StoryPage.objects.get(
        translation_key=story_on_the_first.translation_key, locale__language_code=code
    )
    page = client.get(story.url).content.decode()
    assert f'<time datetime="2027-03-01">{written}</time>' in page
    index = client.get(story.get_parent().url).content.decode()  # the story cards
    assert f'<time datetime="2027-03-01">{written}</time>' in index
    if not_written:
        assert not_written not in page.replace(written, "")


@pytest.mark.parametrize(
    ("code", "from_date", "rent"),
    [
        ("de", "ab 1. März 2027", f"380{NBSP}€ – 450{NBSP}€ im Monat"),
        ("en", "from 1 March 2027", "€380 – €450 a month"),
        ("nl", "vanaf 1 maart 2027", f"€{NBSP}380 – €{NBSP}450 per maand"),
        ("fr", "à partir du 1er mars 2027", f"380{NBSP}€ – 450{NBSP}€ par mois"),
    ],
)
def test_campaign_rents_and_dates_in_each_language(client, demo, code, from_date, rent):
    page = client.get(CAMPAIGNS[code]).content.decode()
    assert from_date in page
    assert rent in page


@pytest.fixture
def expensive_stool(demo):
    record = Product.objects.get(slug="talstrasse-stool", locale__language_code="de")
    variant = record.variants.get()
    variant.price = Decimal("1249.00")
    variant.save()
    return record


@pytest.mark.parametrize(
    ("code", "price"),
    [
        ("de", f"1.249,00{NBSP}€"),
        ("en", "€1,249.00"),
        ("nl", f"€{NBSP}1.249,00"),
        ("fr", f"1{NBSP}249,00{NBSP}€"),
    ],
)
def test_one_price_format_per_language_on_product_pages_and_cards(
    client, expensive_stool, code, price
):
    page = client.get(f"{PRODUCTS[code]}talstrasse-stool/").content.decode()
    assert f'<p class="product__price">{price}' in page
    offer = jsonld.by_type(jsonld.extract(page), "Product")["offers"]
    assert offer["price"] == "1249.00"
    cards = client.get(PRODUCTS[code]).content.decode()
    assert f'<p class="card__meta card__price">{price}</p>' in cards
    # No other way of writing a price on the same pages: the symbol on the language's side only
    wrong = r"€\s?\d" if code in {"de", "fr"} else r"\d\s?€"
    assert re.findall(wrong, visible_text(page)) == []
    assert re.findall(wrong, visible_text(cards)) == []


def french_msgstrs() -> list[str]:
    """Every French translation of the interface, continuation lines joined."""
    path = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"
    texts, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1][1:-1]]
            texts.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line[1:-1])
        else:
            current = None
    return ["".join(parts) for parts in texts]


def test_french_interface_has_no_break_spaces_before_high_punctuation():
    texts = french_msgstrs()
    assert len(texts) > 500
    wrong = [text for text in texts if re.search(r" [:;?!»]|« ", text)]
    assert wrong == []
    assert any(f"{NBSP}:" in text for text in texts)


@pytest.mark.parametrize("path", ["/fr/", CAMPAIGNS["fr"], "/fr/produits/"])
def test_french_pages_have_no_break_spaces_before_high_punctuation(client, demo, path):
    text = visible_text(client.get(path).content.decode())
    assert re.findall(r".{0,30} [:;?!»].{0,10}|« .{0,30}", text) == []
