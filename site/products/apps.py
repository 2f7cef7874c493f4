from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "products"
    label = "products"
    verbose_name = "Produkte"
    # core.registry: blocks and cards link to the product index on every page (core.frame.index_url).
    index_page_types = ("products.ProductIndexPage",)
    # core.registry: every page body (content pages, the home page) offers "where to buy".
    body_blocks = (
        ("where_to_buy", "products.blocks.WhereToBuyBlock"),
        ("line_sheet", "products.blocks.LineSheetBlock"),
    )

    def product_index_url(self, locale) -> str:
        """Where this language's product pages live, for apps below this one (the retailers
        page of `shop_links` links the products each shop stocks)."""
        from products.presentation import product_index_url

        return product_index_url(locale)
