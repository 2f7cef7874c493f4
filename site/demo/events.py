"""The demo's events below "Termine" (/de/termine/, /en/events/, /nl/agenda/, /fr/agenda/): a
design fair in Essen with a booth, a fair-trade fair in Cologne that is over, and an open
workshop day in the Depot, each with designers and products of the demo.

`demo.builder` calls `build_events(home, ...)` before it translates the tree, which translates
these pages with it. Dates are counted from the day the demo is built (two upcoming, one past),
so the lists look the same whenever it is loaded; fair names, halls and addresses are
placeholders. Pages found again on later runs are left as they are.
"""

import datetime

from demo.images import demo_image
from demo.texts import t
from designers.models import DesignerPage
from events.models import EventIndexPage, EventKind, EventPage, EventProduct, today

INDEX = {
    "title": t("Termine", en="Events", nl="Agenda", fr="Agenda"),
    "slug": t("termine", en="events", nl="agenda", fr="agenda"),
    "intro": t(
        "Messen, Märkte und offene Werkstatttage: wo Sie die Designer:innen des Labels und ihre "
        "Stücke treffen.",
        en="Fairs, markets and open workshop days: where you can meet the label’s designers and "
        "their pieces.",
        nl="Beurzen, markten en open werkplaatsdagen: waar u de ontwerpers van het label en hun "
        "stukken ontmoet.",
        fr="Salons, marchés et portes ouvertes des ateliers : où rencontrer les créateurs du label "
        "et leurs pièces.",
    ),
}

