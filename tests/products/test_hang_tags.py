"""Hang tags: a catalogue manager prints an A4 sheet of tags from the admin (`products.hang_tags`,
`products.hang_tag_admin`).

What the printed sheet must hold is read back from the PDF itself: its text with pypdf (names,
one-line stories, the printed addresses in the chosen language), its first page drawn with
pypdfium2 and every QR code on it decoded with zxing-cpp to the product's passport URL.
"""

import io
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage

from catalogue.models import Product
from catalogue.sync.images import ImageRejected, check_image
from products import hang_tags
from products import pdf as site_pdf
from products.hang_tag_admin import URL_NAME
from tests.factories import (
    HomePageFactory,
    ImageFactory,
    ProductFactory,
    bulk_products,
    translate,
)

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

ROOT = "http://testserver"  # the default Site's root URL (HomePageFactory)


@pytest.fixture
def products():
    HomePageFactory()
    bag = ProductFactory(
        external_id="TAG-0001",
        title="Depot-Tasche",
        teaser="Aus dem Sitzbezug der alten Straßenbahn genäht.",
        description="<p>Lang.</p>",
    )
    translate(bag, "fr", title="Sac du dépôt", teaser="Cousu dans la housse d'un vieux tram.")
    stool = ProductFactory(
        external_id="TAG-0002",
        title="Hocker Nord",
        teaser="",
        description=(
            "<p>Ein <strong>Hocker</strong> aus heimischer Eiche &amp; Filz. Jedes Stück "
            "wird in der Werkstatt am Depot geschliffen.</p>"
        ),
    )
    return bag, stool


def user_in(group_name: str, django_user_model, username: str):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def manager(client, django_user_model):
    client.force_login(user_in("Catalogue managers", django_user_model, "katalog-test"))
    return client


def url(*ids) -> str:
    return reverse(URL_NAME) + "?" + "&".join(f"id={pk}" for pk in ids)


def pdf_of(client, records, language="de", per_product=4):
    response = client.post(
        reverse(URL_NAME),
        {"id": [p.pk for p in records], "language": language, "per_product": per_product},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/pdf"
    return response


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # One line per tag text: lines broken by the layout (hyphenated or not) joined again.
    return len(reader.pages), " ".join(text.replace("\u2010\n", "").split())


def codes_on_first_page(pdf: bytes) -> list[str]:
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=4).to_pil()  # 288 dpi: a module of the 30 mm code is 8 pixels
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def test_a_catalogue_manager_gets_the_sheet_in_french(manager, products):
    bag, stool = products
    response = pdf_of(manager, [bag, stool], language="fr", per_product=4)
    assert response["Content-Disposition"] == (
        'attachment; filename="haengeetiketten-2-produkte-fr.pdf"'
    )
    pages, text = text_of(response.content)
    assert pages == 1  # 8 tags, 9 to a sheet
    assert text.count("Sac du dépôt") == 4  # the French title
    assert "Depot-Tasche" not in text
    assert text.count("Cousu dans la housse d'un vieux tram.") == 4
    # No French row: the German one, its description's first sentence cleaned of its markup.
    assert text.count("Hocker Nord") == 4
    assert text.count("Ein Hocker aus heimischer Eiche & Filz.") == 4
    assert "Jedes Stück" not in text and "<" not in text
    assert text.count("testserver/p/TAG-0001/") == 4
    assert text.count("testserver/p/TAG-0002/") == 4
    assert text.count("MADE IN AACHEN-NORD") == 8  # the label mark, set in type

    assert codes_on_first_page(response.content) == sorted(
        [f"{ROOT}/p/TAG-0001/"] * 4 + [f"{ROOT}/p/TAG-0002/"] * 4
    )


def test_the_sheet_is_a4_with_cut_marks_beside_every_tag_never_on_one(manager, products):
    """As the printer meets it: an A4 page, nine 60 × 85 mm tags 6 mm apart, centred (9 mm from
    the left, 15 mm from the top), and at each tag's corners a mark in the gap or margin that
    continues its edges; the paper just inside a tag's corner stays blank."""
    bag, _stool = products
    pdf = pdf_of(manager, [bag], per_product=9).content
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 210
    assert round(float(page.mediabox.height) / 72 * 25.4) == 297
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=4).to_pil().convert("L")
    per_mm = image.width / 210

    def darkest(x_mm: float, y_mm: float) -> int:
        x, y = round(x_mm * per_mm), round(y_mm * per_mm)
        return min(image.getpixel((x + dx, y + dy)) for dx in range(-3, 4) for dy in range(-3, 4))

    for left in (9, 75, 141):
        for top in (15, 106, 197):
            right, bottom = left + 60, top + 85
            # Marks continue the edges outside the tag, 1 to 5 mm from its corners.
            assert darkest(left, top - 3) < 128 and darkest(left - 3, top) < 128
            assert darkest(right, bottom + 3) < 128 and darkest(right + 3, bottom) < 128
            # Nothing on the tag at its corners, nothing diagonally off them.
            assert darkest(left + 1.5, top + 1.5) > 200
            assert darkest(right - 1.5, bottom - 1.5) > 200
            assert darkest(left - 3, top - 3) > 200


