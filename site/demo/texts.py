"""Demo texts in German with their English, Dutch and French translations.

`t()` returns the German text (the source) and records its translations, so each text and its
translations stand together; `TRANSLATIONS[language]` maps German segment texts to translations.
"""

TRANSLATIONS: dict[str, dict[str | tuple[str, str], str]] = {"en": {}, "nl": {}, "fr": {}}


def t(de: str, *, en: str, nl: str, fr: str, field: str = "") -> str:
    """`de`, with its translations recorded. A German text has one translation per language: the
    same text given another one raises, since the later would silently replace the earlier on
    every page that shows it (the results' unit "designers" once turned the designer index's
    title into "créateurs"). A text translated otherwise in one field names that field
    (`field="unit"`): its translation is used for that field alone (`core.localize.translate`)."""
    for code, text in (("en", en), ("nl", nl), ("fr", fr)):
        key = (field, de) if field else de
        known = TRANSLATIONS[code].setdefault(key, text)
        if known != text:
            raise ValueError(
                f"{de!r} is translated into {code} as {known!r} and as {text!r}; "
                "give the one for a single field `field=`"
            )
    return de


HOME = {
    "title": t("Startseite", en="Home", nl="Home", fr="Accueil"),
    "slug": t("start", en="home", nl="startpagina", fr="accueil"),
    "seo_title": t(
        "Made in Aachen-Nord – Design aus dem Aachener Norden",
        en="Made in Aachen-Nord – design from the north of Aachen",
        nl="Made in Aachen-Nord – design uit het noorden van Aken",
        fr="Made in Aachen-Nord – du design du nord d’Aix-la-Chapelle",
    ),
    "search_description": t(
        "Designprodukte aus Werkstätten im Aachener Norden, gefertigt von Menschen, die lange "
        "keine Arbeit hatten, und verkauft in regionalen Läden.",
        en="Design products from workshops in the north of Aachen, made by people who were long "
        "out of work and sold in regional shops.",
        nl="Designproducten uit werkplaatsen in het noorden van Aken, gemaakt door mensen die lang "
        "zonder werk waren en verkocht in winkels in de regio.",
        fr="Des objets de design issus d’ateliers du nord d’Aix-la-Chapelle, fabriqués par des "
        "personnes longtemps éloignées de l’emploi et vendus dans des boutiques de la région.",
    ),
    "hero_heading": t(
        "Design, das im Aachener Norden entsteht",
        en="Design made in the north of Aachen",
        nl="Design dat in het noorden van Aken ontstaat",
        fr="Du design né dans le nord d’Aix-la-Chapelle",
    ),
    "hero_text": t(
        "Designer:innen entwerfen, Werkstätten im Quartier fertigen, regionale Läden verkaufen – "
        "und dabei entsteht Arbeit für Menschen, die lange keine hatten.",
        en="Designers create, workshops in the quarter produce, regional shops sell – and along the "
        "way there is work for people who had none for a long time.",
        nl="Ontwerpers bedenken, werkplaatsen in de wijk maken, winkels in de regio verkopen – en "
        "zo ontstaat werk voor mensen die dat lang niet hadden.",
        fr="Des créateurs conçoivent, des ateliers du quartier fabriquent, des boutiques de la région "
        "vendent – et cela crée du travail pour des personnes qui en étaient privées depuis longtemps.",
    ),
    "intro": [
        t(
            "„Made in Aachen-Nord“ ist das Label des Projekts „All eyes on green spots“. Wir bringen "
            "Gestaltung, Handwerk und Handel im Quartier zusammen: Designer:innen lizenzieren ihre "
            "Entwürfe an das Label, die Werkstätten im Depot und Betriebe aus der Nachbarschaft "
            "fertigen sie in kleinen Serien.",
            en="“Made in Aachen-Nord” is the label of the project “All eyes on green spots”. We bring "
            "design, craft and trade in the quarter together: designers license their designs to "
            "the label, and the workshops in the Depot and businesses in the neighbourhood make "
            "them in small series.",
            nl="“Made in Aachen-Nord” is het label van het project “All eyes on green spots”. We "
            "brengen vormgeving, ambacht en handel in de wijk samen: ontwerpers geven hun ontwerpen "
            "in licentie aan het label, de werkplaatsen in het Depot en bedrijven uit de buurt maken "
            "ze in kleine series.",
            fr="« Made in Aachen-Nord » est le label du projet « All eyes on green spots ». Nous "
            "réunissons création, artisanat et commerce dans le quartier : des créateurs confient "
            "leurs modèles au label sous licence, les ateliers du Depot et des entreprises du "
            "voisinage les fabriquent en petites séries.",
        ),
        t(
            "Jedes Produkt trägt die Geschichte seiner Herstellung mit sich – und eine Adresse im "
            "Aachener Norden.",
            en="Every product carries the story of how it was made – and an address in the north of "
            "Aachen.",
            nl="Elk product draagt het verhaal van zijn makers met zich mee – en een adres in het "
            "noorden van Aken.",
            fr="Chaque objet porte l’histoire de sa fabrication – et une adresse dans le nord "
            "d’Aix-la-Chapelle.",
        ),
    ],
    "cards_heading": t(
        "So entsteht ein Produkt",
        en="How a product comes about",
        nl="Zo ontstaat een product",
        fr="Comment naît un objet",
    ),
    "cards": [
        (
            t("Entwurf", en="Design", nl="Ontwerp", fr="Création"),
            t(
                "Designer:innen aus der Region lizenzieren ihre Entwürfe an das Label und werden an "
                "jedem verkauften Stück beteiligt.",
                en="Designers from the region license their designs to the label and share in every "
                "piece sold.",
                nl="Ontwerpers uit de regio geven hun ontwerpen in licentie aan het label en delen "
                "mee in elk verkocht stuk.",
                fr="Des créateurs de la région confient leurs modèles au label et touchent une part "
                "de chaque pièce vendue.",
            ),
        ),
        (
            t("Fertigung", en="Making", nl="Productie", fr="Fabrication"),
            t(
                "Werkstätten im Depot und Betriebe im Quartier fertigen – mit Menschen, die hier "
                "nach langer Arbeitslosigkeit wieder Arbeit finden.",
                en="Workshops in the Depot and businesses in the quarter make the products – with "
                "people who find work here again after a long time without.",
                nl="Werkplaatsen in het Depot en bedrijven in de wijk maken de producten – met "
                "mensen die hier na lange werkloosheid weer werk vinden.",
                fr="Les ateliers du Depot et des entreprises du quartier fabriquent – avec des "
                "personnes qui retrouvent ici un emploi après un long chômage.",
            ),
        ),
        (
            t("Verkauf", en="Selling", nl="Verkoop", fr="Vente"),
            t(
                "Museumsshops, Concept Stores und ein fairer Onlineshop für ganz NRW bieten die "
                "Produkte an.",
                en="Museum shops, concept stores and a fair-trade online shop for all of North "
                "Rhine-Westphalia sell the products.",
                nl="Museumwinkels, conceptstores en een eerlijke webwinkel voor heel "
                "Noordrijn-Westfalen verkopen de producten.",
                fr="Des boutiques de musée, des concept stores et une boutique en ligne équitable "
                "pour toute la Rhénanie-du-Nord-Westphalie proposent les objets.",
            ),
        ),
    ],
    "designers_heading": t(
        "Die Menschen hinter den Produkten",
        en="The people behind the products",
        nl="De mensen achter de producten",
        fr="Les personnes derrière les objets",
    ),
    "products_heading": t(
        "Aus der Kollektion",
        en="From the collection",
        nl="Uit de collectie",
        fr="Extraits de la collection",
    ),
    "stories_heading": t(
        "Geschichten aus den Werkstätten",
        en="Stories from the workshops",
        nl="Verhalen uit de werkplaatsen",
        fr="Histoires des ateliers",
    ),
    "quote": t(
        "Im Depot sehe ich jeden Tag, wie aus einer Idee ein Produkt wird – und aus Kolleg:innen "
        "ein Team.",
        en="In the Depot I see every day how an idea becomes a product – and colleagues become a "
        "team.",
        nl="In het Depot zie ik elke dag hoe een idee een product wordt – en collega’s een team.",
        fr="Au Depot, je vois chaque jour une idée devenir un objet – et des collègues devenir une "
        "équipe.",
    ),
    "quote_by": t(
        "Werkstattleiterin im Depot",
        en="Workshop manager at the Depot",
        nl="Werkplaatsleider in het Depot",
        fr="Responsable d’atelier au Depot",
    ),
    "cta_heading": t(
        "Mehr über das Projekt",
        en="More about the project",
        nl="Meer over het project",
        fr="En savoir plus sur le projet",
    ),
    "cta_text": t(
        "Wer hinter dem Label steht, wie die Produktionskette funktioniert und wie Sie mitmachen "
        "können.",
        en="Who is behind the label, how the production chain works and how you can take part.",
        nl="Wie achter het label staat, hoe de productieketen werkt en hoe u kunt meedoen.",
        fr="Qui se cache derrière le label, comment fonctionne la chaîne de production et comment "
        "y participer.",
    ),
    "cta_button": t(
        "Zum Projekt", en="About the project", nl="Naar het project", fr="Découvrir le projet"
    ),
}

