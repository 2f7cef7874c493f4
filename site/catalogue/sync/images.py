"""Product photos: fetched in parallel, checked like an editor's upload, stored once.

Checks are Wagtail's own (`WagtailImageField`: a real image whose format matches its name,
the size cap, the pixel limit), so a file the admin would refuse never enters the library
through the back door. Content is identified by Wagtail's `file_hash` (SHA-1): a photo the
library already holds is linked again, not stored a second time.

Files are written before the transaction commits (the rows must point at them), so the sync
keeps a list of what it wrote and deletes exactly those files if the run fails. A run that is
killed cannot clean up after itself: before storing a batch of files it writes their names to a
journal in the same storage (`JOURNAL_DIR`, one small file per batch), removed once the run has
committed or cleaned up. The next run, holding the lock, reads the journals any earlier run left
behind and deletes the files no image row points at (`remove_orphans`).
"""

import contextlib
import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection

from catalogue.sync.fetch import TooLarge, is_url, new_session, read_file, read_url
from core.safe_http import BlockedAddress, DeadlineExceeded

JOURNAL_DIR = "catalogue-sync-journal"
FORMAT_EXTENSIONS = {"jpeg": "jpg", "png": "png", "gif": "gif", "webp": "webp", "avif": "avif"}


@dataclass
class FetchedImage:
    url: str
    content: bytes
    file_hash: str
    filename: str
    width: int
    height: int


class ImageRejected(Exception):
    pass


def filename_for(url: str) -> str:
    name = PurePosixPath(unquote(urlsplit(url).path)).name if is_url(url) else os.path.basename(url)
    return name or "image"


def check_image(url: str, content: bytes) -> FetchedImage:
    """Wagtail's upload checks; the file name's extension is set from the real format."""
    import willow

    try:
        detected = willow.Image.open(ContentFile(content)).format_name
    except Exception:  # anything Willow cannot open is not an image
        raise ImageRejected("is not an image Wagtail can read") from None
    stem = os.path.splitext(filename_for(url))[0] or "image"
    name = f"{stem}.{FORMAT_EXTENSIONS.get(detected, detected)}"
    field = WagtailImageField()
    try:
        checked = field.to_python(SimpleUploadedFile(name, content))
    except ValidationError as exc:
        raise ImageRejected(" ".join(exc.messages)) from None
    width, height = checked.image.get_size()
    return FetchedImage(
        url=url,
        content=content,
        file_hash=hashlib.sha1(content, usedforsecurity=False).hexdigest(),
        filename=name,
        width=width,
        height=height,
    )


