"""Reading a feed (and, later, its images) from a URL or a file, with limits.

Everything a remote server can do wrong - not answer, answer slowly, answer with an error page,
a login page or an endless body - ends here as a `FeedRefused` with a sentence an editor can act
on, before the sync has looked at a single product.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings

from catalogue.sync.errors import FeedRefused
from core.safe_http import BlockedAddress, Deadline, DeadlineExceeded, public_session

USER_AGENT = "made-in-aachen-nord-catalogue-sync/1"


@dataclass
class Fetched:
    content: bytes
    content_type: str  # lower-case media type without parameters, "" for files
    location: str  # URL or absolute path the content came from, for resolving relative refs
    status: int = 200  # 304: not modified since the validators sent, `content` is empty
    etag: str = ""
    last_modified: str = ""
    content_length: int | None = None
    file: object = None  # a feed: its bytes in a (temporary) file, `content` stays empty

    def head(self, size: int = 512) -> bytes:
        if self.file is None:
            return self.content[:size]
        self.file.seek(0)
        return self.file.read(size)

    def body(self) -> bytes:
        """All the bytes (a CSV is read whole)."""
        if self.file is None:
            return self.content
        self.file.seek(0)
        return self.file.read()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in {"http", "https"}


def resolve(reference: str, base: str) -> str:
    """An image or file reference made absolute against the feed's own location."""
    if is_url(reference) or not base:
        return reference
    if is_url(base):
        return urljoin(base, reference)
    if Path(reference).is_absolute():
        return reference
    return str(Path(base).parent / reference)


def outside_folder(reference: str) -> bool:
    """True for an image reference that leaves a local feed's folder: absolute, climbing up with
    `..`, or with a scheme (`file:`). Which local file is read is the settings' or the operator's
    choice (`CATALOGUE_FEED_URL`, `sync_catalogue SOURCE`); a feed's content only names files
    beside it."""
    path = PurePosixPath(reference.replace("\\", "/"))
    return bool(urlsplit(reference).scheme) or path.is_absolute() or ".." in path.parts


def new_session() -> requests.Session:
    """Only public addresses, checked after DNS and for every redirect (`core.safe_http`);
    CATALOGUE_FETCH_ALLOW_INTERNAL names exact internal address:port pairs (tests)."""
    return public_session(user_agent=USER_AGENT, allowed=settings.CATALOGUE_FETCH_ALLOW_INTERNAL)


class TooLarge(Exception):
    pass


