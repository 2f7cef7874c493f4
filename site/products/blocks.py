"""Product blocks editors place in bodies: product cards, a product's production chain, and
"where to buy" (a product's or a designer's shops), which every body offers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core import dependencies
from core.localized import lang_mark


class ProductChooserBlock(SnippetChooserBlock):
    """A catalogue product chosen by an editor, read as that row alone: found by its id
    (`dependencies.looked_up`; ids are never reused), then noted by its translation key
    (`dependencies.note_rows`), so another product saved leaves the parts of a page that show
    this one in place, and this one's save replaces them."""

    def __init__(self, **kwargs):
        super().__init__("catalogue.Product", **kwargs)

    def bulk_to_python(self, values):
        with dependencies.looked_up(self.model_class):
            return self._read_as_rows(super().bulk_to_python(values))

    def to_python(self, value):
        with dependencies.looked_up(self.model_class):
            return self._read_as_rows([super().to_python(value)])[0]

    def _read_as_rows(self, found: list) -> list:
        """`found` (products, None where one is gone), noted as read by their keys alone."""
        keys = [product.translation_key for product in found if product is not None]
        if keys:  # none found (all removed): nothing of the table shown
            dependencies.note_rows(self.model_class, keys)
        return found


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
    product = ProductChooserBlock(
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
        from products import where_to_buy
        from shop_links import presentation

        context = super().get_context(value, parent_context=parent_context)
        placement = presentation.Placement.BLOCK
        where, subject, section_id = None, None, ""
        product, designer = value.get("product"), value.get("designer")
        if product is not None:
            from products.presentation import live_records_by_key, product_views

            views = product_views(live_records_by_key([product.translation_key]))
            if views:
                where = where_to_buy.for_product(views[0].record, placement=placement)
                view = views[0]
                subject = {
                    "title": view.text.title,
                    "url": view.url,
                    "lang": lang_mark(view.text_language),
                }
                section_id = f"where-product-{view.record.pk}"
        elif designer is not None:
            page = designer.specific.localized
            if page.live:
                where = where_to_buy.for_designer(page, placement=placement)
                subject = {"title": page.title, "url": page.url, "lang": ""}
                section_id = f"where-designer-{page.pk}"
        context.update(where=where, subject=subject, section_id=section_id)
        return context


class ProductTeasersBlock(blocks.StructBlock):
    """Product cards: the products chosen, or else those the editors marked as featured."""

    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    products = blocks.ListBlock(
        ProductChooserBlock(label=_("Produkt")),
        label=_("Produkte"),
        required=False,
        max_num=8,
        help_text=_("Leer lassen: die als „hervorgehoben“ markierten Produkte."),
    )

    def get_context(self, value, parent_context=None):
        from catalogue.models import Product
        from products.presentation import live_records, live_records_by_key, product_cards

        context = super().get_context(value, parent_context=parent_context)
        chosen = [product.translation_key for product in value["products"] if product is not None]
        if chosen:
            records = live_records_by_key(chosen)
        else:
            # Which products are featured, A to Z: a list only a save of a column it picks or
            # orders by changes (`Product.row_content_fields`), "featured" among them (a flag
            # no other list picks by: `Product.row_list_flags`); the cards are read row by row.
            with dependencies.rows_read(Product, (), flags={"featured"}):
                records = list(
                    live_records()
                    .select_related("locale")
                    .filter(featured=True)
                    .order_by("title")[:8]
                )
        # The cards, shared with the product index and designer pages (`product_cards`).
        request = parent_context.get("request") if parent_context else None
        context["products"] = product_cards(request, records)
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

    product = ProductChooserBlock(label=_("Produkt"))
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)

    def get_context(self, value, parent_context=None):
        from products.presentation import live_records_by_key, product_views, production_chain

        context = super().get_context(value, parent_context=parent_context)
        product = value["product"]
        views = product_views(live_records_by_key([product.translation_key])) if product else []
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


class LineSheetBlock(blocks.StructBlock):
    """A link to the line sheet (`products.line_sheet`) in the page's language, all products or
    one designer's, with what it is (a PDF of so many products); nothing at all while editors
    have not switched public downloads on (`products.line_sheet_download`)."""

    heading = blocks.CharBlock(
        label=_("Überschrift"),
        required=False,
        max_length=120,
        help_text=_("Leer lassen: „Produktliste“."),
    )
    designer = blocks.PageChooserBlock(
        page_type="designers.DesignerPage",
        label=_("Designer:in"),
        required=False,
        help_text=_("Leer lassen: alle Produkte. Sonst nur die Produkte dieser Person."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/line_sheet_block.html"
        label = _("Produktliste herunterladen")
        description = _(
            "Ein Link auf die Produktliste als PDF (Fotos, Varianten, Preise) in der Sprache der "
            "Seite; erscheint nur, wenn das Herunterladen auf der Produktübersicht eingeschaltet ist."
        )

    def get_context(self, value, parent_context=None):
        from django.utils import translation

        from catalogue.models import Product
        from products.line_sheet import live_selection, max_products
        from products.line_sheet_download import line_sheet_url

        context = super().get_context(value, parent_context=parent_context)
        designer = value.get("designer")
        ref = getattr(designer.specific, "catalogue_ref", "") if designer is not None else ""
        if designer is not None and not ref:
            context["line_sheet"] = None  # a designer without products in the catalogue
            return context
        url = line_sheet_url(translation.get_language(), ref)
        # How many: a count an editor's save changes only with every list of products
        # (`Product.row_content_fields`): a product's new teaser leaves the block in place.
        with dependencies.rows_read(Product, ()):
            count = live_selection(ref).count() if url else 0
        context["line_sheet"] = (
            {
                "url": url,
                "count": count,
                "designer": designer.specific.localized if designer else None,
            }
            if url and 0 < count <= max_products()
            else None
        )
        return context
