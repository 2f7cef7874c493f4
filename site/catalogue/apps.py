from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    label = "catalogue"
    verbose_name = "Katalog"
    # core.registry: changes to these rows show on pages (they replace the content version),
    # except the sync's run log and lock.
    shown_on_pages = True
    not_shown_on_pages = ("SyncRun", "SyncLock")

    def ready(self):
        from catalogue import vocabulary

        vocabulary.connect_signals()
