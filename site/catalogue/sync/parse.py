"""From feed bytes (JSON or CSV) to one validated, normalised shape (`catalogue.sync.feed`).

Both formats end in the same dataclasses, so the rest of the sync neither knows nor cares which
one arrived, and "JSON and CSV give the same result" is a property of this module alone. What a
format does not carry at all (the CSV export has no handles, links, dimensions or alt texts) is
`KEEP`: the sync leaves the site's current value alone instead of erasing it. This module reads
the document (format, version, CSV lines and columns); each record is validated by its kind's
module in `catalogue.sync.validate`.

Two kinds of failure: the document as a whole (`FeedRefused`, nothing changes) and one row
(`RowError`, that row is skipped and reported, the rest syncs).
"""

import contextlib
import csv
import io
from collections.abc import Iterator

from catalogue.sync.errors import FeedRefused, RowError, RowInvalid, printable
from catalogue.sync.feed import Feed, ProductSpool
from catalogue.sync.fetch import Fetched
from catalogue.sync.known import known_product, row_digest
from catalogue.sync.stream import JsonStream, NotUtf8, StreamError
from catalogue.sync.validate.partners import normalise_partner
from catalogue.sync.validate.products import normalise_product
from catalogue.sync.validate.retailers import normalise_retailer
from catalogue.sync.validate.values import site_languages

SUPPORTED_VERSION = 1


class Collector:
    """Normalises a kind's records one at a time; an invalid one becomes a RowError, a key named
    twice too (the first one counts)."""

    def __init__(self, feed: Feed, kind: str, normalise, seen: set):
        self.feed, self.kind, self.normalise, self.seen = feed, kind, normalise, seen
        self.key_field = "external_id" if kind == "product" else "ref"
        self.keys: set[str] = set()
        self.index = 0

    def __call__(self, raw, line=None):
        """The normalised item, or None for a row error."""
        self.index += 1
        key = raw.get(self.key_field) if isinstance(raw, dict) else None
        key = key.strip() if isinstance(key, str) and key.strip() else None
        label = printable(key) if key else f"#{self.index}"
        if key:
            self.seen.add(key)
        if key and key in self.keys:
            self.feed.errors.append(
                RowError(self.kind, label, f"{self.key_field} {key!r} appears twice", line)
            )
            return None
        if key:
            self.keys.add(key)
        try:
            item = self.normalise(raw)
        except RowInvalid as exc:
            self.feed.errors.append(RowError(self.kind, label, str(exc), line))
            return None
        if line is not None:
            item.line = line
        return item


def collect(feed: Feed, kind: str, items, normalise, seen: set, line_of=None):
    """Normalise each item; invalid ones become RowErrors, duplicates of a key too."""
    one = Collector(feed, kind, normalise, seen)
    result = []
    for index, raw in enumerate(items):
        item = one(raw, line_of(index) if line_of else None)
        if item is not None:
            result.append(item)
    return result


class SkuOwners:
    """A SKU belongs to the first product that names it; a later product naming it again (or a
    product naming one SKU twice) is a row error."""

    def __init__(self, feed: Feed):
        self.feed = feed
        self.owner: dict[str, str] = {}

    def accept(self, product) -> bool:
        skus = product.skus
        clash = next((sku for sku in skus if sku in self.owner), None)
        if clash is None and len(set(skus)) != len(skus):
            clash = next(sku for sku in skus if skus.count(sku) > 1)
            self.feed.errors.append(
                RowError("product", product.external_id, f"SKU {clash} appears twice", product.line)
            )
            return False
        if clash is not None:
            self.feed.errors.append(
                RowError(
                    "product",
                    product.external_id,
                    f"duplicate SKU {clash}: already used by product {self.owner[clash]}",
                    product.line,
                )
            )
            return False
        for sku in skus:
            self.owner[sku] = product.external_id
        return True


def drop_duplicate_skus(feed: Feed):
    owners = SkuOwners(feed)
    feed.products = [product for product in feed.products if owners.accept(product)]


# JSON ----------------------------------------------------------------------------------------


