"""Plan: what the feed changes, decided against what the site has before anything is written.

`plan` loads every German product row's key, status and content hash in one query. A product
whose hash matches the feed's is unchanged and never looked at again - that is what makes an
unchanged re-sync of 10,000 products take seconds. The share guard (`catalogue.sync.guard`)
runs on this plan, before any write. For the products left, `current_states` loads their state
as comparable plain data, a fixed number of queries per chunk, and `differences` names the
fields that changed (so a CSV export, which lacks some fields, does not count as a change).
"""

import datetime
import hashlib
import json
from decimal import Decimal

from catalogue.models import Product, ProductImage, ProductPartner, ProductSlugHistory, Variant
from catalogue.sync.feed import KEEP, ProductData
from catalogue.sync.guard import check_share, feed_hides
from catalogue.sync.known import KnownProduct


def state_hash(state: dict) -> str:
    encoded = json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def desired_state(product: ProductData, current: dict | None = None) -> dict:
    """The product as comparable plain data; KEEP fields take the current value."""
    current = current or {}
    current_alt = {image[0]: image[2] for image in current.get("images", [])}

    def kept(value, key, default):
        return current.get(key, default) if value is KEEP else value

    return {
        "status": product.status,
        "handle": kept(product.handle, "handle", ""),
        "designer_ref": product.designer_ref,
        "product_type": product.product_type,
        "link": kept(product.link, "link", ""),
        "dimensions": kept(product.dimensions, "dimensions", {}),
        "updated_at": kept(product.updated_at, "updated_at", ""),
        "texts": product.texts,
        "made_by": product.made_by,
        "images": [
            [i.ref, i.position, current_alt.get(i.ref, {}) if i.alt is KEEP else i.alt]
            for i in product.images
        ],
        "variants": [
            [
                *(v.sku, v.gtin, v.options, v.price, v.sale_price, v.currency, v.availability),
                *(v.wholesale_price, v.minimum_order),
            ]
            for v in product.variants
        ],
        "stockists": [list(item) for item in product.stockists],
    }


def fully_carried(product: ProductData) -> bool:
    return not any(
        value is KEEP for value in (product.handle, product.link, product.dimensions)
    ) and not any(image.alt is KEEP for image in product.images)


def iso(value: datetime.datetime | None) -> str:
    return value.astimezone(datetime.UTC).isoformat() if value else ""


def money(value) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


class Plan:
    """The plan step of a `Sync` (a mixin)."""

    def plan(self):
        rows = Product.objects.filter(locale_id=self.source_locale).values_list(
            "external_id", "pk", "translation_key", "content_hash", "in_feed", "status", "slug"
        )
        self.index = {row[0]: row[1:] for row in rows}
        self.taken_slugs = {row[5] for row in self.index.values()}
        self.taken_slugs |= set(ProductSlugHistory.objects.values_list("slug", flat=True))
        # The products left to look at, by key: the products themselves are read again from the
        # feed's spool chunk by chunk (`sync_products`), never held all at once.
        self.pending: set[str] = set()
        # {pk: digest} of unchanged products synced from another row than this one (the same
        # state: a row written otherwise, or synced before rows had digests); written with the
        # run's changes (`CatalogueRows.write_digests`), so the next run knows the row.
        self.new_digests: dict[int, str] = {}
        hiding = 0
        for product in self.feed.products:
            row = self.index.get(product.external_id)
            if row is None:
                self.pending.add(product.external_id)
                continue
            hiding += feed_hides(product, row)
            if isinstance(product, KnownProduct):  # the row it was synced from: its state
                self.summary.counts["unchanged"] += 1
                continue
            pk, _key, stored_hash, in_feed, _status, _slug = row
            if (
                in_feed
                and fully_carried(product)
                and stored_hash == state_hash(desired_state(product))
            ):
                self.summary.counts["unchanged"] += 1
                self.note_digest(product, pk)
            else:
                self.pending.add(product.external_id)
        self.missing = [
            (external_id, row)
            for external_id, row in self.index.items()
            if row[3] and external_id not in self.feed.seen_products
        ]
        check_share(hiding, self.index, self.missing, force=self.force, summary=self.summary)

    def note_digest(self, product: ProductData, pk: int) -> None:
        """An unchanged product read from another row than the one it was synced from: its new
        row's digest is written with the run's changes (`new_digests`)."""
        if product.digest != self.feed.digests.get(product.external_id, ""):
            self.new_digests[pk] = product.digest

    def current_states(self, records: dict[str, int]) -> dict[int, dict]:
        """Current comparable state of these German records, in six queries."""
        pks = list(records.values())
        states = {
            pk: {"texts": {}, "made_by": [], "images": [], "variants": [], "stockists": []}
            for pk in pks
        }
        codes = {pk: code for code, pk in self.locales.items()}
        by_key = {}
        for row in Product.objects.filter(pk__in=pks).values(
            "pk", "translation_key", "status", "handle", "designer_ref", "product_type",
            "link", "dimensions", "catalogue_updated_at", "in_feed", "slug",
        ):  # fmt: skip
            state = states[row["pk"]]
            state.update(
                status=row["status"],
                handle=row["handle"],
                designer_ref=row["designer_ref"],
                product_type=row["product_type"],
                link=row["link"],
                dimensions=row["dimensions"],
                updated_at=iso(row["catalogue_updated_at"]),
                _in_feed=row["in_feed"],
                _slug=row["slug"],
                _key=row["translation_key"],
            )
            by_key[row["translation_key"]] = row["pk"]
        for row in Product.objects.filter(translation_key__in=list(by_key)).values(
            "translation_key", "locale_id", "title", "description", "material"
        ):
            code = codes.get(row["locale_id"])
            if code:
                states[by_key[row["translation_key"]]]["texts"][code] = {
                    "title": row["title"],
                    "description": row["description"],
                    "material": row["material"],
                }
        for product_id, ref in (
            ProductPartner.objects.filter(product_id__in=pks)
            .order_by("position")
            .values_list("product_id", "partner__ref")
        ):
            states[product_id]["made_by"].append(ref)
        for product_id, url, position, alt in (
            ProductImage.objects.filter(product_id__in=pks)
            .order_by("position", "pk")
            .values_list("product_id", "source_url", "position", "alt")
        ):
            states[product_id]["images"].append([url, position, alt])
        for v in (
            Variant.objects.filter(product_id__in=pks)
            .order_by("position")
            .values_list(
                "product_id", "sku", "gtin", "options", "price", "sale_price", "currency",
                "availability", "wholesale_price", "minimum_order",
            )
        ):  # fmt: skip
            states[v[0]]["variants"].append(
                [v[1], v[2], v[3], money(v[4]), money(v[5]), v[6], v[7], money(v[8]), v[9]]
            )
        self.current_stockists(pks, states)
        return states

    @staticmethod
    def differences(desired: dict, current: dict) -> list[str]:
        changed = []
        for key, value in desired.items():
            if key == "texts":
                changed += [
                    f"texts.{code}"
                    for code, texts in value.items()
                    if current["texts"].get(code) != texts
                ]
            elif current.get(key) != value:
                changed.append(key)
        return changed
