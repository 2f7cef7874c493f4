from django.apps import AppConfig


class PartnerFeedConfig(AppConfig):
    name = "partner_feed"
    label = "partner_feed"
    verbose_name = "Produkt-Feed für Partner"
    # Keys and the access switch show on no page: a change to them must not replace the
    # content version (core.registry), so the feed's ETags stay as they are.
    shown_on_pages = False
