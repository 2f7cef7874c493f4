"""The demo's project page at /de/ueber-das-projekt/ (/en/about-the-project/, /nl/over-het-project/,
/fr/a-propos/) and the funding notice of the site settings with its placeholder logos.

`demo.builder` calls `project_page(home, publish, log)` where it made the "Über das Projekt"
content page before, and `funding_notice(log)` once the German site settings exist; the texts
register their translations with `t()` as every demo text does. The logos are neutral marks
drawn here (`demo.drawing.placeholder_mark`), never copies of the real emblems: editors upload
the funders' own files.
"""

import datetime
import uuid

from core.models import ContentPage, FundingLogo, SiteSettings
from demo.images import demo_image
from demo.texts import ABOUT, t
from project.models import ProjectPage

PROJECT_NAME = t(
    "All eyes on green spots – vernetzen. arbeiten. ernten.",
    en="All eyes on green spots – vernetzen. arbeiten. ernten.",
    nl="All eyes on green spots – vernetzen. arbeiten. ernten.",
    fr="All eyes on green spots – vernetzen. arbeiten. ernten.",
)
PROGRAMME = t(
    "BIWAQ – Bildung, Wirtschaft, Arbeit im Quartier",
    en="BIWAQ – Education, Economy, Work in the Neighbourhood",
    nl="BIWAQ – Onderwijs, Economie, Werk in de Wijk",
    fr="BIWAQ – Éducation, économie et travail dans le quartier",
)
START, END = datetime.date(2023, 1, 1), datetime.date(2026, 12, 31)

AIMS = {
    "heading": t("Ziele", en="Aims", nl="Doelen", fr="Objectifs"),
    "aims": [
        t(
            "Menschen aus dem Quartier, die lange keine Arbeit hatten, in Qualifizierung und "
            "Beschäftigung bringen.",
            en="Bring people from the quarter who have long been out of work into training and "
            "employment.",
            nl="Mensen uit de wijk die lang zonder werk waren naar scholing en werk begeleiden.",
            fr="Amener vers la formation et l’emploi des habitants du quartier longtemps privés de "
            "travail.",
        ),
        t(
            "Lokale Betriebe, Kreative und soziale Einrichtungen im Aachener Norden vernetzen.",
            en="Connect local businesses, creative people and social institutions in the north of "
            "Aachen.",
            nl="Lokale bedrijven, creatieven en sociale instellingen in het noorden van Aken met "
            "elkaar verbinden.",
            fr="Mettre en réseau les entreprises locales, les créatifs et les structures sociales "
            "du nord d’Aix-la-Chapelle.",
        ),
        t(
            "Die Wertschöpfung im Quartier halten: vom Entwurf über die Fertigung bis zum Verkauf "
            "in regionalen Läden.",
            en="Keep the value in the quarter: from the design through making to the sale in "
            "regional shops.",
            nl="De toegevoegde waarde in de wijk houden: van ontwerp via productie tot verkoop in "
            "winkels in de regio.",
            fr="Garder la valeur dans le quartier : de la création à la vente dans les boutiques de "
            "la région, en passant par la fabrication.",
        ),
    ],
}