EVENTS = [
    {
        "title": t(
            "Gestaltungsmesse Rhein-Ruhr",
            en="Rhine-Ruhr Design Fair",
            nl="Designbeurs Rijn-Ruhr",
            fr="Salon du design Rhin-Ruhr",
        ),
        "slug": t(
            "gestaltungsmesse-rhein-ruhr",
            en="rhine-ruhr-design-fair",
            nl="designbeurs-rijn-ruhr",
            fr="salon-du-design-rhin-ruhr",
        ),
        "kind": EventKind.TRADE_FAIR,
        "days": (24, 26),
        "times": (datetime.time(10), datetime.time(18)),
        "lead": t(
            "Drei Tage Design aus Nordrhein-Westfalen: das Label zeigt Leuchten, Hocker und "
            "Schmuck aus dem Aachener Norden.",
            en="Three days of design from North Rhine-Westphalia: the label shows lamps, stools "
            "and jewellery from the north of Aachen.",
            nl="Drie dagen design uit Noordrijn-Westfalen: het label toont lampen, krukken en "
            "sieraden uit het noorden van Aken.",
            fr="Trois jours de design de Rhénanie-du-Nord-Westphalie : le label montre luminaires, "
            "tabourets et bijoux du nord d’Aix-la-Chapelle.",
        ),
        "body": t(
            "Am Stand erzählen die Designer:innen, wie ihre Stücke in den Werkstätten des "
            "Quartiers entstehen. Händler:innen können Muster ansehen und Bestellungen besprechen.",
            en="At the booth the designers tell how their pieces are made in the quarter’s "
            "workshops. Retailers can look at samples and talk about orders.",
            nl="Op de stand vertellen de ontwerpers hoe hun stukken in de werkplaatsen van de wijk "
            "ontstaan. Winkeliers kunnen stalen bekijken en bestellingen bespreken.",
            fr="Sur le stand, les créateurs racontent comment leurs pièces naissent dans les "
            "ateliers du quartier. Les revendeurs peuvent voir des échantillons et parler de "
            "commandes.",
        ),
        "venue": t(
            "Messehalle Nord", en="North exhibition hall", nl="Beurshal Noord", fr="Hall Nord"
        ),
        "street": "Messeallee 1",
        "postcode": "45131",
        "city": "Essen",
        "booth": t("Halle 3, C12", en="Hall 3, C12", nl="Hal 3, C12", fr="Hall 3, C12"),
        "designers": ["tom-becker", "aylin-kaya", "lena-hoffmann"],
        "products": ["MAN-0014", "MAN-0001"],
        "picture": ("Messestand des Labels", ("tools", "stool"), "clay"),
        "alt": t(
            "Ein Messestand mit Hockern und Leuchten",
            en="A fair booth with stools and lamps",
            nl="Een beursstand met krukken en lampen",
            fr="Un stand de salon avec des tabourets et des luminaires",
        ),
    },
    {
        "title": t(
            "Offene Werkstatt im Depot",
            en="Open workshop day in the Depot",
            nl="Open werkplaatsdag in het Depot",
            fr="Portes ouvertes des ateliers au Depot",
        ),
        "slug": t(
            "offene-werkstatt-im-depot",
            en="open-workshop-day-in-the-depot",
            nl="open-werkplaatsdag-in-het-depot",
            fr="portes-ouvertes-au-depot",
        ),
        "kind": EventKind.OPEN_WORKSHOP,
        "days": (10, 10),
        "times": (datetime.time(11), datetime.time(17)),
        "lead": t(
            "Die Werkstätten im Depot öffnen ihre Türen: zuschauen, mitmachen und die Menschen "
            "hinter den Produkten kennenlernen.",
            en="The workshops in the Depot open their doors: watch, join in and meet the people "
            "behind the products.",
            nl="De werkplaatsen in het Depot openen hun deuren: kijken, meedoen en de mensen "
            "achter de producten leren kennen.",
            fr="Les ateliers du Depot ouvrent leurs portes : regarder, participer et rencontrer "
            "les personnes derrière les produits.",
        ),
        "body": t(
            "In der Nähwerkstatt und der Holzwerkstatt zeigen die Teams, wie sie arbeiten. Der "
            "Eintritt ist frei, die Halle ist stufenlos erreichbar.",
            en="In the sewing room and the woodworking shop the teams show how they work. Entry "
            "is free, and the hall has step-free access.",
            nl="In het naaiatelier en de houtwerkplaats laten de teams zien hoe ze werken. De "
            "toegang is gratis, de hal is drempelvrij bereikbaar.",
            fr="Dans l’atelier de couture et l’atelier bois, les équipes montrent comment elles "
            "travaillent. L’entrée est libre, la halle est accessible sans marches.",
        ),
        "venue": t(
            "Depot, Veranstaltungshalle",
            en="Depot, event hall",
            nl="Depot, evenementenhal",
            fr="Depot, salle des fêtes",
        ),
        "street": "Talstraße 2",
        "postcode": "52068",
        "city": "Aachen",
        "booth": "",
        "designers": ["marie-claes", "joris-van-dijk"],
        "products": ["MAN-0004", "MAN-0007"],
        "picture": ("Offene Werkstatt im Depot", ("tools", "offcuts"), "meadow"),
        "alt": t(
            "Werkbänke in der Halle des Depots",
            en="Workbenches in the Depot’s hall",
            nl="Werkbanken in de hal van het Depot",
            fr="Des établis dans la halle du Depot",
        ),
    },
    {
        "title": t(
            "Messe Fair und Regional",
            en="Fair and Regional trade fair",
            nl="Beurs Fair en Regionaal",
            fr="Salon Équitable et Régional",
        ),
        "slug": t(
            "messe-fair-und-regional",
            en="fair-and-regional-trade-fair",
            nl="beurs-fair-en-regionaal",
            fr="salon-equitable-et-regional",
        ),
        "kind": EventKind.TRADE_FAIR,
        "days": (-40, -39),
        "times": (None, None),
        "lead": t(
            "Zwei Tage fairer Handel und regionale Herstellung: das Label stellte seine "
            "Produktionskette vor.",
            en="Two days of fair trade and regional making: the label presented its production "
            "chain.",
            nl="Twee dagen eerlijke handel en regionale productie: het label presenteerde zijn "
            "productieketen.",
            fr="Deux jours de commerce équitable et de fabrication régionale : le label a présenté "
            "sa chaîne de production.",
        ),
        "body": "",
        "venue": t(
            "Messehalle am Rhein",
            en="Exhibition hall on the Rhine",
            nl="Beurshal aan de Rijn",
            fr="Hall d’exposition au bord du Rhin",
        ),
        "street": "Messeplatz 1",
        "postcode": "50679",
        "city": "Köln",
        "booth": t("27", en="27", nl="27", fr="27"),  # a number, the same in every language
        "designers": ["yusuf-demir"],
        "products": [],
        "picture": None,
        "alt": "",
    },
]


def build_events(home, publish, log=print) -> EventIndexPage:
    """The German events index under the home page and its three events (found again on later
    runs)."""
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"])
        home.add_child(instance=index)
        publish(index)
        log(f"Seite angelegt: {index.title}")
    designers = {
        page.catalogue_ref: page
        for page in DesignerPage.objects.filter(locale=home.locale).exclude(catalogue_ref="")
    }
    day = today()
    for data in EVENTS:
        if EventPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        first, last = data["days"]
        image = None
        if data["picture"]:
            title, scene, palette = data["picture"]
            image = demo_image(title, data["alt"], palette=palette, scene=scene)
        page = EventPage(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            start_date=day + datetime.timedelta(days=first),
            end_date=day + datetime.timedelta(days=last),
            start_time=data["times"][0],
            end_time=data["times"][1],
            lead=data["lead"],
            body=f"<p>{data['body']}</p>" if data["body"] else "",
            image=image,
            venue=data["venue"],
            street=data["street"],
            postcode=data["postcode"],
            city=data["city"],
            booth=data["booth"],
        )
        page.designers = [designers[ref] for ref in data["designers"] if ref in designers]
        page.products = [EventProduct(external_id=code) for code in data["products"]]
        index.add_child(instance=page)
        publish(page)
        log(f"Seite angelegt: {page.title}")
    return index
