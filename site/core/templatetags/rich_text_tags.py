"""The filter Wagtail's rich-text wrapper template applies (`wagtailcore/shared/richtext.html`)."""

from django import template

from core.rich_text import without_placeholder_links as _without_placeholder_links

register = template.Library()


@register.filter
def without_placeholder_links(html):
    return _without_placeholder_links(str(html))
