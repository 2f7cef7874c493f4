from django.apps import AppConfig


class ShopLinksConfig(AppConfig):
    name = "shop_links"
    label = "shop_links"
    verbose_name = "Bezugsquellen"
    # core.registry: changes to these rows show on pages (they replace the content version),
    # except the click counts and link checks that visitors and a job write; blocks link to the
    # retailers page on every page (core.frame.index_url).
    shown_on_pages = True
    not_shown_on_pages = ("ClickCount", "LinkCheck")
    index_page_types = ("shop_links.RetailerIndexPage",)
    # catalogue.sync.steps: the feed's retailers and stockist links are written by this app.
    catalogue_retailer_step = "shop_links.catalogue_feed.RetailerRows"
