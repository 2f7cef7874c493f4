"""From feed bytes (JSON or CSV) to one validated, normalised shape.

Both formats end in the same dataclasses, so the rest of the sync neither knows nor cares which
one arrived, and "JSON and CSV give the same result" is a property of this module alone. What a
format does not carry at all (the CSV export has no handles, links, dimensions or alt texts) is
`KEEP`: the sync leaves the site's current value alone instead of erasing it.

Two kinds of failure: the document as a whole (`FeedRefused`, nothing changes) and one row
(`RowError`, that row is skipped and reported, the rest syncs).
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from catalogue.sync.errors import (
    INVALID_TEXT,
    FeedRefused,
    RowError,
    RowInvalid,
    describe_character,
    printable,
)
from catalogue.sync.html import clean_html
from catalogue.sync.source import Fetched, is_url, outside_folder, resolve
from shop_links.validators import check_shop_url


class _Keep:
    def __repr__(self):
        return "KEEP"


KEEP = _Keep()
"""The source does not carry this field: keep whatever the site has."""

SUPPORTED_VERSION = 1
STATUSES = {"active", "draft", "archived"}
AVAILABILITIES = {"in_stock", "out_of_stock", "preorder", "backorder"}
RETAILER_KINDS = {"museum_shop", "label_store", "concept_store", "online_shop"}
DIMENSION_KEYS = {"length_cm", "width_cm", "height_cm", "weight_g"}
TEXT_FIELDS = ("title", "description", "material")
REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
AMOUNT_RE = re.compile(r"^\d{1,8}(\.\d{1,2})?$")
_link_syntax = URLValidator(schemes=["http", "https"])
# Optional product fields a JSON feed always has; the CSV export has none of them.
JSON_CARRIES = frozenset({"handle", "link", "dimensions", "updated_at", "image_alt"})


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


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


# Values --------------------------------------------------------------------------------------


def text(value, what: str, *, required=False, max_length=None) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RowInvalid(f"{what} must be text, not {type(value).__name__}")
    invalid = INVALID_TEXT.search(value)
    if invalid:
        raise RowInvalid(
            f"{what} contains {describe_character(invalid.group())} at position "
            f"{invalid.start() + 1}; the catalogue must send plain text"
        )
    value = value.strip()
    if required and not value:
        raise RowInvalid(f"{what} is missing")
    if max_length and len(value) > max_length:
        raise RowInvalid(f"{what} is longer than {max_length} characters")
    return value


def ref(value, what: str, *, required=True) -> str:
    value = text(value, what, required=required)
    if value and not REF_RE.match(value):
        raise RowInvalid(f"{what} {value!r} may only contain letters, digits, '-', '_' and '.'")
    return value


def amount(value, what: str) -> str:
    """A price as the feed must write it ("49.00"); a decimal comma is refused, not guessed."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowInvalid(f"{what} is missing or not a number")
    raw = str(value).strip()
    if "," in raw:
        raise RowInvalid(
            f"{what} {raw!r} uses a comma; the feed needs a dot as the decimal separator "
            f"(e.g. {raw.replace('.', '').replace(',', '.')!r})"
        )
    if not AMOUNT_RE.match(raw):
        raise RowInvalid(f"{what} {raw!r} is not an amount such as 49.00")
    return str(Decimal(raw).quantize(Decimal("0.01")))


def gtin(value) -> str:
    value = text(value, "GTIN")
    if not value:
        return ""
    if not value.isdigit() or len(value) not in {8, 12, 13, 14}:
        raise RowInvalid(f"GTIN {value!r} must be 8, 12, 13 or 14 digits")
    digits = [int(char) for char in value]
    weighted = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1])))
    if (10 - weighted % 10) % 10 != digits[-1]:
        raise RowInvalid(f"GTIN {value} has an invalid check digit")
    return value


def language_map(value, what: str, *, required_default=False, max_length=None) -> dict:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise RowInvalid(f"{what} must be an object of languages")
    result = {}
    for code, item in value.items():
        code = text(code, f"a language code in {what}")
        item = text(item, f"{what}.{code}", max_length=max_length)
        if item:
            result[str(code)] = item
    if required_default and not result.get(settings.LANGUAGE_CODE):
        raise RowInvalid(f"{what}.{settings.LANGUAGE_CODE} (the German {what}) is missing")
    return result


