"""Stockist links of the demo catalogue, and a browser-like client for the counted redirect."""

import pytest
from django.test import Client

from shop_links.models import StockistLink

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture
def browser():
    """A client that looks like a person's browser (bots and scripts are not counted)."""
    return Client(headers={"user-agent": BROWSER_UA})


@pytest.fixture
def link(demo):
    """The Laden im Depot's page for the demo's tram-seat-fabric bag (MAN-0001)."""
    return StockistLink.objects.select_related("retailer", "product").get(
        product__external_id="MAN-0001", retailer__ref="laden-im-depot"
    )


from tests.catalogue.conftest import sample  # noqa: E402, F401  (the sample feed, to change)
