"""Blocks every area may use. Each StructBlock explains itself in the editor's block picker."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from core import dependencies, registry
from core.i18n import localized_live_pages

# What a paragraph offers editors everywhere (content pages add subheadings, `h3`).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    """Running text: the one paragraph block every stream offers.

    Areas pass only what differs: the sample text of the block picker's preview, and features
    beyond the common ones.
    """

    def __init__(self, features=None, **kwargs):
        super().__init__(features=features or PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Text")
        description = _("Fließtext mit Fett, Kursiv, Links und Listen.")


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


class PageLinkBlock(blocks.PageChooserBlock):
    """A page a block links to, by its address and title and nothing of its content (a button's
    target, a card's link): read by its tree alone (`core.dependencies.recording(
    structure_only=True)`), so that an editor's edit of the linked page's text leaves the parts
    of other pages that link it in place, where a new title, slug, publish or unpublish replaces
    them. Templates show it through `link_target` (the `link_target` filter of `core_tags`)."""

    def bulk_to_python(self, values):
        with dependencies.recording(structure_only=True):
            return super().bulk_to_python(values)

    def to_python(self, value):
        with dependencies.recording(structure_only=True):
            return super().to_python(value)


def link_target(page):
    """The page a link to `page` leads a visitor to: its translation in the active language where
    that is live, else `page` itself (`Page.localized`), read by its tree alone like the
    `PageLinkBlock` that chose it. None for none."""
    if page is None:
        return None
    with dependencies.recording(structure_only=True):
        return page.localized


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = PageLinkBlock(label=_("Ziel-Seite"))
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


class PageTeasersBlock(blocks.StructBlock):
    """Cards for pages an editor chose (designers, stories), in the visitor's language.

    A subclass adds the list of choosers under the name `pages` gives, which is also the name
    its template reads the pages by; its page type is the chooser's. Live and public pages only,
    in the editor's order, with the renditions of `image_field`, in one query however many.
    """

    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)

    pages = ""  # the child block: a ListBlock of PageChooserBlocks
    image_field = ""  # the pages' picture on the cards

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        model = self.child_blocks[self.pages].child_block.target_model
        context[self.pages] = localized_live_pages(model, value[self.pages], self.image_field)
        return context


class BodyStreamBlock(blocks.StreamBlock):
    """The common body of content pages; areas extend it with their own blocks."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(
        features=[*PARAGRAPH_FEATURES, "h3"],
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