def test_after_a_sheet_a_truncated_photo_is_still_refused(manager, products):
    """WeasyPrint's import switches on Pillow's LOAD_TRUNCATED_IMAGES for the whole process; the
    worker that made a sheet still refuses a truncated photo in the catalogue sync."""
    pdf_of(manager, list(products), per_product=1)
    whole = io.BytesIO()
    PILImage.new("RGB", (640, 480), "#2f8f5b").save(whole, "JPEG", quality=85)
    assert len(whole.getvalue()) > 2000
    check_image("https://catalogue.example/ganz.jpg", whole.getvalue())
    with pytest.raises(ImageRejected, match="is damaged and cannot be decoded"):
        check_image("https://catalogue.example/halb.jpg", whole.getvalue()[:2000])


@pytest.mark.parametrize("per_product, pages", [(1, 1), (5, 2), (9, 2), (10, 3)])
def test_pages_are_the_tags_nine_to_a_sheet(manager, products, per_product, pages):
    response = pdf_of(manager, products, language="de", per_product=per_product)
    count, text = text_of(response.content)
    assert count == pages == math.ceil(2 * per_product / hang_tags.TAGS_PER_PAGE)
    assert text.count("Depot-Tasche") == per_product
    codes = codes_on_first_page(response.content)
    assert len(codes) == min(2 * per_product, hang_tags.TAGS_PER_PAGE)
    first = [f"{ROOT}/p/TAG-0001/"] * per_product + [f"{ROOT}/p/TAG-0002/"] * per_product
    assert codes == sorted(first[: hang_tags.TAGS_PER_PAGE])


def test_one_product_from_any_language_row_and_the_file_name(manager, products):
    french = Product.objects.get(external_id="TAG-0001", locale__language_code="fr")
    form = manager.get(url(french.pk))
    assert form.status_code == 200
    assert "Depot-Tasche (TAG-0001)" in form.content.decode()  # its German row is printed
    response = pdf_of(manager, [french], language="de", per_product=2)
    assert response["Content-Disposition"] == (
        'attachment; filename="haengeetiketten-tag-0001-de.pdf"'
    )
    _pages, text = text_of(response.content)
    assert text.count("Depot-Tasche") == 2
    assert text.count("Aus dem Sitzbezug der alten Straßenbahn genäht.") == 2


def test_a_long_story_is_cut_at_a_word_with_an_ellipsis(products):
    _bag, stool = products
    stool.teaser = " ".join(["Werkstattarbeit"] * 30)
    assert len(hang_tags.one_line_story(stool)) <= hang_tags.STORY_LENGTH + 2
    assert hang_tags.one_line_story(stool).endswith("Werkstattarbeit …")
    stool.teaser = ""
    stool.description = "<p>z. B. aus Eiche gefertigt, in Aachen. Zweiter Satz.</p>"
    assert hang_tags.one_line_story(stool) == "z. B. aus Eiche gefertigt, in Aachen."


def test_products_not_live_get_no_tags_and_are_named(manager, products):
    bag, _stool = products
    archived = ProductFactory(external_id="TAG-0003", title="Alter Schlüsselanhänger")
    Product.objects.filter(pk=archived.pk).update(status=Product.Status.ARCHIVED)
    form = manager.get(url(bag.pk, archived.pk))
    page = form.content.decode()
    assert form.status_code == 200
    assert "nicht aktiv" in page and "Alter Schlüsselanhänger (TAG-0003, Archiviert)" in page
    response = pdf_of(manager, [bag, archived], per_product=1)
    _pages, text = text_of(response.content)
    assert "Depot-Tasche" in text and "Schlüsselanhänger" not in text

    only_archived = manager.post(
        reverse(URL_NAME), {"id": [archived.pk], "language": "de", "per_product": 1}
    )
    assert only_archived.status_code == 400
    assert "Keines der gewählten Produkte ist im Katalog aktiv" in only_archived.content.decode()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("per_product", "0", "größer oder gleich 1"),
        ("per_product", "10000", "kleiner oder gleich 40"),
        ("per_product", "vier", "ganze Zahl"),
        ("language", "xx", "gültige Auswahl"),
        ("language", "", "Dieses Feld muss ausgefüllt werden"),
    ],
)
def test_a_bad_count_or_language_gets_a_message_not_a_pdf(manager, products, field, value, message):
    data = {"id": [p.pk for p in products], "language": "de", "per_product": "4", field: value}
    response = manager.post(reverse(URL_NAME), data)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    # Nothing lost: the products are still chosen for the next try.
    assert response.content.decode().count('name="id"') == 2


