"""The head's hreflang alternates name the page's live language versions only: a translation an
editor unpublished is no alternate, although the language switcher still offers that language
(its home page). Built with factories, not the demo."""

import re

import pytest

from tests.factories import ContentPageFactory, HomePageFactory, translate

pytestmark = [pytest.mark.django_db, pytest.mark.no_demo]

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def alternates(html: str) -> dict[str, str]:
    """{hreflang: href} of the head's `<link rel="alternate">` tags (not the switcher's links)."""
    return dict(ALTERNATE.findall(html))


@pytest.fixture
def workshop():
    """A German page with live English and Dutch versions and an unpublished French one."""
    home = HomePageFactory()
    translate(home, "en", "nl", "fr")
    page = ContentPageFactory(parent=home, title="Werkstatt", slug="werkstatt")
    translate(page, "en", title="Workshop", slug="workshop")
    translate(page, "nl", title="Werkplaats", slug="werkplaats")
    translate(page, "fr", title="Atelier", slug="atelier").unpublish()
    return page


def test_unpublished_translation_is_no_hreflang_alternate(client, workshop):
    response = client.get("/de/werkstatt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert alternates(html) == {
        "de": "http://testserver/de/werkstatt/",
        "en": "http://testserver/en/workshop/",
        "nl": "http://testserver/nl/werkplaats/",
        "x-default": "http://testserver/de/werkstatt/",
    }
    # The switcher still leads to French, to the French home page: a link, not an alternate.
    assert re.search(r'<a class="language-switcher__home" href="/fr/"[^>]* hreflang="fr"', html)


def test_every_live_version_names_the_same_alternates(client, workshop):
    english = alternates(client.get("/en/workshop/").content.decode())
    assert english == alternates(client.get("/de/werkstatt/").content.decode())
    assert client.get("/fr/atelier/").status_code != 200  # not served in French