ABOUT = {
    "title": t(
        "Über das Projekt", en="About the project", nl="Over het project", fr="À propos du projet"
    ),
    "slug": t("ueber-das-projekt", en="about-the-project", nl="over-het-project", fr="a-propos"),
    "search_description": t(
        "„All eyes on green spots“ verbindet Design, Handwerk und Arbeit im Aachener Norden.",
        en="“All eyes on green spots” connects design, craft and work in the north of Aachen.",
        nl="“All eyes on green spots” verbindt design, ambacht en werk in het noorden van Aken.",
        fr="« All eyes on green spots » relie design, artisanat et emploi dans le nord "
        "d’Aix-la-Chapelle.",
    ),
    "intro": t(
        "Ein sozialwirtschaftliches Projekt, das Gestaltung und Arbeit in den Aachener Norden holt.",
        en="A social-economy project that brings design and work to the north of Aachen.",
        nl="Een sociaal-economisch project dat vormgeving en werk naar het noorden van Aken brengt.",
        fr="Un projet d’économie sociale qui fait venir le design et l’emploi dans le nord "
        "d’Aix-la-Chapelle.",
    ),
    "heading_chain": t(
        "Eine Produktionskette im Quartier",
        en="A production chain in the quarter",
        nl="Een productieketen in de wijk",
        fr="Une chaîne de production dans le quartier",
    ),
    "chain": t(
        "Vom Entwurf bis zum Regal bleibt die Wertschöpfung in der Region. Das Depot, ein "
        "soziokulturelles Zentrum in einem ehemaligen Straßenbahndepot, bietet Werkstätten, in "
        "denen Menschen nach langer Arbeitslosigkeit wieder Fuß fassen.",
        en="From the design to the shelf, the value stays in the region. The Depot, a social and "
        "cultural centre in a former tram depot, offers workshops where people find their footing "
        "again after long unemployment.",
        nl="Van ontwerp tot schap blijft de toegevoegde waarde in de regio. Het Depot, een "
        "sociaal-cultureel centrum in een voormalige tramremise, biedt werkplaatsen waar mensen na "
        "lange werkloosheid weer houvast vinden.",
        fr="De la création au rayon, la valeur reste dans la région. Le Depot, centre social et "
        "culturel installé dans un ancien dépôt de tramways, accueille des ateliers où des "
        "personnes reprennent pied après un long chômage.",
    ),
    "heading_location": t(
        "Kreativstandort Aachen-Nord",
        en="Creative Location Aachen-Nord",
        nl="Creatieve locatie Aken-Noord",
        fr="Aachen-Nord, quartier créatif",
    ),
    "location": t(
        "Das Projekt wirbt für den Aachener Norden als Ort der Kreativwirtschaft: für Ateliers, "
        "Studios und die Dienstleister, die mit ihnen arbeiten.",
        en="The project promotes the north of Aachen as a place for the creative economy: for "
        "studios, ateliers and the service firms that work with them.",
        nl="Het project maakt reclame voor het noorden van Aken als plek voor de creatieve "
        "economie: voor ateliers, studio’s en de dienstverleners die met hen werken.",
        fr="Le projet fait connaître le nord d’Aix-la-Chapelle comme lieu de l’économie créative : "
        "pour les ateliers, les studios et les prestataires qui travaillent avec eux.",
    ),
    "image_alt": t(
        "Werkzeuge und Holzreste auf einer Werkbank",
        en="Tools and offcuts of wood on a workbench",
        nl="Gereedschap en houtresten op een werkbank",
        fr="Outils et chutes de bois sur un établi",
    ),
    "image_caption": t(
        "Werkbank im Depot",
        en="Workbench in the Depot",
        nl="Werkbank in het Depot",
        fr="Établi au Depot",
    ),
}

