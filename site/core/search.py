"""Site search: what is searched, in which language, and how other areas add their content.

The search page (`core.views.search`) lists hits from *search sources*, one after the other: first
the site's pages, then whatever other apps register. A source is a `SearchSource` returned by a
function registered with Wagtail's hook `register_site_search_source`, e.g. for the catalogue's
products (a translatable snippet with `search_fields`), in `catalogue/wagtail_hooks.py`::

    from wagtail import hooks
    from core.search import SearchHit, SearchSource, search_in_language

    @hooks.register("register_site_search_source")
    def product_search_source():
        return SearchSource(
            name="products",
            order=20,
            search=lambda query, locale: search_in_language(
                Product.objects.filter(locale=locale, is_active=True), query, locale
            ),
            hit=lambda product, request: SearchHit(
                title=product.name, description=product.summary, url=product.get_url(request)
            ),
        )

The model needs `index.FilterField("locale")` (and a FilterField for every other field the
queryset filters on) in its `search_fields`, and `TranslatableMixin`, so that each language is
indexed with its own text search configuration (see `core.search_backend`).
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from core import seo

MAX_QUERY_LENGTH = 200
SUMMARY_LENGTH = 240  # characters of a hit's summary (plain text, cut at a word)
# Control characters (NUL above all: PostgreSQL refuses it in a string), the Unicode
# "non-characters" and surrogates a browser can still send percent-encoded, and double quotes:
# the SQLite backend puts each word in quotes without escaping them (an FTS5 syntax error), and
# the search takes words, not phrases, so they mean nothing to it anyway.
_UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]')


def clean_query(raw: str | None) -> str:
    """The visitor's query as the search backends can take it: printable, trimmed and short."""
    text = _UNSEARCHABLE.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_backend_for(language_code: str):
    """The default search backend, set up to search texts written in `language_code`.

    On PostgreSQL that is the language's text search configuration (`LANGUAGE_CONFIGS` in
    `WAGTAILSEARCH_BACKENDS`), the one its texts were indexed with; other databases ignore it.
    """
    options = settings.WAGTAILSEARCH_BACKENDS["default"]
    config = options.get("LANGUAGE_CONFIGS", {}).get(language_code)
    if config is None:
        return get_search_backend("default")
    return get_search_backend("default", SEARCH_CONFIG=config)


def search_in_language(queryset, query: str, locale: Locale):
    """Search `queryset` (already limited to `locale`) for `query`, stemmed for that language.

    Returns Wagtail search results: lazy, sliceable and countable, so paginating them costs a
    count and one page of rows whatever the number of hits.
    """
    return search_backend_for(locale.language_code).search(query, queryset)


@dataclass(frozen=True)
class SearchHit:
    """One result as the search page shows it."""

    title: str
    url: str
    description: str = ""
    # The language of title and description where it is not the page's (a German fallback).
    language: str = ""


@dataclass(frozen=True)
class SearchSource:
    """Something the site search looks through.

    `search(query, locale)` returns lazy results (sliceable, with `count()`); `hit(obj, request)`
    turns one of them into a `SearchHit`. Sources are listed by ascending `order`.
    """

    name: str
    search: Callable[[str, Locale], Any]
    hit: Callable[[Any, HttpRequest], SearchHit]
    order: int = 100


def _search_pages(query: str, locale: Locale):
    pages = Page.objects.live().public().filter(locale=locale).specific()
    return search_in_language(pages, query, locale)


def _page_hit(page, request) -> SearchHit:
    # Pages without a search description show the start of their introduction or lead.
    summary = page.search_description or getattr(page, "intro", "") or getattr(page, "lead", "")
    return SearchHit(
        title=page.seo_title or page.title,
        url=page.get_url(request),
        description=seo.shorten(seo.plain_text(summary), SUMMARY_LENGTH),
    )


PAGES = SearchSource(name="pages", search=_search_pages, hit=_page_hit, order=10)


def search_sources() -> list[SearchSource]:
    sources = [PAGES, *(make() for make in hooks.get_hooks("register_site_search_source"))]
    return sorted(sources, key=lambda source: source.order)


class SiteSearchResults(Sequence):
    """The hits of all sources as one sequence, for Django's paginator.

    Counting asks each source once; a slice fetches only the rows it shows, from the sources it
    spans. So a page of results costs the same number of queries however many hits there are.
    """

    def __init__(self, query: str, locale: Locale, request: HttpRequest, sources=None):
        self.request = request
        self._results = [
            (source, source.search(query, locale)) for source in (sources or search_sources())
        ]
        self._counts = None

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [results.count() for _source, results in self._results]
        return self._counts

    def __len__(self):
        return sum(self.counts())

    def count(self):
        return len(self)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            hits = self[index : index + 1]
            if not hits:
                raise IndexError(index)
            return hits[0]
        start, stop, _step = index.indices(len(self))
        hits = []
        offset = 0
        for (source, results), count in zip(self._results, self.counts(), strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, count)
            if lo < hi:
                hits.extend(source.hit(obj, self.request) for obj in results[lo:hi])
            offset += count
        return hits
