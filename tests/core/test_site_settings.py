"""Site settings (contact details, profiles, default social image) are edited, translated and
reviewed in the admin and show on every page in the visitor's language."""

import re

import pytest

from core.models import SiteSettings
from tests.seo.conftest import make_image
from tests.seo.test_head import meta

pytestmark = pytest.mark.django_db


def footer(client, path) -> str:
    return client.get(path).content.decode().split('<footer class="site-footer">', 1)[1]


def test_the_demo_fills_the_settings_in_four_languages(demo):
    addresses = dict(SiteSettings.objects.values_list("locale__language_code", "address"))
    assert set(addresses) == {"de", "en", "nl", "fr"}
    assert "52068 Aken, Duitsland" in addresses["nl"]
    assert "Aix-la-Chapelle" in addresses["fr"]
    assert len({s.email for s in SiteSettings.objects.all()}) == 1  # synchronised from German


@pytest.mark.parametrize(
    ("path", "address_line"),
    [("/de/", "Projektbüro im Depot"), ("/fr/", "Bureau du projet au Depot")],
)
def test_the_footer_shows_contact_details_and_profiles(client, demo, path, address_line):
    html = footer(client, path)
    assert address_line in html
    assert '<a href="mailto:hallo@made-in-aachen-nord.example">' in html
    assert '<a href="tel:+492410000000">+49 241 000 00 00</a>' in html
    assert re.search(r'<a href="https://instagram.example/[^"]+" rel="me">Instagram</a>', html)


def test_a_published_change_shows_at_once_and_a_draft_does_not(client, demo):
    settings = SiteSettings.objects.get(locale__language_code="de")
    footer(client, "/de/")  # cached now
    settings.email = "team@made-in-aachen-nord.example"
    settings.save_revision()
    assert "team@made-in-aachen-nord.example" not in footer(client, "/de/")
    settings.get_latest_revision().publish()
    assert "mailto:team@made-in-aachen-nord.example" in footer(client, "/de/")


def test_without_settings_the_footer_still_renders(client, demo):
    SiteSettings.objects.all().delete()
    html = footer(client, "/de/")
    assert "mailto:" not in html and "Impressum" in html


def test_a_page_without_its_own_image_shares_the_default_image_of_the_settings(client, demo):
    image = make_image(title="Teilbild", alt="Das Label auf einen Blick")
    settings = SiteSettings.objects.get(locale__language_code="de")
    settings.default_social_image = image
    settings.save_revision().publish()
    tags = meta(client.get("/de/ueber-das-projekt/").content.decode())
    assert tags["og:image"][0].endswith(image.get_rendition("fill-1200x630").url)
    assert tags["og:image:alt"] == ["Das Label auf einen Blick"]