def timestamp(value, what: str) -> str:
    value = text(value, what)
    if not value:
        return ""
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RowInvalid(f"{what} {value!r} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed.astimezone(datetime.UTC).isoformat()


def catalogue_link(value) -> str:
    value = text(value, "link")
    if value:
        try:
            _link_syntax(value)
        except ValidationError:
            raise RowInvalid(f"link {value!r} is not an absolute http(s) address") from None
    return value


def shop_url(value, what: str) -> str:
    try:
        return check_shop_url(text(value, what))
    except ValidationError as exc:
        raise RowInvalid(f"{what}: {' '.join(exc.messages)}") from None


# Rows ----------------------------------------------------------------------------------------


def normalise_product(raw: dict, *, location: str, currency: str, carried: set | None = None):
    """One product as the feed gives it (JSON shape) -> ProductData, or RowInvalid.

    `carried` names the optional fields this source has at all; the rest become KEEP.
    """
    if not isinstance(raw, dict):
        raise RowInvalid("a product must be an object")
    carried = JSON_CARRIES if carried is None else carried
    external_id = text(raw.get("external_id"), "external_id", required=True, max_length=64)
    status = text(raw.get("status"), "status", required=True)
    if status not in STATUSES:
        raise RowInvalid(f"unknown status {status!r} (expected {', '.join(sorted(STATUSES))})")

    titles = language_map(raw.get("title"), "title", required_default=True, max_length=255)
    descriptions = language_map(raw.get("description"), "description")
    materials = language_map(raw.get("material"), "material", max_length=500)
    default = settings.LANGUAGE_CODE
    texts = {}
    for code in site_languages():
        if code not in titles:
            continue
        texts[code] = {
            "title": titles[code],
            # A language the catalogue lacks for one field shows the German text until then.
            "description": clean_html(descriptions.get(code) or descriptions.get(default, "")),
            "material": materials.get(code) or materials.get(default, ""),
        }

    variants_raw = raw.get("variants")
    if not isinstance(variants_raw, list) or not variants_raw:
        raise RowInvalid("a product needs at least one variant")
    variants = [
        normalise_variant(item, position, currency) for position, item in enumerate(variants_raw)
    ]

    images = []
    for index, item in enumerate(raw.get("images") or []):
        if not isinstance(item, dict):
            raise RowInvalid(f"image {index + 1} must be an object")
        reference = text(item.get("url"), f"image {index + 1} url", required=True)
        url = resolve(reference, location)
        if is_url(location) and not is_url(url):
            raise RowInvalid(f"image {reference!r} is not an http(s) address")
        if location and not is_url(location) and not is_url(url) and outside_folder(reference):
            raise RowInvalid(f"image {reference!r} is not in the feed's folder")
        position = item.get("position", index + 1)
        if isinstance(position, bool) or not isinstance(position, int):
            raise RowInvalid(f"image {reference!r}: position must be a whole number")
        alt = language_map(item.get("alt"), f"image {position} alt", max_length=250)
        images.append(ImageData(reference, url, position, alt if "image_alt" in carried else KEEP))
    images.sort(key=lambda image: image.position)
    if len({image.ref for image in images}) != len(images):
        raise RowInvalid("the same image is listed twice")

    stockists, retailers_seen = [], set()
    for index, item in enumerate(raw.get("stockists") or []):
        if not isinstance(item, dict):
            raise RowInvalid(f"stockist {index + 1} must be an object")
        retailer = ref(item.get("retailer_ref"), f"stockist {index + 1} retailer_ref")
        if retailer in retailers_seen:
            raise RowInvalid(f"retailer {retailer!r} is listed twice as a stockist")
        retailers_seen.add(retailer)
        stockists.append((retailer, shop_url(item.get("url"), f"stockist link for {retailer}")))

    made_by = raw.get("made_by") or []
    if not isinstance(made_by, list):
        raise RowInvalid("made_by must be a list of partner refs")
    made_by = [ref(item, "made_by partner") for item in made_by]
    if len(set(made_by)) != len(made_by):
        raise RowInvalid("a production partner is listed twice in made_by")

    dimensions = KEEP
    if "dimensions" in carried:
        dimensions = raw.get("dimensions") or {}
        if not isinstance(dimensions, dict) or set(dimensions) - DIMENSION_KEYS:
            raise RowInvalid(f"dimensions may only have {', '.join(sorted(DIMENSION_KEYS))}")
        for key, value in dimensions.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise RowInvalid(f"dimensions.{key} must be a number of at least 0")

    return ProductData(
        external_id=external_id,
        status=status,
        handle=text(raw.get("handle"), "handle", max_length=200) if "handle" in carried else KEEP,
        texts=texts,
        designer_ref=ref(raw.get("designer_ref"), "designer_ref", required=False),
        product_type=text(raw.get("product_type"), "product_type", max_length=60),
        made_by=made_by,
        dimensions=dimensions,
        link=catalogue_link(raw.get("link")) if "link" in carried else KEEP,
        updated_at=(
            timestamp(raw.get("updated_at"), "updated_at") if "updated_at" in carried else KEEP
        ),
        images=images,
        variants=variants,
        stockists=stockists,
    )


def normalise_variant(raw, position: int, currency: str) -> VariantData:
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
    )


