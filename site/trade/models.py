"""For shops: the trade page (who the label sells to, the terms, the trade enquiry) and the press
and point-of-sale kit (logos, photos for print, short texts, documents, a press contact).

The trade enquiry is a form of the enquiry pipeline (`enquiries`): the page offers what
`enquiries.views.serve_enquiry_form` asks of a form page (`enquiries.models.FixedFormPageMixin`),
posts to the pipeline's addresses with its signed token, and stores each post as an `Enquiry`
of the kind `trade` (`trade.apps.TRADE_KIND`) before any mail.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import CollectionViewRestriction, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.models import BasePage
from enquiries.models import FixedFormPageMixin
from trade.apps import TRADE
from trade.blocks import KitDocumentBlock, LogoBlock, PhotoBlock, ShortTextBlock
from trade.forms import TradeEnquiryForm

RICH = ["bold", "italic", "link"]
NOTIFY_HELP = _(
    "E-Mail-Adressen des Teams, durch Kommas getrennt; ohne Angabe die Adresse aus "
    "ENQUIRY_NOTIFY_FALLBACK."
)


class TradePage(FixedFormPageMixin, BasePage):
    intro = RichTextField(
        _("Einleitung"),
        features=RICH,
        blank=True,
        help_text=_("Ein, zwei Sätze: an wen das Label verkauft."),
    )
    body = StreamField(
        BodyStreamBlock,
        verbose_name=_("Inhalt"),
        blank=True,
        help_text=_(
            "Wer bei uns einkauft (Museumsshops, Concept Stores, Fair-Trade-Läden …) und die "
            "Konditionen in allgemeinen Worten: Mindestmengen, Lieferzeiten, Rabatte."
        ),
    )
    form_intro = RichTextField(_("Einleitung zum Anfrageformular"), features=RICH, blank=True)
    thank_you_text = RichTextField(
        _("Dank nach dem Absenden"),
        features=RICH,
        blank=True,
        help_text=_("Wird nach dem Absenden gezeigt, in der Sprache der Seite."),
    )
    to_address = models.CharField(
        _("Benachrichtigung an"), max_length=255, blank=True, help_text=NOTIFY_HELP
    )

    template = "trade/trade_page.html"
    form_class = TradeEnquiryForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("form_intro"), FieldPanel("thank_you_text"), FieldPanel("to_address")],
            heading=_("Händleranfrage"),
        ),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("body"),
        TranslatableField("form_intro"),
        TranslatableField("thank_you_text"),
        SynchronizedField("to_address"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Seite für Händler")
        verbose_name_plural = _("Seiten für Händler")

    # The pipeline's form page (enquiries.models.FixedFormPageMixin) ------------------------

    def process_form_submission(self, form, *, request=None, token=None):
        from enquiries.submission import store_submission

        return store_submission(
            self, form.answers(), email=form.cleaned_data["email"], token=token, kind=TRADE
        )

    def landing_texts(self) -> dict:
        return {
            "thanks_heading": gettext("Vielen Dank für Ihre Händleranfrage"),
            "thanks_text": gettext(
                "Wir haben Ihre Anfrage erhalten und schicken Ihnen bald unsere Konditionen."
            ),
            "back_label": gettext("Zurück zur Seite für Händler"),
        }


class PressKitPage(BasePage):
    intro = RichTextField(
        _("Einleitung"),
        features=RICH,
        blank=True,
        help_text=_("Wofür die Dateien gedacht sind und wie das Label genannt werden möchte."),
    )
    logos = StreamField([("logo", LogoBlock())], verbose_name=_("Logos"), blank=True)
    photos = StreamField(
        [("photo", PhotoBlock())],
        verbose_name=_("Fotos für den Druck"),
        blank=True,
        help_text=_("Verlinkt wird die Originaldatei; laden Sie Fotos in Druckauflösung hoch."),
    )
    texts = StreamField(
        [("text", ShortTextBlock())],
        verbose_name=_("Kurztexte"),
        blank=True,
        help_text=_("Texte über das Label mit etwa 50, 150 und 400 Wörtern, zum Übernehmen."),
    )
    documents = StreamField(
        [("document", KitDocumentBlock())],
        verbose_name=_("Dokumente"),
        blank=True,
        help_text=_(
            "Z. B. das Faktenblatt als PDF. Dokumente privater Sammlungen erscheinen nicht."
        ),
    )
    contact_name = models.CharField(_("Pressekontakt: Name"), max_length=120, blank=True)
    contact_role = models.CharField(_("Pressekontakt: Aufgabe"), max_length=120, blank=True)
    contact_email = models.EmailField(_("Pressekontakt: E-Mail"), blank=True)
    contact_phone = models.CharField(_("Pressekontakt: Telefon"), max_length=40, blank=True)

    template = "trade/press_kit_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("logos"),
        FieldPanel("photos"),
        FieldPanel("texts"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Pressekontakt"),
        ),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("logos"),
        TranslatableField("photos"),
        TranslatableField("texts"),
        TranslatableField("documents"),
        SynchronizedField("contact_name"),
        TranslatableField("contact_role"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Presse- und Händlermappe")
        verbose_name_plural = _("Presse- und Händlermappen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        private = private_collection_ids()
        context["kit_logos"] = [
            {
                "name": block.value["name"],
                "image": block.value["image"],
                "file": image_file(block.value["image"]),
                "document": public_document(block.value["document"], private),
            }
            for block in self.logos
            if block.value["image"] is not None
        ]
        context["kit_photos"] = [
            {"block": block.value, "file": image_file(block.value["image"])}
            for block in self.photos
            if block.value["image"] is not None
        ]
        context["kit_texts"] = [
            {
                "length": block.value["length"],
                "paragraphs": [
                    part.strip() for part in block.value["text"].split("\n\n") if part.strip()
                ],
            }
            for block in self.texts
        ]
        context["kit_documents"] = [
            {"file": document, "description": block.value["description"]}
            for block in self.documents
            if (document := public_document(block.value["document"], private)) is not None
        ]
        return context


def private_collection_ids() -> set[int]:
    """The collections whose documents only some people may open (a view restriction on the
    collection or on one above it): one query."""
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    paths = list(restricted)
    if not paths:
        return set()
    from wagtail.models import Collection

    query = models.Q()
    for path in paths:
        query |= models.Q(path__startswith=path)
    return set(Collection.objects.filter(query).values_list("pk", flat=True))


def public_document(document, private: set[int]) -> dict | None:
    """Name, address, format and size of a document anyone may open; None for a private one."""
    if document is None or document.collection_id in private:
        return None
    return {
        "title": document.title,
        "url": document.url,
        "format": document.file_extension.upper(),
        "size": document.get_file_size(),
    }


def image_file(image) -> dict:
    """The original of a library image: its address in the media storage, format, pixels, bytes."""
    return {
        "url": image.file.url,
        "format": image.file.name.rsplit(".", 1)[-1].upper(),
        "width": image.width,
        "height": image.height,
        "size": image.get_file_size(),
    }
