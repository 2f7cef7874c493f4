from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    label = "catalogue"
    verbose_name = "Katalog"
    # core.registry: changes to these rows show on pages (they replace the content version),
    # except the sync's run log and lock.
    shown_on_pages = True
    not_shown_on_pages = ("SyncRun", "SyncLock")
    # A saved or deleted vocabulary term replaces the cached vocabularies like any row shown on
    # pages: they are kept with the terms' table (`catalogue.vocabulary.labels`).