def normalise_partner(raw) -> PartnerData:
    if not isinstance(raw, dict):
        raise RowInvalid("a partner must be an object")
    social = raw.get("social_employment", False)
    if not isinstance(social, bool):
        raise RowInvalid("social_employment must be true or false")
    return PartnerData(
        ref=ref(raw.get("ref"), "ref"),
        names=language_map(raw.get("name"), "name", required_default=True, max_length=200),
        kind=text(raw.get("kind"), "kind", max_length=80),
        city=text(raw.get("city"), "city", max_length=80),
        social_employment=social,
    )


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


def collect(feed: Feed, kind: str, items, normalise, seen: set, line_of=None):
    """Normalise each item; invalid ones become RowErrors, duplicates of a key too."""
    result, keys = [], set()
    for index, raw in enumerate(items):
        key_field = "external_id" if kind == "product" else "ref"
        key = raw.get(key_field) if isinstance(raw, dict) else None
        key = key.strip() if isinstance(key, str) and key.strip() else None
        line = line_of(index) if line_of else None
        label = printable(key) if key else f"#{index + 1}"
        if key:
            seen.add(key)
        if key and key in keys:
            feed.errors.append(RowError(kind, label, f"{key_field} {key!r} appears twice", line))
            continue
        if key:
            keys.add(key)
        try:
            item = normalise(raw)
        except RowInvalid as exc:
            feed.errors.append(RowError(kind, label, str(exc), line))
            continue
        if line is not None:
            item.line = line
        result.append(item)
    return result


def drop_duplicate_skus(feed: Feed):
    owner = {}
    kept = []
    for product in feed.products:
        clash = next((v.sku for v in product.variants if v.sku in owner), None)
        skus = [v.sku for v in product.variants]
        if clash is None and len(set(skus)) != len(skus):
            clash = next(sku for sku in skus if skus.count(sku) > 1)
            feed.errors.append(
                RowError("product", product.external_id, f"SKU {clash} appears twice", product.line)
            )
            continue
        if clash is not None:
            feed.errors.append(
                RowError(
                    "product",
                    product.external_id,
                    f"duplicate SKU {clash}: already used by product {owner[clash]}",
                    product.line,
                )
            )
            continue
        for sku in skus:
            owner[sku] = product.external_id
        kept.append(product)
    feed.products = kept


# JSON ----------------------------------------------------------------------------------------


def decode_text(content: bytes, what: str, encoding: str = "utf-8") -> str:
    if not content.strip():
        raise FeedRefused(f"The {what} is empty; nothing was changed.")
    if encoding.lower().replace("-", "") in {"utf8", "utf8sig"}:
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
            bad = content[exc.start : exc.start + 1].hex().upper()
            raise FeedRefused(
                f"The {what} is not UTF-8: byte 0x{bad} on line {line} (a spreadsheet export in "
                "Windows-1252?). Export it as UTF-8, or name the encoding with --csv-encoding "
                "cp1252; nothing was changed."
            ) from None
    try:
        return content.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise FeedRefused(f"The {what} cannot be read as {encoding}: {exc}.") from None


