"""Product passports: the short address a hang tag's QR code carries (`products.passport`).

A buyer scans the tag with a phone: the code must read back as the passport address on the
site's own host, and that address must lead to the product page in the phone's language — after
a slug change too, and for any letter case. Anything else is a plain 404."""

import io

import pytest
import zxingcpp
from PIL import Image
from wagtail.models import Site

from catalogue.models import Product, ProductSlugHistory
from core.typography import SOFT_HYPHEN

pytestmark = pytest.mark.django_db

TITLES = {
    "de": ("/de/produkte/", "Depot-Tasche aus Straßenbahnsitzstoff"),
    "en": ("/en/products/", "Depot bag made from tram seat fabric"),
    "nl": ("/nl/producten/", "Depot-tas van trambekleding"),
    "fr": ("/fr/produits/", "Sac Depot en tissu de siège de tram"),
}


def scanned(image_bytes: bytes) -> list[str]:
    return scanned_image(Image.open(io.BytesIO(image_bytes)))


@pytest.mark.parametrize("code", TITLES)
def test_the_passport_leads_to_the_product_page_in_the_phones_language(client, demo, code):
    index, title = TITLES[code]
    response = client.get("/p/MAN-0001/", headers={"accept-language": f"{code},de;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == f"{index}depot-bag-made-from-tram-seat-fabric/"
    assert "Accept-Language" in response["Vary"]
    assert "no-store" in response["Cache-Control"]  # no shared cache keeps one language's answer
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f"<h1>{title}</h1>" in page.content.decode().replace(SOFT_HYPHEN, "")


def test_a_phone_in_another_language_gets_the_german_page(client, demo):
    response = client.get("/p/man-0001/", headers={"accept-language": "pl,tr;q=0.8"})
    assert response["Location"] == "/de/produkte/depot-bag-made-from-tram-seat-fabric/"


def test_a_printed_tag_survives_a_slug_change(client, demo):
    rows = Product.objects.filter(external_id="MAN-0001")
    for row in rows:
        ProductSlugHistory.objects.get_or_create(slug=row.slug, defaults={"product": row})
    rows.update(slug="depot-tasche-neu")
    response = client.get("/p/MAN-0001/", headers={"accept-language": "nl"})
    assert response["Location"] == "/nl/producten/depot-tasche-neu/"
    assert client.get(response["Location"]).status_code == 200


def test_a_product_the_label_stopped_selling_still_says_where_it_went(client, demo):
    archived = Product.objects.get(
        handle="tram-stop-keyring", locale__language_code="de"
    ).external_id
    response = client.get(f"/p/{archived}/", headers={"accept-language": "de"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 410


@pytest.mark.parametrize(
    "code",
    ["NOPE-0000", "..%2F..%2Fadmin", "<script>", "a" * 65, "MAN-0001%00", "%20"],
)
def test_unknown_and_hostile_codes_are_a_plain_404(client, demo, code):
    for suffix in ("", "qr.svg", "qr.png"):
        response = client.get(f"/p/{code}/{suffix}")
        assert response.status_code == 404, (code, suffix)


def test_only_reading_is_allowed(client, demo):
    assert client.post("/p/MAN-0001/").status_code == 405
    assert client.head("/p/MAN-0001/").status_code == 302


def test_the_qr_codes_read_back_as_the_passport_on_the_sites_own_host(client, demo, settings):
    """A second host name (one the server answers, another than the Site's) must not end up on a
    printed tag: the code holds the Site's configured root URL."""
    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.get(is_default_site=True)
    expected = f"{site.root_url}/p/MAN-0001/"
    png = client.get("/p/MAN-0001/qr.png", HTTP_HOST="other-name.example")
    assert png.status_code == 200
    assert png["Content-Type"] == "image/png"
    assert scanned(png.content) == [expected]

    svg = client.get("/p/MAN-0001/qr.svg", HTTP_HOST="other-name.example")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg")
    assert f"<title>{expected}</title>".encode() in svg.content
    # Printed: the served SVG itself, drawn by the project's PDF renderer (WeasyPrint, as the hang
    # tags draw it) 60 mm wide and rasterised at 288 dpi, reads back the same.
    import pypdfium2

    from products.pdf import data_url, write_pdf

    pdf = write_pdf(
        '<html><body><img style="width: 60mm" alt="" src="'
        + data_url(svg.content, "image/svg+xml")
        + '"></body></html>'
    )
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=4).to_pil()
    assert scanned_image(image) == [expected]


def scanned_image(image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]
