"""The demo's workshop network: the skills vocabulary, a profile for each partner of the sample
feed, one workshop editors added that the feed does not know, and the workshops index at
/de/werkstaetten/ (/en/workshops/, /nl/werkplaatsen/, /fr/ateliers/).

`demo.builder` calls `build_workshops(home)` before it translates the page tree (which translates
the index); the snippets are translated here, with the `t()` texts below, and published.
"""

from decimal import Decimal

from django.conf import settings
from wagtail.models import Locale

from core.localize import translate
from demo.enquiries import STAFF_ADDRESS
from demo.texts import TRANSLATIONS, t
from workshops.models import District, Skill, Workshop, WorkshopIndexPage

INDEX = {
    "title": t("Werkstätten", en="Workshops", nl="Werkplaatsen", fr="Ateliers"),
    "slug": t("werkstaetten", en="workshops", nl="werkplaatsen", fr="ateliers"),
    "intro": t(
        "Die Werkstätten im Quartier, die für das Label fertigen – und vielleicht auch für Sie.",
        en="The workshops in the quarter that make the label’s products – and perhaps yours too.",
        nl="De werkplaatsen in de wijk die voor het label maken – en misschien ook voor u.",
        fr="Les ateliers du quartier qui fabriquent pour le label – et peut-être aussi pour vous.",
    ),
}

SKILLS = {
    "sewing": t("Nähen", en="Sewing", nl="Naaien", fr="Couture"),
    "laser_cutting": t("Laserschneiden", en="Laser cutting", nl="Lasersnijden", fr="Découpe laser"),
    "woodworking": t("Holzbearbeitung", en="Woodworking", nl="Houtbewerking", fr="Travail du bois"),
    "screen_printing": t("Siebdruck", en="Screen printing", nl="Zeefdruk", fr="Sérigraphie"),
    "ceramics": t("Keramik", en="Ceramics", nl="Keramiek", fr="Céramique"),
    "metalwork": t("Metallbau", en="Metalwork", nl="Metaalbewerking", fr="Métallerie"),
    "upholstery": t("Polstern", en="Upholstery", nl="Stofferen", fr="Tapisserie d’ameublement"),
}

SOCIAL = t(
    "Qualifiziert und beschäftigt Menschen, die lange ohne Arbeit waren",
    en="Trains and employs people who were long out of work",
    nl="Leidt mensen op die lang zonder werk waren en geeft hun werk",
    fr="Forme et emploie des personnes longtemps sans travail",
)

