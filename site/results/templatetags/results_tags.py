from django import template

register = template.Library()


@register.filter
def figure_number(figure, value):
    """`{{ figure|figure_number:point.value }}`: the value in the visitor's number format, with
    the indicator's decimals."""
    return figure.number(value)
