"""The demo's shared resources of the Depot and their page "Geteilte Ressourcen im Depot" below
the project page (/de/ueber-das-projekt/depot-ressourcen/, /en/about-the-project/depot-resources/,
/nl/over-het-project/depot-voorzieningen/, /fr/a-propos/ressources-du-depot/).

`demo.builder` calls `build_depot(about, ...)` once the enquiry form exists (the resources link
to it) and before it translates the tree (the page is translated with it). The resources are
snippets under review: a published German resource, then its published translations. Addresses
and numbers are placeholders; the pictures are drawn on the spot (`demo.images`).
"""

from wagtail.models import Locale, Page

from core.localize import translate
from demo import enquiries
from demo import project as project_demo
from demo.images import demo_image
from demo.texts import TRANSLATIONS, t
from depot.models import DepotResourcesPage, ResourceKind, SharedResource

EMAIL = "depot@made-in-aachen-nord.example"
PHONE = "+49 241 000 010"

PAGE = {
    "title": t(
        "Geteilte Ressourcen im Depot",
        en="Shared resources in the Depot",
        nl="Gedeelde voorzieningen in het Depot",
        fr="Ressources partagées du Depot",
    ),
    "slug": t(
        "depot-ressourcen",
        en="depot-resources",
        nl="depot-voorzieningen",
        fr="ressources-du-depot",
    ),
    "search_description": t(
        "Räume, Maschinen und Werkzeug im Depot: wofür sie da sind, wer sie nutzen kann und wie "
        "man anfragt.",
        en="Rooms, machines and tools in the Depot: what they are for, who can use them and how "
        "to ask.",
        nl="Ruimtes, machines en gereedschap in het Depot: waarvoor ze zijn, wie ze kan "
        "gebruiken en hoe je aanvraagt.",
        fr="Salles, machines et outils du Depot : à quoi ils servent, qui peut les utiliser et "
        "comment les demander.",
    ),
    "intro": t(
        "Im früheren Straßenbahndepot teilen sich die Werkstätten des Projekts, Designerinnen "
        "und Designer Räume, Maschinen und Werkzeug. Hier steht, was es gibt, wer es nutzen kann "
        "und wie Sie danach fragen.",
        en="In the former tram depot, the project’s workshops and designers share rooms, "
        "machines and tools. Here is what there is, who can use it and how to ask for it.",
        nl="In het voormalige tramdepot delen de werkplaatsen van het project en ontwerpers "
        "ruimtes, machines en gereedschap. Hier staat wat er is, wie het kan gebruiken en hoe u "
        "ernaar vraagt.",
        fr="Dans l’ancien dépôt de tramways, les ateliers du projet et les créateurs partagent "
        "salles, machines et outils. Voici ce qui existe, qui peut l’utiliser et comment le "
        "demander.",
    ),
}

WORKSHOPS_FREE = t(
    "Frei für die Werkstätten des Projekts; für Designer:innen nach Absprache.",
    en="Free for the project’s workshops; for designers by arrangement.",
    nl="Vrij voor de werkplaatsen van het project; voor ontwerpers in overleg.",
    fr="Libre pour les ateliers du projet ; pour les créateurs sur accord.",
)
HOURS = t(
    "Mo–Do 9–16 Uhr. Bitte zwei Tage vorher anfragen.",
    en="Mon–Thu 9 am–4 pm. Please ask two days ahead.",
    nl="Ma–do 9–16 uur. Graag twee dagen van tevoren aanvragen.",
    fr="Lun.–jeu. 9 h–16 h. Merci de demander deux jours avant.",
)

