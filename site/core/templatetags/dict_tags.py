"""`{{ mapping|item:"key" }}`: a dictionary's value for a key a template cannot spell as an
attribute ("accessibility.AccessibilityStatementPage"); "" when missing."""

from django import template

register = template.Library()


@register.filter
def item(mapping, key):
    return (mapping or {}).get(key, "")
