"""What the trade enquiry's mails add to the pipeline's: the line sheet for the shop."""

from django import template

from products.line_sheet_download import line_sheet_address

register = template.Library()


@register.simple_tag
def line_sheet_for(language_code: str) -> str:
    """The public line sheet's absolute address in the shop's language, "" while editors keep
    downloads off (the mail then promises the terms by reply only)."""
    return line_sheet_address(language_code)
