from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Fairs, markets and open workshop days: event pages, their index with an iCalendar feed,
    each event's .ics download, and the "Meet us at" list on designer and product pages."""

    name = "events"
    label = "events"
    verbose_name = _("Termine")
    default_auto_field = "django.db.models.BigAutoField"
    # core.registry: an event's products (child rows of its page) show on pages.
    shown_on_pages = True
    index_page_types = ("events.EventIndexPage",)
    # core.registry: designer and product pages list the events they can be met at.
    appearances = "events.links.upcoming_for"
