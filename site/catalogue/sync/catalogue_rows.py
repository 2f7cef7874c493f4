"""The sync run: plan against what the site has, guard, then write everything in one transaction.

Shape of a run (`run_sync`):

1. Log the run (a `SyncRun` row, committed at once so the admin sees it), then open the run's
   transaction and take the lock (`catalogue.sync.lock`).
   From then on a heartbeat thread notes that the run is alive (`catalogue.sync.heartbeat`).
2. Read and parse the feed. Anything wrong with the feed as a whole stops here. Then, still
   holding the lock, find the runs the log calls running (their process is gone; they are marked
   abandoned once this run's transaction ends) and delete the photos they stored without rows
   (`ImageStore.remove_orphans`).
3. Plan cheaply: one query loads every product's key, status and content hash. A product whose
   hash matches is unchanged and never looked at again - that is what makes an unchanged
   re-sync of 10,000 products take seconds. The share guard runs on this plan, before any write.
4. Work through the remaining products in chunks: load their current state in a fixed number
   of queries per chunk (no N+1), compare field by field (so a CSV export, which lacks some
   fields, does not count as a change), fetch new images in parallel, then write with bulk
   operations.
5. Commit, or roll back on any failure and delete the image files this run wrote. A dry run
   takes the same path and rolls back at the end, so its report is exactly what a real run
   would do; it never writes image files.
"""

import datetime
import hashlib
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.designers import designer_pages_by_ref
from catalogue.models import (
    Product,
    ProductImage,
    ProductionPartner,
    ProductPartner,
    ProductSlugHistory,
    SyncRun,
    Variant,
)
from catalogue.sync import heartbeat, lock
from catalogue.sync.errors import (
    FeedRefused,
    RowError,
    ShareGuardTripped,
    SyncLocked,
    printable,
)
from catalogue.sync.images import ImageFetcher, ImageStore
from catalogue.sync.parse import KEEP, Feed, ProductData, parse
from catalogue.sync.source import fetch_feed
from core import pagecache
from shop_links.models import Retailer, StockistLink

logger = logging.getLogger(__name__)

COUNT_KEYS = ("created", "updated", "unchanged", "archived", "restored", "skipped")
# Fields every locale row of a product shares; the sync writes them, nobody else.
FACT_FIELDS = [
    "external_id",
    "slug",
    "handle",
    "status",
    "in_feed",
    "designer_ref",
    "product_type",
    "dimensions",
    "link",
    "catalogue_updated_at",
    "content_hash",
    "synced_at",
]
TEXT_FIELDS = ["title", "description", "material"]
TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


@dataclass
class Summary:
    source: str
    dry_run: bool = False
    status: str = SyncRun.Status.RUNNING
    message: str = ""
    run_id: int | None = None
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    retailers: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    partners: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    images: dict = field(default_factory=lambda: {"downloaded": 0, "stored": 0, "reused": 0})
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: dict = field(
        default_factory=lambda: {"created": [], "updated": {}, "archived": [], "restored": []}
    )
    duration: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == SyncRun.Status.SUCCEEDED

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "status": str(self.status),
            "dry_run": self.dry_run,
            "source": self.source,
            "message": self.message,
            "duration_s": round(self.duration, 3),
            "counts": self.counts,
            "retailers": self.retailers,
            "partners": self.partners,
            "images": self.images,
            "errors": [error.as_dict() for error in self.errors],
            "warnings": self.warnings,
            "changes": self.changes,
        }


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
            [v.sku, v.gtin, v.options, v.price, v.sale_price, v.currency, v.availability]
            for v in product.variants
        ],
        "stockists": [list(item) for item in product.stockists],
    }


def fully_carried(product: ProductData) -> bool:
    return not any(
        value is KEEP for value in (product.handle, product.link, product.dimensions)
    ) and not any(image.alt is KEEP for image in product.images)


def ascii_slug(value: str) -> str:
    return slugify(value.translate(TRANSLITERATION))[:110].strip("-")


def iso(value: datetime.datetime | None) -> str:
    return value.astimezone(datetime.UTC).isoformat() if value else ""


