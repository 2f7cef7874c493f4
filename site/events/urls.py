"""The calendar files' addresses, under each language prefix: `<index>/events.ics` (the feed)
and `<event>/event.ics` (one event). Wagtail serves only addresses of slugs ending in a slash,
so these hand the page's path with the file's name as its last part to Wagtail's `serve`, where
the index's or the event's route answers (`EventIndexPage.feed`, `EventPage.ics`); any other
page, or a name on the wrong page, is a 404."""

from django.urls import re_path
from wagtail import views as wagtail_views


def calendar_file(request, path: str, name: str):
    return wagtail_views.serve(request, f"{path}{name}.ics/")


urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)(?P<name>events|event)\.ics$",
        calendar_file,
        name="events_calendar_file",
    ),
]
