from django.apps import AppConfig


class ProjectConfig(AppConfig):
    name = "project"
    label = "project"
    verbose_name = "Projekt"
    # core.registry: changes to these rows show on pages (they replace the content version).
    shown_on_pages = True
