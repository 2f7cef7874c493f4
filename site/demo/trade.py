"""The demo's pages for shops: the trade page at /de/fuer-haendler/ (/en/for-shops/,
/nl/voor-winkels/, /fr/revendeurs/) with its enquiry form, and the press and point-of-sale kit at
/de/presse-und-handel/ (/en/press-and-trade/, /nl/pers-en-handel/, /fr/presse-et-revendeurs/)
with a drawn logo, two photos, a fact sheet PDF and short texts; one trade enquiry for the admin.

`demo.builder` calls `trade_pages(home)` before it translates the tree; `load_demo` calls
`sample_trade_enquiry()` after it (not with `--no-sample-application`: the tests start without
enquiries). The texts register their English, Dutch and French versions with `t()`.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo.enquiries import STAFF_ADDRESS
from demo.images import add_alt_texts, demo_image
from demo.texts import t
from enquiries.models import Enquiry
from trade.apps import TRADE
from trade.models import PressKitPage, TradePage

TRADE_PAGE = {
    "title": t("Für Händler", en="For shops", nl="Voor winkels", fr="Revendeurs"),
    "slug": t("fuer-haendler", en="for-shops", nl="voor-winkels", fr="revendeurs"),
    "search_description": t(
        "Museumsshops, Concept Stores und Fair-Trade-Läden verkaufen die Produkte des Labels.",
        en="Museum shops, concept stores and fair-trade shops sell the label’s products.",
        nl="Museumwinkels, conceptstores en fairtradewinkels verkopen de producten van het label.",
        fr="Boutiques de musée, concept stores et magasins équitables vendent les produits du "
        "label.",
    ),
    "intro": t(
        "Sie führen ein Geschäft und möchten Produkte aus Aachen-Nord anbieten? Wir beliefern "
        "Läden, die zu uns passen.",
        en="Do you run a shop and would like to sell products from Aachen-Nord? We supply shops "
        "that suit us.",
        nl="Hebt u een winkel en wilt u producten uit Aachen-Nord verkopen? We leveren aan "
        "winkels die bij ons passen.",
        fr="Vous tenez une boutique et souhaitez proposer des produits d’Aachen-Nord\u00a0? Nous "
        "livrons les commerces qui nous ressemblent.",
    ),
    "who_heading": t(
        "An wen wir verkaufen",
        en="Who we sell to",
        nl="Aan wie we verkopen",
        fr="À qui nous vendons",
    ),
    "who": t(
        "Museumsshops, Concept Stores, Buchhandlungen und Weltläden in der Region, dazu der "
        "Onlineshop für fairen Handel in NRW. Wichtig ist uns, dass Sie die Geschichte der "
        "Produkte erzählen: wer sie entworfen und wer sie gefertigt hat.",
        en="Museum shops, concept stores, bookshops and world shops in the region, and the NRW "
        "fair-trade online shop. What matters to us is that you tell the products’ story: who "
        "designed them and who made them.",
        nl="Museumwinkels, conceptstores, boekhandels en wereldwinkels in de regio, en de online "
        "fairtradewinkel van NRW. Belangrijk is voor ons dat u het verhaal van de producten "
        "vertelt: wie ze ontwierp en wie ze maakte.",
        fr="Boutiques de musée, concept stores, librairies et magasins du monde de la région, "
        "ainsi que la boutique en ligne du commerce équitable de Rhénanie-du-Nord-Westphalie. "
        "Il nous importe que vous racontiez l’histoire des produits\u00a0: qui les a dessinés et qui "
        "les a fabriqués.",
    ),
    "terms_heading": t("Konditionen", en="Terms", nl="Voorwaarden", fr="Conditions"),
    "terms": t(
        "Wir liefern ab einem kleinen Mindestbestellwert, in der Regel innerhalb von drei Wochen. "
        "Händler erhalten den üblichen Wiederverkaufsrabatt; Nachbestellungen einzelner Produkte "
        "sind jederzeit möglich. Die genauen Konditionen schicken wir Ihnen mit unserem Angebot.",
        en="We deliver from a small minimum order, usually within three weeks. Shops receive the "
        "usual trade discount; single products can be reordered at any time. We send you the "
        "exact terms with our offer.",
        nl="We leveren vanaf een kleine minimale bestelwaarde, meestal binnen drie weken. "
        "Winkels krijgen de gebruikelijke wederverkoperskorting; losse producten kunnen altijd "
        "worden nabesteld. De precieze voorwaarden sturen we u met onze offerte.",
        fr="Nous livrons à partir d’une petite commande minimale, en général sous trois "
        "semaines. Les revendeurs bénéficient de la remise habituelle\u00a0; chaque produit peut "
        "être recommandé à tout moment. Nous vous envoyons les conditions précises avec notre "
        "offre.",
    ),
    "form_intro": t(
        "Erzählen Sie uns kurz von Ihrem Geschäft. Wir antworten innerhalb einer Woche.",
        en="Tell us briefly about your shop. We reply within a week.",
        nl="Vertel ons kort over uw winkel. We antwoorden binnen een week.",
        fr="Présentez-nous brièvement votre boutique. Nous répondons sous une semaine.",
    ),
}

KIT = {
    "title": t(
        "Presse und Handel", en="Press and trade", nl="Pers en handel", fr="Presse et revendeurs"
    ),
    "slug": t(
        "presse-und-handel", en="press-and-trade", nl="pers-en-handel", fr="presse-et-revendeurs"
    ),
    "search_description": t(
        "Logos, Fotos für den Druck, Texte und das Faktenblatt des Labels zum Herunterladen.",
        en="The label’s logos, photos for print, texts and fact sheet to download.",
        nl="Logo’s, foto’s voor drukwerk, teksten en het factsheet van het label om te downloaden.",
        fr="Logos, photos pour l’impression, textes et fiche d’information du label à télécharger.",
    ),
    "intro": t(
        "Für Redaktionen und für Läden, die unsere Produkte zeigen: Logos, Fotos in "
        "Druckqualität und Texte, die Sie frei verwenden dürfen.",
        en="For editors and for shops that show our products: logos, print-quality photos and "
        "texts that you may use freely.",
        nl="Voor redacties en voor winkels die onze producten tonen: logo’s, foto’s in "
        "drukkwaliteit en teksten die u vrij mag gebruiken.",
        fr="Pour les rédactions et pour les boutiques qui présentent nos produits\u00a0: logos, "
        "photos en qualité d’impression et textes libres d’utilisation.",
    ),
    "logo": t("Logo farbig", en="Logo in colour", nl="Logo in kleur", fr="Logo en couleur"),
    "logo_alt": t(
        "Logo von Made in Aachen-Nord: weiße Schrift auf dunkelgrünem Grund",
        en="Made in Aachen-Nord logo: white lettering on dark green",
        nl="Logo van Made in Aachen-Nord: witte letters op donkergroen",
        fr="Logo de Made in Aachen-Nord\u00a0: lettres blanches sur fond vert foncé",
    ),
    "photo_alt": t(
        "Schale, Lampe und Kissen des Labels vor hellem Grund",
        en="The label’s bowl, lamp and cushion against a light background",
        nl="Schaal, lamp en kussen van het label tegen een lichte achtergrond",
        fr="Bol, lampe et coussin du label sur un fond clair",
    ),
    "photo_caption": t(
        "Schale, Lampe und Kissen aus der Kollektion",
        en="Bowl, lamp and cushion from the collection",
        nl="Schaal, lamp en kussen uit de collectie",
        fr="Bol, lampe et coussin de la collection",
    ),
    "hero_caption": t(
        "Vase, Becher, Notizbuch und Stoffbeutel",
        en="Vase, cup, notebook and tote bag",
        nl="Vaas, mok, notitieboek en draagtas",
        fr="Vase, tasse, carnet et sac en toile",
    ),
    "text_50": t(
        "Made in Aachen-Nord ist ein Designlabel aus dem Aachener Norden. Designerinnen und "
        "Designer aus der Region entwerfen Alltagsdinge, die in Werkstätten des Stadtteils "
        "gefertigt werden, von Menschen, die lange keine Arbeit hatten. Verkauft werden sie in "
        "Museumsshops, Concept Stores und Fair-Trade-Läden.",
        en="Made in Aachen-Nord is a design label from the north of Aachen. Designers from the "
        "region create everyday objects that are made in the district’s workshops by people "
        "who were long out of work. They are sold in museum shops, concept stores and "
        "fair-trade shops.",
        nl="Made in Aachen-Nord is een designlabel uit het noorden van Aken. Ontwerpers uit de "
        "regio bedenken alledaagse dingen die in werkplaatsen in de wijk worden gemaakt, door "
        "mensen die lang zonder werk waren. Ze worden verkocht in museumwinkels, conceptstores "
        "en fairtradewinkels.",
        fr="Made in Aachen-Nord est un label de design du nord d’Aix-la-Chapelle. Des designers "
        "de la région conçoivent des objets du quotidien fabriqués dans les ateliers du "
        "quartier par des personnes longtemps éloignées de l’emploi. Ils sont vendus dans des "
        "boutiques de musée, des concept stores et des magasins équitables.",
    ),
    "text_150": t(
        "Made in Aachen-Nord verbindet Design, Handwerk und Arbeit im Stadtteil. Das Label "
        "entstand aus einem Projekt im Aachener Norden, in dem Werkstätten, Designerinnen und "
        "Designer und soziale Träger zusammenarbeiten.\n\n"
        "Die Entwürfe kommen von Gestalterinnen und Gestaltern aus der Region: Becher und "
        "Schalen aus Keramik, Taschen aus Segeltuch, Lampen, Hocker und Papierwaren. Gefertigt "
        "werden sie in kleinen Serien in Werkstätten im Depot und in der Nachbarschaft, von "
        "Menschen, die dort nach langer Arbeitslosigkeit eine Beschäftigung gefunden haben.\n\n"
        "Jedes Produkt trägt einen Anhänger, der erzählt, wer es entworfen und wer es gefertigt "
        "hat. Verkauft werden die Produkte in Museumsshops, Concept Stores, Buchhandlungen und "
        "Weltläden in der Region und im Onlineshop für fairen Handel in NRW.",
        en="Made in Aachen-Nord brings together design, craft and work in the district. The "
        "label grew out of a project in the north of Aachen in which workshops, designers and "
        "social organisations work together.\n\n"
        "The designs come from designers in the region: ceramic mugs and bowls, canvas bags, "
        "lamps, stools and stationery. They are made in small series in workshops in the Depot "
        "and the neighbourhood, by people who have found work there after long unemployment.\n\n"
        "Every product carries a tag that tells who designed it and who made it. The products "
        "are sold in museum shops, concept stores, bookshops and world shops in the region and "
        "in the NRW fair-trade online shop.",
        nl="Made in Aachen-Nord verbindt design, ambacht en werk in de wijk. Het label ontstond "
        "uit een project in het noorden van Aken waarin werkplaatsen, ontwerpers en sociale "
        "organisaties samenwerken.\n\n"
        "De ontwerpen komen van vormgevers uit de regio: mokken en schalen van keramiek, tassen "
        "van zeildoek, lampen, krukken en papierwaren. Ze worden in kleine series gemaakt in "
        "werkplaatsen in het Depot en in de buurt, door mensen die daar na lange werkloosheid "
        "werk hebben gevonden.\n\n"
        "Elk product draagt een label dat vertelt wie het ontwierp en wie het maakte. De "
        "producten worden verkocht in museumwinkels, conceptstores, boekhandels en "
        "wereldwinkels in de regio en in de online fairtradewinkel van NRW.",
        fr="Made in Aachen-Nord associe design, artisanat et travail dans le quartier. Le label "
        "est né d’un projet du nord d’Aix-la-Chapelle qui réunit ateliers, designers et "
        "structures sociales.\n\n"
        "Les créations viennent de designers de la région\u00a0: tasses et bols en céramique, sacs "
        "en toile, lampes, tabourets et papeterie. Elles sont fabriquées en petites séries dans "
        "les ateliers du Depot et du voisinage, par des personnes qui y ont retrouvé un emploi "
        "après un long chômage.\n\n"
        "Chaque produit porte une étiquette qui dit qui l’a dessiné et qui l’a fabriqué. Les "
        "produits sont vendus dans des boutiques de musée, des concept stores, des librairies "
        "et des magasins du monde de la région, ainsi que dans la boutique en ligne du commerce "
        "équitable de Rhénanie-du-Nord-Westphalie.",
    ),
    "fact_sheet": t(
        "Faktenblatt Made in Aachen-Nord",
        en="Made in Aachen-Nord fact sheet",
        nl="Factsheet Made in Aachen-Nord",
        fr="Fiche d’information Made in Aachen-Nord",
    ),
    "fact_sheet_note": t(
        "Zahlen und Fakten auf einer Seite",
        en="Facts and figures on one page",
        nl="Cijfers en feiten op één pagina",
        fr="Faits et chiffres sur une page",
    ),
    "contact_role": t(
        "Presse und Handel", en="Press and trade", nl="Pers en handel", fr="Presse et revendeurs"
    ),
}

DEMO_ENQUIRY = {
    "shop_name": "Museumsshop im Ludwig Forum",
    "shop_kind": "Museumsshop",
    "city": "Aachen",
    "contact_person": "Jana Beispiel",
    "email": "jana.beispiel@example.org",
    "phone": "",
    "products": "Becher, Schalen und die Falttaschen",
    "quantities": "je 10 Stück zum Start",
    "message": "Wir planen eine Ausstellung über Design aus der Region im Frühjahr.",
    "consent": True,
}


def trade_pages(home, publish, log=print) -> tuple[TradePage, PressKitPage]:
    return _trade_page(home, publish, log), _press_kit_page(home, publish, log)


def _trade_page(home, publish, log) -> TradePage:
    page = TradePage.objects.child_of(home).filter(slug=TRADE_PAGE["slug"]).first()
    if page is None:
        text = TRADE_PAGE
        page = TradePage(
            title=text["title"],
            slug=text["slug"],
            search_description=text["search_description"],
            intro=f"<p>{text['intro']}</p>",
            body=[
                {"type": "heading", "value": {"text": text["who_heading"], "level": "h2"}},
                {"type": "paragraph", "value": f"<p>{text['who']}</p>"},
                {"type": "heading", "value": {"text": text["terms_heading"], "level": "h2"}},
                {"type": "paragraph", "value": f"<p>{text['terms']}</p>"},
                # The catalogue as a PDF in the page's language (products.blocks.LineSheetBlock).
                {"type": "line_sheet", "value": {"heading": "", "designer": None}},
            ],
            form_intro=f"<p>{text['form_intro']}</p>",
            to_address=STAFF_ADDRESS,
        )
        home.add_child(instance=page)
        publish(page)
        log(f"Seite angelegt: {page.title}")
    return page


def _press_kit_page(home, publish, log) -> PressKitPage:
    page = PressKitPage.objects.child_of(home).filter(slug=KIT["slug"]).first()
    if page is not None:
        return page
    logo = _logo()
    photo = demo_image(
        "Kollektion für die Presse",
        KIT["photo_alt"],
        size=(1800, 1200),
        scene=("bowl", "lamp", "cushion"),
    )
    # The home page's hero image, already in the library: a second photo for print.
    hero = home.hero_image
    photos = [(photo, KIT["photo_caption"], KIT["photo_alt"])]
    if hero is not None:
        photos.append((hero, KIT["hero_caption"], hero.description))
    page = PressKitPage(
        title=KIT["title"],
        slug=KIT["slug"],
        search_description=KIT["search_description"],
        intro=f"<p>{KIT['intro']}</p>",
        logos=[
            {
                "type": "logo",
                "value": {"name": KIT["logo"], "image": logo.pk, "document": _logo_pdf().pk},
            }
        ],
        photos=[
            {
                "type": "photo",
                "value": {
                    "image": {"image": image.pk, "alt_text": alt, "decorative": False},
                    "caption": caption,
                    "credit": "Made in Aachen-Nord",
                },
            }
            for image, caption, alt in photos
        ],
        texts=[
            {"type": "text", "value": {"length": "50", "text": KIT["text_50"]}},
            {"type": "text", "value": {"length": "150", "text": KIT["text_150"]}},
        ],
        documents=[
            {
                "type": "document",
                "value": {"document": _fact_sheet().pk, "description": KIT["fact_sheet_note"]},
            }
        ],
        contact_name="Mira Beispiel",
        contact_role=KIT["contact_role"],
        contact_email="presse@made-in-aachen-nord.example",
        contact_phone="+49 241 000000",
    )
    home.add_child(instance=page)
    publish(page)
    log(f"Seite angelegt: {page.title}")
    return page


def _logo_picture(size=(1400, 600)) -> Image.Image:
    picture = Image.new("RGB", size, (29, 74, 54))
    draw = ImageDraw.Draw(picture)
    height = size[1]
    draw.ellipse((height * 0.2, height * 0.2, height * 0.8, height * 0.8), fill=(47, 143, 91))
    font = ImageFont.load_default(size=height // 7)
    draw.text((height * 0.95, height * 0.32), "MADE IN", font=font, fill=(255, 255, 255))
    draw.text((height * 0.95, height * 0.52), "AACHEN-NORD", font=font, fill=(255, 255, 255))
    return picture


def _logo():
    title = "Logo Made in Aachen-Nord für Presse und Handel"
    Picture = get_image_model()
    logo = Picture.objects.filter(title=title).first()
    if logo is None:
        out = io.BytesIO()
        _logo_picture().save(out, "PNG")
        logo = Picture(title=title, description=KIT["logo_alt"])
        logo.file = ImageFile(out, name="made-in-aachen-nord-logo.png")
        logo.save()
    add_alt_texts(logo, KIT["logo_alt"])
    return logo


def _document(title: str, name: str, picture: Image.Image):
    """A PDF document of the library drawn from `picture` (found again on later runs)."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        out = io.BytesIO()
        picture.save(out, "PDF", resolution=150)
        document = Document(title=title)
        document.file.save(name, ContentFile(out.getvalue()), save=False)
        document.save()
    return document


