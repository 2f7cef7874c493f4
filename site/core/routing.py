"""Finding the page for a request in as few queries as the page itself takes.

Wagtail walks a URL one slug at a time, two queries a level (the child, then its specific
row), then asks the database for the site, the visitor's Locale and the view restrictions of
the page and its ancestors (twice more for every `.public()` list on the page). None of these
change between two visits, so each is kept with the page frame (`core.frame`), under its
version, which every page, Site, Locale and view-restriction change replaces:

- `site_for_hostname`: the Site of the request's host (only hosts in ALLOWED_HOSTS);
- `locale_for_language`: the Locale of a language code;
- `route`: the page at a path below a home page, as (id, content type) — found once by
  Wagtail's own walk, then loaded in one query of its specific model. A path that is no page
  (a product under the routable products index, a 404) is handed from its longest known page
  prefix to that page's own `route`, which does the rest the way Wagtail would;
- `restricted_sections`: the pages that carry a view restriction (usually none), so that
  Wagtail's private-page check and `.public()` need no query when there are none.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http.request import validate_host
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models import sites as wagtail_sites
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from core import frame


def site_for_hostname(hostname: str, port, original):
    """Wagtail's `get_site_for_hostname` (behind `Site.find_for_request`), from the frame cache
    for the hosts in ALLOWED_HOSTS (nobody can fill the cache with made-up host names)."""
    if not frame.cache_enabled() or not validate_host(hostname, settings.ALLOWED_HOSTS):
        return original(hostname, port)

    def find():
        try:
            return original(hostname, port)
        except Site.DoesNotExist:
            return False

    site = frame._cached(f"site:{_digest(f'{hostname}:{port}')}", find)
    if site is False:
        raise Site.DoesNotExist
    return site


def locale_for_language(language_code: str) -> Locale | None:
    locales = frame._cached(
        "locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()}
    )
    return locales.get(language_code)


def restricted_sections() -> list[tuple[str, int]]:
    """(path, depth) of every page with a view restriction: each heads a private section."""
    return frame._cached(
        "restricted",
        lambda: [
            (page.path, page.depth)
            for page in Page.objects.filter(view_restrictions__isnull=False).only("path", "depth")
        ],
    )


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _route_key(home: Page, components: list[str]) -> str:
    return f"route:{home.pk}:{_digest('/'.join(components))}"


def route(home: Page, request, path_components: list[str], standard_route):
    """The RouteResult for `path_components` below `home` (see the module's docstring).

    `standard_route(request, path_components)` is Wagtail's walk, used for what is not known yet.
    """
    if not path_components or not frame.cache_enabled():
        return standard_route(request, path_components)
    keys = {
        _route_key(home, path_components[:length]): length
        for length in range(len(path_components), 0, -1)
    }
    known = frame.get_many(keys)
    for key, length in keys.items():  # longest prefix first
        if key not in known:
            continue
        page_id, content_type_id = known[key]
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id, live=True).first() if model else None
        if page is None:
            break  # gone since it was remembered: walk as Wagtail does
        return page.route(request, path_components[length:])
    result = standard_route(request, path_components)
    page = result.page if isinstance(result, RouteResult) else result[0]
    if page.live and page.url_path.startswith(home.url_path) and page.pk != home.pk:
        own = [part for part in page.url_path[len(home.url_path) :].split("/") if part]
        frame.store(_route_key(home, own), (page.pk, page.content_type_id))
    return result


def get_view_restrictions(page: Page, original):
    """Wagtail's `get_view_restrictions`, without its two queries when the site has no private
    section at all (with one, Wagtail's own check runs, aliases and all)."""
    if frame.cache_enabled() and not restricted_sections():
        return PageViewRestriction.objects.none()
    return original()


def patch_wagtail_lookups():
    """Wagtail's site lookup and `PageQuerySet.private_q` (behind `.public()`) from what is
    remembered here."""
    original = PageQuerySet.private_q
    if getattr(original, "remembered", False):
        return
    original_site_lookup = wagtail_sites.get_site_for_hostname
    wagtail_sites.get_site_for_hostname = lambda hostname, port: site_for_hostname(
        hostname, port, original_site_lookup
    )

    def private_q(self):
        if not frame.cache_enabled():
            return original(self)
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    private_q.remembered = True
    PageQuerySet.private_q = private_q
