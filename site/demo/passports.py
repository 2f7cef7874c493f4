"""The demo's product passports: what the feed does not say about four products (where the
material comes from, care, repair, what each workshop did), as editors write it in the admin —
German first, then English, Dutch and French on the catalogue's rows of those languages.

Idempotent and careful: a row whose passport an editor has already written is left alone.
"""

from catalogue.models import Product

# {catalogue id: {language: (material origin, care, repair, {partner ref: what was done there})}}
PASSPORTS = {
    "MAN-0001": {
        "de": (
            "Sitzbezüge aus ausgemusterten Straßenbahnen der Aachener Verkehrsbetriebe; "
            "Baumwollfutter aus einer Weberei im Münsterland.",
            "Bei 30 °C im Wäschesack waschen, nicht in den Trockner.",
            "Eine aufgegangene Naht näht die Nähwerkstatt im Depot kostenlos nach.",
            {"depot-naehwerkstatt": "Stoff gereinigt, zugeschnitten, genäht und gefüttert."},
        ),
        "en": (
            "Seat covers from retired trams of Aachen’s transport company; cotton lining from a "
            "weaving mill in Münsterland.",
            "Wash at 30 °C in a laundry bag; do not tumble-dry.",
            "The Depot sewing workshop mends a split seam free of charge.",
            {"depot-naehwerkstatt": "Fabric cleaned, cut, sewn and lined."},
        ),
        "nl": (
            "Stoelbekleding van afgedankte trams van het Akense vervoersbedrijf; katoenen "
            "voering van een weverij in het Münsterland.",
            "Wassen op 30 °C in een waszak, niet in de droger.",
            "Een losgeraakte naad herstelt het naaiatelier in het Depot gratis.",
            {"depot-naehwerkstatt": "Stof gereinigd, geknipt, genaaid en gevoerd."},
        ),
        "fr": (
            "Housses de sièges de tramways réformés de la régie d’Aix-la-Chapelle ; doublure en "
            "coton d’un tissage du Münsterland.",
            "Laver à 30 °C dans un filet, pas de sèche-linge.",
            "L’atelier de couture du Depot recoud gratuitement une couture défaite.",
            {"depot-naehwerkstatt": "Tissu nettoyé, coupé, cousu et doublé."},
        ),
    },
    "MAN-0004": {
        "de": (
            "Eiche aus dem Aachener Stadtwald, FSC-zertifiziert; Leinöl aus der Eifel.",
            "Mit einem feuchten Tuch abwischen; einmal im Jahr dünn nachölen.",
            "Ein wackelndes Bein leimt die Holzwerkstatt im Depot neu ein.",
            {"depot-holzwerkstatt": "Gesägt, gezapft, verleimt, geschliffen und geölt."},
        ),
        "en": (
            "Oak from Aachen’s municipal forest, FSC certified; linseed oil from the Eifel.",
            "Wipe with a damp cloth; oil thinly once a year.",
            "The Depot woodworking shop re-glues a wobbly leg.",
            {"depot-holzwerkstatt": "Sawn, tenoned, glued, sanded and oiled."},
        ),
        "nl": (
            "Eiken uit het Akense stadsbos, FSC-gecertificeerd; lijnolie uit de Eifel.",
            "Afnemen met een vochtige doek; één keer per jaar dun inoliën.",
            "Een wiebelende poot lijmt de houtwerkplaats in het Depot opnieuw.",
            {"depot-holzwerkstatt": "Gezaagd, getapt, gelijmd, geschuurd en geolied."},
        ),
        "fr": (
            "Chêne de la forêt communale d’Aix-la-Chapelle, certifié FSC ; huile de lin de l’Eifel.",
            "Essuyer avec un chiffon humide ; huiler légèrement une fois par an.",
            "L’atelier bois du Depot recolle un pied branlant.",
            {"depot-holzwerkstatt": "Scié, assemblé à tenons, collé, poncé et huilé."},
        ),
    },
    "MAN-0014": {
        "de": (
            "Stahl von einem Händler in Eschweiler, Eiche aus dem Aachener Stadtwald.",
            "Ausschalten und mit einem trockenen Tuch abstauben.",
            "Die LED lässt sich tauschen; Ersatz und Hilfe gibt es in der Holzwerkstatt im Depot.",
            {
                "laserschnitt-talbot": "Schirm aus Stahlblech gelasert und gekantet.",
                "depot-holzwerkstatt": "Fuß aus Eiche gedrechselt, Leuchte montiert und geprüft.",
            },
        ),
        "en": (
            "Steel from a dealer in Eschweiler, oak from Aachen’s municipal forest.",
            "Switch off and dust with a dry cloth.",
            "The LED can be replaced; spares and help at the Depot woodworking shop.",
            {
                "laserschnitt-talbot": "Steel shade laser-cut and folded.",
                "depot-holzwerkstatt": "Oak base turned, lamp assembled and tested.",
            },
        ),
        "nl": (
            "Staal van een handelaar in Eschweiler, eiken uit het Akense stadsbos.",
            "Uitschakelen en afstoffen met een droge doek.",
            "De led is vervangbaar; onderdelen en hulp in de houtwerkplaats in het Depot.",
            {
                "laserschnitt-talbot": "Kap van staalplaat gelaserd en gezet.",
                "depot-holzwerkstatt": "Voet van eiken gedraaid, lamp gemonteerd en getest.",
            },
        ),
        "fr": (
            "Acier d’un négociant d’Eschweiler, chêne de la forêt communale d’Aix-la-Chapelle.",
            "Éteindre et dépoussiérer avec un chiffon sec.",
            "La LED se remplace ; pièces et aide à l’atelier bois du Depot.",
            {
                "laserschnitt-talbot": "Abat-jour en tôle découpé au laser et plié.",
                "depot-holzwerkstatt": "Pied en chêne tourné, lampe montée et contrôlée.",
            },
        ),
    },
    "MAN-0011": {
        "de": (
            "Halbleinen aus einer Weberei im Westmünsterland.",
            "Bei 60 °C waschbar; die Farbe ist wasserbasiert und lichtecht.",
            "",
            {
                "siebdruck-nord": "Motiv in zwei Farben von Hand gedruckt.",
                "depot-naehwerkstatt": "Gesäumt und mit Aufhänger versehen.",
            },
        ),
        "en": (
            "Half-linen from a weaving mill in western Münsterland.",
            "Washable at 60 °C; the water-based ink is lightfast.",
            "",
            {
                "siebdruck-nord": "Design printed by hand in two colours.",
                "depot-naehwerkstatt": "Hemmed and given a hanging loop.",
            },
        ),
        "nl": (
            "Halflinnen van een weverij in het westelijke Münsterland.",
            "Wasbaar op 60 °C; de inkt op waterbasis is lichtecht.",
            "",
            {
                "siebdruck-nord": "Motief met de hand in twee kleuren gedrukt.",
                "depot-naehwerkstatt": "Omgezoomd en voorzien van een ophanglus.",
            },
        ),
        "fr": (
            "Métis d’un tissage de l’ouest du Münsterland.",
            "Lavable à 60 °C ; l’encre à l’eau résiste à la lumière.",
            "",
            {
                "siebdruck-nord": "Motif imprimé à la main en deux couleurs.",
                "depot-naehwerkstatt": "Ourlé et muni d’une attache.",
            },
        ),
    },
}
EDITORIAL = ("material_origin", "care_advice", "repair_advice")


def product_passports(log=print) -> int:
    """Fills the passports of the demo’s products in every language the catalogue has a row in;
    returns how many rows it wrote."""
    written = 0
    rows = Product.objects.filter(external_id__in=PASSPORTS).select_related("locale")
    for row in rows:
        texts = PASSPORTS[row.external_id].get(row.locale.language_code)
        if texts is None or any(getattr(row, name) for name in EDITORIAL) or row.step_notes:
            continue
        origin, care, repair, notes = texts
        row.material_origin, row.care_advice, row.repair_advice = origin, care, repair
        row.step_notes = [("step", {"partner": ref, "text": text}) for ref, text in notes.items()]
        row.save(update_fields=[*EDITORIAL, "step_notes"])
        written += 1
    log(f"Produktpässe: {written} Sprachfassungen ausgefüllt")
    return written
