"""JSON-LD a search engine reads: breadcrumbs everywhere, the label and its search on the home page."""

import json

import pytest
from wagtail.models import Locale

from core import seo
from core.models import LegalPage
from tests.seo import jsonld
from tests.seo.conftest import make_page

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "nl", "fr"]


def translation_of(page, code):
    return page.get_translation(Locale.objects.get(language_code=code)).specific


def pages_in(demo, code):
    """The demo's home, content and legal pages in one language."""
    about = demo.get_children().get(slug="ueber-das-projekt").specific
    legal = list(LegalPage.objects.filter(locale__language_code="de").order_by("kind"))
    return [translation_of(page, code) for page in [demo, about, *legal]]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_has_valid_json_ld_with_breadcrumbs_in_its_language(client, demo, code):
    pages = pages_in(demo, code)
    assert len(pages) == 4
    home = pages[0]
    for page in pages:
        html = client.get(page.url).content.decode()
        items = jsonld.assert_valid_json_ld(html, types={"BreadcrumbList"})
        crumbs = jsonld.by_type(items, "BreadcrumbList")["itemListElement"]
        expected = [home] if page.pk == home.pk else [home, page]
        assert [crumb["name"] for crumb in crumbs] == [p.title for p in expected]
        assert [crumb["item"] for crumb in crumbs] == [
            f"http://testserver{p.url}" for p in expected
        ]
        assert crumbs[0]["item"] == f"http://testserver/{code}/"


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_names_the_label_and_its_search(client, demo, code):
    html = client.get(f"/{code}/").content.decode()
    items = jsonld.assert_valid_json_ld(html, types={"BreadcrumbList", "Organization", "WebSite"})
    organization = jsonld.by_type(items, "Organization")
    assert organization["name"] == "Made in Aachen-Nord"
    assert organization["url"] == f"http://testserver/{code}/"
    assert organization["logo"] == "http://testserver/static/img/favicon.svg"
    assert client.get("/static/img/favicon.svg").status_code == 200
    # The contact details and profiles editors keep in the site settings of that language.
    from core.models import SiteSettings

    contact = SiteSettings.objects.get(locale__language_code=code)
    assert organization["email"] == contact.email
    assert organization["telephone"] == contact.phone
    assert organization["address"] == " ".join(contact.address.split())
    assert organization["sameAs"] == [p["url"] for p in contact.social_profiles()]
    assert organization["sameAs"], "the demo settings name the label's profiles"

    website = jsonld.by_type(items, "WebSite")
    assert website["inLanguage"] == code
    assert website["url"] == f"http://testserver/{code}/"
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    search_path = {"de": "suche", "en": "search", "nl": "zoeken", "fr": "recherche"}[code]
    assert template == f"http://testserver/{code}/{search_path}/?q={{search_term_string}}"
    # The search the template describes really answers.
    search = client.get(
        template.replace("http://testserver", "").replace("{search_term_string}", "Design")
    )
    assert search.status_code == 200


@pytest.mark.parametrize("code", ["de", "en"])
def test_only_the_home_page_describes_the_organization(client, demo, code):
    about = pages_in(demo, code)[1]
    items = jsonld.extract(client.get(about.url).content.decode())
    # The project page describes the funded operation (a `Project`), not the label.
    assert [item["@type"] for item in items] == ["BreadcrumbList", "Project"]


def test_breadcrumbs_follow_the_page_tree(client, demo, about):
    chapter = make_page(about, title="Die Werkstätten", slug="werkstaetten")
    detail = make_page(chapter, title="Die Näherei", slug="naeherei")
    items = jsonld.assert_valid_json_ld(client.get(detail.url).content.decode())
    crumbs = jsonld.by_type(items, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Startseite", "http://testserver/de/"),
        (2, "Über das Projekt", "http://testserver/de/ueber-das-projekt/"),
        (3, "Die Werkstätten", "http://testserver/de/ueber-das-projekt/werkstaetten/"),
        (4, "Die Näherei", "http://testserver/de/ueber-das-projekt/werkstaetten/naeherei/"),
    ]


def test_a_script_tag_in_a_title_cannot_break_out_of_the_json_ld(client, demo):
    hostile = 'Böse </script><script>alert("x")</script> & <!-- Kommentar'
    page = make_page(demo, title=hostile, slug="boese")
    html = client.get(page.url).content.decode()
    assert '<script>alert("x")</script>' not in html
    items = jsonld.assert_valid_json_ld(html)
    assert jsonld.by_type(items, "BreadcrumbList")["itemListElement"][-1]["name"] == hostile


def test_json_ld_escaping_round_trips():
    data = {"name": "</script><!-- & \u2028 ü"}
    text = seo.json_ld(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_image_object_helper_gives_an_absolute_1200_by_630_image(rf, demo):
    request = rf.get("/de/")
    data = seo.image_object(demo.hero_image, request)
    assert jsonld.errors([{"@context": jsonld.SCHEMA_ORG, **data}]) == []
    assert (data["width"], data["height"]) == (1200, 630)
    assert data["url"].startswith("http://testserver/media/")
    assert seo.image_object(None, request) is None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/de/suche/", "http://testserver/de/suche/"),
        ("media/x.jpg", "http://testserver/media/x.jpg"),
        ("https://cdn.example/x.jpg", "https://cdn.example/x.jpg"),
        ("//cdn.example/x.jpg", "http://cdn.example/x.jpg"),
        ("", ""),
    ],
)
def test_absolute_url_uses_the_sites_host(rf, demo, path, expected):
    assert seo.absolute_url(rf.get("/"), path) == expected


# The validator itself: it must reject what search engines would reject.
@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"@type": "BreadcrumbList", "itemListElement": []}, "@context"),
        ({"@context": "http://schema.org", "@type": "Organization"}, "@context"),
        (
            {
                "@context": jsonld.SCHEMA_ORG,
                "@type": "Organization",
                "name": "x",
                "url": "/de/",
                "logo": "http://a.example/l.svg",
            },
            "not an absolute URL",
        ),
        ({"@context": jsonld.SCHEMA_ORG, "@type": "Person", "name": "Ada"}, "without 'url'"),
        ({"@context": jsonld.SCHEMA_ORG, "@type": "Thing"}, "unknown @type"),
        (
            {
                "@context": jsonld.SCHEMA_ORG,
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": 2, "name": "a", "item": "http://a.example/"}
                ],
            },
            "positions",
        ),
        (
            {
                "@context": jsonld.SCHEMA_ORG,
                "@type": "Product",
                "name": "Tasche",
                "url": "http://a.example/p/",
                "image": "http://a.example/i.jpg",
                "brand": {"@type": "Brand", "name": "Other"},
                "offers": {"@type": "Offer", "price": "20.00", "priceCurrency": "EUR"},
            },
            "without 'availability'",
        ),
    ],
)
def test_validator_rejects_broken_json_ld(data, problem):
    assert any(problem in message for message in jsonld.errors([data]))
