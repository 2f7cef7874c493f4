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
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views import static
from django.views.decorators.cache import cache_control
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site

from core.fragments import fragment_value
from core.frame import kept_for_error_pages
from core.i18n import locale_home, translated_view
from core.search import SiteSearchResults, clean_query, query_notes, search_suggestions
from core.storage import is_document

logger = logging.getLogger(__name__)

SEARCH_RESULTS_PER_PAGE = 10


def fallback_url(request) -> str | None:
    """Where a visitor goes from a 404 under a language prefix other than German, or None.

    The path is read one slug at a time, each matched against the children in the visitor's
    language or, failing that, in German (a German slug typed or linked under `/fr/`, a
    translation's old slug): `/fr/designerinnen/` reaches the designers' index. The visitor is
    sent to the live, public translation of the page found, in their language (`/fr/createurs/`);
    only where none exists does the German page stand in. What is left of the path after the
    last page is kept for pages that route their own sub-addresses (products under the products
    index: `/fr/produkte/<slug>/` → `/fr/produits/<slug>/`). None when the path names no page,
    or when the answer would be the address asked for (no redirect loop).
    """
    parts = request.path.strip("/").split("/", 1)
    language_codes = {code for code, _name in settings.LANGUAGES}
    if len(parts) < 2 or parts[0] not in language_codes or parts[0] == settings.LANGUAGE_CODE:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    code, rest = parts[0], [part for part in parts[1].split("/") if part]
    german = site.root_page
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None or not rest:
        return None
    matched = 0
    for slug in rest:
        local_parent = german.get_translation_or_none(locale)
        local = (
            Page.objects.child_of(local_parent).filter(slug=slug).first()
            if local_parent is not None
            else None
        )
        child = (
            Page.objects.filter(
                translation_key=local.translation_key, locale_id=german.locale_id
            ).first()
            if local is not None
            else Page.objects.child_of(german).filter(slug=slug).first()
        )
        if child is None:
            break
        german, matched = child, matched + 1
    if matched == 0:
        return None
    remainder = rest[matched:]
    if remainder and not isinstance(german.specific, RoutablePageMixin):
        return None
    target = (
        Page.objects.live().public().filter(translation_key=german.translation_key, locale=locale)
    ).first() or Page.objects.live().public().filter(pk=german.pk).first()
    if target is None:
        return None
    url = target.get_url(request)
    if url is None:
        return None
    if remainder:
        url += "/".join(remainder) + "/"
    return None if url == request.path else url


def language_home(request):
    """`/`: a redirect to the home page in the visitor's best language (`/de/` when nothing in
    Accept-Language fits), with the query string kept.

    LocaleMiddleware chose the language already; answering here instead of letting `/` fall
    through to a 404 that LocaleMiddleware turns into the same redirect means no 404 page, no
    redirect lookup and no database: `/` answers while the database hangs.
    """
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"/{request.LANGUAGE_CODE}/" + (f"?{query}" if query else ""))


def not_found_outside_languages(request, urlconf: str):
    """A plain 404 for an address outside the language prefixes (/go/…, /p/…), without
    LocaleMiddleware's redirect into /de/…: the middleware redirects a 404 there whenever the
    prefixed path resolves, and Wagtail's catch-all resolves every path. With `urlconf` (the
    area's own, without language prefixes) for this request, the prefixed path resolves nowhere."""
    request.urlconf = urlconf
    raise Http404


def page_not_found(request, exception=None):
    site = Site.find_for_request(request)
    home = locale_home(site, translation.get_language()) or locale_home(
        site, settings.LANGUAGE_CODE
    )
    return render(request, "404.html", {"home_page": home}, status=404)


def error_page_frame() -> dict:
    """What the pages without the database show of the frame: the funding notice and the index
    pages' URLs as the frame last worked them out (`core.frame.kept_for_error_pages`, from the
    cache only)."""
    language = translation.get_language()
    return {
        **kept_for_error_pages(language),
        "is_default_language": language == settings.LANGUAGE_CODE,
    }


def bad_request(request, exception=None):
    """400 for a request Django refused to read: too many fields, a malformed body or host.

    Nothing was saved. Like the 500 page, it needs no database; an editor whose form had too
    many fields is told so (the only 400 a person meets in normal work).
    """
    context = {
        "LANGUAGE_CODE": translation.get_language(),
        "too_many_fields": isinstance(exception, TooManyFieldsSent),
        "field_limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        **error_page_frame(),
    }
    return HttpResponseBadRequest(loader.get_template("400.html").render(context))


def server_error(request):
    """500, or 503 "back soon" when the failure is the database being unreachable.

    Django calls this inside its exception handler, so the exception is still at hand. No request
    context and no database access: the failure may be the database itself.
    """
    context = {"LANGUAGE_CODE": translation.get_language(), **error_page_frame()}
    if isinstance(sys.exception(), (OperationalError, InterfaceError)):
        logger.error("database unavailable: %s", type(sys.exception()).__name__)
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def search_moved(request):
    """The search's German address under another language (`/fr/suche/`, the address every
    language had before it was translated): a permanent redirect to the translated one, with the
    query string kept."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(reverse("search") + (f"?{query}" if query else ""))


@translated_view("q", "page")
@cache_control(private=True, no_store=True)
def search(request):
    """Search the live pages (and other registered sources) of the visitor's language.

    Not cached (by the page cache nor a CDN): any text can be searched for, and each answer is
    quick to work out.

    Any query string is acceptable: it is cleaned (`core.search.clean_query`) rather than
    refused, and an unknown or out-of-range page number shows the nearest page.
    """
    raw = request.GET.get("q")
    query = clean_query(raw)
    locale = Locale.get_active()
    results = SiteSearchResults(query, locale, request) if query else []
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    hits = paginator.get_page(request.GET.get("page"))
    count = paginator.count if query else 0
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "hits": hits,
            "count": count,
            "notes": query_notes(raw, query),
            # Counted by kind only where there is more than one kind to tell apart.
            "kind_counts": results.kind_counts() if count else [],
            # Something to go on where there is nothing to list: no query yet, or no results.
            "suggestions": "" if count else kept_suggestions(locale, request),
        },
    )


def kept_suggestions(locale, request) -> str:
    """The search page's suggestions (the newest products and designers, every group registered
    with `register_site_search_suggestions`) as HTML, "" when there are none: kept as a page
    fragment (`core.fragments`) per language and site, with what working them out read only (a
    product published, a designer's new portrait replace it; the search before it, which reads
    every page, does not tie it to every edit)."""

    def render_groups() -> str:
        groups = search_suggestions(locale, request)
        if not groups:
            return ""
        return loader.render_to_string(
            "core/includes/search_suggestions.html", {"groups": groups}, request
        )

    html = fragment_value(request, "search-suggestions", render_groups, own=True)
    return mark_safe(html)  # noqa: S308 - the template's output, escaped there


def serve_media(request, path):
    """Local media for development and test servers (`SERVE_MEDIA`), documents and private
    files (`core.storage.is_document`) left out.

    A document may belong to a private collection; only Wagtail's serve view
    (`/documents/<id>/<name>`) checks that. The folder is refused after the path is normalised,
    so `original_images/../documents/…` does not reach it either.
    """
    name = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if not settings.SERVE_MEDIA or name in ("documents", "private") or is_document(name):
        raise Http404
    return static.serve(request, name, document_root=settings.MEDIA_ROOT)
