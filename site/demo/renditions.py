"""The demo's image renditions, made while it loads, so that no visitor waits for them.

A page's first view makes every size and format its pictures name (`{% picture %}` with AVIF,
WebP and JPEG at two to four widths, the og:image from `core.seo.social_rendition`): 22.6 s for
the first view of the home page after `make run`, before this step. Those filter specs live in
the templates and in `core.seo`, and they are the only place they live: instead of a copy that
could drift from them, the demo views every page its sitemap lists, once, in this process, with
a client that has no session (so no editor's view), and the templates make what they use. A
template that changes its sizes changes what the demo makes, without a second edit here.

One language version of each page is enough (the sitemap's x-default, German): a translation
shows the same pictures at the same sizes, and renditions belong to the image, not the language.
The search page shows a small picture for each result and suggests products without a query:
the demo searches for each page's heading once, and opens the search without a query, so that
those are made by the search's own template too.

`tests/demo/test_demo.py` holds it: after `load_demo`, viewing every page type (the search
with and without results among them) in every language makes no rendition.
"""

import html
import re
import time
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.models import Site

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def sitemap_paths(client: Client, host: str) -> list[str]:
    """The path of each entry of the sitemap (all its pages) that is its own x-default."""
    paths: list[str] = []
    page = 1
    while True:
        response = client.get("/sitemap.xml", {"p": page}, headers={"host": host}, secure=True)
        if response.status_code != 200:
            break
        entries = list(ElementTree.fromstring(response.content).iter(f"{SITEMAP}url"))  # noqa: S314 (our own XML)
        if not entries:
            break
        for entry in entries:
            loc = entry.findtext(f"{SITEMAP}loc")
            default = [
                link.get("href")
                for link in entry.iter(f"{XHTML}link")
                if link.get("hreflang") == "x-default"
            ]
            if loc and (not default or default[0] == loc):
                paths.append(urlsplit(loc).path)
        page += 1
    return list(dict.fromkeys(paths))


def make_renditions(log=print) -> None:
    """View each address of the sitemap once; logs one line with what it made."""
    site = Site.objects.get(is_default_site=True)
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    # Secure, as production's proxy says: no redirect to https under production settings.
    client = Client(raise_request_exception=True)
    renditions = get_image_model().get_rendition_model().objects
    before, started = renditions.count(), time.monotonic()
    paths = sitemap_paths(client, host)
    failed, searches = [], {}
    for path in paths:
        # A page that fails here fails for visitors too, and says so then; the demo is loaded.
        try:
            response = client.get(path, headers={"host": host}, secure=True)
        except Exception as exc:
            failed.append(f"{path} ({exc.__class__.__name__}: {exc})")
            continue
        if response.status_code != 200:
            failed.append(f"{path} ({response.status_code})")
            continue
        heading = HEADING.search(response.content.decode())
        with translation.override(path.strip("/").split("/")[0] or None):
            search_path = reverse("search")
        searches.setdefault(search_path, [""])
        if heading:
            searches[search_path].append(" ".join(html.unescape(strip_tags(heading[1])).split()))
    for search_path, queries in searches.items():
        for query in dict.fromkeys(queries):
            client.get(
                search_path, {"q": query} if query else {}, headers={"host": host}, secure=True
            )
    log(
        f"Bildgrößen: {renditions.count() - before} neu für {len(paths)} Seiten "
        f"({time.monotonic() - started:.0f} s)"
    )
    if failed:
        log("  ohne Antwort 200 (erzeugt beim ersten Aufruf): " + ", ".join(failed))
