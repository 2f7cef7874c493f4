"""Template tags for the frame every page shares: menus, footer, language links, legal links."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from wagtail.models import Site

from core import seo
from core.blocks import link_target as _link_target
from core.fragments import fragment_value
from core.frame import frame
from core.i18n import language_links, switcher_links

register = template.Library()


def _language_links(context):
    """The page's language links, worked out once per request (switcher and alternates share them)."""
    request = context.get("request")
    page = context.get("page")
    cache = getattr(request, "_language_links", None) if request is not None else None
    if cache is not None and cache[0] is page:
        return cache[1]
    site = Site.find_for_request(request) if request else None

    def links_of_page():
        return language_links(page, site, frame(request)["homes"], request)

    if getattr(page, "pk", None) is not None:
        # A page's links depend on content only: kept as its fragments are (`core.fragments`),
        # with what working them out read (the page's translations), not what the request that
        # first asked had read before (a listing's products): they show nothing it hands them.
        links = fragment_value(request, f"language-links:{page.pk}", links_of_page, own=True)
    else:
        links = links_of_page()
    if request is not None:
        request._language_links = (page, links)
    return links


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    items = frame(request)["menu"]
    page = context.get("page")
    current_path = getattr(request, "path", "")
    return {"items": items, "page": page, "current_path": current_path}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    values = frame(request)
    return {
        "footer": values["footer"],
        "settings": values["settings"],
        "links": values["footer_links"],
        "legal_pages": values["legal_pages"],
        "request": request,
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    # A routed view (a product under its index page) may name its own language versions.
    links = context.get("language_links_override")
    if links is not None:  # a product page reads no query parameter
        return {"links": links}
    return {
        "links": switcher_links(
            _language_links(context), context.get("request"), context.get("page")
        )
    }


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """hreflang alternates for each live translation, x-default to the German page, canonical.

    Absolute URLs use the site's configured root URL (`core.seo.absolute_url`), not the request's
    host, so that every copy of the page names the same canonical address.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not getattr(page, "pk", None):
        return {}
    site = Site.find_for_request(request)
    if site is None:
        return {}
    # A list's page 2 or filtered view (`listing_query`, set by the page's context) is its own
    # address, in every language: the canonical and the alternates keep its query.
    query = urlencode(context.get("listing_query") or {})
    query = f"?{query}" if query else ""
    alternates = [
        (link.code, seo.absolute_url(request, link.url) + query)
        for link in _language_links(context)
        if link.has_page
    ]
    return {
        "alternates": alternates,
        "x_default": dict(alternates).get(settings.LANGUAGE_CODE),
        "canonical": seo.page_url(page, request) + query,
    }


@register.simple_tag
def page_numbers(items):
    """The page numbers a list's pagination links: the first and last, two either side of the
    current page, `…` for the gaps (so 1,000 stories give 7 links, not 112)."""
    return list(items.paginator.get_elided_page_range(items.number, on_each_side=2, on_ends=1))


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """`?<the list's filters>&page=<number>`: the filters a page keeps in its links, from
    `listing_filters` (a dict) or the older `filter_name` / `filter_value` pair."""
    filters = dict(context.get("listing_filters") or {})
    name, value = context.get("filter_name"), context.get("filter_value")
    if name and value:
        filters[name] = value
    filters = {key: value for key, value in filters.items() if value}
    return "?" + urlencode({**filters, "page": number})


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    return frame(context.get("request"))["home_url"]


@register.filter
def link_target(page):
    """`{% with target=value.page|link_target %}`: where a link to the page (a `PageLinkBlock`'s
    value) leads a visitor of this language, read by its tree alone (`core.blocks.link_target`)."""
    return _link_target(page)
