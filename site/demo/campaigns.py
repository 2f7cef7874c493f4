"""The demo campaign "Kreativstandort Aachen-Nord": its texts (with translations) and its page.

Every block of a campaign page appears once, so the demo shows editors what each does and the
tests render each in every language.
"""

import uuid

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from demo.images import add_alt_texts, demo_image
from demo.people import same
from demo.texts import TRANSLATIONS, t

CAMPAIGN_CODE = "kreativstandort-aachen-nord"
ENQUIRY_SLUG = "anfrage"  # the enquiry form page the enquiries app's demo creates under home

INDEX = {
    "title": t("Kampagnen", en="Campaigns", nl="Campagnes", fr="Campagnes"),
    "slug": t("kampagnen", en="campaigns", nl="campagnes", fr="campagnes"),
    "intro": t(
        "Wofür das Projekt wirbt: den Aachener Norden als Ort für Gestaltung, Handwerk und die "
        "Betriebe, die mit ihnen arbeiten.",
        en="What the project campaigns for: the north of Aachen as a place for design, craft and "
        "the businesses that work with them.",
        nl="Waar het project voor pleit: het noorden van Aken als plek voor vormgeving, ambacht en "
        "de bedrijven die met hen werken.",
        fr="Ce que défend le projet : le nord d’Aix-la-Chapelle comme lieu de création, d’artisanat "
        "et des entreprises qui travaillent avec eux.",
    ),
}

