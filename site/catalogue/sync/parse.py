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

import csv
import io
import json

from catalogue.sync.errors import FeedRefused, RowError, RowInvalid, printable
from catalogue.sync.feed import Feed
from catalogue.sync.fetch import Fetched
from catalogue.sync.validate.partners import normalise_partner
from catalogue.sync.validate.products import normalise_product
from catalogue.sync.validate.retailers import normalise_retailer
from catalogue.sync.validate.values import site_languages

SUPPORTED_VERSION = 1


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


def draining(items: list):
    """The items in order, each released from the list once handed out."""
    for index in range(len(items)):
        item, items[index] = items[index], None
        yield item


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
    # Memory: the feed's bytes and text are not needed once parsed (tens of MB for 10,000
    # products), and each raw product goes as soon as it is normalised (`draining`).
    fetched.content = b""
    del body
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
    unknown = {code for raw in products if isinstance(raw, dict) for code in raw.get("title") or {}}
    feed.products = collect(
        feed,
        "product",
        draining(products),
        lambda raw: normalise_product(raw, location=fetched.location, currency=currency),
        feed.seen_products,
    )
    drop_duplicate_skus(feed)
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
