from django.apps import AppConfig


class DepotConfig(AppConfig):
    name = "depot"
    label = "depot"
    verbose_name = "Depot"
    # core.registry: the shared resources show on the Depot's page (publishing one replaces the
    # content version, so the page shows it on the next request).
    shown_on_pages = True