C = {
    "title": t(
        "Kreativstandort Aachen-Nord",
        en="Creative Location Aachen-Nord",
        nl="Creatieve locatie Aken-Noord",
        fr="Aachen-Nord, quartier créatif",
    ),
    "slug": t(
        "kreativstandort-aachen-nord",
        en="creative-location-aachen-nord",
        nl="creatieve-locatie-aken-noord",
        fr="quartier-creatif-aachen-nord",
    ),
    "search_description": t(
        "Ateliers, Werkstätten und Büros im Aachener Norden: freie Flächen im Depot und im "
        "Quartier, Nachbarn aus Design und Handwerk, kurze Wege. Jetzt Raum anfragen.",
        en="Studios, workshops and offices in the north of Aachen: spaces free in the Depot and "
        "the quarter, neighbours in design and craft, short distances. Enquire now.",
        nl="Ateliers, werkplaatsen en kantoren in het noorden van Aken: vrije ruimtes in het "
        "Depot en de wijk, buren uit design en ambacht, korte afstanden. Vraag nu ruimte aan.",
        fr="Ateliers, locaux artisanaux et bureaux dans le nord d’Aix-la-Chapelle : des espaces "
        "libres au Depot et dans le quartier, des voisins du design et de l’artisanat, tout à "
        "proximité. Faites votre demande.",
    ),
    "lead": t(
        "Der Aachener Norden sucht Gestalter:innen, Werkstätten und die Betriebe, die für sie "
        "arbeiten – mit bezahlbaren Räumen, Nachbarn, die mitmachen, und einem Label, das "
        "Entwürfe in die Läden bringt.",
        en="The north of Aachen is looking for designers, workshops and the businesses that work "
        "for them – with affordable space, neighbours who join in and a label that brings designs "
        "to the shops.",
        nl="Het noorden van Aken zoekt ontwerpers, werkplaatsen en de bedrijven die voor hen "
        "werken – met betaalbare ruimte, buren die meedoen en een label dat ontwerpen in de "
        "winkels brengt.",
        fr="Le nord d’Aix-la-Chapelle cherche des créateurs, des ateliers et les entreprises qui "
        "travaillent pour eux – avec des locaux abordables, des voisins qui s’impliquent et un "
        "label qui mène les créations jusqu’aux boutiques.",
    ),
    "hero_heading": t(
        "Raum für Ideen im Aachener Norden",
        en="Room for ideas in the north of Aachen",
        nl="Ruimte voor ideeën in het noorden van Aken",
        fr="De la place pour les idées dans le nord d’Aix-la-Chapelle",
    ),
    "hero_text": t(
        "Ateliers, Werkstätten und Büros zwischen dem Depot und der Talstraße – für Kreative und "
        "die Betriebe, die mit ihnen arbeiten.",
        en="Studios, workshops and offices between the Depot and Talstraße – for creatives and "
        "the businesses that work with them.",
        nl="Ateliers, werkplaatsen en kantoren tussen het Depot en de Talstraße – voor creatieven "
        "en de bedrijven die met hen werken.",
        fr="Ateliers, locaux artisanaux et bureaux entre le Depot et la Talstraße – pour les "
        "créatifs et les entreprises qui travaillent avec eux.",
    ),
    "hero_alt": t(
        "Die Halle des Depots, einer ehemaligen Straßenbahnhalle, mit Werkbänken",
        en="The hall of the Depot, a former tram depot, with workbenches",
        nl="De hal van het Depot, een voormalige tramremise, met werkbanken",
        fr="La halle du Depot, un ancien dépôt de tramways, avec des établis",
    ),
    "button": t(
        "Raum anfragen", en="Enquire about space", nl="Ruimte aanvragen", fr="Demander un local"
    ),
    "facts_heading": t(
        "Das Quartier in Zahlen",
        en="The quarter in figures",
        nl="De wijk in cijfers",
        fr="Le quartier en chiffres",
    ),
    "facts": [
        (
            t("4.800", en="4,800", nl="4.800", fr="4\u202f800"),
            "m²",
            t(
                "Fläche im Depot für Werkstätten, Ateliers und Veranstaltungen",
                en="of space in the Depot for workshops, studios and events",
                nl="oppervlakte in het Depot voor werkplaatsen, ateliers en evenementen",
                fr="de surface au Depot pour ateliers, studios et événements",
            ),
        ),
        (
            same("38"),
            "",
            t(
                "Betriebe aus Design, Handwerk und Dienstleistung im Quartier",
                en="businesses in design, craft and services in the quarter",
                nl="bedrijven uit design, ambacht en dienstverlening in de wijk",
                fr="entreprises du design, de l’artisanat et des services dans le quartier",
            ),
        ),
        (
            same("8"),
            t("Min.", en="min", nl="min.", fr="min"),
            t(
                "mit dem Bus zum Hauptbahnhof",
                en="by bus to the central station",
                nl="met de bus naar het centraal station",
                fr="en bus jusqu’à la gare centrale",
            ),
        ),
        (
            same("3"),
            "",
            t(
                "Länder in einer halben Stunde: Deutschland, Belgien, Niederlande",
                en="countries within half an hour: Germany, Belgium, the Netherlands",
                nl="landen binnen een half uur: Duitsland, België, Nederland",
                fr="pays en une demi-heure : Allemagne, Belgique, Pays-Bas",
            ),
        ),
    ],
    "facts_source": t(
        "Stand: Erhebung des Projekts „All eyes on green spots“, Frühjahr 2026",
        en="Source: survey by the project “All eyes on green spots”, spring 2026",
        nl="Bron: inventarisatie van het project “All eyes on green spots”, voorjaar 2026",
        fr="Source : relevé du projet « All eyes on green spots », printemps 2026",
    ),
    "why_heading": t(
        "Warum der Aachener Norden?",
        en="Why the north of Aachen?",
        nl="Waarom het noorden van Aken?",
        fr="Pourquoi le nord d’Aix-la-Chapelle ?",
    ),
    "why": t(
        "Im Aachener Norden liegen Werkstatt und Laden, Entwurf und Fertigung nah beieinander. "
        "Wer hier arbeitet, findet Nachbarn, die nähen, drucken, schreinern und lasern – und ein "
        "Label, das Produkte aus dem Quartier in Museumsshops und Concept Stores bringt.",
        en="In the north of Aachen, workshop and shop, design and production are close together. "
        "Whoever works here finds neighbours who sew, print, build and laser-cut – and a label "
        "that brings products from the quarter to museum shops and concept stores.",
        nl="In het noorden van Aken liggen werkplaats en winkel, ontwerp en productie dicht bij "
        "elkaar. Wie hier werkt, vindt buren die naaien, drukken, timmeren en lasersnijden – en "
        "een label dat producten uit de wijk naar museumwinkels en conceptstores brengt.",
        fr="Dans le nord d’Aix-la-Chapelle, l’atelier et la boutique, la création et la "
        "fabrication sont proches. Qui travaille ici trouve des voisins qui cousent, impriment, "
        "menuisent et découpent au laser – et un label qui mène les objets du quartier vers les "
        "boutiques de musée et les concept stores.",
    ),
    "depot_heading": t(
        "Das Depot: eine Straßenbahnhalle voller Werkstätten",
        en="The Depot: a tram depot full of workshops",
        nl="Het Depot: een tramremise vol werkplaatsen",
        fr="Le Depot : un dépôt de tramways plein d’ateliers",
    ),
    "depot": t(
        "Wo früher Straßenbahnen gewartet wurden, arbeiten heute eine Näh- und eine "
        "Holzwerkstatt, Ateliers und ein Laden. Das Depot ist soziales und kulturelles Zentrum "
        "des Quartiers: Hier entstehen die Produkte des Labels, hier finden Werkstattabende und "
        "Märkte statt.",
        en="Where trams were once serviced, a sewing and a woodworking shop, studios and a shop "
        "work today. The Depot is the quarter's social and cultural centre: the label's products "
        "are made here, and workshop evenings and markets take place here.",
        nl="Waar vroeger trams werden onderhouden, werken nu een naai- en een houtwerkplaats, "
        "ateliers en een winkel. Het Depot is het sociale en culturele centrum van de wijk: hier "
        "ontstaan de producten van het label, hier zijn werkplaatsavonden en markten.",
        fr="Là où l’on entretenait autrefois les tramways travaillent aujourd’hui un atelier de "
        "couture, un atelier bois, des studios et une boutique. Le Depot est le centre social et "
        "culturel du quartier : les objets du label y sont fabriqués, on y organise des soirées "
        "d’atelier et des marchés.",
    ),
    "depot_alt": t(
        "Werkbänke und Nähmaschinen unter dem Glasdach des Depots",
        en="Workbenches and sewing machines under the Depot's glass roof",
        nl="Werkbanken en naaimachines onder het glazen dak van het Depot",
        fr="Établis et machines à coudre sous la verrière du Depot",
    ),
    "voices_heading": t(
        "Wer schon hier arbeitet",
        en="Who already works here",
        nl="Wie hier al werkt",
        fr="Ils travaillent déjà ici",
    ),
    "voices": [
        (
            t(
                "Für meine Taschen brauche ich eine Nähwerkstatt, die kleine Serien mag. Im Depot "
                "ist sie zwei Türen weiter.",
                en="For my bags I need a sewing workshop that likes small series. In the Depot it "
                "is two doors down.",
                nl="Voor mijn tassen heb ik een naaiatelier nodig dat van kleine series houdt. In "
                "het Depot zit het twee deuren verder.",
                fr="Pour mes sacs, il me faut un atelier de couture qui aime les petites séries. "
                "Au Depot, il est à deux portes.",
            ),
            "Lena Hoffmann",
            t("Gestalterin", en="Designer", nl="Ontwerpster", fr="Créatrice"),
            "Atelier Stoffwechsel",
        ),
        (
            t(
                "Wir haben die Werkstatt hier gefunden, weil die Miete stimmte. Geblieben sind wir "
                "wegen der Nachbarn.",
                en="We found the workshop here because the rent was right. We stayed because of "
                "the neighbours.",
                nl="We vonden de werkplaats hier omdat de huur klopte. We bleven vanwege de buren.",
                fr="Nous avons trouvé l’atelier ici parce que le loyer convenait. Nous sommes "
                "restés pour les voisins.",
            ),
            "Yusuf Demir",
            t("Tischler", en="Cabinetmaker", nl="Meubelmaker", fr="Ébéniste"),
            "Demir Möbel",
        ),
        (
            t(
                "Aufträge vom Label, Kundschaft aus der Nachbarschaft: Unser Siebdruck ist im "
                "Quartier gewachsen.",
                en="Orders from the label, customers from the neighbourhood: our screen printing "
                "grew in the quarter.",
                nl="Opdrachten van het label, klanten uit de buurt: onze zeefdrukkerij is in de "
                "wijk gegroeid.",
                fr="Des commandes du label, une clientèle du voisinage : notre sérigraphie a "
                "grandi dans le quartier.",
            ),
            t(
                "Das Team der Druckwerkstatt",
                en="The print shop team",
                nl="Het team van de drukkerij",
                fr="L’équipe de l’atelier d’impression",
            ),
            "",
            "Siebdruck Aachen-Nord",
        ),
    ],
    "gallery_heading": t(
        "Einblicke ins Quartier",
        en="Glimpses of the quarter",
        nl="Een kijkje in de wijk",
        fr="Aperçus du quartier",
    ),
    "gallery": [
        (
            t(
                "Die Nähwerkstatt im Depot",
                en="The sewing workshop in the Depot",
                nl="Het naaiatelier in het Depot",
                fr="L’atelier de couture du Depot",
            ),
            "meadow",
        ),
        (
            t(
                "Holzreste werden zu Hockern",
                en="Offcuts become stools",
                nl="Houtresten worden krukken",
                fr="Des chutes de bois deviennent des tabourets",
            ),
            "clay",
        ),
        (
            t(
                "Markttag vor der Straßenbahnhalle",
                en="Market day in front of the tram depot",
                nl="Marktdag voor de tramremise",
                fr="Jour de marché devant le dépôt de tramways",
            ),
            "depot",
        ),
        (
            t(
                "Siebdruck in kleinen Auflagen",
                en="Screen printing in small runs",
                nl="Zeefdruk in kleine oplagen",
                fr="Sérigraphie en petits tirages",
            ),
            "river",
        ),
    ],
    "spaces_heading": t(
        "Freie Flächen", en="Spaces available", nl="Vrije ruimtes", fr="Locaux disponibles"
    ),
    "spaces_intro": t(
        "Die Flächen vermitteln wir gemeinsam mit den Eigentümer:innen. Mieten sind Kaltmieten.",
        en="We let the spaces together with their owners. Rents exclude utilities.",
        nl="We verhuren de ruimtes samen met de eigenaren. Huren zijn exclusief servicekosten.",
        fr="Nous louons les locaux avec leurs propriétaires. Loyers hors charges.",
    ),
    "spaces": [
        (
            t(
                "Atelier im Depot, 1. Obergeschoss",
                en="Studio in the Depot, first floor",
                nl="Atelier in het Depot, eerste verdieping",
                fr="Atelier au Depot, premier étage",
            ),
            "studio",
            "42",
            "380",
            "450",
            None,
        ),
        (
            t(
                "Werkstatt mit Rolltor an der Talstraße",
                en="Workshop with roller door on Talstraße",
                nl="Werkplaats met roldeur aan de Talstraße",
                fr="Atelier avec porte roulante, Talstraße",
            ),
            "workshop",
            "118",
            "890",
            "890",
            "2027-03-01",
        ),
        (
            t(
                "Ladenlokal mit Schaufenster",
                en="Shop with display window",
                nl="Winkelruimte met etalage",
                fr="Local commercial avec vitrine",
            ),
            "shop",
            "64",
            "720",
            None,
            None,
        ),
        (
            t(
                "Bürogemeinschaft im Quartiersbüro, zwei Plätze",
                en="Shared office in the quarter office, two desks",
                nl="Gedeeld kantoor in het wijkbureau, twee plekken",
                fr="Bureau partagé au bureau de quartier, deux postes",
            ),
            "office",
            "18",
            "190",
            "240",
            "2026-12-01",
        ),
    ],
    "rent_note": t(
        "zzgl. Nebenkosten", en="plus utilities", nl="excl. servicekosten", fr="charges en sus"
    ),
    "contact": t(
        "Projektbüro im Depot",
        en="Project office in the Depot",
        nl="Projectbureau in het Depot",
        fr="Bureau du projet au Depot",
    ),
    "location_heading": t(
        "Lage und Anfahrt",
        en="Location and directions",
        nl="Ligging en route",
        fr="Situation et accès",
    ),
    "location_text": t(
        "Das Depot liegt zehn Gehminuten von der Innenstadt; Busse halten vor der Tür, die "
        "Autobahn ist fünf Minuten entfernt.",
        en="The Depot is a ten-minute walk from the city centre; buses stop at the door and the "
        "motorway is five minutes away.",
        nl="Het Depot ligt op tien minuten lopen van het centrum; bussen stoppen voor de deur en "
        "de snelweg is vijf minuten weg.",
        fr="Le Depot est à dix minutes à pied du centre-ville ; les bus s’arrêtent devant la porte "
        "et l’autoroute est à cinq minutes.",
    ),
    "addresses": [
        (
            t(
                "Depot (Projektbüro, Werkstätten)",
                en="Depot (project office, workshops)",
                nl="Depot (projectbureau, werkplaatsen)",
                fr="Depot (bureau du projet, ateliers)",
            ),
            same("Talstraße 2"),
            t("52068 Aachen", en="52068 Aachen", nl="52068 Aken", fr="52068 Aix-la-Chapelle"),
            t(
                "Eingang über den Hof, barrierefrei",
                en="Entrance through the courtyard, step-free",
                nl="Ingang via de binnenplaats, drempelvrij",
                fr="Entrée par la cour, accessible de plain-pied",
            ),
        ),
        (
            same(
                "Laden im Depot"
            ),  # the shop's name, as the where-to-buy lists give it (demo.shops)
            same("Talstraße 2"),
            t("52068 Aachen", en="52068 Aachen", nl="52068 Aken", fr="52068 Aix-la-Chapelle"),
            t(
                "Mittwoch bis Samstag, 11–18 Uhr",
                en="Wednesday to Saturday, 11 am–6 pm",
                nl="Woensdag tot zaterdag, 11–18 uur",
                fr="Du mercredi au samedi, 11 h–18 h",
            ),
        ),
    ],
    "partners_heading": t(
        "Partner im Quartier",
        en="Partners in the quarter",
        nl="Partners in de wijk",
        fr="Partenaires du quartier",
    ),
    "partners": [
        "All eyes on green spots",
        "Made in Aachen-Nord",
        "Depot Talstraße",
        t(
            "Nähwerkstatt im Depot",
            en="Depot sewing workshop",
            nl="Naaiatelier in het Depot",
            fr="Atelier de couture du Depot",
        ),
        t(
            "Holzwerkstatt im Depot",
            en="Depot woodworking shop",
            nl="Houtwerkplaats in het Depot",
            fr="Atelier bois du Depot",
        ),
        "Siebdruck Aachen-Nord",
    ],
    "designers_heading": t(
        "Designer:innen aus dem Quartier",
        en="Designers from the quarter",
        nl="Ontwerpers uit de wijk",
        fr="Créateurs du quartier",
    ),
    "stories_heading": t(
        "Geschichten aus den Werkstätten",
        en="Stories from the workshops",
        nl="Verhalen uit de werkplaatsen",
        fr="Histoires des ateliers",
    ),
    "enquiry_heading": t(
        "Sie suchen Raum im Aachener Norden?",
        en="Looking for space in the north of Aachen?",
        nl="Op zoek naar ruimte in het noorden van Aken?",
        fr="Vous cherchez un local dans le nord d’Aix-la-Chapelle ?",
    ),
    "enquiry_text": t(
        "Schreiben Sie uns, was Sie brauchen: Größe, Art des Raums und ab wann. Wir melden uns "
        "innerhalb einer Woche und zeigen Ihnen gern die Flächen.",
        en="Tell us what you need: size, kind of space and from when. We reply within a week and "
        "are happy to show you around.",
        nl="Laat ons weten wat u nodig hebt: grootte, soort ruimte en vanaf wanneer. We reageren "
        "binnen een week en laten u graag de ruimtes zien.",
        fr="Dites-nous ce dont vous avez besoin : surface, type de local et date. Nous répondons "
        "sous une semaine et vous faisons volontiers visiter.",
    ),
    "enquiry_button": t(
        "Jetzt anfragen", en="Send an enquiry", nl="Nu aanvragen", fr="Faire une demande"
    ),
}
for name in C["partners"]:
    if (
        name not in TRANSLATIONS["en"]
    ):  # names are the same in every language, the workshops' aren't
        same(name)
