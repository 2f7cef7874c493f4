from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every area of the site shares: base page, blocks, navigation, footer, legal pages."""

    name = "core"
    label = "core"
    verbose_name = "Gemeinsame Bausteine"
    # core.registry: navigation, footer, site settings and the pages show on pages.
    shown_on_pages = True

    def ready(self):
        from core import content_version, i18n, images, pagecache, release, routing

        images.register()
        i18n.patch_locale_lookups()
        routing.patch_wagtail_lookups()
        content_version.connect_signals()
        # Django's sitemap view pages long sitemaps with `?p=`.
        pagecache.register_query_parameters("p")
        # `runserver`: a template saved is this process's next release (no restart for those).
        release.follow_file_changes()
