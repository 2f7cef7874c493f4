"""A small site with the trade page and the press kit in four languages (no demo), files in the
library (one document in a private collection), and posting the trade form as a browser on this
site would."""

import io
import shutil

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import override_settings
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from core import pagecache
from home.models import HomePage
from tests.conftest import shared_rows
from tests.enquiries.conftest import post_like_a_browser, token_for
from tests.factories import HomePageFactory, ImageFactory, publish, translate
from trade.models import PressKitPage, TradePage

LANGUAGES = ["de", "en", "nl", "fr"]
TRADE_TITLES = {
    "de": ("Für Händler", "fuer-haendler"),
    "en": ("For shops", "for-shops"),
    "nl": ("Voor winkels", "voor-winkels"),
    "fr": ("Revendeurs", "revendeurs"),
}
KIT_TITLES = {
    "de": ("Presse und Handel", "presse-und-handel"),
    "en": ("Press and trade", "press-and-trade"),
    "nl": ("Pers en handel", "pers-en-handel"),
    "fr": ("Presse et revendeurs", "presse-et-revendeurs"),
}
TEXT_50 = "Made in Aachen-Nord ist ein Designlabel aus dem Aachener Norden."


@pytest.fixture(autouse=True)
def _empty_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    pagecache.reset()
    yield
    cache.clear()


def _in_all_languages(german, titles):
    pages = {"de": german}
    for code in LANGUAGES[1:]:
        title, slug = titles[code]
        pages[code] = translate(german, code, title=title, slug=slug)
    return pages


@pytest.fixture(scope="module")
def home_rows(django_db_setup, django_db_blocker):
    """The home's primary key (German; translated), built once for the module's tests
    (tests/conftest.py)."""
    yield from shared_rows(django_db_blocker, build_home)


@pytest.fixture
def home(db, home_rows):
    return HomePage.objects.get(pk=home_rows)


def build_home() -> int:
    home = HomePageFactory()
    for code in LANGUAGES[1:]:
        translate(home, code)
    return home.pk


@pytest.fixture(scope="module")
def trade_rows(home_rows, django_db_blocker):
    """{code: the trade page's primary key}, built once for the module's tests."""
    yield from shared_rows(django_db_blocker, lambda: build_trade_pages(home_rows))


@pytest.fixture
def trade_pages(home, trade_rows):
    """{code: the trade page in that language}, read again for each test."""
    return {code: TradePage.objects.get(pk=pk) for code, pk in trade_rows.items()}


def build_trade_pages(home_pk: int) -> dict[str, int]:
    german = TradePage(
        title=TRADE_TITLES["de"][0],
        slug=TRADE_TITLES["de"][1],
        intro="<p>Wir beliefern Läden, die zu uns passen.</p>",
        body=[
            ("heading", {"text": "Konditionen", "level": "h2"}),
            ("paragraph", "<p>Lieferung in der Regel innerhalb von drei Wochen.</p>"),
        ],
        form_intro="<p>Erzählen Sie uns von Ihrem Geschäft.</p>",
        to_address="handel@example.org",
    )
    HomePage.objects.get(pk=home_pk).add_child(instance=german)
    publish(german)
    return {code: page.pk for code, page in _in_all_languages(german, TRADE_TITLES).items()}


def pdf_document(title: str, collection=None):
    out = io.BytesIO()
    Image.new("RGB", (200, 280), (255, 255, 255)).save(out, "PDF")
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(out.getvalue()))
    return document


@pytest.fixture(scope="module")
def library_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """({name: primary key} of the library's files, the media folder they were written to),
    built once for the module's tests. The folder is the module's own: `library` copies it into
    each test's MEDIA_ROOT (`_empty_cache`), so a test finds the files and writes beside them
    (renditions, new files) without any other test seeing what it wrote."""
    media = tmp_path_factory.mktemp("trade-media")

    def build():
        with override_settings(MEDIA_ROOT=media):
            return build_library(), media

    yield from shared_rows(django_db_blocker, build)


@pytest.fixture
def library(db, library_rows, _empty_cache, settings):
    """Files of the library: a logo (PNG), a photo (JPEG 1600 × 1000), a public fact sheet and a
    document in a private collection (a view restriction for logged-in users); read again for
    each test, their files copied into the test's MEDIA_ROOT."""
    rows, media = library_rows
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return library_files(rows)