LEGAL = {
    "imprint": {
        "title": t("Impressum", en="Legal notice", nl="Colofon", fr="Mentions légales"),
        "slug": t("impressum", en="legal-notice", nl="colofon", fr="mentions-legales"),
        "body": [
            t(
                "Angaben gemäß § 5 Digitale-Dienste-Gesetz",
                en="Information pursuant to section 5 of the German Digital Services Act",
                nl="Gegevens volgens § 5 van de Duitse wet op digitale diensten",
                fr="Informations conformément à l’article 5 de la loi allemande sur les services "
                "numériques",
            ),
            t(
                "All eyes on green spots – Projektbüro im Depot, Talstraße 2, 52068 Aachen "
                "(Demo-Angaben).",
                en="All eyes on green spots – project office in the Depot, Talstraße 2, 52068 Aachen, "
                "Germany (demo details).",
                nl="All eyes on green spots – projectbureau in het Depot, Talstraße 2, 52068 Aken, "
                "Duitsland (demogegevens).",
                fr="All eyes on green spots – bureau du projet au Depot, Talstraße 2, 52068 "
                "Aix-la-Chapelle, Allemagne (données de démonstration).",
            ),
            t(
                "Kontakt: hallo@made-in-aachen-nord.example",
                en="Contact: hallo@made-in-aachen-nord.example",
                nl="Contact: hallo@made-in-aachen-nord.example",
                fr="Contact : hallo@made-in-aachen-nord.example",
            ),
        ],
    },
    "privacy": {
        "title": t("Datenschutz", en="Privacy", nl="Privacy", fr="Confidentialité"),
        "slug": t("datenschutz", en="privacy", nl="privacy", fr="confidentialite"),
        "body": [
            t(
                "Diese Website setzt keine Cookies, solange Sie kein Formular absenden, und nutzt "
                "keine Analyse- oder Tracking-Dienste.",
                en="This website sets no cookies unless you submit a form, and uses no analytics or "
                "tracking services.",
                nl="Deze website plaatst geen cookies zolang u geen formulier verstuurt, en gebruikt "
                "geen analyse- of trackingdiensten.",
                fr="Ce site ne dépose aucun cookie tant que vous n’envoyez pas de formulaire et "
                "n’utilise aucun service d’analyse ni de suivi.",
            ),
            t(
                "Schriften, Bilder und Skripte kommen ausschließlich von unserem eigenen Server; "
                "andere Anbieter erfahren von Ihrem Besuch nichts.",
                en="Fonts, images and scripts come only from our own server; no other provider learns "
                "of your visit.",
                nl="Lettertypen, afbeeldingen en scripts komen uitsluitend van onze eigen server; "
                "andere aanbieders weten niets van uw bezoek.",
                fr="Polices, images et scripts proviennent uniquement de notre propre serveur ; aucun "
                "autre prestataire n’est informé de votre visite.",
            ),
        ],
    },
}