def _logo_pdf():
    return _document(
        "Logo Made in Aachen-Nord (PDF)", "made-in-aachen-nord-logo.pdf", _logo_picture()
    )


def _fact_sheet():
    sheet = Image.new("RGB", (1240, 1754), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    draw.rectangle((0, 0, 1240, 260), fill=(29, 74, 54))
    title_font = ImageFont.load_default(size=64)
    font = ImageFont.load_default(size=36)
    draw.text((80, 90), "Made in Aachen-Nord", font=title_font, fill=(255, 255, 255))
    for row, line in enumerate(
        (
            "Designlabel aus dem Aachener Norden",
            "Entwürfe von Designerinnen und Designern der Region",
            "Gefertigt in Werkstätten des Stadtteils",
            "Verkauft in Museumsshops, Concept Stores und Weltläden",
        )
    ):
        draw.text((80, 360 + row * 80), line, font=font, fill=(29, 74, 54))
    return _document(KIT["fact_sheet"], "faktenblatt-made-in-aachen-nord.pdf", sheet)


def sample_trade_enquiry() -> Enquiry | None:
    """One trade enquiry with an offer sent (no mail: marked as sent), for the admin."""
    page = TradePage.objects.filter(locale__language_code="de").first()
    if page is None:
        return None
    existing = Enquiry.objects.filter(kind=TRADE, email=DEMO_ENQUIRY["email"]).first()
    if existing is not None:
        return existing
    enquiry = Enquiry(
        page=page,
        kind=TRADE,
        language="de",
        email=DEMO_ENQUIRY["email"],
        status="offer_sent",
        notification_state=Enquiry.Notification.SENT,
    )
    enquiry.form_data = DEMO_ENQUIRY
    enquiry.save()
    return enquiry
