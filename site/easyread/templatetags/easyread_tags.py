"""`{% easy_read_link %}`: the header's link to the easy-read section, on every page."""

from django import template
from django.conf import settings
from django.utils import translation

from core.content_version import cached
from easyread.models import EasyReadIndexPage

register = template.Library()


def _start_url() -> str:
    page = (
        EasyReadIndexPage.objects.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )
    return (page.url or "") if page is not None else ""


def start_url() -> str:
    """The URL of the live, public easy-read start page ("" without one). Kept under the
    structure version: only a change of address, title or liveness can change it."""
    return cached("easyread:start", _start_url, structural=True)


@register.inclusion_tag("easyread/header_link.html", takes_context=True)
def easy_read_link(context):
    page = context.get("page")
    return {
        "url": start_url(),
        "german": translation.get_language() == settings.LANGUAGE_CODE,
        "current": getattr(page, "german_only", False),
    }
