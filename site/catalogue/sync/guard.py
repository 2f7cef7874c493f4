"""The share guard: a feed that would hide too many live products is refused before any write.

A truncated or partial export looks like a full snapshot that lacks most products; syncing it
would archive (or turn to draft) most of the shop. `check_share` counts the live products the
feed would hide - those it turns from active to draft or archived, and those it no longer names
- and refuses the whole feed (`ShareGuardTripped`, nothing changes) when they are more than
`CATALOGUE_MAX_ARCHIVE_SHARE` of the live products. `--force` overrides only this guard, and
the run's report says so.
"""

from django.conf import settings

from catalogue.models import Product
from catalogue.sync.errors import ShareGuardTripped


def check_share(hiding: int, index, missing, *, force: bool, summary) -> None:
    """Refuse the feed if it hides too large a share of the live products.

    `hiding` counts the live products the feed turns to draft or archived (`feed_hides`, counted
    in the plan's one pass over the products); `index` maps each German product row's
    external_id to (pk, translation_key, content_hash, in_feed, status, slug); `missing` lists
    the (external_id, row) the feed no longer names.
    """
    active = Product.Status.ACTIVE
    hiding += sum(1 for _id, row in missing if row[4] == active)
    live = sum(1 for row in index.values() if row[3] and row[4] == active)
    share = settings.CATALOGUE_MAX_ARCHIVE_SHARE
    if live and hiding / live > share:
        message = (
            f"This feed would hide {hiding} of {live} live products ({hiding / live:.0%}), "
            f"more than the {share:.0%} allowed (CATALOGUE_MAX_ARCHIVE_SHARE). A truncated "
            "or partial export? Nothing was changed."
        )
        if not force:
            raise ShareGuardTripped(message + " Run with --force if this is intended.")
        summary.warnings.append("Share guard overridden with --force: " + message)


def feed_hides(product, row) -> bool:
    """True when the feed turns this live product (its index `row`) to draft or archived."""
    _pk, _key, _stored_hash, in_feed, status, _slug = row
    active = Product.Status.ACTIVE
    return status == active and in_feed and product.status != active