APPROACH = {
    "heading": t("Vorgehen", en="Approach", nl="Aanpak", fr="Démarche"),
    "steps": [
        (
            t(
                "Bedarfsanalyse",
                en="Needs assessment",
                nl="Behoefteanalyse",
                fr="Analyse des besoins",
            ),
            t(
                "Wir fragen Bewohnerinnen und Bewohner, Betriebe und Einrichtungen, was sie brauchen "
                "und was sie einbringen können.",
                en="We ask residents, businesses and institutions what they need and what they can "
                "contribute.",
                nl="We vragen bewoners, bedrijven en instellingen wat ze nodig hebben en wat ze "
                "kunnen inbrengen.",
                fr="Nous demandons aux habitants, aux entreprises et aux structures ce dont ils ont "
                "besoin et ce qu’ils peuvent apporter.",
            ),
        ),
        (
            t(
                "Lokale Betriebe",
                en="Local businesses",
                nl="Lokale bedrijven",
                fr="Entreprises locales",
            ),
            t(
                "Handwerksbetriebe, Läden und Dienstleister aus dem Quartier werden Partner der "
                "Produktionskette.",
                en="Craft businesses, shops and service firms from the quarter become partners in the "
                "production chain.",
                nl="Ambachtsbedrijven, winkels en dienstverleners uit de wijk worden partners in de "
                "productieketen.",
                fr="Artisans, commerces et prestataires du quartier deviennent partenaires de la "
                "chaîne de production.",
            ),
        ),
        (
            t(
                "Gemeinsame Ressourcen im Depot",
                en="Shared resources in the Depot",
                nl="Gedeelde middelen in het Depot",
                fr="Des ressources partagées au Depot",
            ),
            t(
                "Werkstätten, Maschinen und Lagerflächen im Depot nutzen alle Beteiligten gemeinsam.",
                en="Everyone involved shares the Depot’s workshops, machines and storage space.",
                nl="Alle betrokkenen delen de werkplaatsen, machines en opslagruimte in het Depot.",
                fr="Tous les participants partagent les ateliers, les machines et les espaces de "
                "stockage du Depot.",
            ),
        ),
        (
            t(
                "Qualifizierung und Beschäftigung",
                en="Training and employment",
                nl="Scholing en werk",
                fr="Qualification et emploi",
            ),
            t(
                "Teilnehmende lernen in den Werkstätten, werden dabei begleitet und finden so den Weg "
                "in Arbeit.",
                en="Participants learn in the workshops, with someone at their side, and so find "
                "their way into work.",
                nl="Deelnemers leren in de werkplaatsen, worden daarbij begeleid en vinden zo de weg "
                "naar werk.",
                fr="Les participants apprennent dans les ateliers, accompagnés, et trouvent ainsi le "
                "chemin de l’emploi.",
            ),
        ),
        (
            t("Neue Produkte", en="New products", nl="Nieuwe producten", fr="De nouveaux produits"),
            t(
                "Designerinnen und Designer entwerfen Produkte aus Materialien der Region, die im "
                "Quartier gefertigt werden.",
                en="Designers create products from the region’s materials that are made in the "
                "quarter.",
                nl="Ontwerpers bedenken producten van materialen uit de regio, die in de wijk worden "
                "gemaakt.",
                fr="Des créateurs conçoivent des produits à partir de matériaux de la région, "
                "fabriqués dans le quartier.",
            ),
        ),
        (
            t("Kampagnen", en="Campaigns", nl="Campagnes", fr="Campagnes"),
            t(
                "Kampagnen machen die Produkte und den Standort bekannt und bringen Kundschaft in die "
                "Läden.",
                en="Campaigns make the products and the location known and bring customers into the "
                "shops.",
                nl="Campagnes maken de producten en de locatie bekend en brengen klanten naar de "
                "winkels.",
                fr="Des campagnes font connaître les produits et le quartier et attirent la clientèle "
                "dans les boutiques.",
            ),
        ),
    ],
}

MINISTRY = t(
    "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen",
    en="Federal Ministry for Housing, Urban Development and Building",
    nl="Duits federaal ministerie van Wonen, Stedelijke Ontwikkeling en Bouw",
    fr="Ministère fédéral du Logement, du Développement urbain et de la Construction",
)
ESF = t(
    "Europäischer Sozialfonds Plus",
    en="European Social Fund Plus",
    nl="Europees Sociaal Fonds Plus",
    fr="Fonds social européen plus",
)
CITY = t("Stadt Aachen", en="City of Aachen", nl="Stad Aken", fr="Ville d’Aix-la-Chapelle")

PARTNERS = {
    "heading": t(
        "Partner und Förderer",
        en="Partners and funders",
        nl="Partners en financiers",
        fr="Partenaires et financeurs",
    ),
    "partners": [
        (
            MINISTRY,
            t(
                "Fördert das Projekt im Programm BIWAQ.",
                en="Funds the project through the BIWAQ programme.",
                nl="Financiert het project binnen het programma BIWAQ.",
                fr="Finance le projet dans le cadre du programme BIWAQ.",
            ),
            "https://www.bmwsb.bund.de/",
            True,
        ),
        (
            ESF,
            t(
                "Kofinanziert das Projekt aus Mitteln der Europäischen Union.",
                en="Co-funds the project with European Union money.",
                nl="Financiert het project mee met middelen van de Europese Unie.",
                fr="Cofinance le projet avec des fonds de l’Union européenne.",
            ),
            "https://www.esf.de/",
            True,
        ),
        (
            CITY,
            t(
                "Begleitet das Projekt im Programm Soziale Stadt Aachen-Nord.",
                en="Supports the project within the Soziale Stadt Aachen-Nord programme.",
                nl="Begeleidt het project binnen het programma Soziale Stadt Aachen-Nord.",
                fr="Accompagne le projet dans le cadre du programme Soziale Stadt Aachen-Nord.",
            ),
            "https://www.aachen.de/",
            False,
        ),
        (
            t("Das Depot", en="The Depot", nl="Het Depot", fr="Le Depot"),
            t(
                "Stellt Werkstätten und Räume für die Produktionskette.",
                en="Provides workshops and rooms for the production chain.",
                nl="Stelt werkplaatsen en ruimtes voor de productieketen ter beschikking.",
                fr="Met à disposition des ateliers et des locaux pour la chaîne de production.",
            ),
            "",
            False,
        ),
    ],
}

