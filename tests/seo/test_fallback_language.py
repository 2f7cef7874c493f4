"""German fallback text on a translated page is marked as German, exactly that text.

A product the catalogue has not translated yet is shown on the French site with its German
texts: a screen reader must read those in German and the interface around them ("Matière",
"En stock") in French; the `<title>`, the meta description and the social tags say which
language they are in.
"""

from html.parser import HTMLParser

import pytest
from wagtail.models import Locale

from catalogue.models import Product, ProductionPartner
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from products.models import ProductIndexPage

pytestmark = pytest.mark.django_db

VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "area", "col", "embed"}


class Languages(HTMLParser):
    """Each text of the page with the language it is in (the nearest `lang` around it), and the
    `<meta>` tags with theirs."""

    def __init__(self, html):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []
        self.meta: dict[str, dict] = {}
        self.title_lang = None
        self.feed(html)

    def language(self) -> str:
        return next((lang for _tag, lang in reversed(self.stack) if lang), "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs
        if tag == "title" and not any(open_tag == "svg" for open_tag, _lang in self.stack):
            # The document's title, not an inline SVG's (the passport's QR code is named by one).
            self.title_lang = attrs.get("lang")
        if tag not in VOID:
            self.stack.append((tag, attrs.get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.texts.append((text, self.language()))

    def language_of(self, text: str) -> str:
        found = {lang for shown, lang in self.texts if shown == text}
        assert found, f"{text!r} is not on the page"
        assert len(found) == 1, f"{text!r} appears in several languages: {found}"
        return found.pop()


def product_page(client, code, slug) -> Languages:
    index = ProductIndexPage.objects.get(locale__language_code=code)
    response = client.get(f"{index.url}{slug}/")
    assert response.status_code == 200
    return Languages(response.content.decode().replace(SOFT_HYPHEN, ""))


def test_the_catalogue_has_not_translated_the_ticket_pouch_into_french(demo):
    record = Product.objects.get(slug="ticket-pouch", locale__language_code="de")
    assert not Product.objects.filter(
        translation_key=record.translation_key, locale__language_code="fr"
    ).exists()


def test_german_fallback_text_is_marked_and_the_labels_are_not(client, demo):
    page = product_page(client, "fr", "ticket-pouch")
    for german in (
        "Fahrkartenetui",
        "Entworfen von Lena Hoffmann und gefertigt in Aachen-Nord.",
        "Stoffreste, Messingdruckknopf.",
        "Stoffreste, Messingdruckknopf",
    ):
        assert page.language_of(german) == "de", german
    assert page.language_of("Nähwerkstatt im Depot") == "de"  # a workshop without French name
    # The interface around them is in the page's language, not inside the German marks.
    assert page.language_of("Matière") == "fr"
    assert page.language_of("En stock") == "fr"


def test_title_description_and_social_tags_say_they_are_german(client, demo):
    page = product_page(client, "fr", "ticket-pouch")
    assert page.title_lang == "de"
    assert page.language_of("Fahrkartenetui · Made in Aachen-Nord") == "de"
    for name in ("description", "og:title", "twitter:title"):
        assert page.meta[name].get("lang") == "de", name
    assert page.meta["og:title"]["content"] == "Fahrkartenetui"
    if "og:description" in page.meta:
        assert page.meta["og:description"].get("lang") == "de"
        assert page.meta["twitter:description"].get("lang") == "de"
    assert page.meta["og:locale"]["content"] == "fr_FR"  # the page is still the French one


def test_a_translated_product_has_no_german_marks(client, demo):
    page = product_page(client, "fr", "depot-bag-made-from-tram-seat-fabric")
    assert page.title_lang is None
    assert page.language_of("Sac Depot en tissu de siège de tram") == "fr"
    # German only where the catalogue lacks a French text: the language switcher's link to the
    # German page, and option values (colours) the feed gives in German only, each marked.
    record = Product.objects.get(
        slug="depot-bag-made-from-tram-seat-fabric", locale__language_code="de"
    )
    german_options = {
        values["de"]
        for variant in record.variants.all()
        for values in variant.options.values()
        if "fr" not in values
    }
    # ... and workshops the catalogue names in German only (no French row).
    german_partners = {
        partner.name
        for partner in ProductionPartner.objects.filter(locale__language_code="de")
        if not partner.get_translations().filter(locale__language_code="fr").exists()
    }
    # ... and a material the catalogue gives in German only (the sync keeps the German text in the
    # French row until the catalogue translates it).
    french = record.get_translation(Locale.objects.get(language_code="fr"))
    german_material = {record.material} if french.material == record.material else set()
    assert german_material, "the sample feed's Depot bag has no French material"
    # ... and the header's easy-read link, whose label names the German section "Leichte Sprache"
    # on every page (docs/easy-read.md), as the switcher's "Deutsch" names the German site.
    interface = {"Deutsch", "DE", "Leichte Sprache"}
    german = {text for text, lang in page.texts if lang == "de"}
    assert german <= interface | german_options | german_partners | german_material, german
    assert "Sac Depot en tissu de siège de tram" not in german
    for name in ("description", "og:title", "twitter:title", "og:image:alt"):
        assert "lang" not in page.meta.get(name, {}), name


def test_a_dutch_page_marks_the_same_fallback(client, demo):
    page = product_page(client, "nl", "ticket-pouch")
    assert page.language_of("Fahrkartenetui") == "de"
    assert page.language_of("Materiaal") == "nl"
    assert page.title_lang == "de"
