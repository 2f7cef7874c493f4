from django import template

from core import frame

register = template.Library()

APPLICATION_PAGE = "applications.DesignApplicationPage"


@register.simple_tag
def design_application_url() -> str:
    """The live application page in the visitor's language, else "" (the page is offered in a
    language only once it is published there); from the frame's cache (`core.frame.index_url`)."""
    return frame.index_url(APPLICATION_PAGE)
