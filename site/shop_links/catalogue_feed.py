"""Shop links' step of the catalogue sync: the retailers the feed lists and the products' stockist links.

The label's feed carries the retailers too, but retailers and stockist links are this app's
models, and the catalogue sits below this app: it may not import them. So the sync asks the app
that registers a retailer step (`ShopLinksConfig.catalogue_retailer_step`, found by
`catalogue.sync.steps.retailer_step`) to write them, inside the run's transaction, at the points
where it did when this was a mixin of `catalogue.sync.engine.Sync`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.models import Product
from shop_links.models import Retailer, StockistLink


class RetailerRows:
    """The retailer step of one `catalogue.sync.engine.Sync` run."""

    def __init__(self, sync):
        self.sync = sync
        # The retailers' ids by the feed's ref, for the products' stockist links.
        self.retailer_ids: dict[str, int] = {}

    def sync_retailers(self):
        sync = self.sync
        counts = sync.summary.retailers
        existing = {
            r.ref: r for r in Retailer.objects.filter(locale_id=sync.source_locale).exclude(ref="")
        }
        if sync.feed.retailers is not None:
            for data in sync.feed.retailers:
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
                        ref=data.ref, locale_id=sync.source_locale, **values
                    )
                    existing[data.ref] = record
                    counts["created"] += 1
                    continue
                restored = not record.in_feed
                if sync._assign(record, values):
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
                if r.in_feed and ref not in sync.feed.seen_retailers
            ]
            if gone:
                Retailer.objects.filter(translation_key__in=gone).update(in_feed=False)
                counts["archived"] += len(gone)
            counts["skipped"] = sum(1 for e in sync.feed.errors if e.kind == "retailer")
        self.retailer_ids = {ref: r.pk for ref, r in existing.items()}

    def current_stockists(self, pks, states):
        """The catalogue's stockist links of these products, into their current `states`."""
        for product_id, ref, url in (
            StockistLink.objects.filter(product_id__in=pks, from_feed=True)
            .order_by("position", "pk")
            .values_list("product_id", "retailer__ref", "url")
        ):
            states[product_id]["stockists"].append([ref, url])

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
        renamed = [
            ids[p.external_id]
            for p, _pk, _d, changed, _r in work
            if f"texts.{self.sync.default}" in changed and "created" not in changed
        ]
        if renamed:
            # A shop's list sorts by the copy of the German title on the link.
            StockistLink.objects.filter(product_id__in=renamed).update(
                product_title=Subquery(
                    Product.objects.filter(pk=OuterRef("product_id")).values("title")[:1]
                )
            )
        if not items:
            return
        titles = {pk: p.texts[self.sync.default]["title"] for pk, p in items}
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
                    product_title=titles[product_id],
                )
                for (product_id, retailer_id), (url, position) in wanted.items()
            ],
            batch_size=1000,
        )
