"""The filter Wagtail's rich-text wrapper template applies (`wagtailcore/shared/richtext.html`)."""

from django import template

from core.rich_text import mark_link_languages
from core.rich_text import without_placeholder_links as _without_placeholder_links

register = template.Library()


@register.filter
def without_placeholder_links(html):
    """Links that lead nowhere become their text; links to another language's page are marked."""
    return mark_link_languages(_without_placeholder_links(str(html)))
