from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.health import health
from core.sitemaps import sitemap

handler400 = core_views.bad_request
handler404 = core_views.page_not_found
handler500 = core_views.server_error

urlpatterns = [
    # Wagtail's exporting reports and listings at their own addresses, with formula-safe exports.
    path("admin/", include("core.admin_exports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("go/", include("shop_links.urls")),
    path("health/", health, name="health"),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Every public page lives under its language prefix: /de/, /en/, /nl/, /fr/. A request for "/"
# is redirected by LocaleMiddleware to the visitor's best Accept-Language match, else /de/.
urlpatterns += i18n_patterns(
    path("suche/", core_views.search, name="search"),
    path("", include("enquiries.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
