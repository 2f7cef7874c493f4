"""The demo's accessibility statement at /de/barrierefreiheit/ (/en/accessibility/,
/nl/toegankelijkheid/, /fr/accessibilite/), with its feedback form.

`demo.builder` calls `accessibility_page(home)` before it translates the tree; the texts below
register their English, Dutch and French versions with `t()` as every demo text does. The
enforcement body is named as a placeholder the team must check: the demo invents no address.
"""

import datetime

from accessibility.models import AccessibilityStatementPage
from demo.enquiries import STAFF_ADDRESS
from demo.texts import t

PAGE = {
    "title": t(
        "Erklärung zur Barrierefreiheit",
        en="Accessibility statement",
        nl="Toegankelijkheidsverklaring",
        fr="Déclaration d’accessibilité",
    ),
    "slug": t("barrierefreiheit", en="accessibility", nl="toegankelijkheid", fr="accessibilite"),
    "search_description": t(
        "Wie barrierefrei diese Website ist, was noch fehlt und wie Sie uns Barrieren melden.",
        en="How accessible this website is, what is still missing and how to report barriers to us.",
        nl="Hoe toegankelijk deze website is, wat nog ontbreekt en hoe u ons drempels meldt.",
        fr="Le niveau d’accessibilité de ce site, ce qui manque encore et comment nous signaler "
        "un obstacle.",
    ),
    "intro": t(
        "Wir möchten, dass alle Menschen diese Website nutzen können. Hier steht, wie weit uns "
        "das gelingt und wo es noch hakt.",
        en="We want everyone to be able to use this website. Here you can read how far we have "
        "got and where there are still problems.",
        nl="We willen dat iedereen deze website kan gebruiken. Hier leest u hoe ver we daarmee "
        "zijn en waar het nog hapert.",
        fr="Nous voulons que chacun puisse utiliser ce site. Vous lisez ici où nous en sommes et "
        "ce qui pose encore problème.",
    ),
    "method_note": t(
        "Geprüft haben wir jede Seitenart in vier Sprachen mit axe-core (WCAG 2.1 AA), dem "
        "Nu HTML Checker, mit der Tastatur und mit einem Bildschirmleser.",
        en="We checked every page type in four languages with axe-core (WCAG 2.1 AA), the Nu HTML "
        "Checker, with the keyboard and with a screen reader.",
        nl="We hebben elk paginatype in vier talen gecontroleerd met axe-core (WCAG 2.1 AA), de "
        "Nu HTML Checker, met het toetsenbord en met een schermlezer.",
        fr="Nous avons vérifié chaque type de page en quatre langues avec axe-core (WCAG 2.1 AA), "
        "le Nu HTML Checker, au clavier et avec un lecteur d’écran.",
    ),
    "feedback_intro": t(
        "Ist Ihnen eine Barriere aufgefallen, oder brauchen Sie einen Inhalt in einer anderen "
        "Form? Schreiben Sie es uns. Eine E-Mail-Adresse brauchen wir nur, wenn Sie eine Antwort "
        "möchten.",
        en="Have you come across a barrier, or do you need some content in another form? Tell "
        "us. We only need an e-mail address if you would like a reply.",
        nl="Bent u een drempel tegengekomen, of hebt u inhoud in een andere vorm nodig? Laat het "
        "ons weten. Een e-mailadres hebben we alleen nodig als u een antwoord wilt.",
        fr="Vous avez rencontré un obstacle, ou il vous faut un contenu sous une autre forme ? "
        "Écrivez-nous. Nous n’avons besoin d’une adresse e-mail que si vous souhaitez une "
        "réponse.",
    ),
    "thank_you": t(
        "Ihre Rückmeldung ist bei uns angekommen. Wenn Sie eine E-Mail-Adresse angegeben haben, "
        "antworten wir Ihnen innerhalb von zwei Wochen.",
        en="Your feedback has reached us. If you gave an e-mail address, we will reply within two "
        "weeks.",
        nl="Uw reactie is bij ons aangekomen. Als u een e-mailadres hebt opgegeven, antwoorden we "
        "binnen twee weken.",
        fr="Votre message nous est bien parvenu. Si vous avez indiqué une adresse e-mail, nous "
        "vous répondrons sous deux semaines.",
    ),
    "enforcement": t(
        "Wenn Sie auf Ihre Rückmeldung innerhalb von sechs Wochen keine zufriedenstellende "
        "Antwort erhalten, können Sie sich an die zuständige Durchsetzungs- und Ombudsstelle "
        "des Landes Nordrhein-Westfalen wenden. Das Verfahren ist kostenlos.",
        en="If you do not receive a satisfactory answer to your feedback within six weeks, you "
        "can turn to the enforcement and ombuds body of the state of North Rhine-Westphalia. "
        "The procedure is free of charge.",
        nl="Als u binnen zes weken geen bevredigend antwoord op uw reactie krijgt, kunt u zich "
        "wenden tot de bevoegde handhavings- en ombudsinstantie van de deelstaat "
        "Noordrijn-Westfalen. De procedure is kosteloos.",
        fr="Si vous ne recevez pas de réponse satisfaisante à votre message dans un délai de six "
        "semaines, vous pouvez vous adresser à l’organe de contrôle et de médiation compétent du "
        "Land de Rhénanie-du-Nord-Westphalie. La procédure est gratuite.",
    ),
    "placeholder": t(
        "Platzhalter: Name, Anschrift und Kontaktweg der Stelle trägt das Team nach Prüfung ein.",
        en="Placeholder: the team enters the body's name, address and contact details once "
        "checked.",
        nl="Placeholder: het team vult naam, adres en contactgegevens van de instantie in na "
        "controle.",
        fr="Espace réservé : l’équipe indique le nom, l’adresse et les coordonnées de l’organe "
        "après vérification.",
    ),
}

