"""Which addresses may be sent to a visitor as a link to a shop: `core.validators`.

The rule lives on the ground floor, because the catalogue's sync checks the feed's shop
addresses with it too (and the catalogue sits below this app). Migrations name
`shop_links.validators.validate_shop_url`, so the names stay importable from here.
"""

from core.validators import check_shop_url, validate_shop_url

__all__ = ["check_shop_url", "validate_shop_url"]
