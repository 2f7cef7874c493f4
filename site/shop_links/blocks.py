"""The "where to buy" block editors can place in any body: a product's or a designer's shops."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class WhereToBuyBlock(blocks.StructBlock):
    """Shops for one product (from the catalogue) or one designer, in the visitor's language.

    Either choice is stored as the German row or page (or any translation of it: the block finds
    the German one by translation key), so one block serves every language of the page.
    """

    heading = blocks.CharBlock(
        label=_("Überschrift"),
        required=False,
        max_length=120,
        help_text=_("Leer lassen: „Wo kaufen“."),
    )
    product = SnippetChooserBlock(
        "catalogue.Product",
        label=_("Produkt"),
        required=False,
        help_text=_("Ein Produkt aus dem Katalog – oder unten eine Designer:in."),
    )
    designer = blocks.PageChooserBlock(
        page_type="designers.DesignerPage",
        label=_("Designer:in"),
        required=False,
        help_text=_("Läden, die Produkte dieser Person führen."),
    )

    class Meta:
        icon = "link-external"
        template = "blocks/where_to_buy_block.html"
        label = _("Wo kaufen")
        description = _(
            "Die Läden und Online-Shops, die ein Produkt oder Arbeiten einer Designer:in führen."
        )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("product")) == bool(value.get("designer")):
            message = _("Bitte entweder ein Produkt oder eine Designer:in wählen.")
            raise blocks.StructBlockValidationError(
                {"product": ValidationError(message), "designer": ValidationError(message)}
            )
        return value

    def get_context(self, value, parent_context=None):
        from django.conf import settings

        from catalogue.models import Product
        from shop_links import presentation

        context = super().get_context(value, parent_context=parent_context)
        placement = presentation.Placement.BLOCK
        where, subject, section_id = None, None, ""
        product, designer = value.get("product"), value.get("designer")
        if product is not None:
            from designers.products import product_views

            records = Product.objects.live().filter(
                translation_key=product.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            views = product_views(records)
            if views:
                where = presentation.for_product(views[0].record, placement=placement)
                view = views[0]
                subject = {
                    "title": view.text.title,
                    "url": view.url,
                    "lang": view.text_language if view.is_fallback else "",
                }
                section_id = f"where-product-{view.record.pk}"
        elif designer is not None:
            page = designer.specific.localized
            if page.live:
                where = presentation.for_designer(page, placement=placement)
                subject = {"title": page.title, "url": page.url, "lang": ""}
                section_id = f"where-designer-{page.pk}"
        context.update(where=where, subject=subject, section_id=section_id)
        return context
