"""Error pages in the visitor's language, a way home when a translation is missing, site search,
local media for development servers."""

import logging
import posixpath
import sys

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views import static
from django.views.decorators.cache import cache_control
from wagtail.models import Locale, Page, Site

from core.i18n import locale_home
from core.search import SiteSearchResults, clean_query

logger = logging.getLogger(__name__)

SEARCH_RESULTS_PER_PAGE = 10


def german_page_for(request) -> Page | None:
    """The live German version of a page that is missing (or unpublished) in another language.

    A translation that exists but is not live leads to its German source; a path with no page at
    all in that language leads to the German page at the same path, since translations keep the
    German slugs unless editors change them. Either way the visitor reads the German page rather
    than meeting a dead end.
    """
    parts = request.path.strip("/").split("/", 1)
    language_codes = {code for code, _name in settings.LANGUAGES}
    if len(parts) < 2 or parts[0] not in language_codes or parts[0] == settings.LANGUAGE_CODE:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    code, rest = parts[0], parts[1].strip("/")
    german_root = site.root_page
    local_root = (
        Page.objects.filter(translation_key=german_root.translation_key, locale__language_code=code)
        .only("url_path")
        .first()
    )
    if local_root is not None:
        local = Page.objects.filter(url_path=f"{local_root.url_path}{rest}/").first()
        if local is not None:
            return (
                Page.objects.live()
                .public()
                .filter(translation_key=local.translation_key, locale_id=german_root.locale_id)
                .first()
            )
    return (
        Page.objects.live()
        .public()
        .filter(url_path=f"{german_root.url_path}{rest}/", locale_id=german_root.locale_id)
        .first()
    )


def language_home(request):
    """`/`: a redirect to the home page in the visitor's best language (`/de/` when nothing in
    Accept-Language fits), with the query string kept.

    LocaleMiddleware chose the language already; answering here instead of letting `/` fall
    through to a 404 that LocaleMiddleware turns into the same redirect means no 404 page, no
    redirect lookup and no database: `/` answers while the database hangs.
    """
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"/{request.LANGUAGE_CODE}/" + (f"?{query}" if query else ""))


def page_not_found(request, exception=None):
    site = Site.find_for_request(request)
    home = locale_home(site, translation.get_language()) or locale_home(
        site, settings.LANGUAGE_CODE
    )
    return render(request, "404.html", {"home_page": home}, status=404)


def bad_request(request, exception=None):
    """400 for a request Django refused to read: too many fields, a malformed body or host.

    Nothing was saved. Like the 500 page, it needs no database; an editor whose form had too
    many fields is told so (the only 400 a person meets in normal work).
    """
    context = {
        "LANGUAGE_CODE": translation.get_language(),
        "too_many_fields": isinstance(exception, TooManyFieldsSent),
        "field_limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    }
    return HttpResponseBadRequest(loader.get_template("400.html").render(context))


def server_error(request):
    """500, or 503 "back soon" when the failure is the database being unreachable.

    Django calls this inside its exception handler, so the exception is still at hand. No request
    context and no database access: the failure may be the database itself.
    """
    context = {"LANGUAGE_CODE": translation.get_language()}
    if isinstance(sys.exception(), (OperationalError, InterfaceError)):
        logger.error("database unavailable: %s", type(sys.exception()).__name__)
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


@cache_control(private=True, no_store=True)
def search(request):
    """Search the live pages (and other registered sources) of the visitor's language.

    Not cached (by the page cache nor a CDN): any text can be searched for, and each answer is
    quick to work out.

    Any query string is acceptable: it is cleaned (`core.search.clean_query`) rather than
    refused, and an unknown or out-of-range page number shows the nearest page.
    """
    query = clean_query(request.GET.get("q"))
    locale = Locale.get_active()
    results = SiteSearchResults(query, locale, request) if query else []
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    hits = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "core/search.html",
        {"query": query, "hits": hits, "count": paginator.count if query else 0},
    )


def serve_media(request, path):
    """Local media for development and test servers (`SERVE_MEDIA`), documents left out.

    A document may belong to a private collection; only Wagtail's serve view
    (`/documents/<id>/<name>`) checks that. The folder is refused after the path is normalised,
    so `original_images/../documents/…` does not reach it either.
    """
    name = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if not settings.SERVE_MEDIA or name == "documents" or name.startswith("documents/"):
        raise Http404
    return static.serve(request, name, document_root=settings.MEDIA_ROOT)