RESOURCES = [
    {
        "kind": ResourceKind.ROOM,
        "name": t("Nähwerkstatt", en="Sewing room", nl="Naaiatelier", fr="Atelier de couture"),
        "purpose": t(
            "Nähen, Zuschneiden und Anproben: hier entstehen die Taschen und Kissen des Labels.",
            en="Sewing, cutting and fittings: this is where the label’s bags and cushions are "
            "made.",
            nl="Naaien, knippen en passen: hier ontstaan de tassen en kussens van het label.",
            fr="Coudre, couper et essayer : c’est ici que naissent les sacs et coussins du label.",
        ),
        "terms": WORKSHOPS_FREE,
        "capacity": t(
            "8 Nähplätze, 2 Overlock-Maschinen, 60 m²",
            en="8 sewing places, 2 overlockers, 60 m²",
            nl="8 naaiplaatsen, 2 lockmachines, 60 m²",
            fr="8 postes de couture, 2 surjeteuses, 60 m²",
        ),
        "hours": HOURS,
        "picture": ("Nähwerkstatt im Depot", "workshop", "meadow"),
        "alt": t(
            "Halle mit Nähmaschinen auf Werktischen",
            en="Hall with sewing machines on workbenches",
            nl="Hal met naaimachines op werktafels",
            fr="Halle avec des machines à coudre sur des établis",
        ),
    },
    {
        "kind": ResourceKind.ROOM,
        "name": t("Holzwerkstatt", en="Woodworking shop", nl="Houtwerkplaats", fr="Atelier bois"),
        "purpose": t(
            "Sägen, Hobeln, Schleifen und Leimen für Hocker, Bretter und Regale.",
            en="Sawing, planing, sanding and gluing for stools, boards and shelves.",
            nl="Zagen, schaven, schuren en lijmen voor krukken, planken en rekken.",
            fr="Scier, raboter, poncer et coller pour tabourets, planches et étagères.",
        ),
        "terms": t(
            "Nach einer Einweisung durch das Team des Depots; für Designer:innen nach Absprache.",
            en="After an induction by the Depot’s team; for designers by arrangement.",
            nl="Na een instructie door het team van het Depot; voor ontwerpers in overleg.",
            fr="Après une initiation par l’équipe du Depot ; pour les créateurs sur accord.",
        ),
        "capacity": t(
            "6 Hobelbänke, Formatkreissäge, Absaugung, 90 m²",
            en="6 workbenches, panel saw, dust extraction, 90 m²",
            nl="6 schaafbanken, formaatzaag, afzuiging, 90 m²",
            fr="6 établis, scie à format, aspiration, 90 m²",
        ),
        "hours": HOURS,
        "picture": ("Holzwerkstatt im Depot", ("tools", "offcuts", "stool"), "clay"),
        "alt": t(
            "Werkzeug, Holzreste und ein Hocker auf einer Werkbank",
            en="Tools, wood offcuts and a stool on a workbench",
            nl="Gereedschap, houtresten en een kruk op een werkbank",
            fr="Outils, chutes de bois et un tabouret sur un établi",
        ),
    },
    {
        "kind": ResourceKind.ROOM,
        "name": t(
            "Veranstaltungshalle", en="Event hall", nl="Evenementenhal", fr="Salle des fêtes"
        ),
        "purpose": t(
            "Workshops, Märkte und Präsentationen: die große Halle unter dem alten Hallendach.",
            en="Workshops, markets and presentations: the big hall under the old roof.",
            nl="Workshops, markten en presentaties: de grote hal onder het oude dak.",
            fr="Ateliers, marchés et présentations : la grande halle sous l’ancienne toiture.",
        ),
        "terms": t(
            "Für Veranstaltungen des Projekts frei; für andere gegen eine Nutzungspauschale.",
            en="Free for the project’s events; for others for a flat fee.",
            nl="Vrij voor evenementen van het project; voor anderen tegen een vaste vergoeding.",
            fr="Libre pour les événements du projet ; pour les autres contre un forfait.",
        ),
        "capacity": t(
            "Bis 120 Personen, 400 m²",
            en="Up to 120 people, 400 m²",
            nl="Tot 120 personen, 400 m²",
            fr="Jusqu’à 120 personnes, 400 m²",
        ),
        "hours": HOURS,
        "picture": ("Veranstaltungshalle im Depot", "hall", "meadow"),
        "alt": t(
            "Die leere Halle des Depots mit Werkbänken",
            en="The Depot’s empty hall with workbenches",
            nl="De lege hal van het Depot met werkbanken",
            fr="La halle vide du Depot avec des établis",
        ),
        "ask_enquiry_form": True,
    },
    {
        "kind": ResourceKind.MACHINE,
        "name": t("Lasercutter", en="Laser cutter", nl="Lasersnijder", fr="Découpeuse laser"),
        "purpose": t(
            "Schneiden und Gravieren von Holz, Karton, Filz und Acryl nach einer Vektordatei.",
            en="Cutting and engraving wood, cardboard, felt and acrylic from a vector file.",
            nl="Snijden en graveren van hout, karton, vilt en acryl volgens een vectorbestand.",
            fr="Découpe et gravure de bois, carton, feutre et acrylique d’après un fichier "
            "vectoriel.",
        ),
        "terms": t(
            "Nach Einweisung; Material bringen Sie mit oder kaufen es im Depot.",
            en="After an induction; bring your own material or buy it at the Depot.",
            nl="Na instructie; materiaal neemt u mee of koopt u in het Depot.",
            fr="Après initiation ; apportez votre matériau ou achetez-le au Depot.",
        ),
        "capacity": t(
            "Arbeitsfläche 100 × 60 cm, 60 W CO₂-Laser",
            en="Bed 100 × 60 cm, 60 W CO₂ laser",
            nl="Werkvlak 100 × 60 cm, 60 W CO₂-laser",
            fr="Surface 100 × 60 cm, laser CO₂ 60 W",
        ),
        "hours": HOURS,
    },
    {
        "kind": ResourceKind.MACHINE,
        "name": t(
            "Siebdrucktisch",
            en="Screen-printing table",
            nl="Zeefdruktafel",
            fr="Table de sérigraphie",
        ),
        "purpose": t(
            "Drucken auf Stoff und Papier, mit Belichter und Auswaschbox.",
            en="Printing on fabric and paper, with an exposure unit and washout booth.",
            nl="Drukken op stof en papier, met belichter en uitwasbak.",
            fr="Impression sur tissu et papier, avec insoleuse et cabine de lavage.",
        ),
        "terms": WORKSHOPS_FREE,
        "capacity": t(
            "4-Farben-Karussell, Siebe bis 50 × 70 cm",
            en="4-colour carousel, screens up to 50 × 70 cm",
            nl="4-kleurencarrousel, zeven tot 50 × 70 cm",
            fr="Carrousel 4 couleurs, écrans jusqu’à 50 × 70 cm",
        ),
        "hours": HOURS,
        "picture": ("Siebdruck im Depot", ("print", "tote", "cards"), "meadow"),
        "alt": t(
            "Ein Druck, ein Stoffbeutel und Karten auf dem Drucktisch",
            en="A print, a tote bag and cards on the printing table",
            nl="Een druk, een draagtas en kaarten op de druktafel",
            fr="Une affiche, un sac en toile et des cartes sur la table d’impression",
        ),
    },
    {
        "kind": ResourceKind.TOOL,
        "name": t(
            "Werkzeugausleihe", en="Tool library", nl="Gereedschapsuitleen", fr="Outilthèque"
        ),
        "purpose": t(
            "Akkuschrauber, Stichsägen, Schleifer und Messwerkzeug zum Ausleihen für eine Woche.",
            en="Cordless drills, jigsaws, sanders and measuring tools to borrow for a week.",
            nl="Accuboormachines, decoupeerzagen, schuurmachines en meetgereedschap om een week "
            "te lenen.",
            fr="Visseuses, scies sauteuses, ponceuses et outils de mesure à emprunter pour une "
            "semaine.",
        ),
        "terms": t(
            "Für alle im Projekt kostenlos, gegen Unterschrift.",
            en="Free for everyone in the project, against a signature.",
            nl="Gratis voor iedereen in het project, tegen handtekening.",
            fr="Gratuit pour tous dans le projet, contre signature.",
        ),
        "capacity": t(
            "Rund 80 Werkzeuge",
            en="About 80 tools",
            nl="Ongeveer 80 gereedschappen",
            fr="Environ 80 outils",
        ),
        "hours": t(
            "Ausgabe Di und Do 14–16 Uhr.",
            en="Lending Tue and Thu 2–4 pm.",
            nl="Uitleen di en do 14–16 uur.",
            fr="Prêt mar. et jeu. 14 h–16 h.",
        ),
        "picture": ("Werkzeugausleihe im Depot", ("tools", "offcuts"), "clay"),
        "alt": t(
            "Werkzeug und Holzreste auf einem Tisch",
            en="Tools and wood offcuts on a table",
            nl="Gereedschap en houtresten op een tafel",
            fr="Des outils et des chutes de bois sur une table",
        ),
    },
]


