from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as wagtaildocs_views

from core import views as core_views
from core.sitemaps import sitemap

handler400 = core_views.bad_request
handler404 = core_views.page_not_found
handler500 = core_views.server_error

urlpatterns = [
    # Wagtail's exporting reports and listings at their own addresses, with formula-safe exports.
    path("admin/", include("core.admin_exports")),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document views; no shared cache may keep a document (it may be private, or
    # become so), so every answer says `private, no-store`.
    re_path(
        r"^documents/(\d+)/(.*)$",
        cache_control(private=True, no_store=True)(wagtaildocs_views.serve),
        name="wagtaildocs_serve",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        wagtaildocs_views.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("go/", include("shop_links.urls")),
    path("p/", include("products.urls")),  # product passports: a hang tag's QR code
    path("api/", include("partner_feed.urls")),  # the product feed for partners
    path("health/", include("core.health")),
    path("", core_views.language_home, name="language_home"),
]

if settings.MEDIA_URL.startswith("/"):
    # Answers only while SERVE_MEDIA is on (development and test servers), never documents.
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", core_views.serve_media)
    )

# Every public page lives under its language prefix: /de/, /en/, /nl/, /fr/. A request for "/"
# is redirected to the visitor's best Accept-Language match, else /de/ (core.views.language_home).
# The search's address is translated like the pages' slugs (/en/search/, /fr/recherche/); the
# German one, which every language had before, still answers under each prefix with a redirect.
urlpatterns += i18n_patterns(
    path(_("suche/"), core_views.search, name="search"),
    path("suche/", core_views.search_moved, name="search_moved"),
    path("", include("enquiries.urls")),
    path("", include("events.urls")),  # the calendar files (.ics) of event pages
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
