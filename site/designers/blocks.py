"""Blocks of designer biographies and product stories."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import (
    GalleryBlock,
    HeadingBlock,
    ImageWithCaptionBlock,
    PageTeasersBlock,
    ParagraphBlock,
    QuoteBlock,
    VideoBlock,
)
from shop_links.blocks import WhereToBuyBlock


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


class ProductTeasersBlock(blocks.StructBlock):
    """Product cards: the products chosen, or else those the editors marked as featured."""

    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    products = blocks.ListBlock(
        SnippetChooserBlock("catalogue.Product", label=_("Produkt")),
        label=_("Produkte"),
        required=False,
        max_num=8,
        help_text=_("Leer lassen: die als „hervorgehoben“ markierten Produkte."),
    )

    def get_context(self, value, parent_context=None):
        from designers.products import live_records, product_views

        context = super().get_context(value, parent_context=parent_context)
        chosen = [product.translation_key for product in value["products"] if product is not None]
        records = live_records()
        if chosen:
            by_key = {
                view.record.translation_key: view
                for view in product_views(records.filter(translation_key__in=chosen))
            }
            context["products"] = [by_key[key] for key in chosen if key in by_key]
        else:
            context["products"] = product_views(records.filter(featured=True).order_by("title")[:8])
        return context

    class Meta:
        icon = "pick"
        template = "blocks/product_teasers_block.html"
        label = _("Produkte vorstellen")
        description = _(
            "Karten mit Bild, Name und Preis der gewählten (oder hervorgehobenen) Produkte."
        )


class ProductionChainBlock(blocks.StructBlock):
    """The steps from design to shop for one product, drawn inside a story."""

    product = SnippetChooserBlock("catalogue.Product", label=_("Produkt"))
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)

    def get_context(self, value, parent_context=None):
        from designers.products import live_records, product_views, production_chain

        context = super().get_context(value, parent_context=parent_context)
        product = value["product"]
        views = (
            product_views(live_records().filter(translation_key=product.translation_key))
            if product
            else []
        )
        view = views[0] if views else None
        designer = view.record.designer() if view else None
        designer = designer.localized.specific if designer else None
        context.update(product=view, steps=production_chain(view, designer) if view else [])
        return context

    class Meta:
        icon = "list-ol"
        template = "blocks/production_chain_block.html"
        label = _("Produktionskette")
        description = _("Zeigt für ein Produkt die Schritte: Entwurf, Fertigung, Verkauf.")


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
