"""Blocks every area may use. Each StructBlock explains itself in the editor's block picker."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Abschnitt (H2)")), ("h3", _("Unterabschnitt (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Überschrift")
        description = _("Eine Zwischenüberschrift, die den Text gliedert.")
        preview_value = {"text": "Gemacht in Aachen-Nord", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    # Wagtail's ImageBlock carries the alt text (translatable) and the "decorative" choice.
    image = ImageBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Bild mit Unterschrift")
        description = _("Ein Bild über die volle Textbreite, optional mit Unterschrift.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Von wem"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Zitat")
        description = _("Ein hervorgehobenes Zitat mit Quelle.")
        preview_value = {
            "quote": "Hier entsteht Design, das Arbeit in den Stadtteil bringt.",
            "attribution": "Projektteam",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Ziel-Seite"))
    button_label = blocks.CharBlock(label=_("Beschriftung des Knopfs"), max_length=60)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Handlungsaufruf")
        description = _("Ein hervorgehobener Kasten mit Text und einem Link auf eine Seite.")


class BodyStreamBlock(blocks.StreamBlock):
    """The common body of content pages; areas extend it with their own blocks."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="blocks/paragraph_block.html",
        description=_("Fließtext mit Fett, Kursiv, Links und Listen."),
        preview_value="<p>Produkte aus der Region, gefertigt in Werkstätten im Aachener Norden.</p>",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
