"""Template tags for the frame every page shares: menus, footer, language links, legal links."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from core.i18n import language_links, locale_home
from core.models import Footer, LegalPage, Navigation

register = template.Library()


def _for_active_locale(model):
    """The snippet in the visitor's language, else the German one (never nothing when one exists)."""
    queryset = model.objects.select_related("locale")
    items = {obj.locale.language_code: obj for obj in queryset}
    return items.get(translation.get_language()) or items.get(settings.LANGUAGE_CODE)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    navigation = _for_active_locale(Navigation)
    items = []
    if navigation is not None:
        items = list(navigation.items.select_related("link_page"))
    page = context.get("page")
    current_path = getattr(context.get("request"), "path", "")
    return {"items": items, "page": page, "current_path": current_path}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    footer = _for_active_locale(Footer)
    links = list(footer.links.select_related("link_page")) if footer else []
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
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    # A routed view (a product under its index page) may name its own language versions.
    links = context.get("language_links_override")
    return {"links": links if links is not None else language_links(context.get("page"), site)}


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
