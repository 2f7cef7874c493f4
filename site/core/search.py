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
                title=product.name, description=product.summary, url=product.get_url(request),
                kind=_("Produkt"), image=product.photo,
            ),
            kind_count=ngettext_lazy("%(count)s Produkt", "%(count)s Produkte", "count"),
        )

`hits(objs, request)` may replace `hit` to make the hits of one page of results at once (their
images in one query, not one per hit): one `SearchHit` per object, in their order, or None for
one not to show. With `card_name(obj)` (a name unique to the object within its source, e.g. its
primary key), a hit's card is kept as a page fragment (`core.fragments`) per language and site
until what making it read changes (the page's edit, a catalogue sync): a search then makes and
renders only the cards it has not shown before.

A source can also *suggest* a few things (its newest products, say) for the search page's empty
and no-results states: register a `SearchSuggestions` with the hook
`register_site_search_suggestions`.

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
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from core import fragments, seo

MAX_QUERY_LENGTH = 200
SUMMARY_LENGTH = 240  # characters of a hit's summary (plain text, cut at a word)
# Control characters (NUL above all: PostgreSQL refuses it in a string), the Unicode
# "non-characters" and surrogates a browser can still send percent-encoded, and double quotes:
# the SQLite backend puts each word in quotes without escaping them (an FTS5 syntax error), and
# the search takes words, not phrases, so they mean nothing to it anyway.
_UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]')
# Invisible marks inside a word: the soft hyphens of the site's own headings (|hyphenate) come
# along when a visitor copies a title into the search, and zero-width spaces and joiners from
# elsewhere. They join what they stand between: "Kis\u00adsen" is searched as "Kissen".
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def clean_query(raw: str | None) -> str:
    """The visitor's query as the search backends can take it: printable, trimmed and short."""
    text = _UNSEARCHABLE.sub(" ", _INVISIBLE.sub("", raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_notes(raw: str | None, query: str) -> list[str]:
    """What the search page tells a visitor whose query it could not take as typed."""
    raw = " ".join(_INVISIBLE.sub("", raw or "").split())
    notes = []
    if raw and not query:
        notes.append(_("Dieser Suchbegriff enthält nichts, wonach wir suchen können."))
    elif len(raw) > MAX_QUERY_LENGTH:
        notes.append(
            _("Der Suchbegriff war zu lang; gesucht wurde nach seinen ersten %(count)s Zeichen.")
            % {"count": MAX_QUERY_LENGTH}
        )
    elif _UNSEARCHABLE.search(raw):
        notes.append(_("Anführungszeichen und Steuerzeichen im Suchbegriff wurden übergangen."))
    return notes


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
    # The language of title and description where it is not the page's (a German fallback);
    # of the description alone where only it is German (a field the catalogue left untranslated).
    language: str = ""
    description_language: str = ""
    # What it is, in the visitor's language ("Produkt", "Geschichte"), and its picture (a
    # Wagtail image with its renditions fetched, or None: the card shows a placeholder).
    kind: str = ""
    image: Any = None
    # A line under the title ("Tasche", "Aachen"): the category of a product, a designer's city.
    detail: str = ""
    detail_language: str = ""


@dataclass(frozen=True)
class SearchSource:
    """Something the site search looks through.

    `search(query, locale)` returns lazy results (sliceable, with `count()`); `hit(obj, request)`
    turns one of them into a `SearchHit`, or `hits(objs, request)` all of them at once (None for
    one not to show). Sources are listed by ascending `order`.

    The search page counts results per kind: `kind_counts(results)` gives (count label, number)
    pairs where one source holds several kinds (the pages), the numbers adding up to its count;
    else the source's `kind_count`, a lazy ngettext with a `count` placeholder, is used with its
    number of results.

    `card_name(obj)`: the name of the object's card, kept as a page fragment (see the module's
    docstring); None: its cards are made at every search.
    """

    name: str
    search: Callable[[str, Locale], Any]
    hit: Callable[[Any, HttpRequest], SearchHit] | None = None
    order: int = 100
    hits: Callable[[list, HttpRequest], list[SearchHit | None]] | None = None
    kind_count: Any = None
    kind_counts: Callable[[Any], list[tuple[Any, int]]] | None = None
    card_name: Callable[[Any], str] | None = None

    def make_hits(self, objs, request) -> list[SearchHit]:
        return [hit for hit in self._hits(list(objs), request) if hit is not None]

    def _hits(self, objs: list, request) -> list[SearchHit | None]:
        if self.hits is not None:
            return self.hits(objs, request)
        return [self.hit(obj, request) for obj in objs]

    def cards(self, objs, request) -> list[str]:
        """The objects' hits as the search page lists them (`hit_card`), in their order."""
        objs = list(objs)
        if self.card_name is None:
            return [hit_card(hit) for hit in self.make_hits(objs, request)]
        by_name = {f"search-hit:{self.name}:{self.card_name(obj)}": obj for obj in objs}

        def render(names) -> dict:
            hits = self._hits([by_name[name] for name in names], request)
            return {
                name: hit_card(hit) if hit is not None else ""
                for name, hit in zip(names, hits, strict=True)
            }

        # Kept with everything making them read (a page's search description and picture are
        # its content, not only its title and address).
        cards = fragments.fragment_values(request, by_name, render, content=True)
        return [cards[name] for name in by_name if cards[name]]


def hit_card(hit: SearchHit) -> str:
    """A hit as the search page lists it: `includes/search_hit.html`, its title an `<h2>`."""
    html = render_to_string("includes/search_hit.html", {"hit": hit, "card_heading": "h2"})
    return mark_safe(html)  # noqa: S308 - the template's output, escaped there


@dataclass(frozen=True)
class SearchSuggestions:
    """A few things the search page offers where there is nothing to list (no query yet, or no
    results): `find(locale, request)` gives their `SearchHit`s, shown under `heading`, groups by
    ascending `order`. Registered with the hook `register_site_search_suggestions`."""

    name: str
    heading: Any
    find: Callable[[Locale, HttpRequest], list[SearchHit]]
    order: int = 100


def search_suggestions(locale: Locale, request: HttpRequest) -> list[tuple[Any, list[SearchHit]]]:
    """(heading, hits) of every registered suggestion group that has something to offer."""
    groups = sorted(
        (make() for make in hooks.get_hooks("register_site_search_suggestions")),
        key=lambda group: group.order,
    )
    found = [(group.heading, group.find(locale, request)) for group in groups]
    return [(heading, hits) for heading, hits in found if hits]


def _search_pages(query: str, locale: Locale):
    # Pages as the tree holds them: their specific rows (a designer's portrait, a story's lead)
    # are fetched by `page_hits` for the hits whose card is not kept.
    pages = Page.objects.live().public().filter(locale=locale)
    return search_in_language(pages, query, locale)


def specific_pages(pages) -> list:
    """These pages as their own page types, in their order: those that are plain `Page`
    instances (a search's results) fetched again, in one query per page type, so that what they
    show is read where it is kept (`SearchSource.cards`)."""
    pages = list(pages)
    plain = [page.pk for page in pages if type(page) is Page]
    if not plain:
        return pages
    found = Page.objects.filter(pk__in=plain).specific().in_bulk()
    return [found.get(page.pk, page) if type(page) is Page else page for page in pages]


def fetch_page_images(pages) -> None:
    """Give each of these pages (of any types) its images, with their renditions, in two queries:
    the image fields of a page type differ (a portrait, a hero image, a social image), so every
    foreign key to the image model is filled in."""
    from wagtail.images import get_image_model

    from core.images import prefetch_renditions

    image_model = get_image_model()
    wanted = []  # (page, field, image id)
    for page in pages:
        for field in type(page)._meta.concrete_fields:
            if field.is_relation and field.related_model is image_model:
                image_id = getattr(page, field.attname)
                if image_id is not None and not field.is_cached(page):
                    wanted.append((page, field, image_id))
    if not wanted:
        return
    images = image_model.objects.in_bulk({image_id for _page, _field, image_id in wanted})
    for page, field, image_id in wanted:
        field.set_cached_value(page, images.get(image_id))
    prefetch_renditions(images.values())


def page_hits(pages, request) -> list[SearchHit]:
    """Pages as search results: title, summary, kind (`BasePage.search_kind`) and picture
    (`get_social_image()`: a designer's portrait, a story's hero image, …)."""
    pages = specific_pages(pages)
    fetch_page_images(pages)
    return [_page_hit(page, request) for page in pages]


def _page_hit(page, request) -> SearchHit:
    # Pages without a search description show the start of their introduction or lead.
    summary = page.search_description or getattr(page, "intro", "") or getattr(page, "lead", "")
    get_image = getattr(page, "get_card_image", None) or getattr(page, "get_social_image", None)
    return SearchHit(
        title=page.seo_title or page.title,
        url=page.get_url(request),
        description=seo.shorten(seo.plain_text(summary), SUMMARY_LENGTH),
        kind=str(getattr(page, "search_kind", "") or _("Seite")),
        image=get_image() if get_image else None,
    )


PAGE_COUNT = ngettext_lazy("%(count)s Seite", "%(count)s Seiten", "count")


def _page_kind_counts(results) -> list[tuple[Any, int]]:
    """(count label, number) of the pages found, by page type, in one query (a facet)."""
    from django.contrib.contenttypes.models import ContentType

    return [
        (
            getattr(ContentType.objects.get_for_id(pk).model_class(), "search_kind_count", None)
            or PAGE_COUNT,
            number,
        )
        for pk, number in results.facet("content_type_id").items()
    ]


PAGES = SearchSource(
    name="pages",
    search=_search_pages,
    hits=page_hits,
    order=10,
    kind_count=PAGE_COUNT,
    kind_counts=_page_kind_counts,
    card_name=lambda page: str(page.pk),
)


def search_sources() -> list[SearchSource]:
    sources = [PAGES, *(make() for make in hooks.get_hooks("register_site_search_source"))]
    return sorted(sources, key=lambda source: source.order)


class SiteSearchResults(Sequence):
    """The hits of all sources as one sequence of their cards (HTML), for Django's paginator.

    Counting asks each source once (a source that counts by kind, once for both); a slice
    fetches only the rows it shows, from the sources it spans, and makes the hits whose cards are
    not kept. So a page of results costs the same number of queries however many hits there are.
    """

    def __init__(self, query: str, locale: Locale, request: HttpRequest, sources=None):
        self.request = request
        self._results = [
            (source, source.search(query, locale)) for source in (sources or search_sources())
        ]
        self._counts = None
        self._kinds = {}  # source name: its (label, number) pairs, where it counts by kind

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = []
            for source, results in self._results:
                if source.kind_counts is None:
                    self._counts.append(results.count())
                else:
                    self._kinds[source.name] = source.kind_counts(results)
                    self._counts.append(sum(number for _label, number in self._kinds[source.name]))
        return self._counts

    def __len__(self):
        return sum(self.counts())

    def kind_counts(self) -> list[str]:
        """How many of each kind were found, as the visitor reads it ("3 Produkte", "1 Seite"),
        most first."""
        totals = {}  # id(label): [label, number]; lazy labels are told apart by identity
        for (source, _results), count in zip(self._results, self.counts(), strict=True):
            if not count:
                continue
            if source.name in self._kinds:
                parts = self._kinds[source.name]
            elif source.kind_count is not None:
                parts = [(source.kind_count, count)]
            else:
                continue
            for label, number in parts:
                totals.setdefault(id(label), [label, 0])[1] += number
        ranked = sorted(totals.values(), key=lambda item: -item[1])
        return [label % {"count": number} for label, number in ranked if number]

    def count(self):
        return len(self)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            cards = self[index : index + 1]
            if not cards:
                raise IndexError(index)
            return cards[0]
        start, stop, _step = index.indices(len(self))
        cards = []
        offset = 0
        for (source, results), count in zip(self._results, self.counts(), strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, count)
            if lo < hi:
                cards.extend(source.cards(results[lo:hi], self.request))
            offset += count
        return cards
