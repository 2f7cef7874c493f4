"""Images step: find each photo the feed names once per run, then link the rows.

`resolve_photos` (before the products' chunks) goes through every distinct image URL of the
feed - unchanged products' too - in batches: what the library knows about a URL
(`ImageSource`: its image and the server's validators) makes the request conditional, so an
unchanged photo costs a 304 and is neither downloaded nor decoded again; a changed one is
stored and every product showing the URL is moved to the new image. Fetching, checking and
storing files is `catalogue.sync.images`; each batch's bytes are stored and dropped before the
next batch is fetched. The chunks then only look up `self.photos` (`fetch_images`) and write
the products' `ProductImage` rows (`write_images`).
"""

from django.utils import timezone

from catalogue.models import ImageSource, ProductImage
from catalogue.sync.feed import KEEP
from catalogue.sync.images import FetchedImage, Known, Unchanged, Validators

PHOTO_BATCH = 32  # URLs fetched at once; bounds the photo bytes held in memory


class ImageRows:
    """The image step of a `Sync` (a mixin)."""

    def image_title(self, product, image) -> str:
        return (image.alt.get(self.default) if image.alt is not KEEP else None) or product.title

    def resolve_photos(self):
        """{url: library image id, or the reason the URL gives no usable photo} in `photos`."""
        self.photos: dict[str, int | str] = {}
        titles: dict[str, str] = {}
        refs: dict[str, set[str]] = {}
        for product in self.feed.products:
            for image in product.images:
                if image.url not in titles:
                    titles[image.url] = self.image_title(product, image)
                refs.setdefault(image.url, set()).add(image.ref)
        urls = list(titles)
        for start in range(0, len(urls), PHOTO_BATCH):
            batch = urls[start : start + PHOTO_BATCH]
            known = {
                url: Known(image_id, file_hash, Validators(etag, modified, length), pk)
                for pk, url, image_id, file_hash, etag, modified, length in (
                    ImageSource.objects.filter(url__in=batch).values_list(
                        "pk", "url", "image_id", "image__file_hash", "etag", "last_modified",
                        "content_length",
                    )
                )
            }  # fmt: skip
            futures = {url: self.fetcher.submit(url, known.get(url)) for url in batch}
            results, ready = {}, []
            for url, future in futures.items():
                if ready and not future.done():  # store what has arrived before waiting
                    self.store_photos(ready, titles)
                    ready = []
                results[url] = future.result()
                if isinstance(results[url], FetchedImage):
                    ready.append(results[url])
            self.store_photos(ready, titles)
            del futures, ready
            self.settle_photos(results, known, refs)

    def store_photos(self, fetched: list[FetchedImage], titles):
        """Store the new contents among these photos and drop their bytes."""
        if not fetched:
            return
        counts = self.summary.images
        before = len(self.store.created_ids)
        self.store.image_ids([(got, titles[got.url]) for got in fetched])
        stored = len(self.store.created_ids) - before
        counts["downloaded"] += len(fetched)
        counts["stored"] += stored
        counts["reused"] += len({got.file_hash for got in fetched}) - stored
        for got in fetched:
            got.content = b""  # stored: the bytes are not needed any more

    def settle_photos(self, results: dict, known: dict[str, Known], refs):
        counts = self.summary.images
        created, updated, moved = [], [], {}
        for url, got in results.items():
            old = known.get(url)
            if isinstance(got, str):
                if old is None:
                    self.photos[url] = got
                else:  # the library's photo stays: a passing failure loses nothing
                    self.photos[url] = old.image_id
                    self.summary.warnings.append(f"{got}; the stored photo stays in use")
                continue
            if isinstance(got, Unchanged):
                counts["unchanged"] += 1
                counts["downloaded"] += got.downloaded
                self.photos[url] = old.image_id
                if got.validators != old.validators:
                    updated.append(self.source_row(url, old.image_id, got.validators, old))
                continue
            image_id = self.store.by_hash[got.file_hash]
            self.photos[url] = image_id
            row = self.source_row(url, image_id, got.validators, old)
            (created if old is None else updated).append(row)
            if old is None or old.image_id != image_id:
                moved[url] = image_id
        if created:
            ImageSource.objects.bulk_create(created)
        if updated:
            ImageSource.objects.bulk_update(
                updated, ["image", "etag", "last_modified", "content_length", "checked_at"]
            )
        for url, image_id in moved.items():
            # Every product showing this URL shows its new content, unchanged products too.
            counts["relinked"] += (
                ProductImage.objects.filter(source_url__in=refs[url])
                .exclude(image_id=image_id)
                .update(image_id=image_id)
            )

    def source_row(self, url, image_id: int, validators: Validators, old: Known | None):
        return ImageSource(
            pk=old.source_id if old else None,
            url=url,
            image_id=image_id,
            etag=validators.etag,
            last_modified=validators.last_modified,
            content_length=validators.content_length,
            checked_at=timezone.now(),
        )

    def fetch_images(self, work, current) -> dict:
        """Reject the chunk's products that would gain a photo that gave no usable image (a row
        error); a photo a product already shows stays when its URL fails this time."""
        for product, pk, *_rest in work:
            have = {image[0] for image in current.get(pk, {}).get("images", [])}
            problems = [
                self.photos[image.url]
                for image in product.images
                if image.ref not in have and isinstance(self.photos.get(image.url), str)
            ]
            if problems:
                self.reject(product, "; ".join(dict.fromkeys(problems)))
        return self.photos

    def write_images(self, work, ids, current, fetched):
        product_ids = [ids[p.external_id] for p, *_rest in work]
        existing = {}
        for row in ProductImage.objects.filter(product_id__in=product_ids):
            existing[(row.product_id, row.source_url)] = row
        keep, dirty, new = set(), [], []
        for product, _pk, desired, _changed, _restore in work:
            product_id = ids[product.external_id]
            urls = {image.ref: image.url for image in product.images}
            for ref, position, alt in desired["images"]:
                image_id = fetched[urls[ref]]
                row = existing.get((product_id, ref))
                if row is not None:
                    keep.add(row.pk)
                    if isinstance(image_id, str):  # failed this time: the shown photo stays
                        image_id = row.image_id
                    if (row.position, row.alt, row.image_id) != (position, alt, image_id):
                        row.position, row.alt, row.image_id = position, alt, image_id
                        dirty.append(row)
                    continue
                new.append(
                    ProductImage(
                        product_id=product_id,
                        image_id=image_id,
                        position=position,
                        source_url=ref,
                        alt=alt,
                    )
                )
        ProductImage.objects.filter(product_id__in=product_ids).exclude(pk__in=keep).delete()
        ProductImage.objects.bulk_update(dirty, ["position", "alt", "image"], batch_size=500)
        ProductImage.objects.bulk_create(new, batch_size=1000)
