"""A crawl of the demo site in its four languages, for the language rules of `test_language_crawl`.

`crawl()` walks what a search engine and a visitor reach: every URL of `/sitemap.xml` (pages and
products, each language), the search with a query, the enquiry form and the accessibility feedback
form and their error paths (a post that fails validation), a 404 per language, the German slug of a
page under another language (`/fr/designerinnen/`, followed through its redirects), the 410 page of
an archived product, the language switcher on pages with filters, pagination and a query, a product
page and a designer page fetched under a second host name, and the development server's 404
(`DEBUG=True`).

Every answer is kept in memory as a `Fetched` (request, status, redirects, HTML, parsed tree), so
the rules are plain functions over a list of them, testable on hand-made HTML. The crawl runs
inside a transaction that is rolled back: it leaves the session's database as it found it.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup

LANGUAGES = ("de", "en", "nl", "fr")
SECOND_HOST = "www.aachen-nord.example"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
MISSING_PATH = "gibt-es-nicht-crawl/"


@dataclass
class Fetched:
    """One answer of the crawl. `path` is what was asked for (with its query), `final` the path
    the visitor ends on after redirects; `kind` says why it was fetched."""

    path: str
    kind: str
    status: int
    html: str = ""
    final: str = ""
    redirects: list[str] = field(default_factory=list)
    host: str = "testserver"
    method: str = "GET"
    note: str = ""  # what the fetch is about, e.g. the German URL a fallback probe came from

    @property
    def label(self) -> str:
        extra = f" (host {self.host})" if self.host != "testserver" else ""
        via = f" → {self.final}" if self.final and self.final != self.path else ""
        return f"{self.method} {self.path}{via}{extra}"

    @property
    def language(self) -> str:
        """The language of the URL the visitor ends on (its first path segment)."""
        first = (self.final or self.path).lstrip("/").split("/", 1)[0]
        return first if first in LANGUAGES else ""

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "html.parser")

    @property
    def is_html(self) -> bool:
        return "<html" in self.html[:500].lower()


@dataclass
class Crawl:
    root_url: str  # the Wagtail Site's root URL: every address a page gives must start with it
    sitemap: dict[str, dict[str, str]]  # location -> {hreflang: href}
    pages: list[Fetched]
    product_index_paths: list[str] = field(default_factory=list)
    # Workshop indexes: a workshop's address ends in the catalogue's partner ref in every language
    # (an identifier, like a product's slug), not a translated slug.
    workshop_index_paths: list[str] = field(default_factory=list)
    # (language, title) of each product title the catalogue gives in that language: a title that is
    # the same in German and French ("Vase Wurm") is French there, not a German fallback.
    catalogue_titles: set[tuple[str, str]] = field(default_factory=set)
    # (language, label) of the vocabulary for the feed's codes: "Vase" is French and English too.
    catalogue_terms: set[tuple[str, str]] = field(default_factory=set)

    def of_kind(self, *kinds: str) -> list[Fetched]:
        return [page for page in self.pages if page.kind in kinds]

    def html_pages(self) -> list[Fetched]:
        return [page for page in self.pages if page.is_html]

    def german_of(self, page: Fetched) -> Fetched | None:
        """The German version of a sitemap page, by its hreflang alternates in the sitemap."""
        return self.version(page, "de")

    def version(self, page: Fetched, language: str) -> Fetched | None:
        """The version of a sitemap page in another language, by its hreflang alternates."""
        url = self.sitemap.get(self.root_url + page.path, {}).get(language)
        return self.by_path.get(url.removeprefix(self.root_url)) if url else None

    @cached_property
    def by_path(self) -> dict[str, Fetched]:
        paths = {}
        for page in self.pages:
            if page.kind == "sitemap" and page.host == "testserver":
                paths.setdefault(page.path, page)
        return paths


def read_sitemap(xml: bytes) -> dict[str, dict[str, str]]:
    root = ET.fromstring(xml)  # noqa: S314 - our own response, not untrusted input
    entries = {}
    for url in root.findall("s:url", SITEMAP_NS):
        location = url.findtext("s:loc", namespaces=SITEMAP_NS)
        entries[location] = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        }
    return entries


class Crawler:
    def __init__(self, client, root_url: str):
        self.client = client
        self.root_url = root_url
        self.pages: list[Fetched] = []

    def local(self, url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def get(self, path: str, kind: str, *, follow=False, host="testserver", note="", **extra):
        response = self.client.get(path, follow=follow, HTTP_HOST=host, **extra)
        return self.keep(path, kind, response, host=host, note=note)

    def keep(self, path, kind, response, *, host="testserver", method="GET", note=""):
        chain = [self.local(url) for url, _status in getattr(response, "redirect_chain", [])]
        final = chain[-1] if chain else path
        if not chain and response.status_code in (301, 302) and response.has_header("Location"):
            final = self.local(response["Location"])
        content = b"" if getattr(response, "streaming", False) else response.content
        fetched = Fetched(
            path=path,
            kind=kind,
            status=response.status_code,
            html=content.decode("utf-8", "replace"),
            final=final,
            redirects=chain,
            host=host,
            method=method,
            note=note,
        )
        self.pages.append(fetched)
        return fetched


def _search_query(page: Fetched) -> str:
    heading = page.soup.find("h1")
    return " ".join(heading.get_text(" ").split()) if heading else ""


def _search_path(crawler: Crawler, language: str) -> str:
    """The search's address in a language, as the home page's search link or form gives it."""
    home = next(
        (p for p in crawler.pages if p.path == f"/{language}/" and p.kind == "sitemap"), None
    )
    if home is not None:
        form = home.soup.select_one("form[role=search]")
        link = home.soup.select_one(".main-nav__search a[href]")
        if form is not None and form.get("action"):
            return urlsplit(form["action"]).path
        if link is not None:
            return urlsplit(link["href"]).path
    return f"/{language}/suche/"


def crawl(client) -> Crawl:
    """Crawl the demo (see the module's docstring). `client` is a Django test `Client`."""
    from django.test import override_settings
    from wagtail.models import Site

    from catalogue.models import CatalogueTerm, Product

    root_url = Site.objects.get(is_default_site=True).root_url
    crawler = Crawler(client, root_url)
    sitemap_response = client.get("/sitemap.xml")
    sitemap = read_sitemap(sitemap_response.content)

    # Every URL of the sitemap, as a search engine fetches it (no redirects followed).
    for location in sitemap:
        crawler.get(crawler.local(location), "sitemap")

    # Product pages the indexes link to but the sitemap leaves out (none, today).
    known = {crawler.local(location) for location in sitemap}
    from products.models import ProductIndexPage
    from workshops.models import WorkshopIndexPage

    index_paths = [crawler.local(index.url) for index in ProductIndexPage.objects.live()]
    for index_path in index_paths:
        page = next((p for p in crawler.pages if p.path == index_path), None)
        if page is None:
            continue
        for link in page.soup.select(f'a[href^="{index_path}"]'):
            href = link["href"].split("#", 1)[0]
            if href != index_path and "?" not in href and href not in known:
                known.add(href)
                crawler.get(href, "sitemap", note="linked from the product index")

    sitemap_pages = [page for page in crawler.pages if page.kind == "sitemap"]
    products = [
        page
        for page in sitemap_pages
        if page.status == 200
        and any(page.path.startswith(index) and page.path != index for index in index_paths)
    ]

    # The search, with a query, in each language (at the address the home page's search link
    # gives); and in French for the title each French product page shows (translated or German).
    searches = {language: _search_path(crawler, language) for language in LANGUAGES}
    for search in searches.values():
        crawler.get(f"{search}?{urlencode({'q': 'Aachen'})}", "search", follow=True)
    for page in [page for page in products if page.language == "fr"]:
        if query := _search_query(page):
            path = f"{searches['fr']}?{urlencode({'q': query})}"
            crawler.get(path, "search-title", follow=True, note=page.path)

    # Each form of the enquiry pipeline (the enquiry form, the designer application, the production
    # enquiry, the accessibility feedback form) and the answer to a post that fails validation, once
    # per form and language: the production enquiry's one form is on the workshop index and on every
    # workshop page, and a post without its hidden fields is answered alike from each.
    posted = set()
    for page in sitemap_pages:
        form = page.soup.find("form", class_="enquiry__form", method="post")
        if form is None or urlsplit(form["action"]).path in posted:
            continue
        posted.add(urlsplit(form["action"]).path)
        response = client.post(
            form["action"],
            {"email": "not-an-address"},
            HTTP_SEC_FETCH_SITE="same-origin",
            HTTP_ORIGIN=root_url,
        )
        # The accessibility statement's feedback form (its "problem" field) is a form of its own.
        kind = "feedback-error" if form.find(attrs={"name": "problem"}) else "form-error"
        crawler.keep(form["action"], kind, response, method="POST", note=page.path)

    # A page that does not exist, in each language.
    for language in LANGUAGES:
        crawler.get(f"/{language}/{MISSING_PATH}", "404")

    # A German path under another language: the visitor should land on the live translation.
    for location, alternates in sitemap.items():
        if alternates.get("de") != location:
            continue
        german_path = crawler.local(location)
        if german_path == "/de/" or any(
            german_path.startswith(i) and german_path != i for i in index_paths
        ):
            continue  # the home page, and products (not pages: their slug is the same in all)
        for language in LANGUAGES[1:]:
            probe = f"/{language}/" + german_path.removeprefix("/de/")
            translated = alternates.get(language)
            if translated and crawler.local(translated) == probe:
                continue  # the slug is the same in both languages: nothing to probe
            crawler.get(probe, "fallback", follow=True, note=german_path)

    # The language switcher on pages with filters and pagination (the search has its query).
    queried = set()
    for page in sitemap_pages:
        if page.status != 200:
            continue
        links = page.soup.select("a[href*='?discipline='], a[href*='?tag='], a[href*='?page=2']")
        for link in links:
            path = urljoin(page.path, link["href"])
            if path not in queried and path.startswith(page.path):
                queried.add(path)
                crawler.get(path, "query")

    # The 410 page of a product the label no longer sells, in each language.
    archived = Product.objects.filter(status=Product.Status.ARCHIVED).sources().first()
    if archived is not None:
        titles = dict(
            Product.objects.filter(translation_key=archived.translation_key).values_list(
                "locale__language_code", "title"
            )
        )
        for index in ProductIndexPage.objects.live().select_related("locale"):
            language = index.locale.language_code
            # The note is the product's title in the page's language (the catalogue's), else German.
            title = titles.get(language) or titles.get("de", "")
            crawler.get(f"{crawler.local(index.url)}{archived.slug}/", "gone", note=title)

    # A product page and a designer page asked for under a second host name.
    second = []
    for language in ("de", "fr"):
        second += [page.path for page in products if page.language == language][:1]
        second += [
            page.path
            for page in sitemap_pages
            if page.language == language and '"Person"' in page.html
        ][:1]
    for path in second:
        crawler.get(path, "second-host", host=SECOND_HOST)

    # The development server's 404 (DEBUG on), in each translated language.
    with override_settings(DEBUG=True):
        for language in LANGUAGES[1:]:
            crawler.get(f"/{language}/{MISSING_PATH}", "dev-404")

    titles = set(Product.objects.exclude(title="").values_list("locale__language_code", "title"))
    return Crawl(
        root_url=root_url,
        sitemap=sitemap,
        pages=crawler.pages,
        product_index_paths=index_paths,
        workshop_index_paths=[
            crawler.local(index.url) for index in WorkshopIndexPage.objects.live() if index.url
        ],
        catalogue_titles=titles,
        catalogue_terms=set(CatalogueTerm.objects.values_list("locale__language_code", "label")),
    )
