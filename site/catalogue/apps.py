from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    label = "catalogue"
    verbose_name = "Katalog"

    def ready(self):
        from catalogue import vocabulary

        vocabulary.connect_signals()
