"""The demo's translation table: one German text, one translation per language. A second,
different translation once replaced the first everywhere without a word: the results' unit
"designers" made the main menu read "designers", "products" in English, Dutch and French."""

import re

import pytest

from demo import texts


def test_a_second_different_translation_of_a_german_text_is_refused(monkeypatch):
    monkeypatch.setattr(texts, "TRANSLATIONS", {"en": {}, "nl": {}, "fr": {}})
    texts.t("Werkstätten", en="Workshops", nl="Werkplaatsen", fr="Ateliers")
    texts.t("Werkstätten", en="Workshops", nl="Werkplaatsen", fr="Ateliers")  # the same: fine
    with pytest.raises(ValueError, match="translated into en as 'Workshops'"):
        texts.t("Werkstätten", en="workshops", nl="werkplaatsen", fr="ateliers")
    assert texts.TRANSLATIONS["en"]["Werkstätten"] == "Workshops"


MENU = {
    "en": ["Designers", "Products", "Workshops"],
    "nl": ["Ontwerpers", "Producten", "Werkplaatsen"],
    "fr": ["Créateurs", "Produits", "Ateliers"],
}
RESULTS = {"en": "/en/results/", "nl": "/nl/resultaten/", "fr": "/fr/resultats/"}
UNITS = {
    "en": ["designers", "products", "workshops"],
    "nl": ["ontwerpers", "producten", "werkplaatsen"],
    "fr": ["créateurs", "produits", "ateliers"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("code", MENU)
def test_the_menu_reads_titles_and_the_results_read_units(client, demo, code):
    home = client.get(f"/{code}/").content.decode()
    menu = re.findall(r'class="main-nav__link" href="[^"]+"[^>]*>([^<]+)</a>', home)
    for label in MENU[code]:
        assert label in menu, (label, menu)
    results = client.get(RESULTS[code]).content.decode()
    units = re.findall(r'<span class="indicator__unit">([^<]+)</span>', results)
    for word in UNITS[code]:
        assert word in units, (word, units)