for name in ("Atelier Stoffwechsel", "Demir Möbel", "Siebdruck Aachen-Nord", "m²"):
    same(name)

CONTACT_EMAIL = "raum@made-in-aachen-nord.example"
CONTACT_PHONE = same("+49 241 000 000")


def logo_image(name: str):
    """A wordmark drawn for a partner: its name on white, made once and found again by title."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    Image = get_image_model()
    title = f"Logo {name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    import io

    picture = PILImage.new("RGB", (400, 160), "#ffffff")
    draw = ImageDraw.Draw(picture)
    try:  # Debian's DejaVu has every German glyph; Pillow's own font is the fallback.
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 30)
    except OSError:
        font = ImageFont.load_default(size=30)
    draw.ellipse((16, 52, 72, 108), fill="#2f8f5b")
    words = name.split()
    half = (len(words) + 1) // 2
    for number, line in enumerate((" ".join(words[:half]), " ".join(words[half:]))):
        draw.text((88, 40 + number * 40), line, fill="#1d4a36", font=font)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    image = Image(title=title, description=name)  # the German alt; add_alt_texts adds the others
    image.file = ImageFile(io.BytesIO(out.getvalue()), name=f"logo-{uuid.uuid4().hex[:8]}.png")
    image.save()
    add_alt_texts(image, name)
    return image


def _items(values):
    """ListBlock items in Wagtail's block format (with ids), which wagtail-localize reads."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


