"""Write catalogue rows: production partners, then products in chunks with their variants,
partner links and slug history, and the archiving of products the feed no longer names.

Products are worked through in chunks (`CATALOGUE_SYNC_CHUNK`): their current state is loaded
(`Plan.current_states`), compared field by field, then everything is written with bulk
operations. The photos are settled once per run before the chunks (`ImageRows.resolve_photos`:
each distinct URL once, conditionally); a chunk only looks them up.
"""

import datetime
import uuid

from django.conf import settings
from django.db import connection
from django.utils.text import slugify

from catalogue.models import (
    Product,
    ProductionPartner,
    ProductPartner,
    ProductSlugHistory,
    Variant,
)
from catalogue.sync.errors import RowError
from catalogue.sync.feed import ProductData
from catalogue.sync.images import ImageFetcher
from catalogue.sync.plan import desired_state, money, state_hash

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
    "feed_digest",
    "synced_at",
]
TEXT_FIELDS = ["title", "description", "material"]
UPDATED_FIELDS = frozenset(FACT_FIELDS + TEXT_FIELDS)
TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def update_changed_fields(model, dirty: dict[str, list]):
    """Write only what changed, a field at a time: one plain UPDATE where every row gets the
    same value (the run's time, a status), else one CASE update of just the rows whose field
    changed (`set_column`). Django's `bulk_update` of every field for every row spent most of a
    minute building expressions for 500 changed products; this stays at one query per changed
    field and 500 rows."""
    for name, rows in dirty.items():
        values = {repr(getattr(row, name)) for row in rows}
        if len(values) == 1:
            model.objects.filter(pk__in=[row.pk for row in rows]).update(
                **{name: getattr(rows[0], name)}
            )
        else:
            set_column(model, rows, name)


def set_column(model, rows, name: str, batch: int = 500):
    """`UPDATE … SET column = CASE pk WHEN … END WHERE pk IN (…)`: what `bulk_update` sends for
    one field, with the values prepared by the field itself and cast where the database needs
    it (PostgreSQL), but without building a Django expression per row."""
    field = model._meta.get_field(name)
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(field.column)
    pk = quote(model._meta.pk.column)
    then = "%s"
    if connection.features.requires_casted_case_in_updates:
        then = f"CAST(%s AS {field.cast_db_type(connection)})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            params = []
            for row in part:
                params += [row.pk, field.get_db_prep_save(getattr(row, name), connection)]
            params += [row.pk for row in part]
            whens = " ".join(f"WHEN %s THEN {then}" for _row in part)
            marks = ", ".join("%s" for _row in part)
            cursor.execute(
                f"UPDATE {table} SET {column} = CASE {pk} {whens} END WHERE {pk} IN ({marks})",  # noqa: S608 - names quoted, values as parameters
                params,
            )


def ascii_slug(value: str) -> str:
    return slugify(value.translate(TRANSLITERATION))[:110].strip("-")


class CatalogueRows:
    """The catalogue step of a `Sync` (a mixin)."""

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
            self.resolve_photos()
            size = settings.CATALOGUE_SYNC_CHUNK
            chunk = []
            if self.pending:
                for product in self.feed.products:
                    if product.external_id in self.pending:
                        chunk.append(product)
                    if len(chunk) == size:
                        self.sync_chunk(chunk)
                        chunk = []
            if chunk:
                self.sync_chunk(chunk)
        finally:
            self.fetcher.close()
        self.write_digests()
        self.archive_missing()

    def write_digests(self):
        """The digests of the rows unchanged products were found in (`new_digests`), on their
        German rows (what `catalogue.sync.known.known_digests` reads): once for every product
        after rows got digests, then only for a product synced from a CSV export since."""
        rows = [Product(pk=pk, feed_digest=digest) for pk, digest in self.new_digests.items()]
        set_column(Product, rows, "feed_digest")

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
                self.note_digest(product, pk)
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
                "feed_digest": product.digest,
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
        dirty, new_rows = {}, []
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
                values = {**facts, **(texts or {})}
                if row.pk is None:
                    for name, value in values.items():
                        setattr(row, name, value)
                    continue
                for name, value in values.items():
                    if name in UPDATED_FIELDS and getattr(row, name) != value:
                        setattr(row, name, value)
                        dirty.setdefault(name, []).append(row)
        update_changed_fields(Product, dirty)
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
        dirty, new = {}, []
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
                "wholesale_price": v.wholesale_price,
                "minimum_order": v.minimum_order,
            }
            variant = existing.get(sku)
            if variant is None:
                new.append(Variant(sku=sku, **values))
                continue
            for name, value in values.items():
                before = getattr(variant, name)
                if name in {"price", "sale_price", "wholesale_price"}:
                    changed = money(before) != money(value)
                else:
                    changed = before != value
                if changed:
                    setattr(variant, name, value)
                    dirty.setdefault(name, []).append(variant)
        update_changed_fields(Variant, dirty)
        Variant.objects.bulk_create(new, batch_size=1000)

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

    def archive_missing(self):
        keys = [row[1] for _id, row in self.missing]
        if keys:
            for start in range(0, len(keys), 1000):
                Product.objects.filter(translation_key__in=keys[start : start + 1000]).update(
                    in_feed=False, synced_at=self.now
                )
        self.summary.counts["archived"] += len(keys)
        self.summary.changes["archived"] = [external_id for external_id, _row in self.missing]
