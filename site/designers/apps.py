from django.apps import AppConfig


class DesignersConfig(AppConfig):
    name = "designers"
    label = "designers"
    verbose_name = "Designer:innen"
    # core.registry: changes to these rows show on pages (they replace the content version);
    # blocks and cards link to these index pages on every page (core.frame.index_url).
    shown_on_pages = True
    index_page_types = ("designers.StoryIndexPage",)
