"""The demo's pages in Leichte Sprache at /de/leichte-sprache/: a start page and five pages.

German only (docs/easy-read.md): these pages are never translated, so their texts are plain
German strings, not `texts.t()`. Written after the easy-read rules: one sentence per line, short
sentences, hard words explained, long compounds with a Mediopunkt (Werk·statt). The pictures are
the demo's own, made earlier in the same run; each page links its standard-language page.
"""

from wagtail.images import get_image_model
from wagtail.models import Page

from easyread.models import EasyReadIndexPage, EasyReadPage

EMAIL = "hallo@made-in-aachen-nord.example"
PHONE = "+49 241 000 00 00"


def s(*sentences):
    """Sentences, each on its own line; a (sentence, picture title) pair puts a picture beside it."""
    items = []
    for sentence in sentences:
        text, picture = sentence if isinstance(sentence, tuple) else (sentence, None)
        items.append({"text": text, "image": picture})
    return ("sentences", items)


def word(term, *explanation):
    return ("word", {"word": term, "explanation": list(explanation)})


def heading(text):
    return ("heading", text)


START = {
    "title": "Leichte Sprache",
    "slug": "leichte-sprache",
    "search_description": "Texte über Made in Aachen-Nord in Leichter Sprache.",
    "image": "Grüne Punkte im Quartier",
    "standard": "home",
    "body": [
        s(
            "Hier finden Sie Texte in Leichter Sprache.",
            "Leichte Sprache ist einfaches Deutsch.",
            "Die Sätze sind kurz.",
            "In jeder Zeile steht nur ein Satz.",
            "Schwere Wörter erklären wir.",
        ),
        heading("Wer sind wir?"),
        s(
            "Wir sind das Team von Made in Aachen-Nord.",
            "Wir machen schöne Sachen für den Alltag.",
            "Zum Beispiel Taschen, Becher und Hocker.",
            "Wir arbeiten im Aachener Norden.",
        ),
    ],
}

PAGES = [
    {
        "title": "Was ist Made in Aachen-Nord?",
        "slug": "was-ist-made-in-aachen-nord",
        "search_description": "Das Projekt Made in Aachen-Nord in Leichter Sprache.",
        "image": "Grüne Punkte im Quartier",
        "standard": "about",
        "body": [
            s(
                "Made in Aachen-Nord ist ein Name für Produkte.",
                "Das ist Englisch.",
                "Es bedeutet: Gemacht im Aachener Norden.",
                "Der Aachener Norden ist ein Stadt·teil von Aachen.",
            ),
            heading("Was wollen wir?"),
            s(
                "Viele Menschen im Aachener Norden haben lange keine Arbeit gehabt.",
                "Wir wollen, dass sie wieder Arbeit haben.",
                "Bei uns lernen sie ein Handwerk.",
                "Und sie machen Design·produkte.",
            ),
            word(
                "Design·produkte",
                "Design·produkte sind Dinge für den Alltag.",
                "Jemand hat sich genau überlegt, wie sie aussehen.",
                "Sie sind schön und praktisch.",
            ),
            heading("Unser Projekt"),
            s(
                "Unser Projekt heißt: All eyes on green spots.",
                "Das ist auch Englisch.",
                "Man spricht es so: Ool eis on grien spotts.",
                "Das Projekt bekommt Geld vom Staat.",
                "Und es bekommt Geld von der Europäischen Union.",
            ),
            word(
                "Projekt",
                "Ein Projekt ist eine Arbeit mit einem Ziel.",
                "Ein Projekt dauert eine bestimmte Zeit.",
            ),
        ],
    },
    {
        "title": "Wie entstehen unsere Produkte?",
        "slug": "wie-entstehen-unsere-produkte",
        "search_description": "Wie die Produkte gemacht werden und wer sie macht, in Leichter Sprache.",
        "image": "Werkbank im Depot",
        "standard": "products",
        "body": [
            s(
                (
                    "Zuerst hat eine Designerin oder ein Designer eine Idee.",
                    "Porträt Lena Hoffmann",
                ),
                "Die Idee ist ein Plan für ein neues Produkt.",
            ),
            word(
                "Designer",
                "Designer sind Menschen, die neue Dinge erfinden.",
                "Sie überlegen, wie ein Ding aussehen soll.",
                "Und sie überlegen, wie man es benutzt.",
            ),
            s(
                ("Dann machen Werk·stätten das Produkt.", "Werkbank im Depot"),
                "Die Werk·stätten sind im Aachener Norden.",
                "Viele Werk·stätten sind im Depot.",
            ),
            word(
                "Depot",
                "Das Depot ist ein großes, altes Haus in der Talstraße.",
                "Früher standen dort Straßen·bahnen.",
                "Heute arbeiten dort viele Menschen aus dem Stadt·teil.",
            ),
            heading("Wer macht die Produkte?"),
            s(
                "Menschen aus dem Aachener Norden machen die Produkte.",
                "Manche von ihnen hatten lange keine Arbeit.",
                "Bei uns lernen sie ein Handwerk.",
                "Erfahrene Fach·leute helfen ihnen dabei.",
                (
                    "Zum Beispiel nähen sie Taschen aus dem Stoff von alten Straßen·bahn·sitzen.",
                    "Kampagne Depot Werkbänke",
                ),
            ),
            ("link", {"page": "products", "label": "Alle Produkte ansehen"}),
        ],
    },
    {
        "title": "Wo kann man die Produkte kaufen?",
        "slug": "wo-kann-man-die-produkte-kaufen",
        "search_description": "Wo es die Produkte von Made in Aachen-Nord gibt, in Leichter Sprache.",
        "image": None,
        "standard": "retailers",
        "body": [
            s(
                "Sie können unsere Produkte in Läden kaufen.",
                "Manche Läden sind in Aachen.",
                "Zum Beispiel der Laden im Depot.",
                "Dort sehen Sie oft auch die Werk·statt.",
                "Manche Läden sind in Museen.",
                "Sie können die Produkte auch im Internet kaufen.",
            ),
            word(
                "Online·shop",
                "Ein Online·shop ist ein Laden im Internet.",
                "Dort bestellen Sie ein Produkt.",
                "Die Post bringt das Produkt zu Ihnen nach Hause.",
            ),
            heading("Welcher Laden hat das Produkt?"),
            s(
                "Jedes Produkt hat eine eigene Seite.",
                "Auf der Seite steht: In diesen Läden gibt es das Produkt.",
            ),
            ("link", {"page": "retailers", "label": "Liste mit allen Läden"}),
        ],
    },
    {
        "title": "So erreichen Sie uns",
        "slug": "so-erreichen-sie-uns",
        "search_description": "Wie Sie das Team von Made in Aachen-Nord erreichen, in Leichter Sprache.",
        "image": "Kampagne Depot Halle",
        "standard": "enquiry",
        "body": [
            s(
                "Sie haben eine Frage?",
                "Dann schreiben Sie uns eine E-Mail.",
                f"Unsere E-Mail-Adresse ist: {EMAIL}",
                "Oder rufen Sie uns an.",
                f"Unsere Telefon·nummer ist: {PHONE}",
            ),
            heading("Sie können uns auch besuchen"),
            s(
                "Unser Büro ist im Depot.",
                "Die Adresse ist: Talstraße 2 in 52068 Aachen.",
                "Wir sind von Dienstag bis Donnerstag da.",
                "Wir sind von 10 Uhr bis 16 Uhr da.",
            ),
            s(
                "Sie brauchen Hilfe beim Lesen?",
                "Dann bringen Sie gern eine Person mit, der Sie vertrauen.",
            ),
        ],
    },
    {
        "title": "Barriere·freiheit auf dieser Internet·seite",
        "slug": "barrierefreiheit",
        "search_description": "Die Erklärung zur Barrierefreiheit in Leichter Sprache.",
        "image": None,
        "standard": "accessibility",
        "body": [
            s(
                "Wir möchten: Alle Menschen können unsere Internet·seite benutzen.",
                "Auch Menschen mit Behinderung.",
            ),
            word(
                "Barriere·freiheit",
                "Eine Barriere ist ein Hindernis.",
                "Barriere·frei heißt: Es gibt kein Hindernis.",
                "Dann können alle Menschen die Internet·seite benutzen.",
            ),
            heading("Was schon gut ist"),
            s(
                "Sie können die Schrift größer machen.",
                "Sie können die Internet·seite nur mit der Tastatur benutzen.",
                "Die Bilder haben eine Beschreibung.",
                "Ein Vorlese·programm kann die Beschreibung vorlesen.",
            ),
            heading("Was noch nicht gut ist"),
            s(
                "Nur ein Teil der Texte ist in Leichter Sprache.",
                "Daran arbeiten wir.",
            ),
            heading("Sie finden ein Problem?"),
            s(
                "Bitte sagen Sie es uns.",
                f"Schreiben Sie uns eine E-Mail an: {EMAIL}",
                f"Oder rufen Sie uns an: {PHONE}",
                "Wir antworten Ihnen so schnell wie möglich.",
            ),
            s(
                "Sie sind mit unserer Antwort nicht zufrieden?",
                "Dann können Sie sich bei einer Schlichtungs·stelle beschweren.",
            ),
            word(
                "Schlichtungs·stelle",
                "Eine Schlichtungs·stelle hilft bei einem Streit.",
                "Die Hilfe kostet nichts.",
            ),
        ],
    },
]


