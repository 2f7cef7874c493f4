"""The product page's passport section (`templates/products/includes/passport.html`).

What a visitor reads in each language: the workshops of the chain in order with what was done
there and, in words, whether a workshop employs people returning to work; material and where it
comes from; care and repair; the date of the data in the language's format; the passport's short
address and its QR code, which reads back as that address. Editors' texts missing in a language
show the German ones, marked `lang="de"`; a product without editorial texts shows the feed's
facts and no empty heading. An editor's change shows on the next request, through the page cache
and the page fragments; the section asks no query per workshop. The same facts in JSON-LD.
"""

import datetime
import io
import re

import pypdfium2
import pytest
import zxingcpp
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Site

from catalogue.models import ProductionPartner, ProductPartner
from core.typography import SOFT_HYPHEN
from products import pdf as site_pdf
from products.models import ProductIndexPage
from products.passport import passport_url
from tests.factories import (
    HomePageFactory,
    ImageFactory,
    ProductFactory,
    ProductImageFactory,
    VariantFactory,
    publish,
    translate,
)
from tests.seo.jsonld import assert_valid_json_ld, by_type

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

INDEX = {"de": "produkte", "en": "products", "nl": "producten", "fr": "produits"}
HEADINGS = {
    "de": ("Produktpass", "Material und Herkunft", "Pflege und Reparatur"),
    "en": ("Product passport", "Material and origin", "Care and repair"),
    "nl": ("Productpaspoort", "Materiaal en herkomst", "Onderhoud en reparatie"),
    "fr": ("Passeport produit", "Matière et provenance", "Entretien et réparation"),
}
SOCIAL = {
    "de": "gibt Menschen nach langer Arbeitslosigkeit Arbeit",
    "en": "gives work to people after long unemployment",
}
DATES = {"de": "1. März 2026", "en": "1 March 2026", "nl": "1 maart 2026", "fr": "1er mars 2026"}


def notes(**texts):
    return [("step", {"partner": ref, "text": text}) for ref, text in texts.items()]


@pytest.fixture
def bag():
    """A bag made in two workshops (one of the social labour market), with a German passport,
    an English row that translated part of it, and no Dutch or French row."""
    home = HomePageFactory()
    translate(home, "en", "nl", "fr")
    index = publish(home.add_child(instance=ProductIndexPage(title="Produkte", slug="produkte")))
    for code in ("en", "nl", "fr"):
        translate(index, code, slug=INDEX[code], title=INDEX[code].title())
    sewing = ProductionPartner.objects.create(
        ref="naehwerk", name="Nähwerk Nord", city="Aachen", social_employment=True
    )
    laser = ProductionPartner.objects.create(ref="laser", name="Laserei Süd", city="Würselen")
    bag = ProductFactory(
        external_id="PASS-0001",
        title="Passtasche",
        slug="passtasche",
        material="Sitzstoff",
        catalogue_updated_at=datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC),
        material_origin="Alte Straßenbahnsitze",
        care_advice="Bei 30 Grad waschen",
        repair_advice="Die Nähwerkstatt flickt Risse",
        step_notes=notes(laser="Teile gelasert", naehwerk="Zusammengenäht"),
    )
    VariantFactory(product=bag)
    ProductImageFactory(product=bag, image=ImageFactory())
    ProductPartner.objects.create(product=bag, partner=laser, position=0)
    ProductPartner.objects.create(product=bag, partner=sewing, position=1)
    translate(
        bag,
        "en",
        title="Passport bag",
        material="Seat fabric",
        material_origin="Old tram seats",
        care_advice="Wash at 30 degrees",
        repair_advice="",
        step_notes=notes(naehwerk="Sewn together"),
    )
    return bag


def page(client, code, slug="passtasche") -> str:
    response = client.get(f"/{code}/{INDEX[code]}/{slug}/")
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


def section(html: str) -> str:
    return re.search(
        r'<section class="passport".*?</section>\s*(?=<section class="where"|</article)', html, re.S
    )[0]


def steps(html: str) -> list[str]:
    return re.findall(r'<li class="chain__step chain__step--make">.*?</li>', section(html), re.S)


def shown(html: str, css_class: str) -> tuple[str, str]:
    """(lang, text) of the element with this class in the passport section."""
    found = re.search(rf'class="{css_class}"(?: lang="(\w+)")?>(.*?)<', section(html), re.S)
    assert found, css_class
    return found[1] or "", found[2]


