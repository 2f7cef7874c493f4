"""The catalogue sync: the feed from outside into catalogue and retailer rows, one step a module.

The public entry point is `run_sync` (management command, task, admin view, demo and tests):

    from catalogue.sync import run_sync

Steps of a run, in order, and where each lives:

- `engine`: `run_sync` logs the run, takes the lock (`lock`) with a heartbeat (`heartbeat`),
  holds the transaction and runs the steps of `Sync`, then records the outcome.
- `fetch`: read the feed (and the retailers CSV) from a file or a URL into a temporary file,
  with limits.
- `parse`: the document, JSON (streamed a product at a time by `stream`) or CSV, into the
  normalised shape of `feed` (`KEEP` for what a format does not carry; a JSON feed's products
  kept on disk in a `feed.ProductSpool`); each record is validated by its kind's module in
  `validate` (`values`, `products`, `variants`, `images`, `partners`, `retailers`).
- `known`: a product whose JSON row is the one it was synced from (the row's digest) is not
  read in full: what the run needs of it only.
- `plan`: what changes, against what the site has; the share guard (`guard`) refuses a feed
  that would hide too many live products, before any write.
- `catalogue_rows`: write production partners, products, variants, partner links, slug history,
  and archive what the feed no longer names.
- `steps`: the retailer step, which the shop links app offers (`shop_links.catalogue_feed`):
  write retailers and the products' stockist links (its models; the catalogue may not import them).
- `image_rows`: fetch the photos a product lacks (`images`: checked, stored once) and link them.
- `report`: the run's `Summary` (counts, warnings, message) and warnings about designer refs
  and vocabulary codes the site has no page or word for yet.

What can go wrong, and what it means for the run, is `errors`; `html` cleans descriptions.
"""

from catalogue.sync.engine import Sync, load_feed, run_sync
from catalogue.sync.report import COUNT_KEYS, Summary

__all__ = ["COUNT_KEYS", "Summary", "Sync", "load_feed", "run_sync"]
