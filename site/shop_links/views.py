"""The counted redirect `/go/…` (see shop_links.outbound)."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from shop_links import outbound
from shop_links.models import Retailer, StockistLink


@never_cache
def go(request, link_id: int):
    link = get_object_or_404(StockistLink.objects.select_related("retailer"), pk=link_id)
    return HttpResponseRedirect(outbound.destination(link))


@never_cache
def go_retailer(request, retailer_id: int):
    retailer = get_object_or_404(Retailer, pk=retailer_id)
    return HttpResponseRedirect(outbound.destination(retailer=retailer))
