from django.apps import AppConfig


class DesignersConfig(AppConfig):
    name = "designers"
    label = "designers"
    verbose_name = "Designer:innen"