def _standard_pages(home) -> dict[str, Page]:
    """The German pages the easy-read pages link as their standard version, by name."""
    children = {page.specific_class.__name__: page for page in home.get_children().live()}
    about = home.get_children().filter(slug="ueber-das-projekt").first()
    return {
        "home": home,
        "about": about,
        "products": children.get("ProductIndexPage"),
        "retailers": children.get("RetailerIndexPage"),
        "enquiry": children.get("EnquiryFormPage"),
        "accessibility": children.get("AccessibilityStatementPage"),
    }


def _body(body, pictures, pages):
    stream = []
    for kind, value in body:
        if kind == "sentences":
            value = [{"text": item["text"], "image": pictures(item["image"])} for item in value]
        elif kind == "link":
            page = pages.get(value["page"])
            if page is None:
                continue
            value = {**value, "page": page}
        stream.append((kind, value))
    return stream


def easy_read_pages(home, publish, log=print) -> EasyReadIndexPage:
    """The start page and its pages, German only; pages already there are left as they are."""
    Image = get_image_model()

    def pictures(title):
        return Image.objects.filter(title=title).first() if title else None

    pages = _standard_pages(home)

    def fields(data):
        standard = pages.get(data["standard"]) if data["standard"] else None
        return {
            "title": data["title"],
            "slug": data["slug"],
            "search_description": data["search_description"],
            "image": pictures(data["image"]),
            "standard_page": standard,
            "body": _body(data["body"], pictures, pages),
        }

    start = EasyReadIndexPage.objects.child_of(home).first()
    if start is None:
        start = EasyReadIndexPage(**fields(START))
        home.add_child(instance=start)
        publish(start)
        log(f"Seite angelegt: {start.title}")
    for data in PAGES:
        if EasyReadPage.objects.child_of(start).filter(slug=data["slug"]).exists():
            continue
        page = EasyReadPage(**fields(data))
        start.add_child(instance=page)
        publish(page)
        log(f"Seite angelegt: {page.title}")
    return start
