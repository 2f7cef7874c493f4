"""`|local_date`, `|price` and `|place_name`: dates and prices in the visitor's language (`core.formats`)."""

from django import template

from core import formats

register = template.Library()


@register.filter
def local_date(value, format_name="DATE_FORMAT"):
    return formats.format_date(value, format_name=format_name)


@register.filter
def price(amount, decimals=2):
    """`{{ variant.price|price }}`; `{{ rent|price:0 }}` for whole euros."""
    return formats.format_price(amount, decimals=int(decimals))


@register.simple_tag
def price_range(low, high, decimals=2):
    """`{% price_range low high decimals=0 as rent %}`: "380 € – 450 €", or one price."""
    return formats.format_price_range(low, high, decimals=int(decimals))


@register.filter(is_safe=True)
def colon(label):
    """`{{ _("Öffnungszeiten")|colon }}`: "Opening hours:", "Horaires d’ouverture :"."""
    return formats.with_colon(label)


@register.filter
def place_name(city):
    """`{{ group.city|place_name }}`: "Köln" as "Cologne" on an English or French page."""
    return formats.place_name(city)
