"""The demo's enquiry form at /de/anfrage/ (/en/enquiry/, /nl/aanvraag/, /fr/demande/): German page with the default fields, translations.

`demo.builder` calls `enquiry_page(home)` before it translates the tree; the texts below
register their English, Dutch and French versions with `t()` as every demo text does.
"""

from demo.texts import t
from enquiries import defaults
from enquiries.models import EnquiryFormPage, default_form_fields

PAGE = {
    "title": t("Anfrage", en="Enquiry", nl="Aanvraag", fr="Demande"),
    "slug": t("anfrage", en="enquiry", nl="aanvraag", fr="demande"),
    "search_description": t(
        "Räume für Kreative im Aachener Norden: Schreiben Sie uns, was Sie suchen.",
        en="Space for creative businesses in the north of Aachen: tell us what you are looking for.",
        nl="Ruimte voor creatieve bedrijven in het noorden van Aken: vertel ons wat u zoekt.",
        fr="Des espaces pour les entreprises créatives au nord d’Aix-la-Chapelle : dites-nous ce "
        "que vous cherchez.",
    ),
    "intro": t(
        "Sie suchen ein Atelier, ein Büro, eine Werkstatt oder einen Laden im Aachener Norden? "
        "Schreiben Sie uns, was Sie brauchen – wir melden uns innerhalb weniger Tage.",
        en="Looking for a studio, an office, a workshop or a shop in the north of Aachen? Tell us "
        "what you need – we will get back to you within a few days.",
        nl="Zoekt u een atelier, een kantoor, een werkplaats of een winkel in het noorden van Aken? "
        "Vertel ons wat u nodig hebt – we nemen binnen enkele dagen contact met u op.",
        fr="Vous cherchez un atelier, un bureau, un local d’artisan ou une boutique au nord "
        "d’Aix-la-Chapelle ? Dites-nous ce qu’il vous faut – nous vous répondrons sous quelques "
        "jours.",
    ),
    "thank_you": t(
        "Ihre Anfrage ist bei uns angekommen. Sie erhalten gleich eine Bestätigung per E-Mail; "
        "wir melden uns innerhalb weniger Tage bei Ihnen.",
        en="Your enquiry has reached us. You will receive a confirmation by e-mail shortly; we "
        "will get back to you within a few days.",
        nl="Uw aanvraag is bij ons aangekomen. U ontvangt zo een bevestiging per e-mail; we nemen "
        "binnen enkele dagen contact met u op.",
        fr="Votre demande nous est bien parvenue. Vous recevrez sous peu une confirmation par "
        "e-mail ; nous vous répondrons sous quelques jours.",
    ),
}

# The default fields' German labels and choices, with their translations.
t("Unternehmen", en="Company", nl="Bedrijf", fr="Entreprise")
t("Branche", en="Sector", nl="Sector", fr="Secteur")
t(
    defaults.SECTORS,
    en="Creative industries\nServices for the creative industries\nOther",
    nl="Creatieve sector\nDiensten voor de creatieve sector\nAnders",
    fr="Industries créatives\nServices aux industries créatives\nAutre",
)
t("Ansprechperson", en="Contact person", nl="Contactpersoon", fr="Personne à contacter")
t("E-Mail", en="E-mail", nl="E-mail", fr="E-mail")
t("Telefon", en="Phone", nl="Telefoon", fr="Téléphone")
t(
    "Benötigte Fläche (m²)",
    en="Space needed (m²)",
    nl="Benodigde ruimte (m²)",
    fr="Surface souhaitée (m²)",
)
t("Art der Fläche", en="Kind of space", nl="Soort ruimte", fr="Type d’espace")
t(
    defaults.SPACE_KINDS,
    en="Studio\nOffice\nWorkshop\nShop",
    nl="Atelier\nKantoor\nWerkplaats\nWinkel",
    fr="Atelier d’artiste\nBureau\nAtelier de fabrication\nBoutique",
)
t("Gewünschter Beginn", en="Desired start", nl="Gewenste startdatum", fr="Début souhaité")
t("Nachricht", en="Message", nl="Bericht", fr="Message")
t(
    defaults.CONSENT,
    en="I agree that my details are stored and used to handle my enquiry.",
    nl="Ik ga ermee akkoord dat mijn gegevens worden opgeslagen en gebruikt om mijn aanvraag te "
    "behandelen.",
    fr="J’accepte que mes données soient enregistrées et utilisées pour traiter ma demande.",
)

STAFF_ADDRESS = "anfragen@made-in-aachen-nord.example"


def enquiry_page(home, log=print) -> EnquiryFormPage:
    page = EnquiryFormPage.objects.child_of(home).filter(slug=PAGE["slug"]).first()
    if page is not None:
        return page
    page = EnquiryFormPage(
        title=PAGE["title"],
        slug=PAGE["slug"],
        search_description=PAGE["search_description"],
        intro=f"<p>{PAGE['intro']}</p>",
        thank_you_text=f"<p>{PAGE['thank_you']}</p>",
        to_address=STAFF_ADDRESS,
    )
    page.form_fields = default_form_fields()
    home.add_child(instance=page)
    page.save_revision().publish()
    log(f"Seite angelegt: {page.title}")
    return page
