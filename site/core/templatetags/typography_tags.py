"""`{{ title|hyphenate }}`: soft hyphens in the long words of headings and card titles.

The language is the active one (the page's), or the one given: `{{ product.text.title|hyphenate:
product.text_language }}` for a German text shown on a translated page. Plain text is escaped
after hyphenation; text already marked safe (HTML) is hyphenated between its tags.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from core.typography import hyphenate as hyphenate_text

register = template.Library()


@register.filter(needs_autoescape=True)
def hyphenate(value, language=None, autoescape=True):
    if value is None or value == "":
        return value
    if isinstance(value, SafeData):
        return mark_safe(hyphenate_text(str(value), language, markup=True))  # noqa: S308
    hyphenated = hyphenate_text(str(value), language)
    return conditional_escape(hyphenated) if autoescape else hyphenated
