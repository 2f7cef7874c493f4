"""Each demo text has one translation per language: a German text used in two places (a page's
title and a results unit, a menu label) is not silently given the other place's translation."""

import pytest

from demo import texts

pytestmark = pytest.mark.django_db


def h1(client, path):
    from bs4 import BeautifulSoup

    response = client.get(path)
    assert response.status_code == 200, path
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.h1.get_text().replace("\u00ad", "").split()), soup


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/fr/createurs/", "Créateurs"),
        ("/en/designers/", "Designers"),
        ("/nl/ontwerpers/", "Ontwerpers"),
        ("/fr/produits/", "Produits"),
        ("/en/products/", "Products"),
        ("/nl/producten/", "Producten"),
        ("/en/workshops/", "Workshops"),
        ("/fr/a-propos/", "À propos du projet"),
    ],
)
def test_index_and_about_pages_have_their_own_title(client, demo, path, title):
    heading, soup = h1(client, path)
    assert heading == title
    assert soup.title.get_text().startswith(f"{title} · ")


def test_the_same_german_text_keeps_its_other_translation_where_the_field_says_so(client, demo):
    _heading, soup = h1(client, "/fr/resultats/")
    units = {" ".join(unit.get_text().split()) for unit in soup.select(".indicator__unit")}
    assert {"créateurs", "produits", "ateliers"} <= units
    menu = {
        " ".join(link.get_text().replace("\u00ad", "").split())
        for link in soup.select(".main-nav a")
    }
    assert "Le projet" in menu


def test_a_second_translation_of_a_text_is_refused():
    texts.t("Probetext Eins", en="Sample one", nl="Proef een", fr="Essai un")
    with pytest.raises(ValueError, match="Probetext Eins"):
        texts.t("Probetext Eins", en="Sample one", nl="Proef een", fr="Essai numéro un")
    texts.t("Probetext Eins", en="One", nl="Een", fr="Un", field="unit")
    assert texts.TRANSLATIONS["fr"][("unit", "Probetext Eins")] == "Un"
