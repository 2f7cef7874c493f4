"""The feed in one validated, normalised shape, whichever format (JSON or CSV) it came in.

What a format does not carry at all (the CSV export has no handles, links, dimensions or alt
texts) is `KEEP`: the sync leaves the site's current value alone instead of erasing it.
"""

from dataclasses import dataclass, field

from catalogue.sync.errors import RowError


class _Keep:
    def __repr__(self):
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


@dataclass
class Feed:
    format: str
    location: str
    generated_at: str = ""
    designers: dict | None = None  # {ref: name}; None when the format has no designers
    partners: list[PartnerData] | None = None
    retailers: list[RetailerData] | None = None  # None: retailers not part of this source
    products: list[ProductData] = field(default_factory=list)
    seen_products: set = field(default_factory=set)  # every external_id named, valid or not
    seen_retailers: set = field(default_factory=set)
    seen_partners: set = field(default_factory=set)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