def parse_json(fetched: Fetched) -> Feed:
    body = decode_text(fetched.content, "feed")
    try:
        document = json.loads(body)
    except json.JSONDecodeError as exc:
        near_end = len(body) - exc.pos < 200
        truncated = " - the file or download looks truncated" if near_end else ""
        raise FeedRefused(
            f"The feed is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            f"{truncated}; nothing was changed."
        ) from None
    if not isinstance(document, dict):
        raise FeedRefused("The feed is not a catalogue document (expected a JSON object).")
    version = document.get("version")
    if version != SUPPORTED_VERSION:
        raise FeedRefused(
            f"The feed has version {version!r}; this site reads version {SUPPORTED_VERSION} only."
        )
    if document.get("mode", "full") != "full":
        raise FeedRefused(
            f"The feed's mode is {document.get('mode')!r}; only full snapshots are supported."
        )
    products = document.get("products")
    if not isinstance(products, list):
        raise FeedRefused("The feed has no list of products.")
    if not products:
        raise FeedRefused(
            "The feed lists no products at all; a full snapshot without products would hide the "
            "whole shop, so nothing was changed."
        )
    currency = document.get("currency") or "EUR"
    feed = Feed(
        format="json",
        location=fetched.location,
        generated_at=str(document.get("generated_at", "")),
    )
    designers = document.get("designers")
    if isinstance(designers, list):
        feed.designers = {
            d["ref"]: d.get("name", "") for d in designers if isinstance(d, dict) and d.get("ref")
        }
    for key in ("partners", "retailers"):
        if key in document and not isinstance(document[key], list):
            raise FeedRefused(f"The feed's {key} must be a list.")
    if "partners" in document:
        feed.partners = collect(
            feed, "partner", document["partners"], normalise_partner, feed.seen_partners
        )
    if "retailers" in document:
        feed.retailers = collect(
            feed, "retailer", document["retailers"], normalise_retailer, feed.seen_retailers
        )
    feed.products = collect(
        feed,
        "product",
        products,
        lambda raw: normalise_product(raw, location=fetched.location, currency=currency),
        feed.seen_products,
    )
    drop_duplicate_skus(feed)
    unknown = {code for raw in products if isinstance(raw, dict) for code in raw.get("title") or {}}
    unknown -= set(site_languages())
    if unknown:
        feed.warnings.append(
            f"Texts in languages the site does not have were ignored: {', '.join(sorted(unknown))}."
        )
    return feed


# CSV -----------------------------------------------------------------------------------------

PRODUCT_COLUMNS = {"external_id", "sku", "price", "availability"}
RETAILER_COLUMNS = {"ref", "name", "kind", "website"}


def read_csv(content: bytes, what: str, required: set, encoding: str):
    """(header, [(line, row dict)]) with the separator detected from the header line."""
    body = decode_text(content, what, encoding)
    first_line = body.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        header = [column.strip() for column in next(reader)]
    except (StopIteration, csv.Error):
        raise FeedRefused(f"The {what} has no header line.") from None
    missing = required - set(header)
    if missing:
        raise FeedRefused(
            f"The {what} lacks the column(s) {', '.join(sorted(missing))} (separator "
            f"{delimiter!r}); nothing was changed."
        )
    if len(set(header)) != len(header):
        raise FeedRefused(f"The {what} has a column twice in its header.")
    rows, bad = [], []
    line = reader.line_num
    try:
        for values in reader:
            start, line = line + 1, reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                bad.append((start, f"has {len(values)} fields, the header has {len(header)}"))
                rows.append((start, None))
                continue
            rows.append((start, dict(zip(header, values, strict=True))))
    except csv.Error as exc:
        raise FeedRefused(f"The {what} is not valid CSV near line {line}: {exc}.") from None
    return header, rows, bad


def split_list(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split("|") if item.strip()]


def csv_product(rows: list[tuple[int, dict]], header: list[str]) -> dict:
    """The rows of one product (first row carries product columns) in the JSON shape."""
    first = rows[0][1]

    def per_language(prefix: str, row: dict) -> dict:
        return {
            column.removeprefix(prefix): row[column]
            for column in header
            if column.startswith(prefix) and row.get(column, "").strip()
        }

    product = {
        "external_id": first["external_id"],
        "status": first.get("status", ""),
        "designer_ref": first.get("designer_ref", ""),
        "product_type": first.get("product_type", ""),
        "title": per_language("title_", first),
        "description": per_language("description_", first),
        "material": per_language("material_", first),
        "made_by": split_list(first.get("made_by", "")),
        "images": [
            {"url": url, "position": index + 1}
            for index, url in enumerate(split_list(first.get("images", "")))
        ],
        "stockists": [],
        "variants": [],
    }
    for item in split_list(first.get("stockists", "")):
        retailer, separator, url = item.partition("=")
        if not separator:
            raise RowInvalid(f"stockist {item!r} must be written retailer_ref=url")
        product["stockists"].append({"retailer_ref": retailer.strip(), "url": url.strip()})
    for _line, row in rows:
        variant = {
            "sku": row.get("sku", ""),
            "gtin": row.get("gtin", ""),
            "availability": row.get("availability", ""),
            "price": {"amount": row.get("price", "").strip(), "currency": row.get("currency")},
        }
        if row.get("sale_price", "").strip():
            variant["sale_price"] = {"amount": row["sale_price"].strip()}
        if row.get("option_name", "").strip():
            values = per_language("option_value_", row)
            variant["options"] = {row["option_name"].strip(): values}
        product["variants"].append(variant)
    return product


