"""Steps of the sync that an app above the catalogue provides.

The feed lists retailers and each product's stockist links, but those are `shop_links` rows, and
the catalogue may not import that app (docs/architecture.md). An app offers the step with an
`AppConfig` attribute naming its class:

    catalogue_retailer_step = "shop_links.catalogue_feed.RetailerRows"

The class is built with the run (`cls(sync)`) and has `retailer_ids` ({feed ref: pk}) and the
methods `sync_retailers()`, `current_stockists(pks, states)` and `write_stockists(work, ids)`.
Without such an app the sync leaves retailers alone, and every product's stockist refs are
reported as unknown retailers (a warning, never an error).
"""

from django.apps import apps
from django.utils.module_loading import import_string


class NoRetailers:
    """The retailer step when no installed app offers one."""

    def __init__(self, sync):
        self.retailer_ids: dict[str, int] = {}

    def sync_retailers(self):
        pass

    def current_stockists(self, pks, states):
        pass

    def write_stockists(self, work, ids):
        pass


def retailer_step(sync):
    """The retailer step for this run, from the first app that registers one."""
    for config in apps.get_app_configs():
        path = getattr(config, "catalogue_retailer_step", "")
        if path:
            return import_string(path)(sync)
    return NoRetailers(sync)
