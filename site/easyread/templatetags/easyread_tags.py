"""`{% easy_read_link %}`: the header's link to the easy-read section, on every page."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from core.content_version import cached
from easyread.models import EasyReadIndexPage

register = template.Library()


def _start_url(site_id) -> str:
    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    if site is None:
        return ""
    german_home = Page.objects.filter(
        translation_key=site.root_page.translation_key,
        locale__language_code=settings.LANGUAGE_CODE,
    ).first()
    if german_home is None:
        return ""
    page = (
        EasyReadIndexPage.objects.live()
        .public()
        .descendant_of(german_home)
        .order_by("path")
        .first()
    )
    return (page.get_url(None, current_site=site) or "") if page is not None else ""


def start_url(request) -> str:
    """The URL of the site's live, public easy-read start page ("" without one). Kept with what
    it read (`cached(..., reads=True)`): a change of address, or a new, retitled or unpublished
    easy-read page replaces it."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""
    return cached(f"easyread:start:{site.pk}", _start_url, site.pk, reads=True)


@register.inclusion_tag("easyread/header_link.html", takes_context=True)
def easy_read_link(context):
    page = context.get("page")
    return {
        "url": start_url(context.get("request")),
        "german": translation.get_language() == settings.LANGUAGE_CODE,
        "current": getattr(page, "german_only", False),
    }