# What the gallery's pictures show, in the order of its captions: the sewing workshop, offcuts
# becoming stools, market day (the label's goods on a stall), screen printing.
GALLERY_SCENES = [
    "workshop",
    ("offcuts", "stool"),
    ("tote", "bowl", "mug", "bag"),
    ("print", "cards"),
]
NO_IMAGE = {"image": None, "alt_text": "", "decorative": False}  # an optional ImageBlock left empty


def _image(image, alt=None):
    if alt is None:
        return {"image": image.pk, "alt_text": "", "decorative": True}
    return {"image": image.pk, "alt_text": alt, "decorative": False}


def campaign_body(enquiry_page, designers, stories) -> list[dict]:
    hero = demo_image("Kampagne Depot Halle", C["hero_alt"], (1920, 1000), "depot", scene="hall")
    depot = demo_image(
        "Kampagne Depot Werkbänke", C["depot_alt"], (1200, 900), "clay", scene="workshop"
    )
    portraits = {
        "Lena Hoffmann": "Porträt Lena Hoffmann",
        "Yusuf Demir": "Porträt Yusuf Demir",
    }
    from wagtail.images import get_image_model

    Image = get_image_model()
    gallery = [
        {
            # The caption says what the picture shows; an alt text would repeat it.
            "image": _image(
                demo_image(
                    f"Kampagne Galerie {index + 1}", caption, (1200, 900), palette, scene=scene
                )
            ),
            "caption": caption,
        }
        for index, ((caption, palette), scene) in enumerate(
            zip(C["gallery"], GALLERY_SCENES, strict=True)
        )
    ]
    voices = []
    for quote, name, role, business in C["voices"]:
        portrait = Image.objects.filter(title=portraits.get(name, "")).first()
        voices.append(
            {
                "quote": quote,
                "name": name,
                "role": role,
                "business": business,
                # The name is printed beside the portrait: the picture itself is decorative.
                "image": _image(portrait) if portrait else NO_IMAGE,
            }
        )
    spaces = [
        {
            "name": name,
            "kind": kind,
            "size": size,
            "rent_min": low,
            "rent_max": high,
            "rent_note": C["rent_note"],
            "available_from": available,
            "contact": {"name": C["contact"], "email": CONTACT_EMAIL, "phone": CONTACT_PHONE},
        }
        for name, kind, size, low, high, available in C["spaces"]
    ]
    return [
        {
            "type": "hero",
            "value": {
                "heading": C["hero_heading"],
                "text": C["hero_text"],
                "image": _image(hero, C["hero_alt"]),
                "button_label": C["button"],
                "page": None,
            },
        },
        {
            "type": "key_facts",
            "value": {
                "heading": C["facts_heading"],
                "facts": _items(
                    {"value": value, "unit": unit, "label": label}
                    for value, unit, label in C["facts"]
                ),
                "source": C["facts_source"],
            },
        },
        {"type": "heading", "value": {"text": C["why_heading"], "level": "h2"}},
        {"type": "paragraph", "value": f"<p>{C['why']}</p>"},
        {
            "type": "text_with_image",
            "value": {
                "heading": C["depot_heading"],
                "text": f"<p>{C['depot']}</p>",
                "image": _image(depot, C["depot_alt"]),
                "image_position": "end",
            },
        },
        {
            "type": "testimonials",
            "value": {"heading": C["voices_heading"], "items": _items(voices)},
        },
        {"type": "gallery", "value": {"heading": C["gallery_heading"], "images": _items(gallery)}},
        {
            "type": "spaces",
            "value": {
                "heading": C["spaces_heading"],
                "intro": C["spaces_intro"],
                "spaces": _items(spaces),
            },
        },
        {
            "type": "location",
            "value": {
                "heading": C["location_heading"],
                "text": C["location_text"],
                "addresses": _items(
                    {"name": name, "street": street, "city": city, "note": note}
                    for name, street, city, note in C["addresses"]
                ),
                "latitude": "50.783600",
                "longitude": "6.096300",
            },
        },
        {
            "type": "partners",
            "value": {
                "heading": C["partners_heading"],
                "partners": _items(
                    {"name": name, "logo": logo_image(name).pk, "url": ""} for name in C["partners"]
                ),
            },
        },
        {
            "type": "designers",
            "value": {
                "heading": C["designers_heading"],
                "designers": _items(page.pk for page in designers),
            },
        },
        {
            "type": "stories",
            "value": {
                "heading": C["stories_heading"],
                "stories": _items(page.pk for page in stories),
            },
        },
        {
            "type": "enquiry",
            "value": {
                "heading": C["enquiry_heading"],
                "text": C["enquiry_text"],
                "page": enquiry_page.pk if enquiry_page else None,
                "button_label": C["enquiry_button"],
            },
        },
    ]