def test_a_visitor_reads_the_passport_in_german(client, bag):
    html = page(client, "de")
    passport = section(html)
    for heading in HEADINGS["de"]:
        assert f">{heading}</h" in passport
    laser, sewing = steps(html)  # the chain's order, not the notes' order
    assert "Laserei Süd" in laser and "Teile gelasert" in laser and SOCIAL["de"] not in laser
    assert "Nähwerk Nord" in sewing and "Zusammengenäht" in sewing and SOCIAL["de"] in sewing
    assert shown(html, "passport__origin") == ("", "Alte Straßenbahnsitze")
    assert shown(html, "passport__care") == ("", "Bei 30 Grad waschen")
    assert shown(html, "passport__repair") == ("", "Die Nähwerkstatt flickt Risse")
    assert (
        f">{DATES['de']}</time>" in passport and 'datetime="2026-03-01T10:00:00+00:00"' in passport
    )
    url = passport_url(bag, Site.objects.get(is_default_site=True))
    assert url == "http://testserver/p/PASS-0001/"
    assert f'<a class="passport__url" href="{url}" translate="no">{url}</a>' in passport
    assert re.search(
        r'<svg role="img" [^>]*><title>QR-Code des Produktpasses: ' + re.escape(url), passport
    )


@pytest.mark.parametrize("code", ["en", "nl", "fr"])
def test_each_language_reads_its_labels_and_its_date_with_german_marked(client, bag, code):
    html = page(client, code)
    passport = section(html)
    for heading in HEADINGS[code]:
        assert f">{heading}</h" in passport
    assert f">{DATES[code]}</time>" in passport
    laser, sewing = steps(html)
    if code == "en":
        # Translated where the English row has a text, German (marked) where it has none.
        assert shown(html, "passport__origin") == ("", "Old tram seats")
        assert shown(html, "passport__care") == ("", "Wash at 30 degrees")
        assert shown(html, "passport__repair") == ("de", "Die Nähwerkstatt flickt Risse")
        assert '<span class="chain__note" lang="de">Teile gelasert</span>' in laser
        assert '<span class="chain__note">Sewn together</span>' in sewing
        assert SOCIAL["en"] in sewing and SOCIAL["en"] not in laser
    else:
        # No row in this language yet: every editorial text is the German one, marked.
        assert shown(html, "passport__origin") == ("de", "Alte Straßenbahnsitze")
        assert shown(html, "passport__care") == ("de", "Bei 30 Grad waschen")
        assert '<span class="chain__note" lang="de">Zusammengenäht</span>' in sewing
        assert 'class="badge badge--social"' in sewing and "badge--social" not in laser


def test_without_editorial_texts_the_feed_facts_show_and_no_empty_heading(client, bag):
    ProductFactory(title="Nur Katalog", slug="nur-katalog", material="Eiche")
    ProductFactory(title="Ganz leer", slug="ganz-leer", material="")
    html = page(client, "de", "nur-katalog")
    passport = section(html)
    assert "Material und Herkunft" in passport and "<dd>Eiche</dd>" in passport
    assert "Pflege und Reparatur" not in passport and "Herkunft</dt>" not in passport
    assert "Wer es gemacht hat" not in passport  # no designer, workshop or shop: no chain
    empty = section(page(client, "de", "ganz-leer"))
    assert "<h3" not in empty and "<dl" not in empty and "<time" not in empty  # no date given
    assert "/p/TEST-" in empty  # the address and the QR code are always there


def rasterized(svg: str):
    """The page's inline SVG drawn by a real renderer (WeasyPrint to PDF, pdfium to pixels),
    imported as the site does (a bare import would leave Pillow taking truncated images)."""
    html = f"<html><body style='margin:0'><div style='width:8cm'>{svg}</div></body></html>"
    pdf = site_pdf.weasyprint().HTML(string=html).write_pdf()
    return pypdfium2.PdfDocument(io.BytesIO(pdf))[0].render(scale=3).to_pil()


def test_the_qr_code_on_the_page_reads_back_as_the_passport_address(client, bag):
    for code in ("de", "fr"):
        svg = re.search(r"<svg .*?</svg>", section(page(client, code)), re.S)[0]
        read = [result.text for result in zxingcpp.read_barcodes(rasterized(svg))]
        assert read == ["http://testserver/p/PASS-0001/"]


