"""Template tags for the frame every page shares: menus, footer, language links, legal links."""

from django import template
from django.conf import settings
from wagtail.models import Site

from core import seo
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
        # A page's links depend on content only: kept as its fragments are (`core.fragments`).
        links = fragment_value(request, f"language-links:{page.pk}", links_of_page)
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
    alternates = [
        (link.code, seo.absolute_url(request, link.url))
        for link in _language_links(context)
        if link.has_page
    ]
    return {
        "alternates": alternates,
        "x_default": dict(alternates).get(settings.LANGUAGE_CODE),
        "canonical": seo.page_url(page, request),
    }


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    return frame(context.get("request"))["home_url"]
