"""The page types the browser tests visit, with their address in each language of the demo.

Every page type gets the same checks (language, switcher, alternates, screenshots, axe-core, the
Nu HTML checker). A later issue that adds a page type adds an entry to `PAGE_TYPES` here and the
page to `load_demo`.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation

from demo import accessibility as accessibility_demo
from demo import applications as applications_demo
from demo import campaigns, people, project, shops, texts
from demo import depot as depot_demo
from demo import easyread as easyread_demo
from demo import enquiries as enquiry_demo
from demo import events as events_demo
from demo import results as results_demo
from demo import trade as trade_demo
from demo import workshops as workshops_demo

LANGUAGES = ["de", "en", "nl", "fr"]
DEFAULT_LANGUAGE = "de"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}  # viewport width and height in px
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "browser"


def save_screenshot(target, path: Path, **options) -> None:
    """A screenshot of a page or element for people to look at (docs/testing.md). CI has nobody
    to look and takes none (a page's full screenshot costs as much as its axe-core run);
    BROWSER_SCREENSHOTS=1 or 0 decides either way."""
    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    if os.environ.get("BROWSER_SCREENSHOTS", "0" if ci else "1") != "1":
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=path, **options)


def demo_text(german: str) -> dict[str, str]:
    """A text of the demo content as each language shows it (texts.py holds the translations)."""
    return {"de": german, **{code: texts.TRANSLATIONS[code][german] for code in LANGUAGES[1:]}}


def interface_text(msgid: str) -> dict[str, str]:
    """An interface string as each language shows it (the gettext catalogues in locale/)."""
    result = {}
    for code in LANGUAGES:
        with translation.override(code):
            result[code] = translation.gettext(msgid)
    return result


@dataclass(frozen=True)
class PageType:
    name: str
    paths: dict[str, str]  # language code -> path on the site
    text: dict[str, str]  # language code -> a text a visitor reads on that page
    status: int = 200
    # A page with translations names them in hreflang links and in the language switcher. A page
    # without (an error page) has neither canonical nor alternates, and its switcher offers each
    # language's home page.
    translated: bool = True
    # A page kept out of search engines (the search) has neither canonical nor alternates; its
    # switcher links to the same page in each language, with this page's query.
    indexed: bool = True
    # A page that exists in German only (Leichte Sprache, docs/easy-read.md): `paths` names the
    # German page alone; it is checked in German, names only itself in hreflang (de, x-default)
    # and its switcher offers the other languages' home pages.
    german_only: bool = False

    def __str__(self) -> str:
        return self.name


HOME = PageType(
    "home",
    paths={"de": "/de/", "en": "/en/", "nl": "/nl/", "fr": "/fr/"},
    text=demo_text(texts.HOME["hero_heading"]),
)
# The project page (site/project/, demo/project.py): "Über das Projekt" was a content page before.
PROJECT = PageType(
    "project",
    paths={
        "de": "/de/ueber-das-projekt/",
        "en": "/en/about-the-project/",
        "nl": "/nl/over-het-project/",
        "fr": "/fr/a-propos/",
    },
    text=demo_text(project.APPROACH["steps"][2][1]),
)
CONTENT = PageType(
    "content",
    paths={
        "de": "/de/ueber-das-projekt/das-depot/",
        "en": "/en/about-the-project/the-depot/",
        "nl": "/nl/over-het-project/het-depot/",
        "fr": "/fr/a-propos/le-depot/",
    },
    text=demo_text(project.DEPOT["intro"]),
)
LEGAL = PageType(
    "legal",
    paths={
        "de": "/de/impressum/",
        "en": "/en/legal-notice/",
        "nl": "/nl/colofon/",
        "fr": "/fr/mentions-legales/",
    },
    text=demo_text(texts.LEGAL["imprint"]["body"][0]),
)
NOT_FOUND = PageType(
    "404",
    paths={
        "de": "/de/diese-seite-gibt-es-nicht/",
        "en": "/en/no-such-page/",
        "nl": "/nl/bestaat-niet/",
        "fr": "/fr/page-inexistante/",
    },
    text=interface_text("Diese Seite gibt es nicht (mehr)."),
    status=404,
    translated=False,
)

DESIGNER_INDEX = PageType(
    "designer-index",
    paths={
        "de": "/de/designerinnen/",
        "en": "/en/designers/",
        "nl": "/nl/ontwerpers/",
        "fr": "/fr/createurs/",
    },
    text=demo_text(people.INDEXES["designers"]["intro"]),
)
DESIGNER = PageType(
    "designer",
    paths={
        "de": "/de/designerinnen/lena-hoffmann/",
        "en": "/en/designers/lena-hoffmann/",
        "nl": "/nl/ontwerpers/lena-hoffmann/",
        "fr": "/fr/createurs/lena-hoffmann/",
    },
    text=demo_text(people.DESIGNERS[0]["lead"]),
)
PRODUCT_INDEX = PageType(
    "product-index",
    paths={
        "de": "/de/produkte/",
        "en": "/en/products/",
        "nl": "/nl/producten/",
        "fr": "/fr/produits/",
    },
    text=demo_text(people.INDEXES["products"]["intro"]),
)
PRODUCT = PageType(
    "product",
    paths={
        code: f"{index}talstrasse-stool/"
        for code, index in {
            "de": "/de/produkte/",
            "en": "/en/products/",
            "nl": "/nl/producten/",
            "fr": "/fr/produits/",
        }.items()
    },
    # The catalogue's own texts of product MAN-0004 (site/catalogue/fixtures/sample/).
    text={
        "de": "Hocker Talstraße",
        "en": "Talstrasse stool",
        "nl": "Kruk Talstraße",
        "fr": "Tabouret Talstraße",
    },
)
STORY_INDEX = PageType(
    "story-index",
    paths={
        "de": "/de/geschichten/",
        "en": "/en/stories/",
        "nl": "/nl/verhalen/",
        "fr": "/fr/histoires/",
    },
    text=demo_text(people.INDEXES["stories"]["intro"]),
)
STORY = PageType(
    "story",
    paths={
        "de": "/de/geschichten/vom-sitz-zur-tasche/",
        "en": "/en/stories/from-seat-to-bag/",
        "nl": "/nl/verhalen/van-bank-tot-tas/",
        "fr": "/fr/histoires/du-siege-au-sac/",
    },
    text=demo_text(people.STORY_BODY[0]),
)
CAMPAIGN_INDEX = PageType(
    "campaign-index",
    paths={
        "de": "/de/kampagnen/",
        "en": "/en/campaigns/",
        "nl": "/nl/campagnes/",
        "fr": "/fr/campagnes/",
    },
    text=demo_text(campaigns.INDEX["intro"]),
)
CAMPAIGN = PageType(
    "campaign",
    paths={
        "de": "/de/kampagnen/kreativstandort-aachen-nord/",
        "en": "/en/campaigns/creative-location-aachen-nord/",
        "nl": "/nl/campagnes/creatieve-locatie-aken-noord/",
        "fr": "/fr/campagnes/quartier-creatif-aachen-nord/",
    },
    text=demo_text(campaigns.C["spaces_intro"]),
)

RETAILERS = PageType(
    "retailers",
    paths={
        "de": "/de/wo-kaufen/",
        "en": "/en/where-to-buy/",
        "nl": "/nl/waar-te-koop/",
        "fr": "/fr/ou-acheter/",
    },
    text=demo_text(shops.RETAILERS["laden-im-depot"][0]),
)

ENQUIRY_FORM = PageType(
    "enquiry-form",
    paths={"de": "/de/anfrage/", "en": "/en/enquiry/", "nl": "/nl/aanvraag/", "fr": "/fr/demande/"},
    text=demo_text(enquiry_demo.PAGE["intro"]),
)

RESULTS = PageType(
    "results",
    paths={
        "de": "/de/wirkung/",
        "en": "/en/results/",
        "nl": "/nl/resultaten/",
        "fr": "/fr/resultats/",
    },
    text=demo_text(results_demo.INDICATORS[0]["description"]),
)
# The Depot's shared resources (site/depot/, demo/depot.py), below the project page.
DEPOT_RESOURCES = PageType(
    "depot-resources",
    paths={
        "de": "/de/ueber-das-projekt/depot-ressourcen/",
        "en": "/en/about-the-project/depot-resources/",
        "nl": "/nl/over-het-project/depot-voorzieningen/",
        "fr": "/fr/a-propos/ressources-du-depot/",
    },
    text=demo_text(depot_demo.RESOURCES[0]["purpose"]),
)

ACCESSIBILITY_STATEMENT = PageType(
    "accessibility-statement",
    paths={
        "de": "/de/barrierefreiheit/",
        "en": "/en/accessibility/",
        "nl": "/nl/toegankelijkheid/",
        "fr": "/fr/accessibilite/",
    },
    text=demo_text(accessibility_demo.PAGE["intro"]),
)

DESIGN_APPLICATION = PageType(
    "design-application",
    paths={
        "de": "/de/entwurf-einreichen/",
        "en": "/en/submit-a-design/",
        "nl": "/nl/ontwerp-indienen/",
        "fr": "/fr/soumettre-un-design/",
    },
    text=demo_text(applications_demo.PAGE["intro"]),
)

TRADE = PageType(
    "trade",
    paths={
        "de": "/de/fuer-haendler/",
        "en": "/en/for-shops/",
        "nl": "/nl/voor-winkels/",
        "fr": "/fr/revendeurs/",
    },
    text=demo_text(trade_demo.TRADE_PAGE["intro"]),
)

PRESS_KIT = PageType(
    "press-kit",
    paths={
        "de": "/de/presse-und-handel/",
        "en": "/en/press-and-trade/",
        "nl": "/nl/pers-en-handel/",
        "fr": "/fr/presse-et-revendeurs/",
    },
    text=demo_text(trade_demo.KIT["text_50"]),
)

# The search, with results (the word finds the Depot bag in each language), before a query and
# with none found (both suggest products and designers).
SEARCH_PATHS = {
    "de": "/de/suche/",
    "en": "/en/search/",
    "nl": "/nl/zoeken/",
    "fr": "/fr/recherche/",
}
SEARCH = PageType(
    "search",
    paths={
        code: f"{SEARCH_PATHS[code]}?q={word}"
        for code, word in {"de": "Tasche", "en": "bag", "nl": "tas", "fr": "sac"}.items()
    },
    # The catalogue's own titles of product MAN-0001 (site/catalogue/fixtures/sample/).
    text={
        "de": "Depot-Tasche aus Straßenbahnsitzstoff",
        "en": "Depot bag made from tram seat fabric",
        "nl": "Depot-tas van trambekleding",
        "fr": "Sac Depot en tissu de siège de tram",
    },
    indexed=False,
)
SEARCH_EMPTY = PageType(
    "search-empty",
    paths=SEARCH_PATHS,
    text=interface_text(
        "Suchen Sie nach Produkten, Designer:innen, Geschichten und Seiten dieser Website."
    ),
    indexed=False,
)
SEARCH_NO_RESULTS = PageType(
    "search-no-results",
    paths={code: f"{path}?q=Xylophonquartett" for code, path in SEARCH_PATHS.items()},
    text=interface_text("Vielleicht hilft ein anderes oder ein kürzeres Wort."),
    indexed=False,
)

EASY_READ_INDEX = PageType(
    "easy-read-index",
    paths={"de": "/de/leichte-sprache/"},
    text={"de": "Leichte Sprache ist einfaches Deutsch."},
    german_only=True,
)
EASY_READ = PageType(
    "easy-read",
    paths={"de": "/de/leichte-sprache/wie-entstehen-unsere-produkte/"},
    text={"de": easyread_demo.PAGES[1]["body"][0][1][1]["text"]},
    german_only=True,
)

# The workshop network (site/workshops/, demo/workshops.py).
WORKSHOP_INDEX = PageType(
    "workshop-index",
    paths={
        "de": "/de/werkstaetten/",
        "en": "/en/workshops/",
        "nl": "/nl/werkplaatsen/",
        "fr": "/fr/ateliers/",
    },
    text=demo_text(workshops_demo.INDEX["intro"]),
)
WORKSHOP = PageType(
    "workshop",
    paths={
        "de": "/de/werkstaetten/depot-naehwerkstatt/",
        "en": "/en/workshops/depot-naehwerkstatt/",
        "nl": "/nl/werkplaatsen/depot-naehwerkstatt/",
        "fr": "/fr/ateliers/depot-naehwerkstatt/",
    },
    text=demo_text(workshops_demo.WORKSHOPS[0]["capacity"]),
)
# Events (site/events/, demo/events.py): the index and the design fair, upcoming whenever the
# demo is built.
EVENT_INDEX = PageType(
    "event-index",
    paths={
        "de": "/de/termine/",
        "en": "/en/events/",
        "nl": "/nl/agenda/",
        "fr": "/fr/agenda/",
    },
    text=demo_text(events_demo.INDEX["intro"]),
)
EVENT = PageType(
    "event",
    paths={
        "de": "/de/termine/gestaltungsmesse-rhein-ruhr/",
        "en": "/en/events/rhine-ruhr-design-fair/",
        "nl": "/nl/agenda/designbeurs-rijn-ruhr/",
        "fr": "/fr/agenda/salon-du-design-rhin-ruhr/",
    },
    text=demo_text(events_demo.EVENTS[0]["lead"]),
)

PAGE_TYPES = [
    HOME,
    PROJECT,
    CONTENT,
    LEGAL,
    NOT_FOUND,
    DESIGNER_INDEX,
    DESIGNER,
    PRODUCT_INDEX,
    PRODUCT,
    STORY_INDEX,
    STORY,
    RETAILERS,
    ENQUIRY_FORM,
    ACCESSIBILITY_STATEMENT,
    DESIGN_APPLICATION,
    CAMPAIGN_INDEX,
    CAMPAIGN,
    SEARCH,
    SEARCH_EMPTY,
    SEARCH_NO_RESULTS,
    RESULTS,
    DEPOT_RESOURCES,
    EASY_READ_INDEX,
    EASY_READ,
    WORKSHOP_INDEX,
    WORKSHOP,
    TRADE,
    PRESS_KIT,
    EVENT_INDEX,
    EVENT,
]
