"""The blocks editors compose campaign pages from.

Each block explains itself in the block picker: a description and a preview rendered with the
site's styles (`campaigns/block_preview.html`) from a preview value. Previews that need a picture
or a page take the first one the site has, so they show real content without fixtures.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from campaigns.tracking import with_campaign
from core.blocks import (
    PARAGRAPH_FEATURES,
    GalleryBlock,
    HeadingBlock,
    PageLinkBlock,
    PageTeasersBlock,
    ParagraphBlock,
    link_target,
)
from designers.blocks import DesignerTeasersBlock

PREVIEW_TEMPLATE = "campaigns/block_preview.html"


def _first_image_pks(count: int) -> list[int]:
    return list(get_image_model().objects.order_by("pk").values_list("pk", flat=True)[:count])


def _preview_image(alt: str, position: int = 0):
    pks = _first_image_pks(position + 1)
    if len(pks) <= position:
        return None
    return {"image": pks[position], "alt_text": alt, "decorative": False}


def _campaign_link(page, parent_context) -> str:
    """The URL of `page` in the visitor's language, carrying the campaign code of the page being
    rendered; the visit's UTM parameters are added in the browser (see `campaigns.tracking`)."""
    if page is None:
        return ""
    target = link_target(page)
    if not target.live:
        return ""
    context = parent_context or {}
    campaign_page = context.get("page")
    code = getattr(campaign_page, "campaign_code", "") or ""
    return with_campaign(target.url or "", code)


class CampaignHeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    image = ImageBlock(label=_("Bild"), required=False)
    button_label = blocks.CharBlock(
        label=_("Beschriftung des Knopfs"), required=False, max_length=60
    )
    page = PageLinkBlock(
        label=_("Ziel-Seite"),
        required=False,
        help_text=_(
            "Leer lassen: der Knopf springt zum Anfrage-Kasten dieser Seite. Der Link trägt den "
            "Kampagnencode und die utm-Parameter des Besuchs."
        ),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["button_url"] = _campaign_link(value.get("page"), parent_context) or "#anfrage"
        return context

    def get_preview_value(self):
        # Real pictures and pages of the site (by id), looked up when the preview is shown.
        return self.to_python(
            {
                "heading": "Kreativstandort Aachen-Nord",
                "text": "Ateliers, Werkstätten und Büros zwischen Depot und Talstraße.",
                "image": _preview_image("Das Depot in der ehemaligen Straßenbahnhalle"),
                "button_label": "Raum anfragen",
            }
        )

    class Meta:
        icon = "image"
        template = "blocks/hero_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Aufmacher mit Handlungsaufruf")
        description = _("Großes Bild mit Überschrift, kurzem Text und einem Knopf.")


class FactBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Zahl"), max_length=20, help_text=_("Als Text, wie er dastehen soll: „12.000“.")
    )
    unit = blocks.CharBlock(label=_("Einheit"), required=False, max_length=20)
    label = blocks.CharBlock(label=_("Bedeutung"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Kennzahl")


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    facts = blocks.ListBlock(FactBlock(), label=_("Kennzahlen"), min_num=1, max_num=8)
    source = blocks.CharBlock(label=_("Quelle"), required=False, max_length=200)

    class Meta:
        icon = "order"
        template = "blocks/key_facts_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Zahlen und Fakten")
        description = _("Bis zu acht Kennzahlen als große Zahlen mit Erklärung.")
        preview_value = {
            "heading": "Das Quartier in Zahlen",
            "facts": [
                {"value": "4.800", "unit": "m²", "label": "Fläche im Depot"},
                {"value": "38", "unit": "", "label": "Betriebe im Quartier"},
                {"value": "12", "unit": "Min.", "label": "bis zum Hauptbahnhof"},
            ],
        }


class TextWithImageBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)
    image = ImageBlock(label=_("Bild"))
    image_position = blocks.ChoiceBlock(
        label=_("Bild steht"),
        choices=[("end", _("rechts")), ("start", _("links"))],
        default="end",
    )

    def get_preview_value(self):
        # Real pictures and pages of the site (by id), looked up when the preview is shown.
        return self.to_python(
            {
                "heading": "Raum für Ideen",
                "text": "<p>Im Aachener Norden arbeiten Gestalter:innen Tür an Tür mit Werkstätten.</p>",
                "image": _preview_image("Werkbank im Depot"),
                "image_position": "end",
            }
        )

    class Meta:
        icon = "doc-full"
        template = "blocks/text_with_image_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Text mit Bild")
        description = _("Text neben einem Bild; auf dem Telefon untereinander.")


class TestimonialBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Zitat"), max_length=600)
    name = blocks.CharBlock(label=_("Name"), max_length=80)
    role = blocks.CharBlock(label=_("Funktion"), required=False, max_length=80)
    business = blocks.CharBlock(label=_("Betrieb"), required=False, max_length=80)
    image = ImageBlock(label=_("Porträt oder Logo"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Stimme")


class TestimonialsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    items = blocks.ListBlock(TestimonialBlock(), label=_("Stimmen"), min_num=1, max_num=6)

    class Meta:
        icon = "openquote"
        template = "blocks/testimonials_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Stimmen aus dem Quartier")
        description = _("Zitate von Betrieben, die schon im Quartier arbeiten.")
        preview_value = {
            "heading": "Wer schon hier ist",
            "items": [
                {
                    "quote": "Hier finden wir Werkstätten, die unsere Entwürfe wirklich bauen.",
                    "name": "Lena Hoffmann",
                    "role": "Gestalterin",
                    "business": "Studio Talstraße",
                }
            ],
        }


class CampaignGalleryBlock(GalleryBlock):
    """The project's gallery, with a preview for the block picker."""

    def get_preview_value(self):
        # Real pictures and pages of the site (by id), looked up when the preview is shown.
        return self.to_python(
            {
                "heading": "Einblicke",
                "images": [
                    {"image": image, "caption": ""}
                    for image in (_preview_image("Werkstatt", 0), _preview_image("Atelier", 1))
                    if image
                ],
            }
        )

    class Meta:
        preview_template = PREVIEW_TEMPLATE


class SpaceContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Ansprechperson"), required=False, max_length=80)
    email = blocks.EmailBlock(label=_("E-Mail"), required=False)
    phone = blocks.CharBlock(label=_("Telefon"), required=False, max_length=40)

    class Meta:
        label = _("Kontakt")


class SpaceBlock(blocks.StructBlock):
    KINDS = [
        ("studio", _("Atelier")),
        ("office", _("Büro")),
        ("workshop", _("Werkstatt")),
        ("shop", _("Laden")),
        ("other", _("Sonstiges")),
    ]

    name = blocks.CharBlock(label=_("Bezeichnung"), max_length=120)
    kind = blocks.ChoiceBlock(label=_("Art"), choices=KINDS, default="studio")
    size = blocks.DecimalBlock(label=_("Größe (m²)"), min_value=1, max_digits=7, decimal_places=1)
    rent_min = blocks.DecimalBlock(
        label=_("Miete ab (€ im Monat)"), required=False, min_value=0, decimal_places=0
    )
    rent_max = blocks.DecimalBlock(
        label=_("Miete bis (€ im Monat)"), required=False, min_value=0, decimal_places=0
    )
    rent_note = blocks.CharBlock(
        label=_("Hinweis zur Miete"),
        required=False,
        max_length=80,
        help_text=_("z. B. „zzgl. Nebenkosten“"),
    )
    available_from = blocks.DateBlock(
        label=_("Frei ab"), required=False, help_text=_("Leer lassen: sofort frei.")
    )
    contact = SpaceContactBlock()

    def clean(self, value):
        value = super().clean(value)
        low, high = value.get("rent_min"), value.get("rent_max")
        if low is not None and high is not None and high < low:
            raise blocks.StructBlockValidationError(
                {"rent_max": ValidationError(_("„Miete bis“ ist kleiner als „Miete ab“."))}
            )
        return value

    class Meta:
        icon = "home"
        label = _("Fläche")


class SpacesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    intro = blocks.TextBlock(label=_("Einleitung"), required=False, max_length=400)
    spaces = blocks.ListBlock(SpaceBlock(), label=_("Flächen"), min_num=1, max_num=20)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        kinds = dict(SpaceBlock.KINDS)
        context["spaces"] = [(space, kinds.get(space["kind"], "")) for space in value["spaces"]]
        return context

    class Meta:
        icon = "home"
        template = "blocks/spaces_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Freie Flächen")
        description = _("Liste freier Räume: Größe, Art, Miete, ab wann frei und Kontakt.")
        preview_value = {
            "heading": "Freie Flächen",
            "spaces": [
                {
                    "name": "Atelier im Depot, 1. OG",
                    "kind": "studio",
                    "size": "42",
                    "rent_min": "380",
                    "rent_max": "450",
                    "rent_note": "zzgl. Nebenkosten",
                    "contact": {"name": "Projektbüro", "email": "raum@made-in-aachen-nord.example"},
                }
            ],
        }


class AddressBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    street = blocks.CharBlock(label=_("Straße und Hausnummer"), max_length=120)
    city = blocks.CharBlock(label=_("PLZ und Ort"), max_length=80)
    note = blocks.CharBlock(label=_("Hinweis"), required=False, max_length=160)

    class Meta:
        icon = "site"
        label = _("Adresse")


class LocationBlock(blocks.StructBlock):
    """Addresses and, on request, a map: no request to a map server until the visitor asks.

    Without JavaScript the map is a link to openstreetmap.org; with it, a button loads
    OpenStreetMap's embedded map in place (`static/js/map-on-request.js`).
    """

    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=600)
    addresses = blocks.ListBlock(AddressBlock(), label=_("Adressen"), min_num=1, max_num=8)
    latitude = blocks.DecimalBlock(
        label=_("Breitengrad der Karte"),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=6,
        help_text=_("z. B. 50.7836; leer lassen: keine Karte."),
    )
    longitude = blocks.DecimalBlock(
        label=_("Längengrad der Karte"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=6,
        help_text=_("z. B. 6.0963"),
    )

    def clean(self, value):
        value = super().clean(value)
        if (value.get("latitude") is None) != (value.get("longitude") is None):
            raise blocks.StructBlockValidationError(
                {"longitude": ValidationError(_("Für die Karte beide Koordinaten angeben."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        lat, lon = value.get("latitude"), value.get("longitude")
        if lat is not None and lon is not None:
            lat, lon = float(lat), float(lon)
            context["map_link"] = (
                f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}"
                f"#map=17/{lat:.5f}/{lon:.5f}"
            )
            bbox = f"{lon - 0.006:.5f},{lat - 0.003:.5f},{lon + 0.006:.5f},{lat + 0.003:.5f}"
            context["map_embed"] = (
                "https://www.openstreetmap.org/export/embed.html"
                f"?bbox={bbox}&layer=mapnik&marker={lat:.5f},{lon:.5f}"
            )
        return context

    class Meta:
        icon = "site"
        template = "blocks/location_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Lage und Adressen")
        description = _(
            "Adressen und eine Karte von OpenStreetMap, die erst auf Wunsch der Besucher:innen lädt."
        )
        preview_value = {
            "heading": "So finden Sie uns",
            "addresses": [{"name": "Depot", "street": "Talstraße 2", "city": "52068 Aachen"}],
            "latitude": "50.7836",
            "longitude": "6.0963",
        }


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Name"), max_length=120, help_text=_("Dient auch als Alternativtext des Logos.")
    )
    logo = ImageChooserBlock(label=_("Logo"), required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner")


class PartnerLogosBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    partners = blocks.ListBlock(PartnerBlock(), label=_("Partner"), min_num=1, max_num=24)

    def get_preview_value(self):
        # Real pictures and pages of the site (by id), looked up when the preview is shown.
        return self.to_python(
            {
                "heading": "Partner",
                "partners": [
                    {"name": "Depot Talstraße", "logo": (_first_image_pks(1) or [None])[0]},
                    {"name": "Made in Aachen-Nord"},
                ],
            }
        )

    class Meta:
        icon = "group"
        template = "blocks/partner_logos_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Partner-Logos")
        description = _("Logos der Partner, jeweils mit Namen und optionalem Link.")


def _preview_pages(model_path: str, count: int) -> list[int]:
    from django.apps import apps

    model = apps.get_model(model_path)
    return list(
        model.objects.live()
        .filter(locale__language_code="de")
        .order_by("path")
        .values_list("pk", flat=True)[:count]
    )


class FeaturedDesignersBlock(DesignerTeasersBlock):
    """The designers' teaser block of `designers`, with a preview for the block picker."""

    def get_preview_value(self):
        # Real pictures and pages of the site (by id), looked up when the preview is shown.
        return self.to_python(
            {
                "heading": "Designer:innen aus dem Quartier",
                "designers": _preview_pages("designers.DesignerPage", 3),
            }
        )

    class Meta:
        preview_template = PREVIEW_TEMPLATE


class FeaturedStoriesBlock(PageTeasersBlock):
    stories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="designers.StoryPage", label=_("Geschichte")),
        label=_("Geschichten"),
        min_num=1,
        max_num=6,
    )

    pages = "stories"
    image_field = "hero_image"

    def get_preview_value(self):
        # Real pictures and pages of the site (by id), looked up when the preview is shown.
        return self.to_python(
            {
                "heading": "Geschichten aus den Werkstätten",
                "stories": _preview_pages("designers.StoryPage", 3),
            }
        )

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/featured_stories_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Geschichten vorstellen")
        description = _("Karten der gewählten Geschichten in der Sprache der Seite.")


