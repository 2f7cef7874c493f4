"""Every address in the visitor's language: translated slugs, translated view addresses, the way
from a German slug under another language to the page's translation, and the old addresses."""

from urllib.parse import urlsplit

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from catalogue.models import Product
from demo.builder import DemoBuilder
from enquiries.models import EnquiryFormPage
from project.models import ProjectPage

pytestmark = pytest.mark.django_db
TARGETS = ["en", "nl", "fr"]


@pytest.mark.parametrize(
    ("code", "paths"),
    [
        (
            "en",
            ["enquiry", "legal-notice", "privacy", "where-to-buy", "designers", "products",
             "stories", "campaigns", "about-the-project"],
        ),
        (
            "nl",
            ["aanvraag", "colofon", "privacy", "waar-te-koop", "ontwerpers", "producten",
             "verhalen", "campagnes", "over-het-project"],
        ),
        (
            "fr",
            ["demande", "mentions-legales", "confidentialite", "ou-acheter", "createurs",
             "produits", "histoires", "campagnes", "a-propos"],
        ),
    ],
)  # fmt: skip
def test_demo_pages_answer_at_translated_slugs(client, demo, code, paths):
    for path in paths:
        response = client.get(f"/{code}/{path}/")
        assert response.status_code == 200, path
        assert f'<html lang="{code}">' in response.content.decode()


def test_every_demo_page_translation_has_its_own_slug(demo):
    """No translation of a demo page keeps its German slug, except a designer's (a name)."""
    kept = []
    for german in Page.objects.live().filter(locale__language_code="de", depth__gt=2).specific():
        if german._meta.model_name == "designerpage":
            continue
        for code in TARGETS:
            local = german.get_translation_or_none(Locale.objects.get(language_code=code))
            if local is not None and local.live and local.slug == german.slug:
                kept.append((code, german.slug))
    assert kept == []


