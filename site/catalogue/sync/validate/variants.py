"""One variant of a product: SKU, GTIN, options, price and sale price, availability."""

import re

from catalogue.sync.errors import RowInvalid
from catalogue.sync.feed import VariantData
from catalogue.sync.validate.values import amount, gtin, language_map, text

AVAILABILITIES = {"in_stock", "out_of_stock", "preorder", "backorder"}


def minimum_order(value, what: str) -> int | None:
    """The smallest number a shop may order (the site's extension of the feed): a whole number
    from 1 up, or absent."""
    if value is None or value == "":
        return None
    raw = str(value).strip() if not isinstance(value, bool) else ""
    if not raw.isdecimal() or not 1 <= int(raw) <= 100_000:
        raise RowInvalid(f"{what} {value!r} is not a whole number from 1 to 100000")
    return int(raw)


def wholesale_price(raw, sku: str, price_currency: str) -> str | None:
    """The wholesale price (the site's extension of the feed), `{amount, currency}` in the
    price's currency, or absent."""
    value = raw.get("wholesale_price")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RowInvalid(f"{sku}: wholesale_price must be an object")
    if (value.get("currency") or price_currency) != price_currency:
        raise RowInvalid(f"{sku}: wholesale price and price are in different currencies")
    return amount(value.get("amount"), f"{sku}: wholesale price")


def normalise_variant(
    raw, position: int, currency: str, product_minimum: int | None = None
) -> VariantData:
    if not isinstance(raw, dict):
        raise RowInvalid(f"variant {position + 1} must be an object")
    sku = text(raw.get("sku"), f"variant {position + 1} sku", required=True, max_length=64)
    availability = text(raw.get("availability"), f"{sku} availability", required=True)
    if availability not in AVAILABILITIES:
        raise RowInvalid(
            f"{sku}: unknown availability {availability!r} "
            f"(expected {', '.join(sorted(AVAILABILITIES))})"
        )
    price = raw.get("price")
    if not isinstance(price, dict):
        raise RowInvalid(f"{sku}: price is missing")
    sale = raw.get("sale_price")
    if sale is not None and not isinstance(sale, dict):
        raise RowInvalid(f"{sku}: sale_price must be an object")
    price_currency = text(price.get("currency") or currency, f"{sku} currency")
    if not re.fullmatch(r"[A-Z]{3}", price_currency):
        raise RowInvalid(f"{sku}: currency {price_currency!r} is not an ISO 4217 code")
    if sale and (sale.get("currency") or price_currency) != price_currency:
        raise RowInvalid(f"{sku}: sale price and price are in different currencies")
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise RowInvalid(f"{sku}: options must be an object")
    options = {
        text(name, f"{sku} option name", required=True): language_map(values, f"{sku} {name}")
        for name, values in options.items()
    }
    return VariantData(
        sku=sku,
        gtin=gtin(raw.get("gtin")),
        options=options,
        price=amount(price.get("amount"), f"{sku}: price"),
        sale_price=amount(sale.get("amount"), f"{sku}: sale price") if sale else None,
        currency=price_currency,
        availability=availability,
        wholesale_price=wholesale_price(raw, sku, price_currency),
        minimum_order=minimum_order(raw.get("minimum_order"), f"{sku}: minimum_order")
        or product_minimum,
    )
