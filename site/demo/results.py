"""The demo's results: six indicators with their (invented, clearly marked) history and the page
"Wirkung" at /de/wirkung/ (/en/results/, /nl/resultaten/, /fr/resultats/).

`demo.builder` calls `build_results(home)` before it translates the tree (the page is translated
with it); the indicators are translated here, as snippets under review: a published German
indicator, then its published translations. Four of them are live (counted from the demo's
catalogue, designers and shops); their history is the monthly values a snapshot would have kept.
"""

import datetime
from decimal import Decimal

from wagtail.models import Locale

from core.localize import translate
from demo.texts import TRANSLATIONS, t
from results.models import Indicator, IndicatorValue, LiveSource, Period, ResultsPage

PAGE = {
    "title": t("Wirkung", en="Results", nl="Resultaten", fr="Résultats"),
    "slug": t("wirkung", en="results", nl="resultaten", fr="resultats"),
    "search_description": t(
        "Was das Projekt bisher erreicht hat, in Zahlen: Qualifizierung, Arbeit, Produkte, "
        "Werkstätten und Läden.",
        en="What the project has achieved so far, in figures: training, jobs, products, workshops "
        "and shops.",
        nl="Wat het project tot nu toe heeft bereikt, in cijfers: scholing, werk, producten, "
        "werkplaatsen en winkels.",
        fr="Ce que le projet a accompli jusqu’ici, en chiffres : formation, emploi, produits, "
        "ateliers et boutiques.",
    ),
    "intro": t(
        "Was „All eyes on green spots“ im Aachener Norden bewirkt, in Zahlen. Die Werte sind "
        "Demo-Werte; vier Zahlen zählt die Website live aus ihrem Katalog.",
        en="What “All eyes on green spots” achieves in the north of Aachen, in figures. The values "
        "are demo values; the site counts four of them live from its catalogue.",
        nl="Wat “All eyes on green spots” in het noorden van Aken bereikt, in cijfers. De waarden "
        "zijn demowaarden; vier cijfers telt de website live uit haar catalogus.",
        fr="Ce que « All eyes on green spots » apporte au nord d’Aix-la-Chapelle, en chiffres. Les "
        "valeurs sont des valeurs de démonstration ; le site en compte quatre en direct dans son "
        "catalogue.",
    ),
    "method": t(
        "Die Teams tragen Qualifizierung und Beschäftigung jedes Quartal aus ihren "
        "Teilnahmelisten nach. Produkte, Designer:innen, Werkstätten und Läden zählt die Website "
        "selbst; einmal im Monat wird der Stand festgehalten.",
        en="The teams add training and employment figures every quarter from their attendance "
        "lists. The site counts products, designers, workshops and shops itself; once a month the "
        "count is recorded.",
        nl="De teams vullen scholing en werk elk kwartaal aan uit hun deelnemerslijsten. "
        "Producten, ontwerpers, werkplaatsen en winkels telt de website zelf; eens per maand "
        "wordt de stand vastgelegd.",
        fr="Les équipes complètent chaque trimestre la formation et l’emploi à partir de leurs "
        "listes de participation. Le site compte lui-même produits, créateurs, ateliers et "
        "boutiques ; une fois par mois, le chiffre est enregistré.",
    ),
}

DEMO_NOTE = "Demo-Wert"
MANUAL_NOTE = "Demo-Wert aus den Teilnahmelisten"


