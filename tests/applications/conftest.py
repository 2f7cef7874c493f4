"""A small site with the application page in German and French (no demo), files to send, and
posting the form as a browser on this site would (multipart, same origin, a signed token)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from applications.models import DesignApplicationPage
from core import pagecache
from tests.enquiries.conftest import post_like_a_browser, token_for
from tests.factories import HomePageFactory, publish, translate

TITLES = {
    "de": ("Entwurf einreichen", "entwurf-einreichen"),
    "en": ("Submit a design", "submit-a-design"),
    "nl": ("Ontwerp indienen", "ontwerp-indienen"),
    "fr": ("Soumettre un design", "soumettre-un-design"),
}


@pytest.fixture(autouse=True)
def _empty_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    pagecache.reset()
    yield
    cache.clear()


@pytest.fixture
def pages(db):
    """{code: the application page in that language} (de, fr)."""
    home = HomePageFactory()
    translate(home, "fr")
    german = DesignApplicationPage(
        title=TITLES["de"][0],
        slug=TITLES["de"][1],
        intro="<p>Beschreiben Sie Ihren Entwurf.</p>",
        to_address="bewerbungen@example.org",
    )
    home.add_child(instance=german)
    publish(german)
    french = translate(german, "fr", title=TITLES["fr"][0], slug=TITLES["fr"][1])
    return {"de": german, "fr": french}


def application(**overrides) -> dict:
    data = {
        "contact_person": "Lena Beispiel",
        "email": "Lena@Example.org",
        "portfolio_url": "https://lena.example.org",
        "design_title": "Falttasche aus Segeltuch",
        "description": "Eine Tasche, die sich flach falten lässt.",
        "materials": "Altes Segeltuch",
        "production": "50 Stück in zwei Farben",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def png(size=(60, 40), *, name="entwurf.png", exif=False) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 80, 40))
    out = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Kamera Hersteller"  # Make
        data[0x9286] = "Standort Aachen"  # UserComment
        options["exif"] = data
    image.save(out, "PNG", **options)
    return SimpleUploadedFile(name, out.getvalue(), "image/png")


def jpeg_with_exif(name="foto.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", (80, 60), (30, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "Kamera Hersteller"
    exif[0x8825] = {2: (50.0, 46.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"privat")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def pdf(*, javascript=False, attachment=False, name="mappe.pdf") -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if javascript:
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hallo');"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attachment:
        writer.add_attachment("beilage.txt", b"geheim")
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), "application/pdf")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the form like a browser (multipart): same origin, a token of a form shown 30 s ago."""

    def _post(page, data=None, files=(), *, age=30, token=None, headers=None):
        body = application() if data is None else dict(data)
        if files:
            body["files"] = list(files)
        token = token if token is not None else token_for(page, age)
        with django_capture_on_commit_callbacks(execute=True):
            return post_like_a_browser(client, page, body, token, headers)

    return _post
