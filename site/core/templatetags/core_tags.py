"""Template tags for the frame every page shares: menus, footer, language links, legal links."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from core.i18n import language_links, locale_home
from core.models import Footer, LegalPage, Navigation

register = template.Library()


def _language_links(context):
    """The page's language links, worked out once per request (switcher and alternates share them)."""
    request = context.get("request")
    page = context.get("page")
    cache = getattr(request, "_language_links", None) if request is not None else None
    if cache is not None and cache[0] is page:
        return cache[1]
    site = Site.find_for_request(request) if request else None
    links = language_links(page, site)
    if request is not None:
        request._language_links = (page, links)
    return links


def _for_active_locale(model):
    """The snippet in the visitor's language, else the German one (never nothing when one exists)."""
    queryset = model.objects.select_related("locale")
    items = {obj.locale.language_code: obj for obj in queryset}
    return items.get(translation.get_language()) or items.get(settings.LANGUAGE_CODE)


def _resolve_links(items, request):
    """Set `href` on each link: the linked page in the visitor's language when it is live there.

    One query for all links, where asking each page for its translation would take one each.
    """
    keys = {item.link_page.translation_key for item in items if item.link_page_id}
    localized = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=keys, locale__language_code=translation.get_language()
        )
    }
    for item in items:
        if item.link_page_id:
            page = localized.get(item.link_page.translation_key, item.link_page)
            item.resolved_href = page.get_url(request) or ""
        else:
            item.resolved_href = item.link_url
    return items


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    navigation = _for_active_locale(Navigation)
    items = []
    if navigation is not None:
        items = _resolve_links(
            list(navigation.items.select_related("link_page")), context.get("request")
        )
    page = context.get("page")
    current_path = getattr(context.get("request"), "path", "")
    return {"items": items, "page": page, "current_path": current_path}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    footer = _for_active_locale(Footer)
    links = list(footer.links.select_related("link_page")) if footer else []
    _resolve_links(links, context.get("request"))
    return {
        "footer": footer,
        "links": links,
        "legal_pages": _legal_pages(),
        "request": context.get("request"),
    }


def _legal_pages():
    """Impressum and Datenschutz in the visitor's language, else in German: always linked."""
    active = translation.get_language()
    pages = {}
    for legal in LegalPage.objects.live().select_related("locale").order_by("kind"):
        code = legal.locale.language_code
        if code == active or (code == settings.LANGUAGE_CODE and legal.kind not in pages):
            pages[legal.kind] = legal
    return [pages[kind] for kind in LegalPage.Kind.values if kind in pages]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    # A routed view (a product under its index page) may name its own language versions.
    links = context.get("language_links_override")
    return {"links": links if links is not None else _language_links(context)}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """hreflang alternates for each live translation, x-default to the German page, canonical.

    Absolute URLs use the site's configured host (Wagtail's Site), not the request's, so that
    every copy of the page names the same canonical address.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not getattr(page, "pk", None):
        return {}
    site = Site.find_for_request(request)
    if site is None:
        return {}
    alternates = [
        (link.code, site.root_url + link.url)
        for link in language_links(page, site)
        if link.has_page
    ]
    return {
        "alternates": alternates,
        "x_default": dict(alternates).get(settings.LANGUAGE_CODE),
        "canonical": page.get_full_url(request),
    }


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    home = locale_home(site, translation.get_language()) or locale_home(
        site, settings.LANGUAGE_CODE
    )
    return home.url if home else "/"
