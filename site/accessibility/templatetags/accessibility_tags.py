from django import template
from django.conf import settings
from django.utils import translation

from core import frame

register = template.Library()

STATEMENT = "accessibility.AccessibilityStatementPage"


@register.simple_tag
def accessibility_statement():
    """(URL, hreflang) of the live, public statement in the visitor's language (hreflang ""),
    else the German one (hreflang "de"), else ("", ""); from the frame's cache
    (`core.frame.index_url`)."""
    url = frame.index_url(STATEMENT)
    if url:
        return url, ""
    with translation.override(settings.LANGUAGE_CODE):
        url = frame.index_url(STATEMENT)
    return (url, settings.LANGUAGE_CODE) if url else ("", "")
