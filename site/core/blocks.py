"""Blocks every area may use. Each StructBlock explains itself in the editor's block picker."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from core import registry


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


class GalleryImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Bild")


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("Bilder"), min_num=2, max_num=12)

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"
        label = _("Galerie")
        description = _("Zwei bis zwölf Bilder in einem Raster, jedes mit optionaler Unterschrift.")


class VideoBlock(blocks.StructBlock):
    """A video on YouTube or Vimeo, shown as a link until the visitor chooses to watch it.

    Nothing is loaded from the video platform with the page (no iframe, no oEmbed request):
    visitors decide for themselves whether to leave for the platform, and the site needs no
    outside network to render.
    """

    url = blocks.URLBlock(label=_("Adresse des Videos"), help_text=_("z. B. https://vimeo.com/…"))
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    description = blocks.TextBlock(label=_("Beschreibung"), required=False, max_length=300)
    poster = ImageBlock(label=_("Vorschaubild"), required=False)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        description = _(
            "Ein Video als Vorschau mit Link; es lädt erst, wenn Besucher:innen es öffnen."
        )
        preview_value = {
            "url": "https://vimeo.com/",
            "title": "Ein Tag in der Holzwerkstatt",
            "description": "Drei Minuten im Depot.",
        }

    def clean(self, value):
        value = super().clean(value)
        parts = urlsplit(value.get("url") or "")
        if parts.scheme != "https":
            raise blocks.StructBlockValidationError(
                {"url": ValidationError(_("Bitte eine https-Adresse angeben."))}
            )
        return value


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
    gallery = GalleryBlock()
    call_to_action = CallToActionBlock()

    def __init__(self, local_blocks=None, **kwargs):
        """The declared blocks, then those the feature apps offer in every body
        (`core.registry.body_blocks()`, e.g. the products app's "where to buy"), then a
        subclass's own: the order editors see in the block picker, and the order that the
        migrations freeze."""
        offered = registry.body_blocks()
        super().__init__([*offered, *(local_blocks or [])], **kwargs)
        first = [*BodyStreamBlock.base_blocks, *(name for name, _block in offered)]
        rest = [name for name in self.child_blocks if name not in first]
        self.child_blocks = {name: self.child_blocks[name] for name in [*first, *rest]}