def library_files(pks: dict[str, int]) -> dict:
    """The library's images and documents, read by their primary keys."""
    images, documents = get_image_model().objects, get_document_model().objects
    return {
        "logo": images.get(pk=pks["logo"]),
        "photo": images.get(pk=pks["photo"]),
        "fact_sheet": documents.get(pk=pks["fact_sheet"]),
        "private": documents.get(pk=pks["private"]),
    }


def build_library() -> dict[str, int]:
    root = Collection.get_first_root_node()
    private = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    out = io.BytesIO()
    Image.new("RGB", (1200, 600), (29, 74, 54)).save(out, "PNG")
    from django.core.files.images import ImageFile

    logo = ImageFactory(title="Logo", file=ImageFile(out, name="logo.png"))
    return {
        "logo": logo.pk,
        "photo": ImageFactory(title="Kollektion", description="Drei Dinge auf einem Tisch").pk,
        "fact_sheet": pdf_document("Faktenblatt").pk,
        "private": pdf_document("Interne Preisliste", private).pk,
    }


@pytest.fixture(scope="module")
def kit_rows(home_rows, library_rows, django_db_blocker):
    """{code: the press kit's primary key}, built once for the module's tests (with the
    library's media folder, where anything publishing it writes goes)."""
    rows, media = library_rows

    def build():
        with override_settings(MEDIA_ROOT=media):
            return build_kit_pages(home_rows, rows)

    yield from shared_rows(django_db_blocker, build)


@pytest.fixture
def kit_pages(home, library, kit_rows):
    """{code: the press kit in that language}, read again for each test."""
    return {code: PressKitPage.objects.get(pk=pk) for code, pk in kit_rows.items()}


def build_kit_pages(home_pk: int, library_pks: dict[str, int]) -> dict[str, int]:
    library = library_files(library_pks)
    german = PressKitPage(
        title=KIT_TITLES["de"][0],
        slug=KIT_TITLES["de"][1],
        intro="<p>Logos, Fotos und Texte zum Herunterladen.</p>",
        logos=[
            (
                "logo",
                {
                    "name": "Logo farbig",
                    "image": library["logo"],
                    "document": library["fact_sheet"],
                },
            ),
        ],
        photos=[
            (
                "photo",
                {
                    "image": {
                        "image": library["photo"],
                        "alt_text": "Schale und Lampe auf einem Tisch",
                        "decorative": False,
                    },
                    "caption": "Aus der Kollektion",
                    "credit": "Made in Aachen-Nord",
                },
            )
        ],
        texts=[
            ("text", {"length": "50", "text": TEXT_50}),
            ("text", {"length": "150", "text": "Erster Absatz.\n\nZweiter Absatz <b>fett</b>."}),
        ],
        documents=[
            ("document", {"document": library["fact_sheet"], "description": "Eine Seite"}),
            ("document", {"document": library["private"], "description": "Nur intern"}),
        ],
        contact_name="Mira Beispiel",
        contact_role="Presse und Handel",
        contact_email="presse@example.org",
        contact_phone="+49 241 000000",
    )
    HomePage.objects.get(pk=home_pk).add_child(instance=german)
    publish(german)
    return {code: page.pk for code, page in _in_all_languages(german, KIT_TITLES).items()}


def trade_answers(**overrides) -> dict:
    data = {
        "shop_name": "Museumsshop Ludwig Forum",
        "shop_kind": "museum_shop",
        "city": "Aachen",
        "contact_person": "Jana Beispiel",
        "email": "Jana@Example.org",
        "phone": "+49 241 123456",
        "products": "Becher und Falttaschen",
        "quantities": "je 10 Stück zum Start",
        "message": "Wir planen eine Ausstellung im Frühjahr.",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the trade form like a browser: same origin, a token of a form shown `age` s ago."""

    def _post(page, data=None, *, age=30, token=None, headers=None):
        body = trade_answers() if data is None else data
        token = token if token is not None else token_for(page, age)
        with django_capture_on_commit_callbacks(execute=True):
            return post_like_a_browser(client, page, body, token, headers)

    return _post