def read_url(
    session: requests.Session,
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    deadline: float,
    headers: dict | None = None,
    into=None,
) -> Fetched:
    """GET `url` (conditional when `headers` carry If-None-Match / If-Modified-Since: a 304
    answer comes back with status 304 and no content); raises requests' exceptions, TooLarge, HTTPError for non-2xx answers,
    BlockedAddress for an internal address (also behind a redirect), DeadlineExceeded.

    `timeout` bounds the connection and every single read; `deadline` the whole answer, so a
    server trickling bytes cannot hold a run for longer. With `into` (a binary file) the body is
    written there as it arrives and `content` stays empty: a feed is never held whole in memory.
    """
    with (
        Deadline(deadline),
        session.get(
            url, timeout=(timeout, timeout), stream=True, allow_redirects=True, headers=headers
        ) as resp,
    ):
        resp.raise_for_status()
        etag = resp.headers.get("ETag", "")[:255]
        last_modified = resp.headers.get("Last-Modified", "")[:64]
        if resp.status_code == 304:
            return Fetched(b"", "", resp.url, 304, etag, last_modified)
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise TooLarge(int(declared))
        chunks, size = [], 0
        for chunk in resp.iter_content(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise TooLarge(size)
            if into is None:
                chunks.append(chunk)
            else:
                into.write(chunk)
        content_type = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length = int(declared) if declared and declared.isdigit() else None
        return Fetched(
            b"".join(chunks), content_type, resp.url, 200, etag, last_modified, length, into
        )


def read_file(path: str, *, max_bytes: int) -> Fetched:
    file = Path(path).expanduser().resolve()
    size = file.stat().st_size
    if size > max_bytes:
        raise TooLarge(size)
    return Fetched(file.read_bytes(), "", str(file))


def open_file(path: str, *, max_bytes: int) -> Fetched:
    """A local feed, opened for reading (not read into memory)."""
    file = Path(path).expanduser().resolve()
    size = file.stat().st_size
    if size > max_bytes:
        raise TooLarge(size)
    return Fetched(b"", "", str(file), file=file.open("rb"))


def fetch_feed(source: str, session: requests.Session | None = None) -> Fetched:
    max_bytes = settings.CATALOGUE_MAX_FEED_BYTES
    timeout = settings.CATALOGUE_HTTP_TIMEOUT
    if not is_url(source):
        if urlsplit(source).scheme not in {"", "file"} and len(urlsplit(source).scheme) > 1:
            raise FeedRefused(f"Unsupported source {source!r}: give an http(s) URL or a file path.")
        path = source.removeprefix("file://")
        try:
            return open_file(path, max_bytes=max_bytes)
        except FileNotFoundError:
            raise FeedRefused(f"The feed file {path} does not exist.") from None
        except IsADirectoryError:
            raise FeedRefused(f"{path} is a folder, not a feed file.") from None
        except TooLarge as exc:
            raise FeedRefused(
                f"The feed file is {exc.args[0]} bytes, more than the {max_bytes} allowed "
                "(CATALOGUE_MAX_FEED_BYTES)."
            ) from None
        except OSError as exc:
            raise FeedRefused(f"The feed file {path} cannot be read: {exc.strerror}.") from None
    session = session or new_session()
    deadline = settings.CATALOGUE_FEED_DEADLINE
    spool = tempfile.TemporaryFile(prefix="maan-feed-")  # noqa: SIM115 - closed with the Fetched
    try:
        fetched = read_feed_url(
            session, source, max_bytes=max_bytes, timeout=timeout, deadline=deadline, into=spool
        )
    except BaseException:
        spool.close()
        raise
    try:
        refuse_html(fetched, source)
    except FeedRefused:
        spool.close()
        raise
    return fetched


def read_feed_url(session, source, *, max_bytes, timeout, deadline, into) -> Fetched:
    """`read_url` for the feed, its failures as refusals an editor can act on."""
    try:
        return read_url(
            session, source, max_bytes=max_bytes, timeout=timeout, deadline=deadline, into=into
        )
    except BlockedAddress as exc:
        raise FeedRefused(
            f"The feed address {source} leads to an internal address ({exc}); only public "
            "addresses are fetched. Nothing was changed."
        ) from None
    except DeadlineExceeded:
        raise FeedRefused(
            f"The feed server did not deliver the whole feed within {deadline:g} s "
            f"(CATALOGUE_FEED_DEADLINE; {source}); nothing was changed."
        ) from None
    except requests.Timeout:
        raise FeedRefused(
            f"The feed server did not answer within {timeout} s ({source}); nothing was changed."
        ) from None
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        reason = exc.response.reason if exc.response is not None else ""
        raise FeedRefused(
            f"The feed server answered HTTP {status} {reason} for {source}; nothing was changed."
        ) from None
    except requests.ConnectionError as exc:
        raise FeedRefused(
            f"The feed server could not be reached ({source}): {exc.__class__.__name__}."
        ) from None
    except TooLarge as exc:
        raise FeedRefused(
            f"The feed is larger than the {max_bytes} bytes allowed (CATALOGUE_MAX_FEED_BYTES); "
            f"received {exc.args[0]}."
        ) from None
    except requests.exceptions.ChunkedEncodingError:
        raise FeedRefused(
            f"The connection to the feed server broke off before the whole feed had arrived "
            f"({source}): the feed is incomplete, so nothing was changed."
        ) from None
    except requests.RequestException as exc:
        raise FeedRefused(f"The feed could not be downloaded ({source}): {exc}.") from None


def refuse_html(fetched: Fetched, source: str) -> None:
    if fetched.content_type in {"text/html", "application/xhtml+xml"} or looks_like_html(
        fetched.head()
    ):
        raise FeedRefused(
            f"{source} returned an HTML page instead of the feed (a login or error page?); "
            "nothing was changed."
        )


def looks_like_html(content: bytes) -> bool:
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))