def test_the_section_asks_no_query_per_workshop(client, bag, settings, monkeypatch):
    from core import fragments

    settings.PAGE_CACHE_TIMEOUT = 0
    monkeypatch.setattr(fragments, "ENABLED", False)
    one = ProductFactory(title="Ein Schritt", slug="ein-schritt", step_notes=notes(naehwerk="x"))
    VariantFactory(product=one)  # as the bag: one variant, one photo
    ProductImageFactory(product=one, image=ImageFactory())
    ProductPartner.objects.create(
        product=one, partner=ProductionPartner.objects.get(ref="naehwerk")
    )
    extra = [
        ProductionPartner.objects.create(ref=f"werk-{n}", name=f"Werk {n}", social_employment=n % 2)
        for n in range(4)
    ]
    for n, partner in enumerate(extra):
        ProductPartner.objects.create(product=bag, partner=partner, position=2 + n)
    bag.step_notes = notes(**{partner.ref: f"Schritt {partner.ref}" for partner in extra})
    bag.save()

    def counted(slug):
        page(client, "de", slug)  # warm-up: the frame is cached
        with CaptureQueriesContext(connection) as queries:
            html = page(client, "de", slug)
        return len(queries), len(steps(html))

    assert counted("ein-schritt")[1] == 1 and counted("passtasche")[1] == 6
    assert counted("ein-schritt")[0] == counted("passtasche")[0]


def test_an_editors_change_shows_on_the_next_request_through_cache_and_fragments(
    bag, django_user_model
):
    visitor = Client()
    first = visitor.get("/en/products/passtasche/")
    again = visitor.get("/en/products/passtasche/")
    assert again["X-Cache"] == "hit" and "Wash at 30 degrees" in again.content.decode()
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    english = bag.get_translation(Locale.objects.get(language_code="en"))
    edit = reverse("wagtailsnippets_catalogue_product:edit", args=[english.pk])
    form = {
        "teaser": "",
        "material_origin": "Old tram seats",
        "care_advice": "Hand wash only",
        "repair_advice": "Ask the Depot",
        "step_notes-count": "1",
        "step_notes-0-type": "step",
        "step_notes-0-deleted": "",
        "step_notes-0-order": "0",
        "step_notes-0-id": "",
        "step_notes-0-value-partner": "laser",
        "step_notes-0-value-text": "Parts laser-cut",
    }
    assert editor.post(edit, form).status_code == 302
    after = visitor.get("/en/products/passtasche/")
    assert first["X-Cache"] == "miss" and after["X-Cache"] == "miss"
    html = after.content.decode().replace(SOFT_HYPHEN, "")
    assert shown(html, "passport__care") == ("", "Hand wash only")
    assert shown(html, "passport__repair") == ("", "Ask the Depot")
    laser, sewing = steps(html)
    assert '<span class="chain__note">Parts laser-cut</span>' in laser
    assert '<span class="chain__note" lang="de">Zusammengenäht</span>' in sewing
    assert "Hand wash only" not in page(visitor, "de")  # the German row is its own


def test_an_editor_gets_a_clear_message_for_a_bad_step_and_loses_nothing(bag, django_user_model):
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    edit = reverse("wagtailsnippets_catalogue_product:edit", args=[bag.pk])
    form = editor.get(edit).content.decode()
    assert 'name="care_advice"' in form and "Produktpass" in form
    assert 'name="title"' not in form  # the feed's facts stay read-only
    posted = {
        "care_advice": "Neu: nur Handwäsche",
        "step_notes-count": "1",
        "step_notes-0-type": "step",
        "step_notes-0-deleted": "",
        "step_notes-0-order": "0",
        "step_notes-0-id": "",
        "step_notes-0-value-partner": "gibt-es-nicht",
        "step_notes-0-value-text": "x" * 301,
    }
    response = editor.post(edit, posted)
    assert response.status_code == 200  # the form again, with the editor's input and the errors
    html = response.content.decode()
    assert "Neu: nur Handwäsche" in html and "x" * 301 in html
    # The stream's errors, as the admin's block editor shows them beside each field.
    assert "gibt-es-nicht ist keine g\\u00fcltige Auswahl" in html
    assert "h\\u00f6chstens 300 Zeichen" in html
    bag.refresh_from_db()
    assert bag.care_advice == "Bei 30 Grad waschen"  # nothing saved half


def test_json_ld_carries_the_passport(client, bag):
    for code, origin, repair in (
        ("de", "Alte Straßenbahnsitze", "Die Nähwerkstatt flickt Risse"),
        ("en", "Old tram seats", "Die Nähwerkstatt flickt Risse"),
    ):
        product = by_type(assert_valid_json_ld(page(client, code), types={"Product"}), "Product")
        assert product["sameAs"] == "http://testserver/p/PASS-0001/"
        assert product["productID"] == "PASS-0001"
        assert [
            (m["@type"], m["name"], m["address"]["addressLocality"])
            for m in product["manufacturer"]
        ] == [
            ("LocalBusiness", "Laserei Süd", "Würselen"),
            ("LocalBusiness", "Nähwerk Nord", "Aachen"),
        ]
        values = [p["value"] for p in product["additionalProperty"]]
        assert values[0] == origin and values[-1] == repair