def parse_csv(
    fetched: Fetched, retailers: Fetched | None = None, *, encoding: str = "utf-8"
) -> Feed:
    header, rows, bad = read_csv(fetched.content, "products CSV", PRODUCT_COLUMNS, encoding)
    if not rows:
        raise FeedRefused(
            "The products CSV has no rows; an empty snapshot would hide the whole shop, so "
            "nothing was changed."
        )
    feed = Feed(format="csv", location=fetched.location)
    bad_lines = dict(bad)
    groups: list[tuple[str, list]] = []
    finished: dict[str, int] = {}
    broken: set[str] = set()
    for line, row in rows:
        if row is None:
            feed.errors.append(RowError("product", f"line {line}", bad_lines[line], line))
            continue
        external_id = row.get("external_id", "").strip()
        if not external_id:
            feed.errors.append(RowError("product", f"line {line}", "external_id is missing", line))
            continue
        feed.seen_products.add(external_id)
        if groups and groups[-1][0] == external_id:
            groups[-1][1].append((line, row))
            continue
        if external_id in finished:
            broken.add(external_id)
            feed.errors.append(
                RowError(
                    "product",
                    external_id,
                    f"its rows are not together (line {finished[external_id]} and line {line}); "
                    "the rows of a product must follow each other",
                    line,
                )
            )
            continue
        finished[external_id] = line
        groups.append((external_id, [(line, row)]))
    for line, row in rows:
        # A malformed row inside a product's block makes that product incomplete.
        if row is None:
            previous = [g for g in groups if g[1][0][0] < line]
            if previous:
                broken.add(previous[-1][0])
    carried = frozenset()  # the export has no handles, links, dimensions, dates or alt texts
    for external_id, group in groups:
        line = group[0][0]
        if external_id in broken:
            if not any(e.ref == external_id for e in feed.errors):
                feed.errors.append(
                    RowError("product", external_id, "one of its rows is malformed", line)
                )
            continue
        try:
            raw = csv_product(group, header)
            product = normalise_product(
                raw, location=fetched.location, currency="EUR", carried=carried
            )
        except RowInvalid as exc:
            feed.errors.append(RowError("product", external_id, str(exc), line))
            continue
        product.line = line
        feed.products.append(product)
    drop_duplicate_skus(feed)
    if retailers is not None:
        _header, r_rows, r_bad = read_csv(
            retailers.content, "retailers CSV", RETAILER_COLUMNS, encoding
        )
        if not r_rows:
            raise FeedRefused("The retailers CSV has no rows; nothing was changed.")
        r_bad_lines = dict(r_bad)
        items, lines = [], []
        for line, row in r_rows:
            if row is None:
                feed.errors.append(RowError("retailer", f"line {line}", r_bad_lines[line], line))
                continue
            items.append(
                {
                    "ref": row.get("ref", ""),
                    "name": row.get("name", ""),
                    "kind": row.get("kind", ""),
                    "website": row.get("website", ""),
                    "address": {
                        key: row.get(key, "") for key in ("street", "postcode", "city", "country")
                    },
                    "geo": {"lat": row.get("lat", ""), "lng": row.get("lng", "")},
                }
            )
            lines.append(line)
        feed.retailers = collect(
            feed,
            "retailer",
            items,
            normalise_retailer,
            feed.seen_retailers,
            line_of=lambda index: lines[index],
        )
    return feed


def parse(
    fetched: Fetched,
    *,
    retailers: Fetched | None = None,
    format: str | None = None,
    csv_encoding: str = "utf-8",
) -> Feed:
    kind = format or detect_format(fetched)
    if kind == "csv":
        return parse_csv(fetched, retailers, encoding=csv_encoding)
    if retailers is not None:
        raise FeedRefused("A retailers CSV only goes with a products CSV, not with a JSON feed.")
    return parse_json(fetched)


def detect_format(fetched: Fetched) -> str:
    name = fetched.location.lower().split("?")[0]
    if name.endswith(".csv") or fetched.content_type in {"text/csv", "application/csv"}:
        return "csv"
    if name.endswith(".json") or fetched.content_type == "application/json":
        return "json"
    head = fetched.content[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if head.startswith((b"{", b"[")) else "csv"
