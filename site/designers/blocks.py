"""Blocks of designer biographies and product stories."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import (
    GalleryBlock,
    HeadingBlock,
    ImageWithCaptionBlock,
    PageTeasersBlock,
    ParagraphBlock,
    QuoteBlock,
    VideoBlock,
)
from products.blocks import ProductionChainBlock, ProductTeasersBlock, WhereToBuyBlock


class DesignerTeasersBlock(PageTeasersBlock):
    designers = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="designers.DesignerPage", label=_("Designer:in")),
        label=_("Designer:innen"),
        min_num=1,
        max_num=6,
    )

    pages = "designers"
    image_field = "portrait"

    class Meta:
        icon = "user"
        template = "blocks/designer_teasers_block.html"
        label = _("Designer:innen vorstellen")
        description = _("Karten mit Porträt und Kurztext der gewählten Designer:innen.")


class BiographyStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(
        preview_value="<p>Sie arbeitet mit Stoffen, die sonst im Müll landen würden.</p>",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    gallery = GalleryBlock()
    video = VideoBlock()


class StoryStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock(preview_value="<p>Im Depot entsteht jede Tasche in Handarbeit.</p>")
    image = ImageWithCaptionBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    designer_teasers = DesignerTeasersBlock()
    production_chain = ProductionChainBlock()
    product_teasers = ProductTeasersBlock()
    where_to_buy = WhereToBuyBlock()