NAVIGATION = {
    "name": t(
        "Hauptnavigation", en="Main navigation", nl="Hoofdnavigatie", fr="Navigation principale"
    ),
    "ueber-das-projekt": t(
        "Über das Projekt",
        en="About the project",
        nl="Over het project",
        fr="Le projet",
        field="label",  # the menu's short label; the page's title is "À propos du projet"
    ),
}

FOOTER = {
    "about": t(
        "Design aus dem Aachener Norden – entworfen in der Region, gefertigt im Quartier, verkauft "
        "in regionalen Läden.",
        en="Design from the north of Aachen – created in the region, made in the quarter, sold in "
        "regional shops.",
        nl="Design uit het noorden van Aken – bedacht in de regio, gemaakt in de wijk, verkocht in "
        "winkels in de regio.",
        fr="Du design du nord d’Aix-la-Chapelle – conçu dans la région, fabriqué dans le quartier, "
        "vendu dans des boutiques de la région.",
    ),
    "contact": t(
        "Sprechzeiten im Projektbüro: Dienstag bis Donnerstag, 10–16 Uhr",
        en="Office hours: Tuesday to Thursday, 10 am – 4 pm",
        nl="Spreekuur op het projectbureau: dinsdag tot en met donderdag, 10–16 uur",
        fr="Permanence au bureau du projet : du mardi au jeudi, de 10 h à 16 h",
    ),
}

# Site settings (core.SiteSettings): the address is translated, the rest is the same everywhere.
SITE_SETTINGS = {
    "address": t(
        "Projektbüro im Depot\nTalstraße 2\n52068 Aachen",
        en="Project office in the Depot\nTalstraße 2\n52068 Aachen, Germany",
        nl="Projectbureau in het Depot\nTalstraße 2\n52068 Aken, Duitsland",
        fr="Bureau du projet au Depot\nTalstraße 2\n52068 Aix-la-Chapelle, Allemagne",
    ),
    "email": "hallo@made-in-aachen-nord.example",
    "phone": "+49 241 000 00 00",
    "instagram_url": "https://instagram.example/madeinaachennord",
    "mastodon_url": "https://mastodon.example/@madeinaachennord",
}

# The workplace's examples (demo/workplace.py): a page and a retailer in review, and a German
# change that the translations have not caught up with. German only: they wait for review.
REVIEW_PAGE = {
    "title": "Werkstattbesuch im Depot",
    "slug": "werkstattbesuch-im-depot",
    "intro": "Einmal im Monat öffnen die Werkstätten im Depot ihre Türen: ein Rundgang zum "
    "Mitmachen, mit Kaffee und Gesprächen an den Werkbänken.",
}
REVIEW_RETAILER = {
    "name": "Weltladen am Kaiserplatz",
    "kind": "concept_store",
    "street": "Kaiserplatz 5",
    "postcode": "52062",
    "city": "Aachen",
    "country": "DE",
    "website": "https://weltladen-kaiserplatz.example/",
    "description": "Fair gehandelte Waren aus aller Welt und jetzt auch aus dem Aachener Norden.",
}
PRIVACY_CHANGE = (
    "Anfragen über das Formular der Kampagne bewahren wir 365 Tage auf und löschen sie dann."
)
