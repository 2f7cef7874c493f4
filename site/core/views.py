"""Error pages in the visitor's language, and a way home when a translation is missing."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from wagtail.models import Page, Site

from core.i18n import locale_home


def german_page_for(request) -> Page | None:
    """The live German page at the same path as a missing page in another language.

    Translations keep the German slugs unless editors change them, so /nl/x/ missing means the
    visitor most likely wants /de/x/: they get the German page rather than a dead end.
    """
    parts = request.path.strip("/").split("/", 1)
    language_codes = {code for code, _name in settings.LANGUAGES}
    if not parts or parts[0] not in language_codes or parts[0] == settings.LANGUAGE_CODE:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    rest = parts[1] if len(parts) > 1 else ""
    if not rest:
        return None
    root = site.root_page
    url_path = f"{root.url_path}{rest.strip('/')}/"
    return Page.objects.live().public().filter(url_path=url_path, locale_id=root.locale_id).first()


def page_not_found(request, exception=None):
    site = Site.find_for_request(request)
    home = locale_home(site, translation.get_language()) or locale_home(
        site, settings.LANGUAGE_CODE
    )
    return render(request, "404.html", {"home_page": home}, status=404)


def server_error(request):
    # No request context and no database: the failure may be the database itself.
    html = loader.get_template("500.html").render({"LANGUAGE_CODE": translation.get_language()})
    return HttpResponseServerError(html)