WORKSHOPS = [
    {
        "ref": "depot-naehwerkstatt",
        "skills": ["sewing", "upholstery"],
        "district": District.MITTE,
        "address": "Talstraße 2, 52068 Aachen",
        "latitude": Decimal("50.783600"),
        "longitude": Decimal("6.096300"),
        "employment": SOCIAL,
        "summary": t(
            "Taschen, Kissen und Bezüge aus Stoffen, die sonst weggeworfen würden.",
            en="Bags, cushions and covers from fabrics that would otherwise be thrown away.",
            nl="Tassen, kussens en hoezen van stoffen die anders weggegooid zouden worden.",
            fr="Sacs, coussins et housses en tissus qui seraient sinon jetés.",
        ),
        "description": t(
            "Die Nähwerkstatt im Depot verarbeitet Polsterstoffe aus ausgemusterten "
            "Straßenbahnen, Restposten und Banner zu kleinen Serien.",
            en="The Depot’s sewing workshop turns upholstery from retired trams, remnants and "
            "banners into small series.",
            nl="De naaiwerkplaats in het Depot maakt van bekleding uit afgedankte trams, restpartijen "
            "en spandoeken kleine series.",
            fr="L’atelier de couture du Depot transforme tissus de trams réformés, fins de série et "
            "banderoles en petites séries.",
        ),
        "capacity": t(
            "Bis zu 300 Taschen im Monat; Vorlauf zwei bis vier Wochen.",
            en="Up to 300 bags a month; two to four weeks’ lead time.",
            nl="Tot 300 tassen per maand; twee tot vier weken levertijd.",
            fr="Jusqu’à 300 sacs par mois ; délai de deux à quatre semaines.",
        ),
    },
    {
        "ref": "depot-holzwerkstatt",
        "skills": ["woodworking", "laser_cutting"],
        "district": District.MITTE,
        "address": "Talstraße 2, 52068 Aachen",
        "latitude": Decimal("50.783900"),
        "longitude": Decimal("6.096900"),
        "employment": SOCIAL,
        "summary": t(
            "Möbel, Regale und Kleinteile aus heimischem Holz.",
            en="Furniture, shelves and small parts from local wood.",
            nl="Meubels, rekken en kleine onderdelen van inheems hout.",
            fr="Meubles, étagères et petites pièces en bois local.",
        ),
        "description": t(
            "Die Holzwerkstatt fertigt mit Formatkreissäge, CNC-Fräse und viel Handarbeit.",
            en="The woodworking shop makes things with a panel saw, a CNC router and much handwork.",
            nl="De houtwerkplaats werkt met een formaatzaag, een CNC-frees en veel handwerk.",
            fr="L’atelier bois travaille avec une scie à format, une fraiseuse CNC et beaucoup de "
            "travail manuel.",
        ),
        "capacity": t(
            "Kleinserien bis 100 Stück; größere nach Absprache.",
            en="Small series of up to 100 pieces; larger ones by arrangement.",
            nl="Kleine series tot 100 stuks; grotere in overleg.",
            fr="Petites séries jusqu’à 100 pièces ; plus sur demande.",
        ),
    },
    {
        "ref": "siebdruck-nord",
        "skills": ["screen_printing"],
        "district": District.MITTE,
        "address": "",
        "latitude": None,
        "longitude": None,
        "employment": "",
        "summary": t(
            "Siebdruck auf Stoff und Papier, von der Vorlage bis zum fertigen Druck.",
            en="Screen printing on fabric and paper, from artwork to finished print.",
            nl="Zeefdruk op stof en papier, van ontwerp tot afdruk.",
            fr="Sérigraphie sur tissu et papier, de la maquette à l’impression.",
        ),
        "description": "",
        "capacity": "",
    },
    {
        "ref": "laserschnitt-talbot",
        "skills": ["laser_cutting", "metalwork"],
        "district": District.HAAREN,
        "address": "Talbotstraße 30, 52068 Aachen",
        "latitude": Decimal("50.787200"),
        "longitude": Decimal("6.114100"),
        "employment": "",
        "summary": t(
            "Laserschnitt und Gravur in Holz, Acryl, Filz und dünnem Blech.",
            en="Laser cutting and engraving in wood, acrylic, felt and thin sheet metal.",
            nl="Lasersnijden en graveren in hout, acryl, vilt en dun plaatstaal.",
            fr="Découpe et gravure laser sur bois, acrylique, feutre et tôle fine.",
        ),
        "description": "",
        "capacity": "",
    },
    {
        # Added by the editors: the catalogue does not know this workshop (yet).
        "ref": "keramik-wiesental",
        "name": t(
            "Keramikwerkstatt Wiesental",
            en="Wiesental ceramics workshop",
            nl="Keramiekwerkplaats Wiesental",
            fr="Atelier de céramique Wiesental",
        ),
        "skills": ["ceramics"],
        "district": District.LAURENSBERG,
        "address": "",
        "latitude": Decimal("50.797000"),
        "longitude": Decimal("6.060000"),
        "employment": SOCIAL,
        "summary": t(
            "Becher, Vasen und Fliesen, gedreht und gegossen, in kleinen Auflagen.",
            en="Mugs, vases and tiles, thrown and cast, in small runs.",
            nl="Mokken, vazen en tegels, gedraaid en gegoten, in kleine oplagen.",
            fr="Tasses, vases et carreaux, tournés et coulés, en petites séries.",
        ),
        "description": "",
        "capacity": t(
            "Ein Brennofen; etwa 150 Stück je Brand.",
            en="One kiln; about 150 pieces per firing.",
            nl="Eén oven; ongeveer 150 stuks per stook.",
            fr="Un four ; environ 150 pièces par cuisson.",
        ),
    },
]


def build_workshops(home, publish, log=print) -> WorkshopIndexPage:
    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    skills = {}
    for code, label in SKILLS.items():
        skill = Skill.objects.filter(code=code, locale=german).first()
        if skill is None:
            skill = Skill.objects.create(code=code, label=label, locale=german)
        skills[code] = skill
    created = []
    for data in WORKSHOPS:
        if Workshop.objects.filter(ref=data["ref"], locale=german).exists():
            continue
        workshop = Workshop(
            locale=german,
            ref=data["ref"],
            name=data.get("name", ""),
            summary=data["summary"],
            description=f"<p>{data['description']}</p>" if data["description"] else "",
            capacity=data["capacity"],
            employment=data["employment"],
            district=data["district"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
        )
        workshop.skills = [skills[code] for code in data["skills"]]
        workshop.save()
        workshop.save_revision().publish()
        created.append(workshop)
        log(f"Werkstatt angelegt: {workshop}")
    for code in [c for c, _name in settings.LANGUAGES if c != settings.LANGUAGE_CODE]:
        locale = Locale.objects.get(language_code=code)
        for obj in [*skills.values(), *Workshop.objects.filter(locale=german)]:
            if obj.get_translation_or_none(locale) is None:
                translate(obj, code, TRANSLATIONS[code])
    index = WorkshopIndexPage.objects.child_of(home).first()
    if index is None:
        index = WorkshopIndexPage(
            title=INDEX["title"],
            slug=INDEX["slug"],
            intro=INDEX["intro"],
            to_address=STAFF_ADDRESS,
        )
        home.add_child(instance=index)
        publish(index)
        log(f"Seite angelegt: {index.title}")
    return index