def money(value) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


class Sync:
    def __init__(self, feed: Feed, summary: Summary, *, force: bool, dry_run: bool):
        self.feed = feed
        self.summary = summary
        self.force = force
        self.dry_run = dry_run
        self.now = timezone.now()
        self.default = settings.LANGUAGE_CODE
        self.locales = {
            code: pk
            for code, pk in Locale.objects.values_list("language_code", "pk")
            if code in dict(settings.LANGUAGES)
        }
        self.source_locale = self.locales[self.default]
        self.store = ImageStore(write_files=not dry_run, run_id=summary.run_id)
        self.fetcher = None
        self.partner_ids: dict[str, int] = {}
        self.retailer_ids: dict[str, int] = {}
        self.skipped_ids: set[str] = {e.ref for e in feed.errors if e.kind == "product"}

    # Plan --------------------------------------------------------------------------------

    def plan(self):
        rows = Product.objects.filter(locale_id=self.source_locale).values_list(
            "external_id", "pk", "translation_key", "content_hash", "in_feed", "status", "slug"
        )
        self.index = {row[0]: row[1:] for row in rows}
        self.taken_slugs = {row[5] for row in self.index.values()}
        self.taken_slugs |= set(ProductSlugHistory.objects.values_list("slug", flat=True))
        self.pending: list[ProductData] = []
        active = Product.Status.ACTIVE
        hiding = 0
        for product in self.feed.products:
            row = self.index.get(product.external_id)
            if row is None:
                self.pending.append(product)
                continue
            _pk, _key, stored_hash, in_feed, status, _slug = row
            if status == active and in_feed and product.status != active:
                hiding += 1
            if (
                in_feed
                and fully_carried(product)
                and stored_hash == state_hash(desired_state(product))
            ):
                self.summary.counts["unchanged"] += 1
            else:
                self.pending.append(product)
        self.missing = [
            (external_id, row)
            for external_id, row in self.index.items()
            if row[3] and external_id not in self.feed.seen_products
        ]
        hiding += sum(1 for _id, row in self.missing if row[4] == active)
        live = sum(1 for row in self.index.values() if row[3] and row[4] == active)
        share = settings.CATALOGUE_MAX_ARCHIVE_SHARE
        if live and hiding / live > share:
            message = (
                f"This feed would hide {hiding} of {live} live products ({hiding / live:.0%}), "
                f"more than the {share:.0%} allowed (CATALOGUE_MAX_ARCHIVE_SHARE). A truncated "
                "or partial export? Nothing was changed."
            )
            if not self.force:
                raise ShareGuardTripped(message + " Run with --force if this is intended.")
            self.summary.warnings.append("Share guard overridden with --force: " + message)

    # Partners and retailers --------------------------------------------------------------

    def sync_partners(self):
        """Partners are few: plain per-row upserts, one row per language the feed names."""
        counts = self.summary.partners
        rows = {}
        for partner in ProductionPartner.objects.all():
            rows[(partner.ref, partner.locale_id)] = partner
        records = {
            ref: p for (ref, locale_id), p in rows.items() if locale_id == self.source_locale
        }
        if self.feed.partners is not None:
            for data in self.feed.partners:
                facts = {
                    "kind": data.kind,
                    "city": data.city,
                    "social_employment": data.social_employment,
                    "in_feed": True,
                }
                record = records.get(data.ref)
                key = record.translation_key if record else uuid.uuid4()
                outcome = "unchanged" if record else "created"
                if record and not record.in_feed:
                    outcome = "restored"
                for code, locale_id in self.locales.items():
                    name = data.names.get(code)
                    row = rows.get((data.ref, locale_id))
                    if row is None and name is None:
                        continue
                    if row is None:
                        row = ProductionPartner(
                            ref=data.ref, locale_id=locale_id, translation_key=key
                        )
                    values = {**facts, **({"name": name} if name else {})}
                    if row.pk is None or self._assign(row, values):
                        if row.pk is None:
                            self._assign(row, values)
                        row.save()
                        if outcome == "unchanged":
                            outcome = "updated"
                    if locale_id == self.source_locale:
                        records[data.ref] = row
                counts[outcome] += 1
            gone = [
                p.translation_key
                for ref, p in records.items()
                if p.in_feed and ref not in self.feed.seen_partners
            ]
            if gone:
                ProductionPartner.objects.filter(translation_key__in=gone).update(in_feed=False)
                counts["archived"] += len(gone)
            counts["skipped"] = sum(1 for e in self.feed.errors if e.kind == "partner")
        self.partner_ids = {ref: p.pk for ref, p in records.items()}

    def sync_retailers(self):
        counts = self.summary.retailers
        existing = {
            r.ref: r for r in Retailer.objects.filter(locale_id=self.source_locale).exclude(ref="")
        }
        if self.feed.retailers is not None:
            for data in self.feed.retailers:
                values = {
                    "name": data.name,
                    "kind": data.kind,
                    "street": data.street,
                    "postcode": data.postcode,
                    "city": data.city,
                    "country": data.country,
                    "latitude": data.latitude,
                    "longitude": data.longitude,
                    "website": data.website,
                    "in_feed": True,
                }
                record = existing.get(data.ref)
                if record is None:
                    record = Retailer.objects.create(
                        ref=data.ref, locale_id=self.source_locale, **values
                    )
                    existing[data.ref] = record
                    counts["created"] += 1
                    continue
                restored = not record.in_feed
                if self._assign(record, values):
                    record.save()
                    facts = {k: v for k, v in values.items() if k != "name"}
                    Retailer.objects.filter(translation_key=record.translation_key).exclude(
                        pk=record.pk
                    ).update(**facts)
                    counts["restored" if restored else "updated"] += 1
                else:
                    counts["unchanged"] += 1
            gone = [
                r.translation_key
                for ref, r in existing.items()
                if r.in_feed and ref not in self.feed.seen_retailers
            ]
            if gone:
                Retailer.objects.filter(translation_key__in=gone).update(in_feed=False)
                counts["archived"] += len(gone)
            counts["skipped"] = sum(1 for e in self.feed.errors if e.kind == "retailer")
        self.retailer_ids = {ref: r.pk for ref, r in existing.items()}

    @staticmethod
    def _assign(obj, values: dict) -> bool:
        changed = False
        for name, value in values.items():
            current = getattr(obj, name)
            if name in {"latitude", "longitude"}:
                current = None if current is None else f"{current:.6f}"
            if current != value:
                setattr(obj, name, value)
                changed = True
        return changed

    # Products ----------------------------------------------------------------------------

    def reject(self, product: ProductData, message: str):
        self.summary.errors.append(RowError("product", product.external_id, message, product.line))
        self.summary.counts["skipped"] += 1
        self.skipped_ids.add(product.external_id)

    def check_references(self, product: ProductData) -> bool:
        for partner in product.made_by:
            if partner not in self.partner_ids:
                self.reject(product, f"unknown production partner {partner!r} in made_by")
                return False
        for retailer, _url in product.stockists:
            if retailer not in self.retailer_ids:
                self.reject(product, f"unknown retailer {retailer!r} in stockists")
                return False
        return True

    def sync_products(self):
        self.fetcher = ImageFetcher()
        try:
            chunk = settings.CATALOGUE_SYNC_CHUNK
            for start in range(0, len(self.pending), chunk):
                self.sync_chunk(self.pending[start : start + chunk])
        finally:
            self.fetcher.close()
        self.archive_missing()

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
                "availability",
            )
        ):  # fmt: skip
            states[v[0]]["variants"].append(
                [v[1], v[2], v[3], money(v[4]), money(v[5]), v[6], v[7]]
            )
        for product_id, ref, url in (
            StockistLink.objects.filter(product_id__in=pks, from_feed=True)
            .order_by("position", "pk")
            .values_list("product_id", "retailer__ref", "url")
        ):
            states[product_id]["stockists"].append([ref, url])
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

    def sync_chunk(self, products: list[ProductData]):
        records = {
            p.external_id: self.index[p.external_id][0]
            for p in products
            if p.external_id in self.index
        }
        current = self.current_states(records) if records else {}
        work = []  # (product, record pk or None, desired state, changed fields, restore)
        for product in products:
            if not self.check_references(product):
                continue
            pk = records.get(product.external_id)
            if pk is None:
                work.append((product, None, desired_state(product), ["created"], False))
                continue
            state = current[pk]
            desired = desired_state(product, state)
            changed = self.differences(desired, state)
            restore = not state["_in_feed"]
            if not changed and not restore:
                self.summary.counts["unchanged"] += 1
                if self.index[product.external_id][2] != state_hash(desired):
                    Product.objects.filter(translation_key=state["_key"]).update(
                        content_hash=state_hash(desired)
                    )
                continue
            work.append((product, pk, desired, changed, restore))
        if not work:
            return
        work = self.steal_check(work)
        fetched = self.fetch_images(work, current)
        work = [item for item in work if item[0].external_id not in self.skipped_ids]
        if not work:
            return
        self.write(work, current, fetched)

    def steal_check(self, work):
        """A SKU held by a product this run skips must not move: that product stays as it was."""
        skus = {v.sku: item[0] for item in work for v in item[0].variants}
        held = Variant.objects.filter(sku__in=list(skus)).values_list("sku", "product__external_id")
        for sku, owner in held:
            product = skus[sku]
            if (
                owner != product.external_id
                and owner in self.skipped_ids
                and product.external_id not in self.skipped_ids
            ):
                self.reject(
                    product, f"SKU {sku} belongs to product {owner}, which could not be synced"
                )
        return [item for item in work if item[0].external_id not in self.skipped_ids]

    def fetch_images(self, work, current) -> dict:
        needed = []
        for product, pk, _desired, _changed, _restore in work:
            have = {image[0] for image in current.get(pk, {}).get("images", [])}
            needed += [image.url for image in product.images if image.ref not in have]
        if not needed:
            return {}
        fetched = self.fetcher.fetch(needed)
        for product, *_rest in work:
            problems = [
                fetched[image.url]
                for image in product.images
                if isinstance(fetched.get(image.url), str)
            ]
            if problems:
                self.reject(product, "; ".join(problems))
        self.summary.images["downloaded"] += sum(
            1 for value in fetched.values() if not isinstance(value, str)
        )
        return fetched

    def new_slug(self, product: ProductData, handle: str) -> str:
        base = ascii_slug(handle) or ascii_slug(product.texts[self.default]["title"])
        base = base or ascii_slug(product.external_id) or "produkt"
        slug, number = base, 1
        while slug in self.taken_slugs:
            number += 1
            slug = f"{base}-{number}"
        self.taken_slugs.add(slug)
        return slug

    def write(self, work, current, fetched):
        new_rows, changed_rows, history = [], [], []
        for product, pk, desired, changed, restore in work:
            facts = {
                "external_id": product.external_id,
                "handle": desired["handle"],
                "status": product.status,
                "in_feed": True,
                "designer_ref": product.designer_ref,
                "product_type": product.product_type,
                "dimensions": desired["dimensions"],
                "link": desired["link"],
                "catalogue_updated_at": (
                    datetime.datetime.fromisoformat(desired["updated_at"])
                    if desired["updated_at"]
                    else None
                ),
                "content_hash": state_hash(desired),
                "synced_at": self.now,
            }
            if pk is None:
                facts["slug"] = self.new_slug(product, desired["handle"])
                key = uuid.uuid4()
                for code, texts in product.texts.items():
                    if code in self.locales:
                        new_rows.append(
                            Product(
                                locale_id=self.locales[code],
                                translation_key=key,
                                **facts,
                                **texts,
                            )
                        )
                self.summary.counts["created"] += 1
                self.summary.changes["created"].append(product.external_id)
            else:
                state = current[pk]
                slug = state["_slug"]
                if (
                    "handle" in changed
                    and desired["handle"]
                    and ascii_slug(desired["handle"]) != slug
                ):
                    history.append((slug, pk))
                    self.taken_slugs.discard(slug)
                    slug = self.new_slug(product, desired["handle"])
                facts["slug"] = slug
                changed_rows.append((state["_key"], pk, product, facts))
                if restore:
                    self.summary.counts["restored"] += 1
                    self.summary.changes["restored"].append(product.external_id)
                else:
                    self.summary.counts["updated"] += 1
                    self.summary.changes["updated"][product.external_id] = changed
        Product.objects.bulk_create(new_rows, batch_size=1000)
        self.update_rows(changed_rows)
        if history:
            self.record_history(history)
        ids = dict(
            Product.objects.filter(
                locale_id=self.source_locale,
                external_id__in=[p.external_id for p, *_rest in work],
            ).values_list("external_id", "pk")
        )
        self.write_variants(work, ids)
        self.write_images(work, ids, current, fetched)
        self.write_partners(work, ids)
        self.write_stockists(work, ids)

    def update_rows(self, changed_rows):
        if not changed_rows:
            return
        keys = [key for key, *_rest in changed_rows]
        rows = {}
        for row in Product.objects.filter(translation_key__in=keys):
            rows[(row.translation_key, row.locale_id)] = row
        dirty, new_rows = [], []
        for key, _pk, product, facts in changed_rows:
            record = rows[(key, self.source_locale)]
            for code, locale_id in self.locales.items():
                row = rows.get((key, locale_id))
                texts = product.texts.get(code)
                if row is None:
                    if texts is None:
                        continue
                    row = Product(
                        locale_id=locale_id,
                        translation_key=key,
                        featured=record.featured,
                        designer_page_id=record.designer_page_id,
                    )
                    new_rows.append(row)
                else:
                    dirty.append(row)
                for name, value in facts.items():
                    setattr(row, name, value)
                if texts is not None:
                    for name, value in texts.items():
                        setattr(row, name, value)
        Product.objects.bulk_update(dirty, FACT_FIELDS + TEXT_FIELDS, batch_size=500)
        Product.objects.bulk_create(new_rows, batch_size=1000)

    def record_history(self, history):
        """Old slugs redirect; a slug that becomes current again leaves the history."""
        ProductSlugHistory.objects.filter(slug__in=[slug for slug, _pk in history]).delete()
        ProductSlugHistory.objects.bulk_create(
            [ProductSlugHistory(slug=slug, product_id=pk) for slug, pk in history]
        )
        for slug, _pk in history:
            self.taken_slugs.add(slug)
        current = set(
            Product.objects.filter(pk__in=[pk for _slug, pk in history]).values_list(
                "slug", flat=True
            )
        )
        ProductSlugHistory.objects.filter(slug__in=current).delete()

    def write_variants(self, work, ids):
        wanted = {}
        for product, *_rest in work:
            for position, v in enumerate(product.variants):
                wanted[v.sku] = (ids[product.external_id], position, v)
        product_ids = [ids[p.external_id] for p, *_rest in work]
        existing = {
            v.sku: v
            for v in Variant.objects.filter(product_id__in=product_ids)
            | Variant.objects.filter(sku__in=list(wanted))
        }
        gone = [v.pk for sku, v in existing.items() if sku not in wanted]
        Variant.objects.filter(pk__in=gone).delete()
        fields = ["product_id", "position", "gtin", "options", "price", "sale_price",
                  "currency", "availability"]  # fmt: skip
        dirty, new = [], []
        for sku, (product_id, position, v) in wanted.items():
            values = {
                "product_id": product_id,
                "position": position,
                "gtin": v.gtin,
                "options": v.options,
                "price": v.price,
                "sale_price": v.sale_price,
                "currency": v.currency,
                "availability": v.availability,
            }
            variant = existing.get(sku)
            if variant is None:
                new.append(Variant(sku=sku, **values))
                continue
            before = [getattr(variant, name) for name in fields]
            for name, value in values.items():
                setattr(variant, name, value)
            if [money(x) if name in {"price", "sale_price"} else x
                for name, x in zip(fields, before, strict=True)] != [
                money(getattr(variant, n)) if n in {"price", "sale_price"} else getattr(variant, n)
                for n in fields
            ]:  # fmt: skip
                dirty.append(variant)
        Variant.objects.bulk_update(dirty, fields, batch_size=500)
        Variant.objects.bulk_create(new, batch_size=1000)

    def write_images(self, work, ids, current, fetched):
        pairs = []
        for product, *_rest in work:
            for image in product.images:
                got = fetched.get(image.url)
                if got is not None and not isinstance(got, str):
                    title = (
                        image.alt.get(self.default) if image.alt is not KEEP else None
                    ) or product.texts[self.default]["title"]
                    pairs.append((got, title))
        before = len(self.store.created_ids)
        by_hash = self.store.image_ids(pairs) if pairs else {}
        stored = len(self.store.created_ids) - before
        self.summary.images["stored"] += stored
        self.summary.images["reused"] += len({g.file_hash for g, _t in pairs}) - stored
        product_ids = [ids[p.external_id] for p, *_rest in work]
        existing = {}
        for row in ProductImage.objects.filter(product_id__in=product_ids):
            existing[(row.product_id, row.source_url)] = row
        keep, dirty, new = set(), [], []
        for product, _pk, desired, _changed, _restore in work:
            product_id = ids[product.external_id]
            urls = {image.ref: image.url for image in product.images}
            for ref, position, alt in desired["images"]:
                row = existing.get((product_id, ref))
                if row is not None:
                    keep.add(row.pk)
                    if (row.position, row.alt) != (position, alt):
                        row.position, row.alt = position, alt
                        dirty.append(row)
                    continue
                new.append(
                    ProductImage(
                        product_id=product_id,
                        image_id=by_hash[fetched[urls[ref]].file_hash],
                        position=position,
                        source_url=ref,
                        alt=alt,
                    )
                )
        ProductImage.objects.filter(product_id__in=product_ids).exclude(pk__in=keep).delete()
        ProductImage.objects.bulk_update(dirty, ["position", "alt"], batch_size=500)
        ProductImage.objects.bulk_create(new, batch_size=1000)

    def write_partners(self, work, ids):
        touched = [
            ids[p.external_id]
            for p, _pk, _d, changed, _r in work
            if "made_by" in changed or "created" in changed
        ]
        ProductPartner.objects.filter(product_id__in=touched).delete()
        ProductPartner.objects.bulk_create(
            [
                ProductPartner(
                    product_id=ids[p.external_id], partner_id=self.partner_ids[ref], position=i
                )
                for p, _pk, _d, changed, _r in work
                if "made_by" in changed or "created" in changed
                for i, ref in enumerate(p.made_by)
            ],
            batch_size=1000,
        )

    def write_stockists(self, work, ids):
        """Update a product's catalogue links in place, keyed by (product, retailer).

        A link's id is its public address (`/go/<id>/`, in pages and caches): an unchanged link
        keeps it, a changed URL or position updates the row, a link the feed dropped is deleted
        and a new one created. An editor's link to a retailer the catalogue now lists becomes
        the catalogue's (keeping its id, and the editor's paid/new-tab choices).
        """
        items = [
            (ids[p.external_id], p)
            for p, _pk, _d, changed, _r in work
            if "stockists" in changed or "created" in changed
        ]
        if not items:
            return
        wanted = {}
        for pk, p in items:
            for position, (ref, url) in enumerate(p.stockists):
                wanted.setdefault((pk, self.retailer_ids[ref]), (url, position))
        stale, dirty = [], []
        for link in StockistLink.objects.filter(product_id__in=[pk for pk, _p in items]).only(
            "pk", "product_id", "retailer_id", "url", "position", "from_feed"
        ):
            key = (link.product_id, link.retailer_id)
            if key not in wanted:
                if link.from_feed:
                    stale.append(link.pk)
                continue
            url, position = wanted.pop(key)
            if (link.url, link.position, link.from_feed) != (url, position, True):
                link.url, link.position, link.from_feed = url, position, True
                dirty.append(link)
        if stale:
            # Wagtail's reference index would be cleaned link by link (two queries each).
            with disable_reference_index_auto_update():
                StockistLink.objects.filter(pk__in=stale).delete()
            content_type = ContentType.objects.get_for_model(StockistLink)
            keys = [str(pk) for pk in stale]
            ReferenceIndex.objects.filter(
                Q(base_content_type=content_type, object_id__in=keys)
                | Q(to_content_type=content_type, to_object_id__in=keys)
            ).delete()
        StockistLink.objects.bulk_update(dirty, ["url", "position", "from_feed"], batch_size=500)
        StockistLink.objects.bulk_create(
            [
                StockistLink(
                    product_id=product_id,
                    retailer_id=retailer_id,
                    url=url,
                    from_feed=True,
                    position=position,
                )
                for (product_id, retailer_id), (url, position) in wanted.items()
            ],
            batch_size=1000,
        )

    def archive_missing(self):
        keys = [row[1] for _id, row in self.missing]
        if keys:
            for start in range(0, len(keys), 1000):
                Product.objects.filter(translation_key__in=keys[start : start + 1000]).update(
                    in_feed=False, synced_at=self.now
                )
        self.summary.counts["archived"] += len(keys)
        self.summary.changes["archived"] = [external_id for external_id, _row in self.missing]

    # Reports -----------------------------------------------------------------------------

    def report_designers(self):
        refs = {p.designer_ref for p in self.feed.products if p.designer_ref}
        if self.feed.designers is not None:
            for ref in sorted(refs - set(self.feed.designers)):
                self.summary.warnings.append(
                    f"Designer ref {ref!r} is used by products but not listed in the feed's "
                    "designers."
                )
        pages = designer_pages_by_ref(refs)
        for ref in sorted(refs - set(pages)):
            count = sum(1 for p in self.feed.products if p.designer_ref == ref)
            self.summary.warnings.append(
                f"Designer ref {ref!r} ({count} product{'s' if count != 1 else ''}): no designer "
                "page has this catalogue ref yet."
            )

    def report_vocabulary(self):
        """Codes the feed uses that the vocabulary (catalogue.vocabulary) has no term for:
        pages show them made readable until a catalogue manager enters their words."""
        from catalogue import vocabulary

        known = vocabulary.known_codes()
        used: dict[tuple[str, str], list[str]] = {}
        for partner in self.feed.partners or []:
            if partner.kind:
                used.setdefault((vocabulary.PARTNER_KIND, partner.kind), []).append(partner.ref)
        for product in self.feed.products:
            if product.product_type:
                key = (vocabulary.CATEGORY, product.product_type)
                used.setdefault(key, []).append(product.external_id)
        for (kind, code), refs in sorted(used.items()):
            if vocabulary.normalise(code) in known.get(kind, set()):
                continue
            what = "Partner kind" if kind == vocabulary.PARTNER_KIND else "Product category"
            users = "partner" if kind == vocabulary.PARTNER_KIND else "product"
            self.summary.warnings.append(
                f"{what} {code!r} ({len(refs)} {users}{'s' if len(refs) != 1 else ''}) has no "
                f"term in the vocabulary (Katalog → Katalog-Begriffe) yet: pages show it as "
                f"{vocabulary.readable(code)!r} until it is added and translated."
            )

    def run(self):
        self.plan()
        self.sync_partners()
        self.sync_retailers()
        self.sync_products()
        self.report_designers()
        self.report_vocabulary()
        if not self.dry_run and settings.CATALOGUE_INDEX_IMAGES:
            self.store.index_created()


