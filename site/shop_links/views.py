"""The counted redirect `/go/…` (see shop_links.outbound and shop_links.clicks).

The target comes from the database row named by the id in the path, and nothing else; the only
query parameter read is `from` (the placement), which is counted and never used to choose where
the visitor goes. Counting is best effort: when it fails, a warning without any visitor data is
logged and the visitor is redirected all the same.
"""

import logging

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from core.views import not_found_outside_languages
from shop_links import clicks, outbound
from shop_links.models import Retailer, StockistLink

logger = logging.getLogger(__name__)


def not_found(request, *args, **kwargs):
    """A plain 404 for /go/…, not a redirect to /de/go/… (`core.views`)."""
    not_found_outside_languages(request, "shop_links.urls")


def _get_or_404(request, queryset, pk):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        not_found(request)
    return obj


def _count(request, what: str, **row):
    if not clicks.should_count(request):
        return
    placement = clicks.placement_of(request)
    try:
        clicks.count_click(
            placement=placement,
            lock_timeout_ms=settings.SHOP_LINKS_COUNT_LOCK_TIMEOUT_MS,
            **row,
        )
    except Exception as error:
        # Only what was counted, never who: no address, user agent, referrer or query string.
        logger.warning("Click on %s (%s) not counted: %s", what, placement, type(error).__name__)


def _redirect(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    # no-cache, no-store, must-revalidate, max-age=0, plus private: no cache, shared or the
    # browser's, may answer the next click without it reaching us to be counted.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


@require_safe
def go(request, link_id: int):
    ref_field = settings.CATALOGUE_DESIGNER_REF_FIELD
    link = _get_or_404(
        request,
        StockistLink.objects.select_related("retailer", "product", "designer").only(
            "url", "retailer_id", "product_id", "designer_id", "retailer__website",
            "product__designer_ref", f"designer__{ref_field}",
        ),
        link_id,
    )  # fmt: skip
    if link.product_id is not None:
        designer_ref = link.product.designer_ref
    else:
        designer_ref = getattr(link.designer, ref_field)
    _count(
        request,
        f"link {link.pk}",
        retailer_id=link.retailer_id,
        link_id=link.pk,
        product_id=link.product_id,
        designer_ref=designer_ref or "",
    )
    return _redirect(outbound.destination(link))


@require_safe
def go_retailer(request, retailer_id: int):
    retailer = _get_or_404(
        request, Retailer.objects.filter(live=True).select_related("locale"), retailer_id
    )
    source_id = retailer.pk
    if retailer.locale.language_code != settings.LANGUAGE_CODE:
        # Counts belong to the German row, whichever translation the link was rendered from.
        source_id = (
            Retailer.objects.filter(
                translation_key=retailer.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .values_list("pk", flat=True)
            .first()
            or retailer.pk
        )
    _count(request, f"retailer {source_id}", retailer_id=source_id)
    return _redirect(outbound.destination(retailer=retailer))