class ImageFetcher:
    """Downloads and checks many images at once; one HTTP session per worker thread."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or settings.CATALOGUE_IMAGE_WORKERS
        self.max_bytes = settings.CATALOGUE_MAX_IMAGE_BYTES
        self.timeout = settings.CATALOGUE_HTTP_TIMEOUT
        self.deadline = settings.CATALOGUE_IMAGE_DEADLINE
        self.local = threading.local()
        self.pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="catalogue-img")

    def close(self):
        self.pool.shutdown(wait=True, cancel_futures=True)

    def session(self) -> requests.Session:
        if not hasattr(self.local, "session"):
            self.local.session = new_session()
        return self.local.session

    def fetch_one(self, url: str) -> FetchedImage | str:
        """The checked image, or the reason it cannot be used (a row-level error)."""
        try:
            if is_url(url):
                content = read_url(
                    self.session(),
                    url,
                    max_bytes=self.max_bytes,
                    timeout=self.timeout,
                    deadline=self.deadline,
                ).content
            else:
                content = read_file(url, max_bytes=self.max_bytes).content
            return check_image(url, content)
        except BlockedAddress as exc:
            return f"image {url} was not fetched: {exc} (only public addresses are)"
        except DeadlineExceeded:
            return f"image {url} did not arrive within {self.deadline:g} s"
        except TooLarge as exc:
            return f"image {url} is larger than {self.max_bytes} bytes ({exc.args[0]})"
        except requests.Timeout:
            return f"image {url} did not arrive within {self.timeout} s"
        except requests.HTTPError as exc:
            return f"image {url}: HTTP {exc.response.status_code}"
        except requests.RequestException as exc:
            return f"image {url} could not be downloaded ({exc.__class__.__name__})"
        except FileNotFoundError:
            return f"image file {url} does not exist"
        except OSError as exc:
            return f"image file {url} cannot be read ({exc.strerror})"
        except ImageRejected as exc:
            return f"image {url} {exc}"

    def fetch(self, urls) -> dict[str, FetchedImage | str]:
        urls = list(dict.fromkeys(urls))
        return dict(zip(urls, self.pool.map(self.fetch_one, urls), strict=True))


class ImageStore:
    """Stores checked images as Wagtail images, once per content, and can undo its writes."""

    def __init__(self, *, write_files: bool = True, run_id: int | None = None):
        self.write_files = write_files  # a dry run creates rows (rolled back) but no files
        self.run_id = run_id
        self.model = get_image_model()
        self.storage = self.model._meta.get_field("file").storage
        self.written: list[str] = []
        self.journals: list[str] = []
        self.by_hash: dict[str, int] = {}
        self.created_ids: list[int] = []
        self._collection = None
        # get_upload_to() is an instance method; one blank instance (a new one per image would
        # query the default collection each time).
        self.blank = self.model(collection_id=0)

    def collection(self):
        if self._collection is None:
            name = settings.CATALOGUE_IMAGE_COLLECTION
            root = Collection.get_first_root_node()
            self._collection = root.get_children().filter(name=name).first() or root.add_child(
                name=name
            )
        return self._collection

    def known(self, hashes) -> None:
        """Learn which of these contents the library already has (one query)."""
        missing = [h for h in set(hashes) if h not in self.by_hash]
        if missing:
            self.by_hash.update(
                self.model.objects.filter(file_hash__in=missing)
                .order_by("pk")
                .values_list("file_hash", "pk")
            )

    def image_ids(self, fetched: list[tuple[FetchedImage, str]]) -> dict[str, int]:
        """{file_hash: image id} for (image, title) pairs, storing only unknown contents."""
        self.known(image.file_hash for image, _title in fetched)
        new, paths = [], []
        for image, title in fetched:
            if image.file_hash in self.by_hash or any(n.file_hash == image.file_hash for n in new):
                continue
            path = self.blank.get_upload_to(image.filename)
            if self.write_files:
                path = self.free_name(path, taken=paths)
                paths.append(path)
            new.append(
                self.model(
                    title=title[:255],
                    file=path,
                    width=image.width,
                    height=image.height,
                    file_size=len(image.content),
                    file_hash=image.file_hash,
                    collection=self.collection(),
                )
            )
        if paths:
            self.journal(paths)
            contents = {image.file_hash: image.content for image, _title in fetched}
            for obj in new:
                saved = self.storage.save(obj.file.name, ContentFile(contents[obj.file_hash]))
                if saved != obj.file.name:  # taken in the meantime (an editor's upload)
                    self.journal([saved])
                    obj.file.name = saved
                self.written.append(saved)
        if new:
            created = self.model.objects.bulk_create(new)
            for obj in created:
                self.by_hash[obj.file_hash] = obj.pk
                self.created_ids.append(obj.pk)
        return self.by_hash

    def free_name(self, path: str, taken: list[str]) -> str:
        """The name the file will be stored under, known before it is stored (for the journal)."""
        name = self.storage.get_available_name(path)
        root, ext = os.path.splitext(path)
        while name in taken:
            name = self.storage.get_available_name(self.storage.get_alternative_name(root, ext))
        return name

    def journal(self, paths: list[str]):
        name = f"{JOURNAL_DIR}/run-{self.run_id}-{len(self.journals) + 1:05d}.txt"
        self.journals.append(self.storage.save(name, ContentFile("\n".join(paths).encode())))

    def forget_journal(self):
        """After the commit: the stored files have their rows, the journal is not needed."""
        for name in self.journals:
            with contextlib.suppress(OSError):
                self.storage.delete(name)
        self.journals.clear()

    def discard_written(self):
        """After a failed run: remove every file this run wrote, so no orphan stays behind."""
        for path in self.written:
            with contextlib.suppress(OSError):
                self.storage.delete(path)
        self.written.clear()
        self.forget_journal()

    def remove_orphans(self) -> int:
        """Delete the files earlier runs journalled but never got rows for; call only while
        holding the sync lock (no other run is writing). Returns the number of files removed."""
        try:
            _folders, names = self.storage.listdir(JOURNAL_DIR)
        except (FileNotFoundError, NotADirectoryError):
            return 0
        own = f"run-{self.run_id}-"
        removed = 0
        for name in sorted(names):
            if name.startswith(own) or not name.endswith(".txt"):
                continue
            journal = f"{JOURNAL_DIR}/{name}"
            with self.storage.open(journal) as handle:
                paths = [p for p in handle.read().decode().splitlines() if p.strip()]
            kept = set(self.model.objects.filter(file__in=paths).values_list("file", flat=True))
            for path in paths:
                if path not in kept and self.storage.exists(path):
                    self.storage.delete(path)
                    removed += 1
            self.storage.delete(journal)
        return removed

    def index_created(self):
        """Add the new images to the admin's search index (bulk_create skipped the signal)."""
        if not self.created_ids:
            return
        from wagtail.search.backends import get_search_backends

        images = list(self.model.objects.filter(pk__in=self.created_ids))
        for backend in get_search_backends():
            backend.add_bulk(self.model, images)
