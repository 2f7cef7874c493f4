from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = "Startseite"
    # core.registry: changes to these rows show on pages (they replace the content version).
    shown_on_pages = True
