from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "products"
    label = "products"
    verbose_name = "Produkte"

    def product_index_url(self, locale) -> str:
        """Where this language's product pages live, for apps below this one (the retailers
        page of `shop_links` links the products each shop stocks)."""
        from products.presentation import product_index_url

        return product_index_url(locale)