def build_campaigns(home, publish, log):
    """The campaign index under `home` and the campaign in it (German); returns the index."""
    from wagtail.models import Page

    from campaigns.models import CampaignIndexPage, CampaignPage
    from designers.models import DesignerPage, StoryPage

    index = CampaignIndexPage.objects.child_of(home).first()
    if index is None:
        index = CampaignIndexPage(title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"])
        home.add_child(instance=index)
        publish(index)
        log(f"Seite angelegt: {index.title}")
    if CampaignPage.objects.filter(campaign_code=CAMPAIGN_CODE).exists():
        return index
    enquiry_page = Page.objects.child_of(home).filter(slug=ENQUIRY_SLUG).first()
    if enquiry_page is None:
        log("Hinweis: keine Seite „anfrage“ – der Anfrage-Aufruf der Kampagne bleibt ohne Ziel.")
    designers = DesignerPage.objects.filter(
        locale=home.locale, catalogue_ref__in=["yusuf-demir", "lena-hoffmann", "tom-becker"]
    ).order_by("title")
    stories = StoryPage.objects.filter(locale=home.locale).order_by("path")[:3]
    campaign = CampaignPage(
        title=C["title"],
        slug=C["slug"],
        campaign_code=CAMPAIGN_CODE,
        search_description=C["search_description"],
        lead=C["lead"],
        teaser_image=demo_image(
            "Kampagne Depot Halle", C["hero_alt"], (1920, 1000), "depot", scene="hall"
        ),
        body=campaign_body(enquiry_page, designers, stories),
    )
    index.add_child(instance=campaign)
    publish(campaign)
    log(f"Seite angelegt: {campaign.title}")
    return index