class EnquiryCallToActionBlock(blocks.StructBlock):
    """The way to the enquiry form: its link carries the campaign code and the UTM parameters
    of the visit, which the form records with the enquiry (`campaigns.tracking`)."""

    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    page = PageLinkBlock(
        label=_("Anfrage-Seite"),
        required=False,
        help_text=_("Die Seite mit dem Anfrageformular. Ohne Seite erscheint kein Knopf."),
    )
    button_label = blocks.CharBlock(label=_("Beschriftung des Knopfs"), max_length=60)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["button_url"] = _campaign_link(value.get("page"), parent_context)
        # The first enquiry box is `#anfrage` (the hero's button jumps there); ids stay unique.
        request = (parent_context or {}).get("request")
        number = getattr(request, "_campaign_enquiry_boxes", 0) + 1
        if request is not None:
            request._campaign_enquiry_boxes = number
        context["anchor"] = "anfrage" if number == 1 else f"anfrage-{number}"
        return context

    class Meta:
        icon = "mail"
        template = "blocks/enquiry_cta_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Anfrage-Aufruf")
        description = _(
            "Ein Kasten mit Knopf zum Anfrageformular; der Link nennt die Kampagne der Seite."
        )
        preview_value = {
            "heading": "Sie suchen Raum im Aachener Norden?",
            "text": "Schreiben Sie uns, was Sie brauchen – wir melden uns innerhalb einer Woche.",
            "button_label": "Jetzt anfragen",
        }


class CampaignStreamBlock(blocks.StreamBlock):
    hero = CampaignHeroBlock()
    heading = HeadingBlock(preview_template=PREVIEW_TEMPLATE)
    paragraph = ParagraphBlock(
        preview_template=PREVIEW_TEMPLATE,
        preview_value="<p>Der Aachener Norden ist ein Quartier im Wandel.</p>",
    )
    key_facts = KeyFactsBlock()
    text_with_image = TextWithImageBlock()
    testimonials = TestimonialsBlock()
    gallery = CampaignGalleryBlock()
    spaces = SpacesBlock()
    location = LocationBlock()
    partners = PartnerLogosBlock()
    designers = FeaturedDesignersBlock()
    stories = FeaturedStoriesBlock()
    enquiry = EnquiryCallToActionBlock()
