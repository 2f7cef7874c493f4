"""A read-only view of the facts that hang off a product's German record.

Variants, photos, the production chain and stockist links are not fields of the product row
(they exist once, for all languages), so no FieldPanel can show them; this panel renders them
in the edit view so that an editor sees the whole product in one place, and where to change it.
"""

from wagtail.admin.panels import Panel


class CatalogueFactsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/catalogue_facts.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            record = self.instance.record
            context.update(
                variants=list(record.variants.all()),
                images=list(record.images.select_related("image")),
                partners=[link.partner for link in record.partner_links.select_related("partner")],
                stockists=list(record.stockist_links.select_related("retailer")),
                old_slugs=list(record.old_slugs.values_list("slug", flat=True)),
            )
            return context
