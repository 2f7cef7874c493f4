"""The feed in one validated, normalised shape, whichever format (JSON or CSV) it came in.

What a format does not carry at all (the CSV export has no handles, links, dimensions or alt
texts) is `KEEP`: the sync leaves the site's current value alone instead of erasing it.
"""

import pickle
import tempfile
from dataclasses import dataclass, field

from django.conf import settings

from catalogue.sync.errors import RowError


class _Keep:
    def __repr__(self):
        return "KEEP"

    def __reduce__(self):  # unpickled (`ProductSpool`) as the one KEEP, so `is KEEP` holds
        return "KEEP"


KEEP = _Keep()
"""The source does not carry this field: keep whatever the site has."""


@dataclass
class VariantData:
    sku: str
    gtin: str
    options: dict
    price: str
    sale_price: str | None
    currency: str
    availability: str
    # The site's extension of the feed (docs/catalogue-sync.md): for the line sheets' trade terms.
    wholesale_price: str | None = None
    minimum_order: int | None = None


@dataclass
class ImageData:
    ref: str  # as the feed writes it: the image's identity, whatever the feed's location
    url: str  # resolved against the feed's location, for fetching
    position: int
    alt: dict | _Keep


@dataclass
class ProductData:
    external_id: str
    status: str
    handle: str | _Keep
    texts: dict  # {language: {"title", "description", "material"}}
    designer_ref: str
    product_type: str
    made_by: list[str]
    dimensions: dict | _Keep
    link: str | _Keep
    updated_at: str | _Keep
    images: list[ImageData]
    variants: list[VariantData]
    stockists: list[tuple[str, str]]
    line: int | None = None
    digest: str = ""  # of the JSON row it was read from (`catalogue.sync.known`); CSV: none

    @property
    def skus(self) -> list[str]:
        return [variant.sku for variant in self.variants]

    @property
    def title(self) -> str:
        """The German title (a product always has one)."""
        return self.texts[settings.LANGUAGE_CODE]["title"]


@dataclass
class PartnerData:
    ref: str
    names: dict
    kind: str
    city: str
    social_employment: bool


@dataclass
class RetailerData:
    ref: str
    name: str
    kind: str
    street: str
    postcode: str
    city: str
    country: str
    latitude: str | None
    longitude: str | None
    website: str


class ProductSpool:
    """The feed's normalised products, kept in a temporary file instead of memory.

    10,000 products in four languages are about 80 MB as Python objects; here they are appended
    once, as they are parsed, and read back in the feed's order by each step that goes through
    them (one pass at a time), so a run holds only the product it works on and the chunk it
    writes. Works like a list for `append`, `len`, iteration and truth.
    """

    def __init__(self):
        self.file = tempfile.TemporaryFile(prefix="maan-catalogue-")  # noqa: SIM115 - closed by close()
        self.count = 0
        self.reading = False

    def append(self, product) -> None:
        if self.reading:
            raise RuntimeError("the products are appended before they are read")
        self.file.seek(0, 2)  # a pass may have left the position anywhere
        pickle.dump(product, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        if self.reading:
            raise RuntimeError("one pass over the products at a time")
        self.reading = True
        try:
            self.file.seek(0)
            for _number in range(self.count):
                yield pickle.load(self.file)  # noqa: S301 - written by this run, in this run
        finally:
            self.reading = False

    def close(self) -> None:
        self.file.close()


@dataclass
class Feed:
    format: str
    location: str
    generated_at: str = ""
    designers: dict | None = None  # {ref: name}; None when the format has no designers
    partners: list[PartnerData] | None = None
    retailers: list[RetailerData] | None = None  # None: retailers not part of this source
    products: list[ProductData] | ProductSpool = field(default_factory=list)
    seen_products: set = field(default_factory=set)  # every external_id named, valid or not
    seen_retailers: set = field(default_factory=set)
    seen_partners: set = field(default_factory=set)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # {external_id: digest} of the rows the products still in the feed were synced from
    # (`catalogue.sync.known`): a row with its product's digest is read as a `KnownProduct`.
    digests: dict = field(default_factory=dict)
