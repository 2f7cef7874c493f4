"""Image alt texts in the page's language: the image form, `alt_for`, and every place a page
says what a picture shows (`<img alt>`, `og:image:alt`, `twitter:image:alt`, JSON-LD captions)."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Locale

from catalogue.models import Product, ProductImage
from core.images import alt_for
from core.models import ImageAltText
from designers.models import DesignerPage, StoryPage
from products.models import ProductIndexPage
from project.models import ProjectPage

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The `<meta>` tags (name/property → attributes), the JSON-LD and the `<img>` tags of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.images, self.json_ld, self._script = {}, [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = True

    def handle_data(self, data):
        if self._script:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._script = False

    def image_objects(self):
        found = []

        def walk(value):
            if isinstance(value, dict):
                if value.get("@type") == "ImageObject":
                    found.append(value)
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(self.json_ld)
        return found


def head(client, url) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


def page_url(model, code, **filters) -> str:
    return model.objects.get(locale__language_code=code, **filters).url


def product_url(code, slug) -> str:
    index = ProductIndexPage.objects.get(locale__language_code=code)
    return f"{index.url}{slug}/"


# --- The image form ---------------------------------------------------------------------------


def test_the_image_form_saves_an_alt_text_per_language(admin_client):
    image = get_image_model().objects.get(title="Werkbank im Depot")
    url = reverse("wagtailimages:edit", args=[image.pk])
    form = admin_client.get(url).content.decode()
    for label in (
        "Alternativtext (English)",
        "Alternativtext (Nederlands)",
        "Alternativtext (Français)",
    ):
        assert label in form
    assert 'value="Outils et chutes de bois sur un établi"' in form  # the demo's French alt
    response = admin_client.post(
        url,
        {
            "title": image.title,
            "description": "Werkzeug auf der Werkbank",
            "collection": image.collection_id,
            "tags": "",
            "alt_en": "Tools on the workbench",
            "alt_nl": "",  # emptied: Dutch pages show the German alt text
            "alt_fr": "  Outils   sur l’établi ",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = dict(image.alt_texts.values_list("language_code", "alt"))
    assert saved == {"en": "Tools on the workbench", "fr": "Outils sur l’établi"}
    image.refresh_from_db()
    assert alt_for(image, "de") == "Werkzeug auf der Werkbank"
    assert alt_for(image, "fr") == "Outils sur l’établi"
    assert alt_for(image, "nl") == "Werkzeug auf der Werkbank"  # the documented fallback


def test_alt_for_falls_back_to_the_description_then_the_title(demo):
    image = get_image_model().objects.create(title="Nur ein Titel", width=10, height=10)
    assert alt_for(image, "fr") == "Nur ein Titel"
    image.description = "Eine Beschreibung"
    ImageAltText.objects.create(image=image, language_code="en", alt="A description")
    assert alt_for(image, "fr") == "Eine Beschreibung"
    assert alt_for(image, "en") == "A description"


def test_every_demo_picture_has_its_alt_text_in_every_language(demo):
    photos = ProductImage.objects.values("image_id")  # the catalogue's: the feed's alt texts
    for image in get_image_model().objects.exclude(pk__in=photos):
        languages = set(image.alt_texts.values_list("language_code", flat=True))
        assert languages == {"en", "nl", "fr"}, image.title


# --- Library images on pages -------------------------------------------------------------------

PORTRAIT = {
    "de": "Porträt von Lena Hoffmann",
    "en": "Portrait of Lena Hoffmann",
    "nl": "Portret van Lena Hoffmann",
    "fr": "Portrait de Lena Hoffmann",
}
HOME_HERO = {
    "de": "Vase, Becher, Notizbuch und Stoffbeutel des Labels auf einem Holztisch",
    "en": "The label’s vase, mug, notebook and tote bag on a wooden table",
    "nl": "Vaas, mok, notitieboek en draagtas van het label op een houten tafel",
    "fr": "Vase, tasse, carnet et sac en toile du label sur une table en bois",
}
WORKBENCH = {
    "de": "Werkzeuge und Holzreste auf einer Werkbank",
    "en": "Tools and offcuts of wood on a workbench",
    "nl": "Gereedschap en houtresten op een werkbank",
    "fr": "Outils et chutes de bois sur un établi",
}


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_social_alt_and_json_ld_captions_are_in_the_pages_language(client, demo, code):
    home = head(client, demo.get_translation(Locale.objects.get(language_code=code)).url)
    assert home.meta["og:image:alt"]["content"] == HOME_HERO[code]
    assert home.meta["twitter:image:alt"]["content"] == HOME_HERO[code]
    assert "lang" not in home.meta["og:image:alt"]

    designer = head(client, page_url(DesignerPage, code, catalogue_ref="lena-hoffmann"))
    assert designer.meta["og:image:alt"]["content"] == PORTRAIT[code]
    assert designer.meta["twitter:image:alt"]["content"] == PORTRAIT[code]
    captions = {(i.get("caption"), i.get("inLanguage")) for i in designer.image_objects()}
    assert (PORTRAIT[code], code) in captions

    story_page = StoryPage.objects.filter(locale__language_code=code).first()
    story = head(client, story_page.url)
    hero_alt = alt_for(story_page.hero_image, code)
    if code != "de":  # the demo's story heroes have their alt texts in every language
        assert hero_alt != alt_for(story_page.hero_image, "de")
    assert story.meta["og:image:alt"]["content"] == hero_alt
    assert (hero_alt, code) in {
        (i.get("caption"), i.get("inLanguage")) for i in story.image_objects()
    }


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_an_image_in_the_body_has_its_alt_text_in_the_pages_language(client, demo, code):
    about = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    about = about.get_translation(Locale.objects.get(language_code=code))
    alts = [img.get("alt") for img in head(client, about.url).images]
    assert WORKBENCH[code] in alts
    if code != "de":
        assert WORKBENCH["de"] not in alts


def test_a_missing_translation_falls_back_to_german_and_says_so(client, demo):
    portrait = DesignerPage.objects.get(locale__language_code="de", catalogue_ref="lena-hoffmann")
    ImageAltText.objects.filter(image=portrait.portrait, language_code="fr").delete()
    page = head(client, page_url(DesignerPage, "fr", catalogue_ref="lena-hoffmann"))
    assert page.meta["og:image:alt"] == {
        "property": "og:image:alt",
        "content": PORTRAIT["de"],
        "lang": "de",
    }
    assert page.meta["twitter:image:alt"]["lang"] == "de"
    captions = {(i.get("caption"), i.get("inLanguage")) for i in page.image_objects()}
    assert (PORTRAIT["de"], "de") in captions
    # The other languages keep their own.
    english = head(client, page_url(DesignerPage, "en", catalogue_ref="lena-hoffmann"))
    assert english.meta["og:image:alt"]["content"] == PORTRAIT["en"]


# --- Catalogue photos ----------------------------------------------------------------------------

BAG = "depot-bag-made-from-tram-seat-fabric"
BAG_ALT = {
    "de": "Depot-Tasche aus Straßenbahnsitzstoff, Ansicht 1",
    "en": "Depot bag made from tram seat fabric, view 1",
    "nl": "Depot-tas van trambekleding, aanzicht 1",
    "fr": "Sac Depot en tissu de siège de tram, vue 1",
}


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_product_photos_use_the_feeds_alt_text_in_the_visitors_language(client, demo, code):
    page = head(client, product_url(code, BAG))
    alts = [img.get("alt") for img in page.images]
    assert BAG_ALT[code] in alts
    assert page.meta["og:image:alt"]["content"] == BAG_ALT[code]
    assert page.meta["twitter:image:alt"]["content"] == BAG_ALT[code]
    assert "lang" not in page.meta["og:image:alt"]
    captions = {(i.get("caption"), i.get("inLanguage")) for i in page.image_objects()}
    assert (BAG_ALT[code], code) in captions
    other = [text for other, text in BAG_ALT.items() if other != code]
    assert not any(text in alts for text in other)


def test_a_product_photo_without_the_visitors_alt_shows_the_german_one_marked(client, demo):
    record = Product.objects.get(slug=BAG, locale__language_code="de")
    photo = ProductImage.objects.filter(product=record).order_by("position").first()
    photo.alt = {"de": photo.alt["de"], "en": photo.alt["en"]}
    photo.save()
    page = head(client, product_url("fr", BAG))
    assert BAG_ALT["de"] in [img.get("alt") for img in page.images]
    assert page.meta["og:image:alt"]["content"] == BAG_ALT["de"]
    assert page.meta["og:image:alt"]["lang"] == "de"
    captions = {(i.get("caption"), i.get("inLanguage")) for i in page.image_objects()}
    assert (BAG_ALT["de"], "de") in captions
    # Without any alt text in the feed, the product's title as shown stands in.
    photo.alt = {}
    photo.save()
    html = client.get(product_url("fr", BAG)).content.decode()
    assert re.search(r'<img[^>]+alt="Sac Depot en tissu de siège de tram"', html)
