"""One retailer record: name, kind, address, coordinates and website."""

import re
from decimal import Decimal, InvalidOperation

from catalogue.sync.errors import RowInvalid
from catalogue.sync.feed import RetailerData
from catalogue.sync.validate.values import ref, shop_url, text

RETAILER_KINDS = {"museum_shop", "label_store", "concept_store", "online_shop"}


def coordinate(value, what: str, limit: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and "," in value:
        raise RowInvalid(f"{what} {value!r} uses a comma; a dot is required")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise RowInvalid(f"{what} {value!r} is not a number") from None
    if not number.is_finite() or abs(number) > limit:
        raise RowInvalid(f"{what} {value!r} is out of range")
    return str(number.quantize(Decimal("0.000001")))


def normalise_retailer(raw) -> RetailerData:
    if not isinstance(raw, dict):
        raise RowInvalid("a retailer must be an object")
    kind = text(raw.get("kind"), "kind", required=True)
    if kind not in RETAILER_KINDS:
        raise RowInvalid(f"unknown kind {kind!r} (expected {', '.join(sorted(RETAILER_KINDS))})")
    address = raw.get("address") or {}
    geo = raw.get("geo") or {}
    if not isinstance(address, dict) or not isinstance(geo, dict):
        raise RowInvalid("address and geo must be objects or null")
    country = text(address.get("country"), "country").upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise RowInvalid(f"country {country!r} is not a two-letter ISO code")
    return RetailerData(
        ref=ref(raw.get("ref"), "ref"),
        name=text(raw.get("name"), "name", required=True, max_length=200),
        kind=kind,
        street=text(address.get("street"), "street", max_length=200),
        postcode=text(address.get("postcode"), "postcode", max_length=20),
        city=text(address.get("city"), "city", max_length=100),
        country=country,
        latitude=coordinate(geo.get("lat"), "lat", 90),
        longitude=coordinate(geo.get("lng"), "lng", 180),
        website=shop_url(raw.get("website"), "website"),
    )
