from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site (`load_demo`) at the top of the layers: it builds content through the feature
    apps' models and public functions, and no feature app imports it."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo-Inhalte"