@pytest.mark.parametrize(
    ("code", "path"), [("de", "/de/suche/"), ("en", "/en/search/"), ("nl", "/nl/zoeken/"), ("fr", "/fr/recherche/")]
)  # fmt: skip
def test_search_has_a_translated_address(client, demo, code, path):
    response = client.get(path, {"q": "Tasche"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{path}"' in html
    assert f'<html lang="{code}">' in html


@pytest.mark.parametrize(("code", "path"), [("en", "/en/search/"), ("fr", "/fr/recherche/")])
def test_old_german_search_address_redirects_with_its_query(client, demo, code, path):
    response = client.get(f"/{code}/suche/?q=sac&page=2")
    assert response.status_code == 301
    assert response["Location"] == f"{path}?q=sac&page=2"


@pytest.mark.parametrize(
    ("code", "submit", "token"),
    [
        ("de", "anfrage-senden", "anfrage-token"),
        ("en", "send-enquiry", "enquiry-token"),
        ("nl", "aanvraag-versturen", "aanvraag-token"),
        ("fr", "envoyer-demande", "jeton-demande"),
    ],
)
def test_enquiry_form_posts_to_translated_addresses(client, demo, code, submit, token):
    page = EnquiryFormPage.objects.get(locale__language_code=code)
    html = client.get(page.url).content.decode()
    assert f'action="/{code}/{submit}/{page.pk}/"' in html
    assert f'data-token-url="/{code}/{token}/{page.pk}/"' in html
    assert client.get(f"/{code}/{token}/{page.pk}/").status_code == 200
    # A form page opened before the addresses were translated still gets its token.
    assert client.get(f"/{code}/anfrage-token/{page.pk}/").status_code == 200


def _german_paths():
    """(German path below the home, its translation's live URL) for every demo page in each
    target language, as the fallback should answer it."""
    pairs = []
    home = Page.objects.get(depth=2, locale__language_code="de")
    for german in Page.objects.live().public().filter(locale__language_code="de", depth__gt=2):
        rest = german.url_path[len(home.url_path) :]
        for code in TARGETS:
            local = german.get_translation_or_none(Locale.objects.get(language_code=code))
            # The path alone: another test's Site may linger in Wagtail's cache of site roots,
            # which makes `url` absolute.
            url = urlsplit(local.url).path if local is not None else None
            if local is not None and local.live and url != f"/{code}/{rest}":
                pairs.append((f"/{code}/{rest}", url))
    return pairs


def test_german_slug_under_another_language_leads_to_the_translation(client, demo):
    pairs = _german_paths()
    assert ("/fr/designerinnen/", "/fr/createurs/") in pairs
    assert ("/en/anfrage/", "/en/enquiry/") in pairs
    assert len(pairs) >= 12
    for german_path, translated in pairs:
        response = client.get(german_path)
        assert response.status_code == 302, german_path
        assert urlsplit(response["Location"]).path == translated, german_path


def test_fallback_keeps_the_query_string_and_reaches_deeper_pages(client, demo):
    response = client.get("/fr/designerinnen/?discipline=textil&page=1")
    assert response["Location"] == "/fr/createurs/?discipline=textil&page=1"
    # A German slug below a translated one, and a mix of the two.
    assert client.get("/nl/geschichten/vom-sitz-zur-tasche/")["Location"] == (
        "/nl/verhalen/van-bank-tot-tas/"
    )
    assert client.get("/fr/histoires/vom-sitz-zur-tasche/")["Location"] == (
        "/fr/histoires/du-siege-au-sac/"
    )


def test_product_under_the_german_index_slug_leads_to_the_translated_index(client, demo):
    product = Product.objects.live().sources().order_by("slug").first()
    response = client.get(f"/fr/produkte/{product.slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/produits/{product.slug}/"
    assert client.get(response["Location"]).status_code == 200
    # No product of that name: one redirect to the translated index's address, then a 404.
    response = client.get("/fr/produkte/gibt-es-nicht/", follow=True)
    assert response.status_code == 404
    assert response.redirect_chain == [("/fr/produits/gibt-es-nicht/", 302)]


def test_german_page_stands_in_only_where_no_translation_is_live(client, demo):
    about_de = ProjectPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    about_de.get_translation(Locale.objects.get(language_code="nl")).unpublish()
    assert client.get("/nl/ueber-das-projekt/")["Location"] == "/de/ueber-das-projekt/"
    assert client.get("/nl/over-het-project/")["Location"] == "/de/ueber-das-projekt/"
    # The other languages still reach their own.
    assert client.get("/fr/ueber-das-projekt/")["Location"] == "/fr/a-propos/"


def test_unknown_address_is_a_404_not_a_redirect(client, demo):
    assert client.get("/fr/gibt-es-wirklich-nicht/").status_code == 404
    assert client.get("/fr/designerinnen/niemand-heisst-so/").status_code == 404


def test_load_demo_translates_slugs_of_an_existing_database(client, demo):
    """A database filled before the demo translated the enquiry form's slug (`/fr/anfrage/`):
    loading the demo again moves the page to `/fr/demande/`, and the old address redirects."""
    french = EnquiryFormPage.objects.get(locale__language_code="fr")
    french.slug = "anfrage"
    french.save_revision().publish()
    assert client.get("/fr/anfrage/").status_code == 200

    DemoBuilder(log=lambda _text: None).translate_all(demo)

    french.refresh_from_db()
    assert french.slug == "demande"
    assert client.get("/fr/demande/").status_code == 200
    redirect = Redirect.objects.get(old_path="/fr/anfrage")
    assert redirect.redirect_page_id == french.pk
    response = client.get("/fr/anfrage/")
    assert response.status_code in (301, 302)
    assert response["Location"] == "/fr/demande/"


def test_development_server_shows_the_sites_own_404(client, demo, settings):
    settings.DEBUG = True
    response = client.get("/fr/gibt-es-wirklich-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Cette page n’existe pas (ou plus)." in html
    assert '<html lang="fr">' in html


def test_technical_404_brings_back_djangos_page(client, demo, settings):
    settings.DEBUG = True
    settings.TECHNICAL_404 = True
    response = client.get("/fr/gibt-es-wirklich-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Cette page n’existe pas" not in html
    assert "DEBUG = True" in html