LIMITATIONS = [
    {
        "what": t(
            "Produktfotos aus dem Katalog",
            en="Product photos from the catalogue",
            nl="Productfoto’s uit de catalogus",
            fr="Photos de produits du catalogue",
        ),
        "why": t(
            "Die Bildbeschreibungen kommen aus dem Katalog des Labels; bei einigen Fotos fehlen "
            "sie noch in manchen Sprachen.",
            en="The image descriptions come from the label’s catalogue; some photos still lack "
            "them in some languages.",
            nl="De beeldbeschrijvingen komen uit de catalogus van het label; bij sommige foto’s "
            "ontbreken ze nog in enkele talen.",
            fr="Les descriptions des images viennent du catalogue du label ; certaines photos "
            "n’en ont pas encore dans toutes les langues.",
        ),
        "alternative": t(
            "Name und Beschreibung neben jedem Foto sagen, was zu sehen ist.",
            en="The name and description beside each photo say what it shows.",
            nl="Naam en beschrijving naast elke foto zeggen wat erop staat.",
            fr="Le nom et la description à côté de chaque photo disent ce qu’elle montre.",
        ),
    },
    {
        "what": t(
            "Ältere PDF-Dokumente",
            en="Older PDF documents",
            nl="Oudere pdf-documenten",
            fr="Anciens documents PDF",
        ),
        "why": t(
            "Einige Dokumente aus der Zeit vor dieser Website sind nicht barrierefrei aufbereitet.",
            en="Some documents from before this website are not prepared to be accessible.",
            nl="Enkele documenten van vóór deze website zijn niet toegankelijk opgemaakt.",
            fr="Quelques documents antérieurs à ce site ne sont pas mis en forme de façon "
            "accessible.",
        ),
        "alternative": t(
            "Auf Wunsch schicken wir Ihnen den Inhalt als Text per E-Mail.",
            en="On request we send you the content as text by e-mail.",
            nl="Op verzoek sturen we u de inhoud als tekst per e-mail.",
            fr="Sur demande, nous vous envoyons le contenu sous forme de texte par e-mail.",
        ),
    },
]

PREPARED_ON = datetime.date(2026, 11, 30)
REVIEWED_ON = datetime.date(2026, 12, 3)


def accessibility_page(home, log=print) -> AccessibilityStatementPage:
    page = AccessibilityStatementPage.objects.child_of(home).filter(slug=PAGE["slug"]).first()
    if page is not None:
        return page
    page = AccessibilityStatementPage(
        title=PAGE["title"],
        slug=PAGE["slug"],
        search_description=PAGE["search_description"],
        intro=f"<p>{PAGE['intro']}</p>",
        conformance=AccessibilityStatementPage.Conformance.PARTIAL,
        limitations=[("limitation", item) for item in LIMITATIONS],
        prepared_on=PREPARED_ON,
        reviewed_on=REVIEWED_ON,
        method=AccessibilityStatementPage.Method.SELF,
        method_note=PAGE["method_note"],
        feedback_intro=f"<p>{PAGE['feedback_intro']}</p>",
        thank_you_text=f"<p>{PAGE['thank_you']}</p>",
        enforcement=f"<p>{PAGE['enforcement']}</p><p>{PAGE['placeholder']}</p>",
        to_address=STAFF_ADDRESS,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    log(f"Seite angelegt: {page.title}")
    return page
