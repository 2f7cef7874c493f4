"""Finding the page for a request in as few queries as the page itself takes.

Wagtail walks a URL one slug at a time, two queries a level (the child, then its specific
row), then asks the database for the site, the visitor's Locale and the view restrictions of
the page and its ancestors (twice more for every `.public()` list on the page). None of these
change between two visits, so each is kept like the page frame, in the "frame" cache under the
structure version (`core.content_version`), which every Site, Locale and view-restriction change
replaces, and every change of a page's place (a page moved, a language's home changed). A
content edit keeps them; so does a new slug of a page below a language's home
(`content_version.invalidate_addresses`: a remembered page is loaded anyway, and one whose
address is no longer the path it was remembered under is walked to afresh, `_stands_at`), and a
change of the tree that moves no address (`content_version.invalidate_tree`: a page created,
retitled, published, unpublished, expired, or deleted without pages below it): a remembered page
is loaded as a live one or walked to afresh, and a new page's path was never remembered. Wagtail's walk lists the
pages of a level; what it found is kept here, so its lists count as no read of the request's
(`dependencies.trees_not_read`):

- `site_for_hostname`: the Site of the request's host (only hosts in ALLOWED_HOSTS);
- `locale_for_language`: the Locale of a language code;
- `route_for_request`: the page at a path of a site in a language (the language's home
  included), as (id, content type) — found once by Wagtail's own walk (from the language's home,
  or from the longest remembered part of the path), remembered for every path visited, then
  loaded in one query of its specific model (a live one still at that address: otherwise Wagtail
  walks again). A path that is no page (a product under the routable products index, a 404) is
  handed from its longest known page prefix to that page's own `route`, which does the rest the
  way Wagtail would;
- `restricted_sections`: the pages that carry a view restriction (usually none), so that
  Wagtail's private-page check and `.public()` need no query when there are none.
"""

import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.http.request import validate_host
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models import sites as wagtail_sites
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from core import content_version, dependencies
from core.i18n import memoised


def site_for_hostname(hostname: str, port, original):
    """Wagtail's `get_site_for_hostname` (behind `Site.find_for_request`), from the cache
    for the hosts in ALLOWED_HOSTS (nobody can fill the cache with made-up host names)."""
    if not content_version.cache_enabled() or not validate_host(hostname, settings.ALLOWED_HOSTS):
        return original(hostname, port)

    def find():
        try:
            return original(hostname, port)
        except Site.DoesNotExist:
            return False

    site = content_version.cached(f"site:{_digest(f'{hostname}:{port}')}", find, structural=True)
    if site is False:
        raise Site.DoesNotExist
    return site


def _locales() -> dict[str, Locale]:
    """Every locale by language code: kept with the structure, and once per request where the
    frame cache is off (`FRAME_CACHE_TIMEOUT=0`)."""
    return memoised(
        "routing:locales",
        lambda: content_version.cached(
            "locales",
            lambda: {locale.language_code: locale for locale in Locale.objects.all()},
            structural=True,
        ),
    )


def locale_for_language(language_code: str) -> Locale | None:
    return _locales().get(language_code)


def locale_by_id(pk) -> Locale | None:
    return next((locale for locale in _locales().values() if locale.pk == pk), None)


def restricted_sections() -> list[tuple[str, int]]:
    """(path, depth) of every page with a view restriction: each heads a private section."""
    return content_version.cached(
        "restricted",
        lambda: [
            (page.path, page.depth)
            for page in Page.objects.filter(view_restrictions__isnull=False).only("path", "depth")
        ],
        structural=True,
    )


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _route_key(site: Site, language: str, components: list[str]) -> str:
    return f"route:{site.pk}:{language}:{_digest('/'.join(components))}"


def route_for_request(request, path: str, original):
    """Wagtail's `Page.route_for_request`: the RouteResult for `path` in the request's site and
    the active language (see the module's docstring), or None (404).

    `original(request, path)` is Wagtail's walk (from the language's home, one slug at a time),
    used for what is not known yet; each page it finds is remembered under its own path.
    """
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = Site.find_for_request(request) if content_version.cache_enabled() else None
    if site is None:
        return original(request, path)
    language = translation.get_language()
    components = [component for component in path.split("/") if component]
    keys = {
        _route_key(site, language, components[:length]): length
        for length in range(len(components), -1, -1)
    }
    known = content_version.get_many(keys, structural=True)
    for key, length in keys.items():  # longest prefix first
        if key not in known:
            continue
        page_id, content_type_id = known[key]
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id, live=True).first() if model else None
        if page is None or not _stands_at(page, site, components[:length]):
            break  # gone or moved since it was remembered: walk as Wagtail does
        try:
            with _walking():
                result = page.route(request, components[length:])
        except Http404:
            result = None
        _served(result)
        if length < len(components):
            _remember(site, language, components, result, known=length)
        request._wagtail_route_for_request = result
        return result
    with _walking():
        result = original(request, path)
    _served(result)
    _remember(site, language, components, result)
    return result


