"""Designers find the way to apply: the designers index invites them to the application page in
their language, and the main menu leads to the workshops they could produce with."""

import pytest

from core.typography import SOFT_HYPHEN

pytestmark = pytest.mark.django_db

DESIGNERS = {
    "de": "/de/designerinnen/",
    "en": "/en/designers/",
    "nl": "/nl/ontwerpers/",
    "fr": "/fr/createurs/",
}
APPLY = {
    "de": ("/de/entwurf-einreichen/", "Entwurf einreichen"),
    "en": ("/en/submit-a-design/", "Submit a design"),
    "nl": ("/nl/ontwerp-indienen/", "Ontwerp indienen"),
    "fr": ("/fr/soumettre-un-design/", "Soumettre un design"),
}
WORKSHOPS = {
    "de": ("/de/werkstaetten/", "Werkstätten"),
    "en": ("/en/workshops/", "Workshops"),
    "nl": ("/nl/werkplaatsen/", "Werkplaatsen"),
    "fr": ("/fr/ateliers/", "Ateliers"),
}


def shown(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


@pytest.mark.parametrize("code", DESIGNERS)
def test_the_designers_index_invites_designers_to_apply_in_their_language(client, demo, code):
    url, label = APPLY[code]
    html = shown(client, DESIGNERS[code])
    assert f'<a href="{url}">{label}</a>' in html
    assert f'<html lang="{code}">' in shown(client, url)


def test_no_invitation_while_the_application_page_is_offline(client, demo):
    from applications.models import DesignApplicationPage

    DesignApplicationPage.objects.get(locale__language_code="de").unpublish()
    assert "/de/entwurf-einreichen/" not in shown(client, DESIGNERS["de"])


@pytest.mark.parametrize("code", WORKSHOPS)
def test_the_main_menu_leads_to_the_workshops(client, demo, code):
    url, label = WORKSHOPS[code]
    menu = shown(client, f"/{code}/").split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{url}"' in menu and label in menu
