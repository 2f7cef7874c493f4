"""A missing translation is never a dead end; every response carries the site's security headers."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect

from core import content_version, dependencies
from core.i18n import request_memo
from core.views import fallback_url, page_not_found


class RequestMemoMiddleware:
    """Opens the request memo of `core.i18n` for reading requests (GET and HEAD), and the record
    of which pages they read (`core.dependencies`: what the page fragments they keep depend on).

    Writing requests (forms, the admin's saves) run without it, so nothing they change can be
    answered from a value remembered before the change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        # The content version is read before the request's first row (if it reads any), which
        # `content_version.kept_with_reads` relies on.
        with (
            request_memo(request.get_full_path()),
            dependencies.request_recording(content_version.current),
        ):
            return self.get_response(request)

    def process_template_response(self, request, response):
        """The view has returned a response still to be rendered: what kept values the template
        uses count for the fragments they are used in (`dependencies.note`)."""
        dependencies.template_rendering()
        return response


class TranslationFallbackMiddleware:
    """Sends a visitor from an address that is no page in their language to the page they meant.

    Runs on every 404 under a language prefix, in debug mode too (where Django would not call
    the project's 404 handler): `core.views.fallback_url` finds the page's live translation in
    the visitor's language (a German slug under `/fr/`), else the German page; the redirect is
    temporary (302, the translation may go live later) and keeps the query string.

    With DEBUG on, Django answers a missing page with its technical 404 page; here it gets the
    site's own translated 404 instead, as visitors see it, unless `TECHNICAL_404` asks for
    Django's page (development settings, from the environment).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            url = fallback_url(request)
            if url is not None:
                query = request.META.get("QUERY_STRING", "")
                return HttpResponseRedirect(url + (f"?{query}" if query else ""))
        return response

    def process_exception(self, request, exception):
        if (
            isinstance(exception, Http404)
            and settings.DEBUG
            and not getattr(settings, "TECHNICAL_404", False)
        ):
            return page_not_found(request, exception)
        return None


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and gives the Wagtail admin its own (looser) CSP.

    Sits below Django's ContentSecurityPolicyMiddleware, which then sends the policy chosen here
    instead of the strict public `SECURE_CSP`.

    A preview is rendered by Wagtail through the whole middleware chain a second time, for a
    dummy request to the page's public URL (`request.is_preview`), so it would leave with the
    public `X-Frame-Options: DENY` and `frame-ancestors 'none'`, and the editor's preview panel
    (an iframe of the admin) would stay blank. Previews alone get the public policy with
    `frame-ancestors 'self'` (`PREVIEW_CSP`) and `SAMEORIGIN`; public pages keep refusing frames.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_config = settings.PREVIEW_CSP
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        elif request.path.startswith(self.admin_prefix):
            response._csp_config = settings.ADMIN_CSP
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
