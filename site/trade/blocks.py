"""The press and point-of-sale kit's blocks: logo files, photos for print, short texts and
documents, each drawn from the library and shown with its format and size.

Image originals are linked as Wagtail serves them (the file's own address in the media storage);
documents through Wagtail's document view, which keeps a document of a private collection to
the people allowed to see it (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`). The page leaves such a
document out altogether (`PressKitPage.public_documents`), so its name is not shown either.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class LogoBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Bezeichnung"), max_length=120, help_text=_("Z. B. „Logo farbig“.")
    )
    image = ImageChooserBlock(
        label=_("Logo als Bild"),
        help_text=_("PNG oder JPEG aus der Mediathek; verlinkt wird das Original."),
    )
    document = DocumentChooserBlock(
        label=_("Logo als Datei"),
        required=False,
        help_text=_("Freiwillig: dieselbe Marke als PDF für den Druck."),
    )

    class Meta:
        icon = "image"
        label = _("Logo")


class PhotoBlock(blocks.StructBlock):
    # Wagtail's ImageBlock carries the alt text (translatable) of the preview.
    image = ImageBlock(label=_("Foto"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=200)
    credit = blocks.CharBlock(
        label=_("Foto von"),
        required=False,
        max_length=120,
        help_text=_("Wird als Nachweis genannt."),
    )

    class Meta:
        icon = "image"
        label = _("Foto für den Druck")


class ShortTextBlock(blocks.StructBlock):
    length = blocks.ChoiceBlock(
        label=_("Länge"),
        choices=[
            ("50", _("etwa 50 Wörter")),
            ("150", _("etwa 150 Wörter")),
            ("400", _("etwa 400 Wörter")),
        ],
        default="50",
    )
    text = blocks.TextBlock(
        label=_("Text"),
        help_text=_("Reiner Text zum Kopieren; Absätze durch eine Leerzeile trennen."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Kurztext")


class KitDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    description = blocks.CharBlock(
        label=_("Beschreibung"),
        required=False,
        max_length=200,
        help_text=_("Z. B. „Zahlen und Fakten, 2 Seiten“."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Dokument")
