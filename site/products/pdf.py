"""PDFs the site makes on the server (hang tags, line sheets): HTML and print CSS drawn by
WeasyPrint with the machine's fonts (DejaVu).

WeasyPrint fetches nothing but `data:` URLs and the project's own static files
(`static_only_fetcher`): a text from the catalogue can never make the server read another host
or a local file. Pictures (QR codes, product photos) go into the HTML as `data:` URLs.
"""

import base64
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders


def _static_roots() -> list[Path]:
    roots = [Path(directory).resolve() for directory in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def weasyprint():
    """The weasyprint module, imported when a PDF is made (it loads Pango, which the site needs
    nowhere else)."""
    # Its step-by-step INFO lines (seven per document) are no news in the site's log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    import weasyprint as module
    from PIL import ImageFile

    # Importing WeasyPrint switches on Pillow's LOAD_TRUNCATED_IMAGES for the whole process: the
    # worker that makes a PDF would then take a truncated photo as whole in the catalogue sync
    # or a designer's application.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return module


def static_only_fetcher():
    """WeasyPrint's fetcher, allowed `data:` URLs and files under the project's static folders
    only; anything else (another host, loopback included, or any other local file) is refused
    before a connection or a read, and WeasyPrint leaves that resource out."""
    module = weasyprint()

    class StaticOnlyFetcher(module.URLFetcher):
        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
                if any(path.is_relative_to(root) for root in _static_roots()) and path.is_file():
                    return module.urls.URLFetcherResponse(
                        url, path.read_bytes(), {"Content-Type": _content_type(path)}
                    )
            raise ValueError(f"the site's PDFs fetch nothing from {scheme or 'relative'} URLs")

    return StaticOnlyFetcher(allowed_protocols={"data", "file"})


def _content_type(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(
        path.suffix, "application/octet-stream"
    )


def stylesheet_uri(name: str) -> str:
    """A static stylesheet's file URI, the one kind of address the fetcher reads."""
    return Path(finders.find(name)).resolve().as_uri()


def data_url(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}"


def write_pdf(html: str) -> bytes:
    """The PDF of a document, with nothing fetched but data: URLs and static files."""
    return weasyprint().HTML(string=html, url_fetcher=static_only_fetcher()).write_pdf()
