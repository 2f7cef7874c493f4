"""Known rows: a product whose feed row is exactly the one an earlier run synced is not read again.

Reading a product row in full (`validate.products.normalise_product`: every text checked, the
descriptions cleaned, every shop address checked) is most of an unchanged re-sync's time. Each
synced product keeps the digest of the JSON row it was synced from (`Product.feed_digest`;
`row_digest`; the German row's counts). A later run that finds the same digest for a product
still in the feed knows its state is the one the site has, and reads only what the run needs of
every product, changed or not (`KnownProduct`): its status for the share guard, its photos'
URLs (a photo replaced at its URL shows on every product that shows it), its SKUs (a SKU
belongs to the first product that names it), its designer and product type for the report.

The digest sums up everything the state is made from besides the row: what it owes to the
feed's location (the photos' addresses resolved against it), the feed's currency, the site's
languages and the settings the checks read, and the code that reads rows (`fingerprint`: the
sources of `catalogue.sync`, `catalogue.models` and `core.validators`, and the version of the
HTML cleaner). A deploy that changes any of them makes the next run read every row again. A
CSV export has no digest: a product it changed is read in full by the next JSON feed.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings

from catalogue.sync.errors import RowInvalid
from catalogue.sync.feed import ImageData
from catalogue.sync.fetch import is_url, resolve
from catalogue.sync.validate.images import normalise_images
from catalogue.sync.validate.products import JSON_CARRIES
from catalogue.sync.validate.values import ref, text


@cache
def fingerprint() -> str:
    """What the code and settings that turn a row into a product's state are, summed up."""
    import catalogue.models
    import catalogue.sync
    import core.validators

    digest = hashlib.sha256()
    sources = sorted(Path(catalogue.sync.__file__).parent.rglob("*.py"))
    sources += [Path(catalogue.models.__file__), Path(core.validators.__file__)]
    try:
        for path in sources:
            digest.update(path.read_bytes())
        digest.update(version("nh3").encode())
    except (OSError, PackageNotFoundError):
        return uuid.uuid4().hex  # the code cannot be told apart: no row is known
    digest.update(
        repr(
            (
                [code for code, _name in settings.LANGUAGES],
                settings.LANGUAGE_CODE,
                getattr(settings, "SHOP_LINKS_ALLOW_HTTP", False),
            )
        ).encode()
    )
    return digest.hexdigest()


def row_digest(raw: dict, location: str, currency: str) -> str:
    """The digest of a product's JSON row as this code reads it from a feed at `location`."""
    encoded = json.dumps(
        [fingerprint(), currency, _placed(raw, location), raw],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,  # a number the stream reads as a Decimal
    )
    # A lone surrogate (a hostile row) is summed up too; reading the row in full reports it.
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def _placed(raw: dict, location: str) -> list:
    """What the row's state owes to the feed's location: the kind of place (a web address, a
    file) and its photos' addresses resolved against it, as `validate.images` resolves them (the
    location itself where the row names its photos in a shape that reads as an error). The same
    row in a feed moved beside its photos (`catalogue-2.json`) is the same row."""
    kind = "url" if is_url(location) else ("file" if location else "")
    images = raw.get("images") or []
    if not isinstance(images, list) or not all(
        isinstance(item, dict) and isinstance(item.get("url"), str) for item in images
    ):
        return [kind, location]
    return [kind, [resolve(item["url"].strip(), location) for item in images]]


def known_digests() -> dict[str, str]:
    """{external_id: digest} of the products the feed had last time, as they were synced."""
    from catalogue.models import Product

    return dict(
        Product.objects.filter(locale__language_code=settings.LANGUAGE_CODE, in_feed=True)
        .exclude(feed_digest="")
        .values_list("external_id", "feed_digest")
    )


@dataclass
class KnownProduct:
    """A product whose row is the one it was synced from: what a run needs of every product.
    Never written: the plan counts it unchanged."""

    external_id: str
    status: str
    title: str  # German: the title of its photos in the library
    designer_ref: str
    product_type: str
    images: list[ImageData]
    skus: list[str]
    digest: str
    line: int | None = field(default=None)


def known_product(raw: dict, *, location: str, digest: str) -> KnownProduct:
    """What a run needs of a row it has synced before, read as `normalise_product` reads it
    (RowInvalid where the row no longer reads: it is then read in full and reported)."""
    titles = raw.get("title")
    variants = raw.get("variants")
    if not isinstance(titles, dict) or not isinstance(variants, list):
        raise RowInvalid("not the row it was")
    return KnownProduct(
        external_id=text(raw.get("external_id"), "external_id", required=True),
        status=text(raw.get("status"), "status", required=True),
        title=text(titles.get(settings.LANGUAGE_CODE), "title", required=True),
        designer_ref=ref(raw.get("designer_ref"), "designer_ref", required=False),
        product_type=text(raw.get("product_type"), "product_type"),
        images=normalise_images(raw, location, JSON_CARRIES),
        skus=[
            text(item.get("sku") if isinstance(item, dict) else None, "sku", required=True)
            for item in variants
        ],
        digest=digest,
    )