def decode_text(content: bytes, what: str, encoding: str = "utf-8") -> str:
    if not content.strip():
        raise FeedRefused(f"The {what} is empty; nothing was changed.")
    if encoding.lower().replace("-", "") in {"utf8", "utf8sig"}:
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
            raise not_utf8(what, content[exc.start : exc.start + 1], line) from None
    try:
        return content.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise FeedRefused(f"The {what} cannot be read as {encoding}: {exc}.") from None


def not_utf8(what: str, byte: bytes, line: int) -> FeedRefused:
    return FeedRefused(
        f"The {what} is not UTF-8: byte 0x{byte.hex().upper()} on line {line} (a spreadsheet "
        "export in Windows-1252?). Export it as UTF-8, or name the encoding with --csv-encoding "
        "cp1252; nothing was changed."
    )


HEADER_KEYS = ("version", "mode", "currency", "generated_at", "designers", "partners", "retailers")


def feed_file(fetched: Fetched):
    """The feed's bytes as a file, from the start."""
    if fetched.file is None:
        return io.BytesIO(fetched.content)
    fetched.file.seek(0)
    return fetched.file


@contextlib.contextmanager
def refusing():
    """The stream's errors as the feed's refusal."""
    try:
        yield
    except StreamError as exc:
        truncated = " - the file or download looks truncated" if exc.at_end else ""
        raise FeedRefused(
            f"The feed is not valid JSON (line {exc.line}, column {exc.column}: {exc.msg})"
            f"{truncated}; nothing was changed."
        ) from None
    except NotUtf8 as exc:
        raise not_utf8("feed", exc.byte, exc.line) from None


def refused_items(items):
    with refusing():
        yield from items


def json_members(fetched: Fetched, stream_key: str = "products"):
    """The top-level members of the JSON feed (`JsonStream.members`), its errors as refusals;
    the products' items too, as they are read."""
    stream = JsonStream(feed_file(fetched))
    with refusing():
        if not stream.peek():
            raise FeedRefused("The feed is empty; nothing was changed.")
        for key, value in stream.members(stream_key):
            yield key, refused_items(value) if isinstance(value, Iterator) else value


def json_header(fetched: Fetched) -> dict:
    """Every top-level member but the products, which are read past (one pass of the decoder,
    nothing kept): for a feed that names its currency only after its products."""
    header = {}
    for key, value in json_members(fetched):
        if key == "products" and isinstance(value, Iterator):
            for _item in value:
                pass
            header[key] = []
        else:
            header[key] = value
    return header


def check_header(header: dict) -> None:
    version = header.get("version")
    if version != SUPPORTED_VERSION:
        raise FeedRefused(
            f"The feed has version {version!r}; this site reads version {SUPPORTED_VERSION} only."
        )
    if header.get("mode", "full") != "full":
        raise FeedRefused(
            f"The feed's mode is {header.get('mode')!r}; only full snapshots are supported."
        )


def parse_json(fetched: Fetched, known: dict | None = None) -> Feed:
    """Stream the feed: each product is normalised as it is read and kept in a `ProductSpool`,
    so neither the document nor the products are ever in memory whole. Nothing is written before
    the whole document has been read: a syntax error or a download cut short anywhere - after
    the ten-thousandth product too - refuses the feed. `known`: the digests of the rows the
    products were synced from ({external_id: digest}, `catalogue.sync.known`)."""
    feed = Feed(format="json", location=fetched.location, digests=known or {})
    header: dict = {}
    spool = None
    unknown: set[str] = set()
    members = json_members(fetched)
    try:
        for key, value in members:
            if key is None:
                raise FeedRefused("The feed is not a catalogue document (expected a JSON object).")
            if key != "products":
                header[key] = value
                continue
            if not isinstance(value, Iterator):
                raise FeedRefused("The feed has no list of products.")
            header["products"] = []
            late = "currency" not in header
            if late:  # the currency may come after the products: read the rest first
                members.close()
                header = json_header(fetched)
                value = products_again(fetched)
            check_header(header)
            spool = ProductSpool() if spool is None else spool
            feed.products = spool
            read_products(feed, value, fetched.location, header.get("currency") or "EUR", unknown)
            if late:
                break
        check_header(header)
        if spool is None:
            raise FeedRefused("The feed has no list of products.")
        if not len(feed.products) and not any(e.kind == "product" for e in feed.errors):
            raise FeedRefused(
                "The feed lists no products at all; a full snapshot without products would hide the "
                "whole shop, so nothing was changed."
            )
        feed.generated_at = str(header.get("generated_at", ""))
        designers = header.get("designers")
        if isinstance(designers, list):
            feed.designers = {
                d["ref"]: d.get("name", "")
                for d in designers
                if isinstance(d, dict) and d.get("ref")
            }
        for key in ("partners", "retailers"):
            if key in header and not isinstance(header[key], list):
                raise FeedRefused(f"The feed's {key} must be a list.")
        if "partners" in header:
            feed.partners = collect(
                feed, "partner", header["partners"], normalise_partner, feed.seen_partners
            )
        if "retailers" in header:
            feed.retailers = collect(
                feed, "retailer", header["retailers"], normalise_retailer, feed.seen_retailers
            )
        unknown -= set(site_languages())
        if unknown:
            feed.warnings.append(
                f"Texts in languages the site does not have were ignored: {', '.join(sorted(unknown))}."
            )
        return feed
    except BaseException:
        if spool is not None:
            spool.close()
        raise


