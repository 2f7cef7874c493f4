"""Images step: fetch the photos a chunk's products lack, then write their image rows.

Fetching and storing the files is `catalogue.sync.images` (checked like an editor's upload,
stored once per content); this step links them to the products (`ProductImage`).
"""

from catalogue.models import ProductImage
from catalogue.sync.feed import KEEP


class ImageRows:
    """The image step of a `Sync` (a mixin)."""

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
