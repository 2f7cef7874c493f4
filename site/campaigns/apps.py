from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    label = "campaigns"
    verbose_name = "Kampagnen"
    # core.registry: changes to these rows show on pages (they replace the content version).
    shown_on_pages = True
