"""Product passports: a short address per product that a hang tag's QR code can carry for years.

`/p/<catalogue id>/` (the catalogue's `external_id`, e.g. `/p/MAN-0001/`, any letter case) answers
with a redirect to the product page in the visitor's language (Accept-Language, as `/` does; German
where the products index or the product has no translation), so a slug change, a new translation
or a product the label stopped selling (its page says 410 Gone and where to go on) never breaks a
printed tag. The answer is a 302 that varies on Accept-Language, never kept by a shared cache.

The QR codes encode the absolute passport URL of the request's Wagtail Site (its configured root
URL, never the request's Host): `/p/<id>/qr.svg` for print, `/p/<id>/qr.png` for screens (segno).
"""

import io
from functools import lru_cache
from urllib.parse import quote

import segno
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from wagtail.models import Site

from core.routing import locale_for_language
from core.views import not_found_outside_languages

# The catalogue's ids are at most 64 characters (catalogue/sync/validate/products.py).
LONGEST_CODE = 64
# A QR code's modules drawn this many pixels wide on screens, with the standard quiet zone.
PNG_SCALE = 8


def passport_path(product) -> str:
    """`/p/<id>/` of a product (any of its language rows: they share the catalogue id)."""
    return f"/p/{quote(product.external_id, safe='')}/"


def passport_url(product, site: Site | None = None) -> str:
    """The absolute passport URL on `site` (else the default site), from its configured root URL."""
    site = site or Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site is not None else ""
    return f"{root}{passport_path(product)}"


def qr_code(url: str):
    """The QR code of `url`: error correction M (a tag may get scuffed), never a micro code."""
    return segno.make_qr(url, error="m", boost_error=False)


# A few KB each; drawing one costs a product page's first render about 2 ms, every time the
# fragment that shows it is rendered again (a shop renamed, a sync): the same address and title
# make the same drawing.
@lru_cache(maxsize=512)
def qr_svg(url: str, title: str = "", inline: bool = False) -> str:
    """The QR code as an SVG document (print: scales without loss).

    `inline`: for a page's HTML, sized by CSS (a viewBox, no width and height) and an image to
    assistive technology, named by its `<title>`."""
    out = io.BytesIO()
    qr_code(url).save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        title=title or None,
        border=4,
        omitsize=inline,
        svgclass="qr" if inline else "segno",
    )
    svg = out.getvalue().decode()
    return svg.replace("<svg ", '<svg role="img" ', 1) if inline else svg


def qr_png(url: str, scale: int = PNG_SCALE) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def not_found(request, *args, **kwargs):
    """A plain 404 under /p/, not a redirect into /de/p/… (`core.views`)."""
    not_found_outside_languages(request, "products.urls")


def product_for_code(code: str):
    """The German row of the product with this catalogue id, or None (an unknown or odd code)."""
    from catalogue.models import Product

    if not code or len(code) > LONGEST_CODE or not code.isprintable() or code != code.strip():
        return None  # (PostgreSQL refuses a NUL in a query: that would be a 500, not a 404)
    return (
        Product.objects.filter(
            external_id__iexact=code, locale__language_code=settings.LANGUAGE_CODE
        )
        .select_related("locale")
        .first()
    )


def product_page_url(product, language: str) -> str:
    """The product page's path in `language` where its index is live (else German), with the
    product's slug in that language where the catalogue translated it."""
    from products.presentation import product_index_url

    locale = locale_for_language(language)  # kept with the site's structure
    index = product_index_url(locale) if locale is not None else ""
    if not index:
        index = product_index_url(locale_for_language(settings.LANGUAGE_CODE))
    if not index:
        return ""
    localized = product.get_translation_or_none(locale) if locale is not None else None
    return f"{index}{(localized or product).slug}/"


@require_safe
@never_cache
@vary_on_headers("Accept-Language")
def passport(request, code):
    product = product_for_code(code)
    if product is None:
        not_found(request)
    language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE  # LocaleMiddleware's
    with translation.override(language):
        url = product_page_url(product, language)
    if not url:
        not_found(request)
    return HttpResponseRedirect(url)


def _qr_view(kind: str):
    @require_safe
    @cache_control(public=True, max_age=86400)
    def view(request, code):
        product = product_for_code(code)
        if product is None:
            not_found(request)
        url = passport_url(product, Site.find_for_request(request))
        if kind == "svg":
            body = qr_svg(url, title=url)
            return HttpResponse(body, content_type="image/svg+xml")
        return HttpResponse(qr_png(url), content_type="image/png")

    view.__name__ = f"passport_qr_{kind}"
    return view


qr_svg_view = _qr_view("svg")
qr_png_view = _qr_view("png")