def _quarters(year, quarter, values):
    """Values at the ends of consecutive quarters from (year, quarter)."""
    rows = []
    for value in values:
        end_month = quarter * 3
        end = datetime.date(year + (end_month // 12), end_month % 12 + 1, 1) - datetime.timedelta(1)
        rows.append((end, Period.QUARTER, value, MANUAL_NOTE))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return rows


def _months(year, month, values):
    """Values on the first of consecutive months from (year, month), as the snapshot writes them."""
    rows = []
    for value in values:
        rows.append((datetime.date(year, month, 1), Period.MONTH, value, DEMO_NOTE))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return rows


INDICATORS = [
    {
        "name": t(
            "Menschen qualifiziert",
            en="People trained",
            nl="Mensen geschoold",
            fr="Personnes formées",
        ),
        "unit": t("Personen", en="people", nl="personen", fr="personnes", field="unit"),
        "description": t(
            "Langzeitarbeitslose, die eine Qualifizierung in den Werkstätten abgeschlossen haben, "
            "seit Projektbeginn.",
            en="Long-term unemployed people who completed training in the workshops, since the "
            "project began.",
            nl="Langdurig werklozen die een scholing in de werkplaatsen hebben afgerond, sinds het "
            "begin van het project.",
            fr="Personnes au chômage de longue durée ayant achevé une formation dans les ateliers, "
            "depuis le début du projet.",
        ),
        "values": _quarters(2025, 1, [8, 15, 23, 31, 38, 46, 52]),
    },
    {
        "name": t(
            "Menschen in Arbeit",
            en="People in work",
            nl="Mensen aan het werk",
            fr="Personnes en emploi",
        ),
        "unit": t("Personen", en="people", nl="personen", fr="personnes", field="unit"),
        "description": t(
            "Teilnehmende mit einem Arbeitsvertrag in der Produktionskette oder bei Betrieben im "
            "Quartier.",
            en="Participants with a work contract in the production chain or with businesses in "
            "the quarter.",
            nl="Deelnemers met een arbeidscontract in de productieketen of bij bedrijven in de "
            "wijk.",
            fr="Participants ayant un contrat de travail dans la chaîne de production ou dans une "
            "entreprise du quartier.",
        ),
        "values": _quarters(2025, 2, [3, 5, 8, 11, 13, 16]),
    },
    {
        "name": t(
            "Designer:innen mit Lizenz",
            en="Designers under licence",
            nl="Ontwerpers met licentie",
            fr="Créateurs sous licence",
        ),
        "unit": t("Designer:innen", en="designers", nl="ontwerpers", fr="créateurs", field="unit"),
        "description": t(
            "Designer:innen, deren Entwürfe das Label in Lizenz fertigt, mit eigener Seite.",
            en="Designers whose designs the label makes under licence, with a page of their own.",
            nl="Ontwerpers van wie het label ontwerpen in licentie maakt, met een eigen pagina.",
            fr="Créateurs dont le label fabrique les modèles sous licence, avec leur propre page.",
        ),
        "live_source": LiveSource.DESIGNERS,
        "values": _months(2026, 6, [4, 5, 6, 7, 7]),
    },
    {
        "name": t(
            "Produkte im Katalog",
            en="Products in the catalogue",
            nl="Producten in de catalogus",
            fr="Produits au catalogue",
        ),
        "unit": t("Produkte", en="products", nl="producten", fr="produits", field="unit"),
        "description": t(
            "Produkte, die das Label derzeit anbietet.",
            en="Products the label currently offers.",
            nl="Producten die het label op dit moment aanbiedt.",
            fr="Produits que le label propose actuellement.",
        ),
        "live_source": LiveSource.PRODUCTS,
        "values": _months(2026, 5, [12, 14, 15, 18, 20, 21]),
    },
    {
        "name": t(
            "Werkstätten in der Produktionskette",
            en="Workshops in the production chain",
            nl="Werkplaatsen in de productieketen",
            fr="Ateliers de la chaîne de production",
        ),
        "unit": t("Werkstätten", en="workshops", nl="werkplaatsen", fr="ateliers", field="unit"),
        "description": t(
            "Werkstätten und Betriebe, die an den Produkten des Labels mitarbeiten.",
            en="Workshops and businesses that work on the label’s products.",
            nl="Werkplaatsen en bedrijven die aan de producten van het label meewerken.",
            fr="Ateliers et entreprises qui participent aux produits du label.",
        ),
        "live_source": LiveSource.WORKSHOPS,
        "values": _months(2026, 7, [2, 3, 3, 4]),
    },
    {
        "name": t(
            "Partnerläden",
            en="Partner shops",
            nl="Partnerwinkels",
            fr="Boutiques partenaires",
        ),
        "unit": t("Läden", en="shops", nl="winkels", fr="boutiques", field="unit"),
        "description": t(
            "Museumsshops, Concept Stores und Online-Shops, die Produkte des Labels führen.",
            en="Museum shops, concept stores and online shops that stock the label’s products.",
            nl="Museumwinkels, conceptstores en webwinkels die producten van het label verkopen.",
            fr="Boutiques de musée, concept stores et boutiques en ligne qui vendent les produits "
            "du label.",
        ),
        "live_source": LiveSource.RETAILERS,
        "values": _months(2026, 6, [3, 4, 4, 5, 5]),
    },
]
t(DEMO_NOTE, en="Demo value", nl="Demowaarde", fr="Valeur de démonstration")


def build_results(home, publish, log) -> ResultsPage:
    """The indicators (German, then translated) and the page "Wirkung" under `home` (German)."""
    german = home.locale
    for order, data in enumerate(INDICATORS, start=1):
        indicator = Indicator.objects.filter(locale=german, name=data["name"]).first()
        if indicator is None:
            indicator = Indicator(
                locale=german,
                name=data["name"],
                unit=data["unit"],
                description=data["description"],
                sort_order=order * 10,
                live_source=data.get("live_source", LiveSource.MANUAL),
            )
            indicator.values = [
                IndicatorValue(date=date, period=period, value=Decimal(value), source_note=note)
                for date, period, value, note in data["values"]
            ]
            indicator.save()
            indicator.save_revision().publish()
            log(f"Kennzahl angelegt: {indicator.name}")
        for code in TRANSLATIONS:
            if indicator.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
                translate(indicator, code, TRANSLATIONS[code])
    page = ResultsPage.objects.child_of(home).first()
    if page is None:
        page = ResultsPage(
            title=PAGE["title"],
            slug=PAGE["slug"],
            search_description=PAGE["search_description"],
            intro=PAGE["intro"],
            method=f"<p>{PAGE['method']}</p>",
        )
        home.add_child(instance=page)
        publish(page)
        log(f"Seite angelegt: {page.title}")
    return page