@contextmanager
def _walking():
    """Wagtail's walk down the tree: the pages it passes are read by their slugs alone, no list
    (`dependencies.trees_not_read`) and no page's content (`recording(structure_only=True)`): an
    edit of a parent's text leaves what its children's first render kept."""
    with dependencies.trees_not_read(), dependencies.recording(structure_only=True):
        yield


def _served(result) -> None:
    """The page the walk found is the one the request shows: read as content."""
    page = result[0] if result else None
    if getattr(page, "pk", None) is not None:
        dependencies.note(dependencies.Reads({page.pk}))


def _stands_at(page, site, components) -> bool:
    """Whether `page` still has the address it was remembered under: its slug and those of the
    pages above it below the language's home are `components`. A new slug of the page or of a
    page above it (`content_version.invalidate_addresses`) keeps the routes of every other page;
    the remembered page, loaded anyway, tells that its own is out of date."""
    if page.depth - site.root_page.depth != len(components):
        return False
    if not components:
        return True  # a language's home: a change of its address replaces every route
    return page.url_path.rstrip("/").split("/")[-len(components) :] == components


def _remember(site, language, components, result, known=None) -> None:
    """Keep the page `result` found for the path `components` under its own path (a page below
    a remembered one, or found by Wagtail's walk from the language's home)."""
    if result is None:
        return
    page = result.page if isinstance(result, RouteResult) else result[0]
    # Wagtail's walk takes one path component a level below the language's home, which stands
    # at the depth of the site's root page.
    length = page.depth - site.root_page.depth
    if page.live and 0 <= length <= len(components) and length != known:
        key = _route_key(site, language, components[:length])
        content_version.store(key, (page.pk, page.content_type_id), structural=True)


def get_view_restrictions(page: Page, original):
    """Wagtail's `get_view_restrictions`, without its two queries when the site has no private
    section at all (with one, Wagtail's own check runs, aliases and all)."""
    if content_version.cache_enabled() and not restricted_sections():
        return PageViewRestriction.objects.none()
    return original()


def patch_wagtail_lookups():
    """Wagtail's site lookup, page routing and `PageQuerySet.private_q` (behind `.public()`)
    from what is remembered here (called once, from `CoreConfig.ready`).

    What is replaced, and why (checked against Wagtail 8.0.1; each replacement keeps Wagtail's
    function as `replaces`, and tests/core/test_wagtail_patches.py fails when its signature
    changes or it disappears in a new Wagtail version):

    - `wagtail.models.sites.get_site_for_hostname(hostname, port)`: `Site.find_for_request`
      calls it for every request, one query each time (its cache is the request). Wagtail
      offers no setting or hook for its site lookup.
    - `Page.route_for_request(request, path)` (a staticmethod): Wagtail's `serve` view walks the
      URL two queries a level. A subclass cannot change it: the view calls it on `Page` itself.
    - `PageQuerySet.private_q(self)`: behind every `.public()`; it queries the view restrictions
      each time. The queryset class is Wagtail's own for every page model.
    - `Site.get_site_root_paths()` (a staticmethod): unchanged, but asked once per request (a
      page's `url` asks it each time: with Redis as the default cache, where Wagtail keeps it,
      a round trip for every link a template writes), and its query (the sites' root pages
      ordered by address) counts as no list of pages read by the request
      (`dependencies.trees_not_read`): only a Site or a language's home changes it, and either
      replaces everything (`content_version.invalidate`).

    Each replacement calls Wagtail's function for anything not remembered, so a Wagtail version
    that changes what they return is followed, as long as the signatures stay.
    """
    original = PageQuerySet.private_q
    if getattr(original, "remembered", False):
        return
    original_site_lookup = wagtail_sites.get_site_for_hostname

    def get_site_for_hostname(hostname, port):
        return site_for_hostname(hostname, port, original_site_lookup)

    get_site_for_hostname.replaces = original_site_lookup
    wagtail_sites.get_site_for_hostname = get_site_for_hostname
    original_route = Page.route_for_request

    def route(request, path):
        return route_for_request(request, path, original_route)

    route.replaces = original_route
    Page.route_for_request = staticmethod(route)

    def private_q(self):
        if not content_version.cache_enabled():
            return original(self)
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    private_q.remembered = True
    private_q.replaces = original
    PageQuerySet.private_q = private_q
    original_root_paths = Site.get_site_root_paths

    def get_site_root_paths():
        def compute():
            with dependencies.trees_not_read():
                return original_root_paths()

        return memoised("core:site-root-paths", compute, record=False)

    get_site_root_paths.replaces = original_root_paths
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
