"""The press and point-of-sale kit: each file of the library shown with its format and size, each
download link answering with the file, a private document left out, the texts as plain
selectable text, in every language; its queries do not grow with the files."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.typography import SOFT_HYPHEN
from tests.factories import ImageFactory, publish
from tests.trade.conftest import LANGUAGES, TEXT_50, pdf_document

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


def in_language(code: str, msgid: str) -> str:
    with translation.override(code):
        return translation.gettext(msgid)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_kit_shows_each_file_with_format_and_size(client, kit_pages, library, code):
    html = html_of(client, kit_pages[code])
    logo, photo, sheet = library["logo"], library["photo"], library["fact_sheet"]
    assert f'<a href="{logo.file.url}" download>' in html
    assert in_language(code, "%(format)s herunterladen") % {"format": "PNG"} in html
    assert "1200 × 600 px" in html
    assert f'<a href="{photo.file.url}" download>' in html
    assert in_language(code, "Original als %(format)s") % {"format": "JPG"} in html
    assert "1600 × 1000 px" in html
    # The preview is a small rendition with its alt text, not the original.
    preview = re.search(r'<div class="presskit__preview">(.*?)</div>', html, re.S).group(1)
    assert 'alt="Schale und Lampe auf einem Tisch"' in preview and photo.file.url not in preview
    assert f'<a href="{sheet.url}">Faktenblatt</a>' in html and "(PDF, " in html
    # A document of a private collection is not even named.
    assert "Interne Preisliste" not in html and library["private"].url not in html
    # The texts as plain text, markup shown as typed, without a script.
    assert f"<p>{TEXT_50}</p>" in html
    assert "<p>Zweiter Absatz &lt;b&gt;fett&lt;/b&gt;.</p>" in html
    assert in_language(code, "Etwa %(count)s Wörter") % {"count": "150"} in html
    assert '<a href="mailto:presse@example.org">' in html and 'href="tel:+49241000000"' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    assert in_language(code, "Pressekontakt") in html


def test_every_download_answers_with_its_file(client, kit_pages, library, settings):
    settings.SERVE_MEDIA = True
    html = html_of(client, kit_pages["en"])
    links = re.findall(r'<a href="(/[^"]+)"( download)?>', html)
    files = [href for href, _download in links if "/documents/" in href or "/media/" in href]
    assert len(files) == 4  # logo PNG, logo PDF, photo original, fact sheet
    for href in files:
        response = client.get(href)
        assert response.status_code == 200, href
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body[:4] in (b"%PDF", b"\x89PNG", b"\xff\xd8\xff\xe0"[:4], b"\xff\xd8\xff\xdb"), href
    # The private document stays private at its own address too.
    private = client.get(library["private"].url)
    assert private.status_code in (302, 403)
    assert not getattr(private, "streaming", False)


def test_an_editors_change_shows_on_the_next_request(client, kit_pages, library):
    assert "presse@example.org" in html_of(client, kit_pages["de"])
    page = kit_pages["de"]
    page.contact_email = "medien@example.org"
    page.texts = [("text", {"length": "50", "text": "Ein neuer kurzer Text."})]
    publish(page)
    html = html_of(client, page)
    assert "medien@example.org" in html and "Ein neuer kurzer Text." in html
    assert TEXT_50 not in html


def test_a_document_made_private_later_disappears_from_the_kit(client, kit_pages, library):
    from wagtail.models import CollectionViewRestriction

    sheet = library["fact_sheet"]
    assert sheet.url in html_of(client, kit_pages["de"])
    CollectionViewRestriction.objects.create(
        collection=sheet.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    html = html_of(client, kit_pages["de"])
    assert sheet.url not in html and "Faktenblatt" not in html


def test_queries_do_not_grow_with_the_files(client, kit_pages, library, uncached_pages):
    def queries(code) -> int:
        client.get(kit_pages[code].url)  # warm-up: routes, frame, renditions
        with CaptureQueriesContext(connection) as captured:
            assert client.get(kit_pages[code].url).status_code == 200
        return len(captured)

    few = {code: queries(code) for code in ("de", "fr")}
    page = kit_pages["de"]
    for number in range(6):
        image = ImageFactory(title=f"Foto {number}")
        page.photos.append(
            ("photo", {"image": {"image": image, "alt_text": "Ein Foto", "decorative": False}})
        )
        page.documents.append(("document", {"document": pdf_document(f"Blatt {number}")}))
        page.logos.append(("logo", {"name": f"Logo {number}", "image": image, "document": None}))
    publish(page)
    french = kit_pages["fr"]
    french.photos, french.documents, french.logos = page.photos, page.documents, page.logos
    publish(french)
    assert html_of(client, page).count("presskit__item") == 14
    many = {code: queries(code) for code in ("de", "fr")}
    assert all(many[code] <= few[code] for code in few), (few, many)
    assert few["de"] <= 25, few


def test_the_trade_page_renders_in_few_queries(client, trade_pages, uncached_pages):
    client.get(trade_pages["de"].url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(trade_pages["nl"].url).status_code == 200
    # With the demo loaded the frame of a new language also resolves its footer links (events,
    # trade page, press kit: one query for all) and the form lists the live range (one).
    assert len(captured) <= 30, [query["sql"] for query in captured]


def test_the_trade_pages_terms_change_on_the_next_request(client, trade_pages):
    page = trade_pages["de"]
    first = client.get(page.url)
    assert "innerhalb von drei Wochen" in first.content.decode()
    page.body = [("paragraph", "<p>Lieferung jetzt innerhalb von zehn Tagen.</p>")]
    publish(page)
    html = html_of(client, page)
    assert "innerhalb von zehn Tagen" in html and "drei Wochen" not in html
    # The form is still there, under its heading, in the page's language.
    assert 'id="trade-enquiry"' in html and 'name="shop_name"' in html