def products_again(fetched: Fetched):
    """The products' items, from a new pass over the feed."""
    for key, value in json_members(fetched):
        if key == "products":
            return value
    return iter(())


def read_product(raw, *, location: str, currency: str, known: dict):
    """A product's row: what a run needs of it where it is the row the product was synced from
    (`catalogue.sync.known`), else normalised in full, with the row's digest."""
    if not isinstance(raw, dict):
        return normalise_product(raw, location=location, currency=currency)
    digest = row_digest(raw, location, currency)
    key = raw.get("external_id")
    if known and isinstance(key, str) and known.get(key.strip()) == digest:
        with contextlib.suppress(RowInvalid):  # no longer reads as it did: read in full
            return known_product(raw, location=location, digest=digest)
    product = normalise_product(raw, location=location, currency=currency)
    product.digest = digest
    return product


def read_products(feed: Feed, items, location: str, currency: str, unknown: set) -> None:
    """Read each product as it comes (`read_product`), check its SKUs, keep it in the spool."""
    one = Collector(
        feed,
        "product",
        lambda raw: read_product(raw, location=location, currency=currency, known=feed.digests),
        feed.seen_products,
    )
    owners = SkuOwners(feed)
    for raw in items:
        if isinstance(raw, dict):
            unknown.update(raw.get("title") or {})
        product = one(raw)
        if product is not None and owners.accept(product):
            feed.products.append(product)


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
        if (row.get("wholesale_price") or "").strip():  # the site's extension, optional columns
            variant["wholesale_price"] = {"amount": row["wholesale_price"].strip()}
        if (row.get("minimum_order") or "").strip():
            variant["minimum_order"] = row["minimum_order"].strip()
        if row.get("option_name", "").strip():
            values = per_language("option_value_", row)
            variant["options"] = {row["option_name"].strip(): values}
        product["variants"].append(variant)
    return product


def parse_csv(
    fetched: Fetched, retailers: Fetched | None = None, *, encoding: str = "utf-8"
) -> Feed:
    header, rows, bad = read_csv(fetched.body(), "products CSV", PRODUCT_COLUMNS, encoding)
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
            retailers.body(), "retailers CSV", RETAILER_COLUMNS, encoding
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
    known: dict | None = None,
) -> Feed:
    kind = format or detect_format(fetched)
    if kind == "csv":
        return parse_csv(fetched, retailers, encoding=csv_encoding)
    if retailers is not None:
        raise FeedRefused("A retailers CSV only goes with a products CSV, not with a JSON feed.")
    return parse_json(fetched, known)


def detect_format(fetched: Fetched) -> str:
    name = fetched.location.lower().split("?")[0]
    if name.endswith(".csv") or fetched.content_type in {"text/csv", "application/csv"}:
        return "csv"
    if name.endswith(".json") or fetched.content_type == "application/json":
        return "json"
    head = fetched.head(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if head.startswith((b"{", b"[")) else "csv"
