from django.apps import AppConfig


class WorkplaceConfig(AppConfig):
    """The communications team's workplace: roles, the review workflow, translation status."""

    name = "workplace"
    label = "workplace"
    verbose_name = "Arbeitsplatz"
