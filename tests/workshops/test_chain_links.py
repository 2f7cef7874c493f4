"""A product's production chain leads to the workshops' own pages: a visitor who reads who made
the lamp can go on to the workshop and ask it to make something (`workshops.links`, through
`core.registry.partner_page_urls`)."""

import pytest

from core.typography import SOFT_HYPHEN
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

PRODUCT = {
    "de": "/de/produkte/overhead-line-lamp/",
    "en": "/en/products/overhead-line-lamp/",
    "nl": "/nl/producten/overhead-line-lamp/",
    "fr": "/fr/produits/overhead-line-lamp/",
}
WORKSHOPS = {"de": "werkstaetten", "en": "workshops", "nl": "werkplaatsen", "fr": "ateliers"}


def chain(client, url) -> str:
    html = client.get(url).content.decode().replace(SOFT_HYPHEN, "")
    return html.split('class="chain"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("code", PRODUCT)
def test_the_chain_links_each_workshop_page_in_the_visitors_language(client, demo, code):
    steps = chain(client, PRODUCT[code])
    for ref in ("laserschnitt-talbot", "depot-holzwerkstatt"):
        href = f"/{code}/{WORKSHOPS[code]}/{ref}/"
        assert f'<a href="{href}">' in steps, (href, steps)
        page = client.get(href)
        assert page.status_code == 200
        assert f'lang="{code}"' in page.content.decode()


def test_a_workshop_taken_offline_is_named_but_no_longer_linked(client, demo):
    assert '<a href="/de/werkstaetten/depot-holzwerkstatt/">' in chain(client, PRODUCT["de"])
    profile = Workshop.objects.get(ref="depot-holzwerkstatt", locale__language_code="de")
    profile.unpublish()  # as a moderator does in the admin
    steps = chain(client, PRODUCT["de"])
    assert "Holzwerkstatt im Depot" in steps
    assert "/de/werkstaetten/depot-holzwerkstatt/" not in steps
    assert '<a href="/de/werkstaetten/laserschnitt-talbot/">' in steps