NOTICE = t(
    "Das Projekt „All eyes on green spots – vernetzen. arbeiten. ernten.“ wird im Rahmen des "
    "Programms BIWAQ durch das Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen und den "
    "Europäischen Sozialfonds Plus gefördert.",
    en="The project “All eyes on green spots – vernetzen. arbeiten. ernten.” is funded by the "
    "Federal Ministry for Housing, Urban Development and Building and the European Social Fund Plus "
    "through the BIWAQ programme.",
    nl="Het project ‘All eyes on green spots – vernetzen. arbeiten. ernten.’ wordt binnen het "
    "programma BIWAQ gefinancierd door het Duitse federale ministerie van Wonen, Stedelijke "
    "Ontwikkeling en Bouw en het Europees Sociaal Fonds Plus.",
    fr="Le projet « All eyes on green spots – vernetzen. arbeiten. ernten. » est financé par le "
    "ministère fédéral du Logement, du Développement urbain et de la Construction et le Fonds "
    "social européen plus dans le cadre du programme BIWAQ.",
)
EU_STATEMENT = t(
    "Kofinanziert von der Europäischen Union",
    en="Co-funded by the European Union",
    nl="Medegefinancierd door de Europese Unie",
    fr="Cofinancé par l’Union européenne",
)
# (library title, shape, alt text, link, statement)
LOGOS = [
    (
        "EU-Emblem (Platzhalter)",
        "circle",
        t(
            "Platzhalter für das Emblem der Europäischen Union",
            en="Placeholder for the emblem of the European Union",
            nl="Plaatshouder voor het embleem van de Europese Unie",
            fr="Espace réservé à l’emblème de l’Union européenne",
        ),
        "https://www.esf.de/",
        EU_STATEMENT,
    ),
    (
        "Logo des Bundesministeriums (Platzhalter)",
        "square",
        t(
            "Platzhalter für das Logo des Bundesministeriums für Wohnen, Stadtentwicklung und "
            "Bauwesen",
            en="Placeholder for the logo of the Federal Ministry for Housing, Urban Development and "
            "Building",
            nl="Plaatshouder voor het logo van het Duitse federale ministerie van Wonen, Stedelijke "
            "Ontwikkeling en Bouw",
            fr="Espace réservé au logo du ministère fédéral du Logement, du Développement urbain et "
            "de la Construction",
        ),
        "https://www.bmwsb.bund.de/",
        "",
    ),
    (
        "BIWAQ-Logo (Platzhalter)",
        "triangle",
        t(
            "Platzhalter für das Logo des Programms BIWAQ",
            en="Placeholder for the logo of the BIWAQ programme",
            nl="Plaatshouder voor het logo van het programma BIWAQ",
            fr="Espace réservé au logo du programme BIWAQ",
        ),
        "https://www.biwaq.de/",
        "",
    ),
    (
        "Logo der Stadt Aachen (Platzhalter)",
        "diamond",
        t(
            "Platzhalter für das Logo der Stadt Aachen",
            en="Placeholder for the logo of the City of Aachen",
            nl="Plaatshouder voor het logo van de stad Aken",
            fr="Espace réservé au logo de la ville d’Aix-la-Chapelle",
        ),
        "https://www.aachen.de/",
        "",
    ),
]


# A plain content page below the project page: what the Depot offers the production chain.
DEPOT = {
    "title": t("Das Depot", en="The Depot", nl="Het Depot", fr="Le Depot"),
    "slug": t("das-depot", en="the-depot", nl="het-depot", fr="le-depot"),
    "search_description": t(
        "Räume, Maschinen und Werkzeug im Depot, die Werkstätten und Designer gemeinsam nutzen.",
        en="Rooms, machines and tools in the Depot that workshops and designers share.",
        nl="Ruimtes, machines en gereedschap in het Depot die werkplaatsen en ontwerpers delen.",
        fr="Salles, machines et outils du Depot que les ateliers et les designers partagent.",
    ),
    "intro": t(
        "Im früheren Straßenbahndepot an der Talstraße teilen sich Werkstätten, Designerinnen "
        "und Designer Räume, Maschinen und Werkzeug.",
        en="In the former tram depot on Talstraße, workshops and designers share rooms, machines "
        "and tools.",
        nl="In het voormalige tramdepot aan de Talstraße delen werkplaatsen en ontwerpers "
        "ruimtes, machines en gereedschap.",
        fr="Dans l’ancien dépôt de tramways de la Talstraße, ateliers et designers partagent "
        "salles, machines et outils.",
    ),
    "heading": t(
        "Was gemeinsam genutzt wird",
        en="What is shared",
        nl="Wat gedeeld wordt",
        fr="Ce qui est partagé",
    ),
    "text": t(
        "Eine Nähwerkstatt, ein Raum für Siebdruck, eine Holzwerkstatt und ein Lager für "
        "Material. Wer ein Stück für das Label fertigt, bucht sie beim Team des Depots.",
        en="A sewing room, a screen-printing room, a wood workshop and a store for materials. "
        "Whoever makes a piece for the label books them with the Depot's team.",
        nl="Een naaiatelier, een ruimte voor zeefdruk, een houtwerkplaats en een opslag voor "
        "materiaal. Wie een stuk voor het label maakt, reserveert ze bij het team van het Depot.",
        fr="Un atelier de couture, une salle de sérigraphie, un atelier bois et un dépôt de "
        "matériaux. Qui fabrique une pièce pour le label les réserve auprès de l’équipe du Depot.",
    ),
}


