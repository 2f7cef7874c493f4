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
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import requests
import willow
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
class Validators:
    """What a server said about a photo (ETag, Last-Modified, Content-Length); for a local
    file its size and modification time."""

    etag: str = ""
    last_modified: str = ""
    content_length: int | None = None

    @property
    def usable(self) -> bool:
        """Enough to ask "changed since?": a length alone says nothing about the content."""
        return bool(self.etag or self.last_modified)


@dataclass
class Known:
    """An image URL the library already holds: its image and the validators it came with."""

    image_id: int
    file_hash: str
    validators: Validators
    source_id: int | None = None  # the `ImageSource` row


@dataclass
class FetchedImage:
    url: str
    content: bytes
    file_hash: str
    filename: str
    width: int
    height: int
    validators: Validators = field(default_factory=Validators)


@dataclass
class Unchanged:
    """The URL still serves the image the library has (304, same file, or same content)."""

    validators: Validators
    downloaded: bool = False  # a server without validators: downloaded, compared by hash


class ImageRejected(Exception):
    pass


def filename_for(url: str) -> str:
    name = PurePosixPath(unquote(urlsplit(url).path)).name if is_url(url) else os.path.basename(url)
    return name or "image"


class Header:
    """What Wagtail's pixel check asks of an image, answered from Pillow's header read."""

    def __init__(self, pillow):
        self.pillow = pillow

    def get_size(self):
        return self.pillow.size

    def get_frame_count(self):
        return getattr(self.pillow, "n_frames", 1)


def check_image(url: str, content: bytes, validators: Validators | None = None) -> FetchedImage:
    """Wagtail's upload checks (`WagtailImageField`'s own: size cap, format matching the name,
    pixel limit), with the photo decoded once: Wagtail's field would decode it for every size
    question it asks (three times). The pixel limit is checked on the header, before the one
    decode that proves the file is whole; the file name's extension is set from the real format.
    """
    from PIL import Image as PILImage

    try:
        detected = willow.Image.open(BytesIO(content)).format_name  # the header only
    except Exception:  # anything Willow cannot open is not an image
        raise ImageRejected("is not an image Wagtail can read") from None
    stem = os.path.splitext(filename_for(url))[0] or "image"
    name = f"{stem}.{FORMAT_EXTENSIONS.get(detected, detected)}"
    checks = WagtailImageField()
    upload = SimpleUploadedFile(name, content)
    try:
        upload.image = willow.Image.open(BytesIO(content))
        checks.check_image_file_size(upload)
        checks.check_image_file_format(upload)
        try:
            pillow = PILImage.open(BytesIO(content))  # lazy: reads the header, not the pixels
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            raise ImageRejected("has more pixels than any photo the site accepts") from None
        except Exception:
            raise ImageRejected("is not an image Wagtail can read") from None
        upload.image = Header(pillow)  # size and frames from the header, no decode
        checks.check_image_pixel_size(upload)
    except ValidationError as exc:
        raise ImageRejected(" ".join(exc.messages)) from None
    width, height = pillow.size
    if pillow.format == "JPEG":
        # libjpeg reads every scan of the file either way; scaled by 1/8 it keeps 1/64 of the
        # pixels (0.1 MB instead of 5.8 MB for a 1600x1200 photo, in each worker thread).
        pillow.draft(pillow.mode, (max(1, width // 8), max(1, height // 8)))
    try:
        pillow.load()  # the one decode: a truncated or corrupt file fails here
    except Exception as exc:
        raise ImageRejected(
            f"is damaged and cannot be decoded ({exc.__class__.__name__})"
        ) from None
    pillow.close()
    return FetchedImage(
        url=url,
        content=content,
        file_hash=hashlib.sha1(content, usedforsecurity=False).hexdigest(),
        filename=name,
        width=width,
        height=height,
        validators=validators or Validators(),
    )


def file_validators(path: str) -> Validators:
    stat = os.stat(path)
    return Validators(last_modified=f"mtime {stat.st_mtime_ns}", content_length=stat.st_size)


class ImageFetcher:
    """Downloads and checks many images at once; one HTTP session per worker thread.

    With what the library knows about a URL (`Known`) a download is conditional: the stored
    ETag / Last-Modified go out as If-None-Match / If-Modified-Since, and a 304 means the stored
    image is still the URL's photo. A server without validators is downloaded and compared by
    content hash (never trusted blindly); a local file by size and modification time.
    """

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

    def download(self, url: str, known: Known | None) -> tuple[bytes | None, Validators]:
        """The content (None: unchanged since `known`) and the validators that came with it."""
        if not is_url(url):
            validators = file_validators(url)
            if known and (
                known.validators.last_modified,
                known.validators.content_length,
            ) == (validators.last_modified, validators.content_length):
                return None, validators
            return read_file(url, max_bytes=self.max_bytes).content, validators
        headers = {}
        if known and known.validators.etag:
            headers["If-None-Match"] = known.validators.etag
        if known and known.validators.last_modified:
            headers["If-Modified-Since"] = known.validators.last_modified
        got = read_url(
            self.session(),
            url,
            max_bytes=self.max_bytes,
            timeout=self.timeout,
            deadline=self.deadline,
            headers=headers or None,
        )
        if got.status == 304:
            if not known:  # a 304 to an unconditional request: nothing usable came
                raise ImageRejected("was answered 304 Not Modified to a plain request")
            return None, Validators(
                got.etag or known.validators.etag,
                got.last_modified or known.validators.last_modified,
                known.validators.content_length,
            )
        return got.content, Validators(got.etag, got.last_modified, got.content_length)

    def fetch_one(self, url: str, known: Known | None = None) -> FetchedImage | Unchanged | str:
        """The checked image, `Unchanged`, or the reason it cannot be used (a row error)."""
        try:
            content, validators = self.download(url, known)
            if content is None:
                return Unchanged(validators)
            if validators.content_length is None:
                validators.content_length = len(content)
            digest = hashlib.sha1(content, usedforsecurity=False).hexdigest()
            if known and digest == known.file_hash:  # checked when it was stored
                return Unchanged(validators, downloaded=True)
            return check_image(url, content, validators)
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

    def submit(self, url: str, known: Known | None = None):
        """A future for `fetch_one` on a worker thread."""
        return self.pool.submit(self.fetch_one, url, known)


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