def load_feed(source, retailers_source=None, *, csv_encoding="utf-8") -> Feed:
    fetched = fetch_feed(source)
    retailers = fetch_feed(retailers_source) if retailers_source else None
    return parse(fetched, retailers=retailers, csv_encoding=csv_encoding)


def run_sync(
    source: str,
    *,
    retailers_source: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    trigger: str = SyncRun.Trigger.COMMAND,
    user=None,
    csv_encoding: str = "utf-8",
) -> Summary:
    """Run one sync and log it; never raises for a refused feed or a busy lock."""
    source = str(source)
    summary = Summary(source=source, dry_run=dry_run)
    started = time.monotonic()
    run = SyncRun.objects.create(
        source=source[:1000], trigger=trigger, user=user, dry_run=dry_run, forced=force
    )
    summary.run_id = run.pk
    sync = None
    dead = []
    try:
        lock.ensure_lock_row()
        with transaction.atomic(), lock.held_lock(), heartbeat.Heartbeat(run):
            feed = load_feed(source, retailers_source, csv_encoding=csv_encoding)
            # Holding the lock: a run the log still calls running was killed. Its files go now,
            # its log row after this run's transaction (a rollback must not undo that). Not
            # before the feed is read: on SQLite any read here would keep another run from
            # logging its start (and being told the lock is taken) for the whole download.
            dead = heartbeat.dead_runs(run.pk)
            orphans = ImageStore(run_id=run.pk).remove_orphans()
            summary.errors = list(feed.errors)
            summary.warnings = [printable(warning) for warning in feed.warnings]
            if orphans:
                summary.warnings.append(
                    f"Removed {orphans} image file(s) an interrupted earlier run had stored "
                    "without saving their rows."
                )
            summary.counts["skipped"] = sum(1 for e in feed.errors if e.kind == "product")
            sync = Sync(feed, summary, force=force, dry_run=dry_run)
            sync.run()
            if dry_run:
                transaction.set_rollback(True)
        summary.status = SyncRun.Status.SUCCEEDED
        if sync is not None and not dry_run:
            sync.store.forget_journal()
        if not dry_run and changed_anything(summary):
            # Bulk writes send no signals: the cached pages are replaced here, once per run.
            pagecache.invalidate()
        summary.message = describe(summary)
    except SyncLocked as exc:
        summary.status, summary.message = SyncRun.Status.LOCKED, str(exc)
        logger.warning(
            "Catalogue sync skipped: another run holds the lock",
            extra={"event": "catalogue_sync_locked", "run_id": run.pk, "trigger": trigger},
        )
    except FeedRefused as exc:
        summary.status, summary.message = SyncRun.Status.REFUSED, str(exc)
        logger.error(
            "Catalogue sync refused the feed: %s",
            exc,
            extra={"event": "catalogue_sync_refused", "run_id": run.pk, "trigger": trigger},
        )
        summary.counts = dict.fromkeys(COUNT_KEYS, 0)
    except Exception as exc:
        logger.exception(
            "Catalogue sync failed",
            extra={"event": "catalogue_sync_failed", "run_id": run.pk, "trigger": trigger},
        )
        summary.status = SyncRun.Status.FAILED
        summary.message = f"The sync failed and changed nothing: {exc.__class__.__name__}: {exc}"
        summary.counts = dict.fromkeys(COUNT_KEYS, 0)
    finally:
        heartbeat.mark_abandoned(dead)
        if sync is not None and (dry_run or summary.status != SyncRun.Status.SUCCEEDED):
            sync.store.discard_written()
        summary.duration = time.monotonic() - started
        SyncRun.objects.filter(pk=run.pk).update(
            status=summary.status,
            finished_at=timezone.now(),
            message=printable(summary.message),
            counts={
                "products": summary.counts,
                "retailers": summary.retailers,
                "partners": summary.partners,
                "images": summary.images,
            },
            errors=[error.as_dict() for error in summary.errors][:1000],
            warnings=summary.warnings[:200],
        )
    return summary


CHANGE_KEYS = ("created", "updated", "archived", "restored")


def changed_anything(summary: Summary) -> bool:
    return any(
        counts.get(key)
        for counts in (summary.counts, summary.retailers, summary.partners)
        for key in CHANGE_KEYS
    ) or bool(summary.images.get("stored"))


def describe(summary: Summary) -> str:
    counts = ", ".join(f"{summary.counts[key]} {key}" for key in COUNT_KEYS)
    prefix = "Dry run, nothing written - would be: " if summary.dry_run else "Products: "
    return f"{prefix}{counts}."
