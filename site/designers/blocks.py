"""Blocks of designer biographies and product stories."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import (
    GalleryBlock,
    HeadingBlock,
    ImageWithCaptionBlock,
    QuoteBlock,
    VideoBlock,
)
from core.i18n import localized_live_pages
from products.blocks import ProductionChainBlock, ProductTeasersBlock, WhereToBuyBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class DesignerTeasersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    designers = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="designers.DesignerPage", label=_("Designer:in")),
        label=_("Designer:innen"),
        min_num=1,
        max_num=6,
    )

    def get_context(self, value, parent_context=None):
        """The chosen designers in the visitor's language, fetched together (live ones only)."""
        from designers.models import DesignerPage

        context = super().get_context(value, parent_context=parent_context)
        context["designers"] = localized_live_pages(DesignerPage, value["designers"], "portrait")
        return context

    class Meta:
        icon = "user"
        template = "blocks/designer_teasers_block.html"
        label = _("Designer:innen vorstellen")
        description = _("Karten mit Porträt und Kurztext der gewählten Designer:innen.")


class BiographyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=PARAGRAPH_FEATURES,
        template="blocks/paragraph_block.html",
        description=_("Fließtext mit Fett, Kursiv, Links und Listen."),
        preview_value="<p>Sie arbeitet mit Stoffen, die sonst im Müll landen würden.</p>",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    gallery = GalleryBlock()
    video = VideoBlock()


class StoryStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=PARAGRAPH_FEATURES,
        template="blocks/paragraph_block.html",
        description=_("Fließtext mit Fett, Kursiv, Links und Listen."),
        preview_value="<p>Im Depot entsteht jede Tasche in Handarbeit.</p>",
    )
    image = ImageWithCaptionBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    designer_teasers = DesignerTeasersBlock()
    production_chain = ProductionChainBlock()
    product_teasers = ProductTeasersBlock()
    where_to_buy = WhereToBuyBlock()