def test_ids_that_are_no_product_get_a_message(manager, products):
    image = ImageFactory()
    missing = max(Product.objects.values_list("pk", flat=True)) + 1000
    cases = [
        (url(missing), f"kein Produkt mit der Nummer {missing}"),
        (url(products[0].pk, missing), f"kein Produkt mit der Nummer {missing}"),
        (url("abc"), "„abc“ ist keine Produktnummer"),
        (url("-1"), "„-1“ ist keine Produktnummer"),
        (url(), "mindestens ein Produkt"),
        (url(*range(1, 202)), "Höchstens 200 Produkte auf einem Bogen; gewählt sind 201."),
    ]
    if not Product.objects.filter(pk=image.pk).exists():  # an image's id, no product's
        cases.append((url(image.pk), f"kein Produkt mit der Nummer {image.pk}"))
    for address, message in cases:
        response = manager.get(address)
        assert response.status_code == 400, address
        page = response.content.decode()
        assert message in page, address
        assert "PDF herunterladen" not in page
        post = manager.post(address, {"language": "de", "per_product": 1})
        assert post.status_code == 400 and post["Content-Type"].startswith("text/html")


def test_the_listing_offers_hang_tags_and_the_bulk_action_leads_to_the_form(manager, products):
    bag, stool = products
    listing = manager.get(reverse("wagtailsnippets_catalogue_product:list"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Hängeetiketten" in page
    assert url(bag.pk).replace("&", "&amp;") in page
    bulk = reverse("wagtail_bulk_action", args=["catalogue", "product", "hang_tags"])
    response = manager.get(f"{bulk}?id={bag.pk}&id={stool.pk}")
    assert response.status_code == 302
    assert response["Location"] == url(bag.pk, stool.pk)
    too_many = manager.get(f"{bulk}?{'&'.join(f'id={n}' for n in range(300))}", follow=True)
    assert "Höchstens 200 Produkte auf einem Bogen; gewählt sind 300." in too_many.content.decode()


def test_the_edit_view_of_a_product_offers_hang_tags(client, django_user_model, products):
    bag, _stool = products
    client.force_login(user_in("Editors", django_user_model, "redaktion-test"))
    edit = client.get(reverse("wagtailsnippets_catalogue_product:edit", args=[bag.pk]))
    assert edit.status_code == 200
    assert url(bag.pk) in edit.content.decode()
    assert pdf_of(client, [bag], per_product=1).content.startswith(b"%PDF")


def test_who_may_not_see_products_gets_no_sheet(client, django_user_model, products):
    client.force_login(user_in("Enquiry managers", django_user_model, "anfragen-test"))
    ids = [p.pk for p in products]
    assert client.get(url(*ids)).status_code == 403
    data = {"id": ids, "language": "de", "per_product": 4}
    response = client.post(reverse(URL_NAME), data)
    assert response.status_code == 403
    assert not response.content.startswith(b"%PDF")
    bulk = reverse("wagtail_bulk_action", args=["catalogue", "product", "hang_tags"])
    assert client.get(f"{bulk}?id={ids[0]}").status_code == 403
    client.logout()
    assert client.get(url(*ids)).status_code == 302  # to the admin's login


def test_the_queries_do_not_grow_with_the_products(manager, products):
    more = [ProductFactory() for _n in range(6)]
    for record in more:
        translate(record, "fr", title=f"{record.title} (fr)")
    pdf_of(manager, products, language="fr", per_product=1)  # the session's and locales' reads
    counts = []
    for chosen in (list(products), [*products, *more]):
        with CaptureQueriesContext(connection) as queries:
            pdf_of(manager, chosen, language="fr", per_product=1)
        counts.append(len(queries))
    assert counts[0] == counts[1]


class Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        Recorder.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback():
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_weasyprint_fetches_only_data_and_the_projects_static_files(loopback, tmp_path):
    weasyprint = site_pdf.weasyprint()

    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    fetcher = site_pdf.static_only_fetcher()
    for refused in (f"{loopback}/a.css", f"file://{secret}", "file:///etc/hostname", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    stylesheet = site_pdf.stylesheet_uri(hang_tags.STYLESHEET)
    assert b"@page" in fetcher.fetch(stylesheet).read()
    # Outside the static folders by a path that starts inside one:
    assert "static" in stylesheet
    with pytest.raises(ValueError):
        fetcher.fetch(stylesheet.replace("css/hang-tags.css", "../pyproject.toml"))

    # A whole document that asks for another host and a local file: nothing reaches them.
    html = (
        f'<link rel="stylesheet" href="{loopback}/style.css">'
        f'<img src="{loopback}/logo.png"><img src="file://{secret}"><p>Etikett</p>'
    )
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert Recorder.seen == []
    # The control: WeasyPrint's own fetcher would have asked the loopback server.
    weasyprint.HTML(string=html).write_pdf()
    assert "/style.css" in Recorder.seen


def test_select_all_in_the_listing_is_every_product_up_to_the_bound(manager, products):
    """Wagtail's "select all in listing" sends `id=all`: every product of the catalogue."""
    form = manager.get(url("all"))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Depot-Tasche (TAG-0001)" in page and "Hocker Nord (TAG-0002)" in page
    total = Product.objects.sources().count()
    bulk_products(hang_tags.MAX_PRODUCTS + 1 - total)
    too_many = manager.get(url("all"))
    assert too_many.status_code == 400
    assert f"gewählt sind {hang_tags.MAX_PRODUCTS + 1}." in too_many.content.decode()
