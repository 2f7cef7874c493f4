"""The public line sheet's route under the product index, named in the page's language like the
page's own slugs (/de/produkte/produktliste/, /en/products/line-sheet/, /nl/producten/productlijst/,
/fr/produits/catalogue/); a name of another language under a page answers 404. A product whose
slug is one of these names would be hidden behind the route (the catalogue has none)."""

from django.conf import settings

ROUTES = {"de": "produktliste", "en": "line-sheet", "nl": "productlijst", "fr": "catalogue"}
PATTERN = r"^(?P<name>{})/$".format("|".join(sorted(set(ROUTES.values()))))


def route_for(language_code: str) -> str:
    return ROUTES.get(language_code, ROUTES[settings.LANGUAGE_CODE])