def depot_page(project, publish, log=print):
    """The German content page about the Depot below the project page (found again on later
    runs): the demo's plain content page."""
    page = project.get_children().filter(slug=DEPOT["slug"]).first()
    if page is not None:
        return page
    page = ContentPage(
        title=DEPOT["title"],
        slug=DEPOT["slug"],
        search_description=DEPOT["search_description"],
        intro=DEPOT["intro"],
        body=[
            {"type": "heading", "value": {"text": DEPOT["heading"], "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{DEPOT['text']}</p>"},
        ],
    )
    project.add_child(instance=page)
    publish(page)
    log(f"Seite angelegt: {page.title}")
    return page


def _item(value) -> dict:
    """A ListBlock item in Wagtail's block format (with an id), which wagtail-localize reads."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def project_page(home, publish, log=print):
    """The German project page under the home page (found again on later runs). A database an
    older `load_demo` filled keeps the content page it made there (page types are not converted):
    that page is returned, with a note."""
    page = home.get_children().filter(slug=ABOUT["slug"]).specific().first()
    if page is not None:
        if not isinstance(page, ProjectPage):
            log(
                f"Hinweis: „{page.title}“ ist noch eine {page._meta.verbose_name}, keine Projektseite"
            )
        return page
    image = demo_image(
        "Werkbank im Depot", ABOUT["image_alt"], palette="clay", scene=("tools", "offcuts")
    )
    page = ProjectPage(
        title=ABOUT["title"],
        slug=ABOUT["slug"],
        search_description=ABOUT["search_description"],
        project_name=PROJECT_NAME,
        intro=ABOUT["intro"],
        start_date=START,
        end_date=END,
        programme=PROGRAMME,
        body=[
            {
                "type": "aims",
                "value": {"heading": AIMS["heading"], "aims": [_item(aim) for aim in AIMS["aims"]]},
            },
            {
                "type": "approach",
                "value": {
                    "heading": APPROACH["heading"],
                    "steps": [
                        _item({"title": title, "text": text}) for title, text in APPROACH["steps"]
                    ],
                },
            },
            {"type": "heading", "value": {"text": ABOUT["heading_chain"], "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{ABOUT['chain']}</p>"},
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": image.pk,
                        "alt_text": image.description,
                        "decorative": False,
                    },
                    "caption": ABOUT["image_caption"],
                },
            },
            {
                "type": "partners",
                "value": {
                    "heading": PARTNERS["heading"],
                    "partners": [
                        _item({"name": name, "role": role, "url": url, "funder": funder})
                        for name, role, url, funder in PARTNERS["partners"]
                    ],
                },
            },
            {"type": "heading", "value": {"text": ABOUT["heading_location"], "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{ABOUT['location']}</p>"},
        ],
    )
    home.add_child(instance=page)
    publish(page)
    log(f"Seite angelegt: {page.title}")
    return page


def funding_notice(log=print) -> None:
    """The notice and the placeholder logos on the German site settings (translated with them)."""
    settings = SiteSettings.objects.filter(locale__language_code="de").first()
    if settings is None or settings.funding_notice or settings.funding_logos.exists():
        return
    settings.funding_notice = f"<p>{NOTICE}</p>"
    settings.funding_logos = [
        FundingLogo(
            image=demo_image(title, alt, size=(360, 160), scene=("mark", shape)),
            alt_text=alt,
            link=link,
            statement=statement,
            sort_order=position,
        )
        for position, (title, shape, alt, link, statement) in enumerate(LOGOS)
    ]
    settings.save()
    log("Förderhinweis mit Platzhalter-Logos angelegt")