def _image(data):
    if "picture" not in data:
        return None
    title, scene, palette = data["picture"]
    return demo_image(title, data["alt"], size=(1200, 900), palette=palette, scene=scene)


def build_depot(about, publish, log) -> DepotResourcesPage:
    """The resources (German, then translated) and their page below the project page `about`."""
    german = about.locale
    form = Page.objects.filter(locale=german, slug=enquiries.PAGE["slug"]).first()
    for order, data in enumerate(RESOURCES, start=1):
        resource = SharedResource.objects.filter(locale=german, name=data["name"]).first()
        if resource is None:
            resource = SharedResource(
                locale=german,
                kind=data["kind"],
                name=data["name"],
                purpose=data["purpose"],
                terms=data["terms"],
                capacity=data["capacity"],
                opening_hours=data["hours"],
                image=_image(data),
                email=EMAIL,
                phone=PHONE,
                ask_page=form if data.get("ask_enquiry_form") else None,
                sort_order=order * 10,
            )
            resource.save()
            resource.save_revision().publish()
            log(f"Depot-Ressource angelegt: {resource.name}")
        for code in TRANSLATIONS:
            if resource.get_translation_or_none(Locale.objects.get(language_code=code)) is None:
                translate(resource, code, TRANSLATIONS[code])
    page = DepotResourcesPage.objects.child_of(about).first()
    if page is None:
        page = DepotResourcesPage(
            title=PAGE["title"],
            slug=PAGE["slug"],
            search_description=PAGE["search_description"],
            intro=f"<p>{PAGE['intro']}</p>",
            street_address="Talstraße 2",
            postal_code="52068",
        )
        about.add_child(instance=page)
        publish(page)
        log(f"Seite angelegt: {page.title}")
    _link_from_the_approach(about.specific, page, publish, log)
    return page


def _link_from_the_approach(about, page, publish, log) -> None:
    """The project page's approach step "Gemeinsame Ressourcen im Depot" links to the page."""
    title = project_demo.APPROACH["steps"][2][0]
    for block in getattr(about, "body", []):
        if block.block_type != "approach":
            continue
        for step in block.value["steps"]:
            if step["title"] == title and step.get("page") is None:
                step["page"] = page
                publish(about)
                log(f"Verlinkt: {title} → {page.title}")
                return
