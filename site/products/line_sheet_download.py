"""The public line sheet: `/<lang>/<product index>/<route>/` (a route of the product index, named
in the page's language: `ROUTES`, e.g. /de/produkte/produktliste/, /fr/produits/catalogue/),
`?designer=<ref>` for a designer's products, and where other apps find it (`line_sheet_url`).

Downloads are off until editors switch them on (the German product index page's "Produktliste
öffentlich zum Herunterladen", `ProductIndexPage.line_sheet_public`): then the route answers
404 and `line_sheet_url` gives "". The PDF itself comes from `products.line_sheet`, kept under
the content version; the response is cacheable by the page cache and the edge (`public,
s-maxage`) and, like a page, replaced by any catalogue change.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import Site

from catalogue.sync.validate.values import REF_RE  # a catalogue ref as the sync accepts it
from core import content_version
from core.pagecache import cache_control_public
from core.seo import absolute_url
from products import line_sheet
from products.line_sheet_routes import route_for


def _settings() -> dict:
    """{"on": downloads switched on, "urls": {language: the live index page's URL}}."""
    from products.models import ProductIndexPage

    pages = list(ProductIndexPage.objects.live().public().select_related("locale"))
    german = [page for page in pages if page.locale.language_code == settings.LANGUAGE_CODE]
    return {
        "on": bool(german and german[0].line_sheet_public),
        "urls": {page.locale.language_code: page.url for page in pages},
    }


def download_settings() -> dict:
    return content_version.cached("products:line-sheet-settings", _settings, structural=False)


def downloads_on() -> bool:
    return download_settings()["on"]


def line_sheet_url(language_code: str, designer_ref: str = "") -> str:
    """The public line sheet's address in a language (a designer's with `designer_ref`); "" when
    editors have not switched downloads on or there is no live product index in that language.
    For other apps, e.g. the trade enquiry's confirmation mail."""
    found = download_settings()
    base = found["urls"].get(language_code, "")
    if not found["on"] or not base:
        return ""
    query = f"?{urlencode({'designer': designer_ref})}" if designer_ref else ""
    return f"{base}{route_for(language_code)}/{query}"


def line_sheet_address(language_code: str, designer_ref: str = "") -> str:
    """`line_sheet_url` as an absolute address from the default Site's configured root URL (never a
    request's Host), for mails; "" when downloads are off."""
    return absolute_url(None, line_sheet_url(language_code, designer_ref))


def filename(language: str, designer_ref: str = "") -> str:
    with translation.override(language):
        name = slugify(gettext("Produktliste"))
    parts = ["made-in-aachen-nord", name, designer_ref, language]
    return "-".join(part for part in parts if part) + ".pdf"


def _bad_request(message: str) -> HttpResponseBadRequest:
    response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def download(page, request):
    if not downloads_on():
        raise Http404
    designers = request.GET.getlist("designer")
    if len(designers) > 1:
        return _bad_request(gettext("Bitte nur eine Designer:in angeben."))
    designer_ref = designers[0] if designers else ""
    if designer_ref and not REF_RE.fullmatch(designer_ref):
        return _bad_request(gettext("„designer“ ist keine Kennung einer Designer:in."))
    language = page.locale.language_code
    if designer_ref and not line_sheet.live_selection(designer_ref).exists():
        raise Http404  # nobody known, or no live products of theirs
    try:
        document = line_sheet.line_sheet_pdf(
            language, designer_ref, site=Site.find_for_request(request)
        )
    except line_sheet.TooManyProducts as refused:
        return _bad_request(str(refused))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, filename(language, designer_ref)
    )
    response["Cache-Control"] = cache_control_public()
    response["Content-Language"] = language
    return response
