from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "results"
    label = "results"
    verbose_name = "Wirkung"
    # core.registry: indicators and their values show on the results page (saving one replaces
    # the content version, so the page and its CSV change on the next request).
    shown_on_pages = True
