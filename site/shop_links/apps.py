from django.apps import AppConfig


class ShopLinksConfig(AppConfig):
    name = "shop_links"
    label = "shop_links"
    verbose_name = "Bezugsquellen"
