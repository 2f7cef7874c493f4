"""The language rules of issue 15, as functions over a crawl (`tests.seo.crawl.Crawl`).

Each rule returns its violations, one line each (the URL and what was found); an empty list means
the rule holds on every crawled page. The rules compare a translated page with its German version
(the sitemap's hreflang alternates name it), so they need no list of the demo's texts and hold for
new content too. A text counts as "German" when the German version of the page shows the same
string of three words or more: shorter strings are names (designers, shops, "Aachen-Nord") that
are the same in every language.
"""

import json
import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlsplit

from tests.seo.crawl import LANGUAGES, SECOND_HOST, Crawl, Fetched

TRANSLATED = LANGUAGES[1:]
MIN_WORDS = 3
INVISIBLE = ("script", "style", "template", "noscript", "code", "pre", "head")


# ---------------------------------------------------------------------------------------------
# Reading a page


def words(text: str) -> str:
    return " ".join(text.split())


def _text_nodes(page: Fetched) -> list[tuple[str, object, str | None]]:
    """(text, parent element, language marked on it or an ancestor) of each text node a visitor
    reads in the body, outside scripts and code; computed once per page."""
    cached = page.__dict__.get("_text_nodes")
    if cached is not None:
        return cached
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Doctype

    nodes = []

    def visit(element, language):
        for child in element.children:
            if isinstance(child, Tag):
                if child.name not in INVISIBLE:
                    lang = child.get("lang")
                    visit(child, lang.split("-")[0] if lang else language)
            elif (
                isinstance(child, NavigableString)
                and not isinstance(child, Comment | Doctype)
                and child.strip()
            ):
                nodes.append((str(child), element, language))

    visit(page.soup.body or page.soup, None)
    page.__dict__["_text_nodes"] = nodes
    return nodes


def visible_strings(page: Fetched, *, skip_lang: str | None = None):
    """(text, element) of each text node a visitor reads, outside scripts and code and, given
    `skip_lang`, outside elements marked with another language than `skip_lang`."""
    for text, element, language in _text_nodes(page):
        if skip_lang is None or language in (None, skip_lang):
            yield text, element


def visible_text(page: Fetched, **kwargs) -> str:
    return " ".join(text for text, _element in visible_strings(page, **kwargs))


def marked_language(element) -> str | None:
    """The language an element or its nearest ancestor declares with `lang` (not `<html>`)."""
    while element is not None and getattr(element, "name", None) not in (
        None,
        "html",
        "[document]",
    ):
        if element.has_attr("lang"):
            return element["lang"].split("-")[0]
        element = element.parent
    return None


def meta(page: Fetched, name: str) -> str | None:
    tag = page.soup.find("meta", attrs={"property": name}) or page.soup.find(
        "meta", attrs={"name": name}
    )
    return tag.get("content") if tag is not None else None


def json_ld(page: Fetched) -> list:
    items = []
    for script in page.soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        items.extend(data if isinstance(data, list) else [data])
    return items


def walk(node, key=""):
    """(key, value) of every string in JSON data, at any depth."""
    if isinstance(node, dict):
        for child_key, value in node.items():
            yield from walk(value, child_key)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value, key)
    elif isinstance(node, str):
        yield key, node


def is_translated_page(page: Fetched) -> bool:
    return page.language in TRANSLATED and page.is_html and page.status == 200


def german_strings(page: Fetched) -> set[str]:
    """Every text of a German page that is long enough to be German rather than a name: visible
    text nodes, alt texts, image captions in JSON-LD, meta contents."""
    strings = {words(text) for text, _element in visible_strings(page)}
    strings |= {words(img.get("alt", "")) for img in page.soup.find_all("img")}
    strings |= {words(tag.get("content", "")) for tag in page.soup.find_all("meta")}
    strings |= {words(value) for _key, value in walk(json_ld(page))}
    return {text for text in strings if len(text.split()) >= MIN_WORDS}


def _violations(page: Fetched, found) -> list[str]:
    return [f"{page.label}: {item}" for item in found]


# ---------------------------------------------------------------------------------------------
# A: addresses, descriptions, formats


def _own_address(url: str, page: Fetched, root_url: str) -> bool:
    """Whether a URL in a page points at this site (and so must start with the site's root URL)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    if parts.netloc in (page.host, urlsplit(root_url).netloc, SECOND_HOST):
        return True
    first = parts.path.lstrip("/").split("/", 1)[0]
    return first in (*LANGUAGES, "media", "static")


def addresses_from_site_root(crawl: Crawl) -> list[str]:
    """Canonical, og:url, hreflang alternates, sitemap entries and every own URL in JSON-LD
    start with the Wagtail Site's root URL, whatever host the request came in on."""
    root = crawl.root_url.rstrip("/") + "/"
    found = []
    for location, alternates in crawl.sitemap.items():
        for url in [location, *alternates.values()]:
            if not url.startswith(root):
                found.append(f"sitemap: {url}")
    for page in crawl.html_pages():
        if page.status != 200:
            continue
        urls = []
        canonical = page.soup.find("link", rel="canonical")
        if canonical is not None:
            urls.append(("canonical", canonical.get("href", "")))
        if (og_url := meta(page, "og:url")) is not None:
            urls.append(("og:url", og_url))
        for link in page.soup.find_all("link", rel="alternate", hreflang=True):
            urls.append((f"hreflang {link['hreflang']}", link.get("href", "")))
        for key, value in walk(json_ld(page)):
            if _own_address(value, page, crawl.root_url):
                urls.append((f"JSON-LD {key}", value))
        found += _violations(
            page, [f"{what} {url}" for what, url in urls if not url.startswith(root)]
        )
    return found


ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
GLUE = re.compile(r"[a-zäöüßéèàç][.!?][A-ZÄÖÜÉÈÀ][a-zäöüßéèàç]")
DESCRIPTIONS = ("description", "og:description", "twitter:description")


def descriptions_are_clean_text(crawl: Crawl) -> list[str]:
    """Meta, Open Graph and Twitter descriptions hold no literal entities (`&nbsp;`) and keep a
    space between the blocks they are made from (no "Messingdruckknopf.Jedes")."""
    found = []
    for page in crawl.html_pages():
        for name in DESCRIPTIONS:
            text = meta(page, name)
            if not text:
                continue
            problems = [f"entity {m.group()!r}" for m in ENTITY.finditer(text)]
            problems += [f"glued blocks {m.group()!r}" for m in GLUE.finditer(text)]
            if problems:
                found.append(f"{page.label}: {name}: {', '.join(problems)} in {text[:90]!r}")
    return found


def _matches_in_language(crawl: Crawl, language: str, pattern: re.Pattern) -> list[str]:
    """Every match of `pattern` in the visible text of the pages in `language`."""
    found = []
    for page in crawl.html_pages():
        if page.language == language:
            found += _violations(
                page, [repr(m.group()) for m in pattern.finditer(visible_text(page))]
            )
    return found


MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
US_DATE = re.compile(rf"\b(?:{MONTHS_EN})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}")


def english_dates_are_british(crawl: Crawl) -> list[str]:
    """English pages write dates as the site's en_GB declares: "3 December 2026"."""
    return _matches_in_language(crawl, "en", US_DATE)


MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
FIRST_WITHOUT_ER = re.compile(rf"(?<![\w.,])1(?:\s+(?:{MONTHS_FR})\b|e\b)")


def french_first_of_month_is_1er(crawl: Crawl) -> list[str]:
    """French dates write the first of a month "1er mars", not "1 mars", and the first of
    anything "1er" (« 1er trimestre »), never "1e"."""
    return _matches_in_language(crawl, "fr", FIRST_WITHOUT_ER)


# A French high punctuation mark that ends a phrase (followed by a space, a quote or the end),
# not one inside an address or a time ("https://", "10:00", "?page=2").
FRENCH_PUNCTUATION = re.compile(r"(.)([:;?!])(?=\s|$|[»)\]])")
NARROW = ("\u00a0", "\u202f")


def french_spaces_before_punctuation(crawl: Crawl) -> list[str]:
    """French text puts a non-breaking space before : ; ? ! (German fallback text, marked
    `lang="de"`, and code are not French and are left out)."""
    found = []
    for page in crawl.html_pages():
        if page.language != "fr":
            continue
        problems = []
        for text, _element in visible_strings(page, skip_lang="fr"):
            for match in FRENCH_PUNCTUATION.finditer(text):
                if match.group(1) not in NARROW and match.group(1) not in "!?":
                    start = max(0, match.start() - 25)
                    problems.append(repr(words(text[start : match.end() + 1])))
        found += _violations(page, sorted(set(problems)))
    return found


PRICE = re.compile(
    r"(?<![\w.,])(?P<before>€)(?P<gap1>\s?)(?P<a>\d[\d.,]*)"
    r"|(?<![\w.,])(?P<b>\d[\d.,]*(?:[–-]\d[\d.,]*)?)(?P<gap2>\s?)(?P<after>€)"
)


def price_format(match) -> tuple[str, str]:
    """(where the currency sign stands and whether a space parts it from the number, the
    decimal mark or "")."""
    amount = match.group("a") or match.group("b")
    if match.group("before"):
        position = "€ 1" if match.group("gap1") else "€1"
    else:
        position = "1 €" if match.group("gap2") else "1€"
    decimal = re.search(r"([.,])\d{2}$", amount)
    return position, decimal.group(1) if decimal else ""


def one_price_format_per_language(crawl: Crawl) -> list[str]:
    """All prices of one language, on every page, are written alike (the sign's place and
    spacing, the decimal mark)."""
    seen: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for page in crawl.html_pages():
        if not page.language or page.status != 200:
            continue
        text = visible_text(page)
        for match in PRICE.finditer(text):
            position, decimal = price_format(match)
            example = f"{match.group().strip()!r} on {page.path}"
            seen[page.language][f"sign {position}"].append(example)
            if decimal:
                seen[page.language][f"decimal mark {decimal}"].append(example)
    found = []
    for language, formats in sorted(seen.items()):
        for kind in ("sign", "decimal mark"):
            variants = {
                name: examples for name, examples in formats.items() if name.startswith(kind)
            }
            if len(variants) > 1:
                listing = "; ".join(
                    f"{name}: {len(ex)}× e.g. {ex[0]}" for name, ex in sorted(variants.items())
                )
                found.append(f"{language}: {len(variants)} price formats ({listing})")
    return found


def page_title(page: Fetched) -> str:
    return words(page.soup.title.get_text()) if page.soup.title else ""


def gone_page_in_visitors_language(crawl: Crawl) -> list[str]:
    """The 410 page of an archived product is in the visitor's language, the product's title too
    (the catalogue's title in that language; the crawl notes it)."""
    gone = {page.language: page for page in crawl.of_kind("gone")}
    german = gone.get("de")
    found = []
    for language in TRANSLATED:
        page = gone.get(language)
        if page is None or german is None:
            continue
        text = words(visible_text(page))
        if page.status != 410:
            found.append(f"{page.label}: status {page.status}, not 410")
        elif page_title(page) == page_title(german):
            found.append(f"{page.label}: German title {page_title(page)!r}")
        elif german.note != page.note and (german.note in text or page.note not in text):
            found.append(f"{page.label}: names the product {german.note!r}, not {page.note!r}")
    return found


# ---------------------------------------------------------------------------------------------
# B: slugs, fallbacks, the language switcher, the development 404


def _segments(path: str) -> list[str]:
    return [segment for segment in urlsplit(path).path.split("/") if segment]


def heading(page: Fetched) -> str:
    h1 = page.soup.find("h1")
    return words(h1.get_text(" ")) if h1 else page_title(page)


# Sub-routes named after a file format (the results page's `csv/`) or files with such a suffix
# (an events index's `events.ics`): the same in every language.
FORMAT_SEGMENTS = {"csv", "json", "xml", "ics", "pdf"}


def no_german_slugs(crawl: Crawl) -> list[str]:
    """A translated page's address is in its language: no en/nl/fr sitemap URL ends in the German
    page's slug where the page's title differs, and no link or form on a translated page leads to
    an address under that language made of German path segments (`/fr/suche/`)."""
    found = []
    # Products and workshops keep the catalogue's identifier (product slug, partner ref) as the
    # last segment in every language: an identifier, not a German slug (docs/languages.md).
    identifier_indexes = set(crawl.product_index_paths) | set(crawl.workshop_index_paths)
    german_segments: set[str] = set()
    own_segments: dict[str, set[str]] = defaultdict(set)
    for location, alternates in crawl.sitemap.items():
        path = urlsplit(location).path
        language = _segments(path)[0]
        own_segments[language].update(_segments(path)[1:])
        german = alternates.get("de")
        if (
            language == "de"
            or not german
            or any(path.startswith(i) and path != i for i in identifier_indexes)
        ):
            continue
        page, german_page = crawl.by_path.get(path), crawl.by_path.get(urlsplit(german).path)
        if page is None or german_page is None:
            continue
        if _segments(path)[-1:] == _segments(german)[-1:] and heading(page) != heading(german_page):
            found.append(f"sitemap {location}: German slug of {german} (title {heading(page)!r})")
    for page in crawl.html_pages():
        if page.language == "de" and page.status == 200:
            for element in page.soup.find_all(["a", "form"]):
                target = element.get("href") or element.get("action") or ""
                if target.startswith("/de/"):
                    german_segments.update(_segments(target)[1:])
    for page in crawl.html_pages():
        if not is_translated_page(page) or page.kind != "sitemap":
            continue
        targets = set()
        for element in page.soup.find_all(["a", "form"]):
            target = element.get("href") or element.get("action") or ""
            if not target.startswith(f"/{page.language}/"):
                continue
            german = [
                segment
                for segment in _segments(target)[1:]
                if segment in german_segments
                and segment not in own_segments[page.language]
                and not segment.isdigit()
                and segment.rpartition(".")[2] not in FORMAT_SEGMENTS
            ]
            if german:
                targets.add(urlsplit(target).path)
        found += _violations(page, [f"links to {target}" for target in sorted(targets)])
    return found


def german_path_leads_to_translation(crawl: Crawl) -> list[str]:
    """A German page's path under another language (`/fr/designerinnen/`) leads to that page's live
    translation (`/fr/createurs/`)."""
    found = []
    for page in crawl.of_kind("fallback"):
        german_location = crawl.root_url + page.note
        translation = crawl.sitemap.get(german_location, {}).get(page.path.split("/")[1])
        if translation and urlsplit(translation).path != urlsplit(page.final).path:
            found.append(
                f"{page.label}: status {page.status}, not the translation {urlsplit(translation).path}"
            )
    return found


def switcher_links(page: Fetched):
    nav = page.soup.find("nav", class_="language-switcher")
    return nav.find_all("a", href=True) if nav is not None else []


def switcher_keeps_query(crawl: Crawl) -> list[str]:
    """The language switcher on a filtered, paginated or search page keeps the filter, the page
    and the query."""
    found = []
    for page in crawl.of_kind("query", "search"):
        if page.status != 200:
            continue
        wanted = set(parse_qsl(urlsplit(page.path).query))
        for link in switcher_links(page):
            kept = set(parse_qsl(urlsplit(link["href"]).query))
            if not wanted <= kept:
                found.append(
                    f"{page.label}: {link.get('hreflang')} link {link['href']!r} drops {sorted(wanted - kept)}"
                )
    return found


def visible_link_text(link) -> str:
    """What a sighted visitor reads in a link (not visually hidden text)."""
    texts = []
    for node in link.find_all(string=True):
        hidden = node.find_parents(
            class_=re.compile(r"visually-hidden|sr-only")
        ) or node.find_parents(hidden=True)
        if not hidden:
            texts.append(str(node))
    return words(" ".join(texts))


def switcher_says_when_no_translation(crawl: Crawl) -> list[str]:
    """Where the page has no translation in a language, the switcher says so visibly rather than
    linking silently to that language's home page."""
    found = []
    for page in crawl.html_pages():
        if page.status != 200 or not page.language:
            continue
        on_home = urlsplit(page.final or page.path).path == f"/{page.language}/"
        for link in switcher_links(page):
            code = link.get("hreflang", "")
            to_home = urlsplit(link["href"]).path == f"/{code}/"
            if (link.has_attr("data-fallback") or (to_home and not on_home)) and len(
                visible_link_text(link)
            ) <= 2:
                found.append(
                    f"{page.label}: {code} link to {link['href']!r} shows only {visible_link_text(link)!r}"
                )
    return found


def dev_404_is_the_sites_page(crawl: Crawl) -> list[str]:
    """With DEBUG on (the development server), a missing page shows the site's own 404 page in the
    visitor's language, as in production."""
    production = {page.language: page for page in crawl.of_kind("404")}
    found = []
    for page in crawl.of_kind("dev-404"):
        expected = production.get(page.language)
        if expected is None:
            continue
        if page.status != 404 or heading(page) != heading(expected):
            found.append(
                f"{page.label}: heading {heading(page)[:60]!r}, not the site's {heading(expected)!r}"
            )
    return found


# ---------------------------------------------------------------------------------------------
# C: text in the page's language


def image_texts(page: Fetched) -> list[tuple[str, str, object]]:
    """(where, text, element or None) of every image text: img alt, og/twitter image alt and
    JSON-LD image captions."""
    texts = [("img alt", words(img.get("alt", "")), img) for img in page.soup.find_all("img")]
    texts += [
        (name, words(meta(page, name) or ""), None)
        for name in ("og:image:alt", "twitter:image:alt")
    ]
    for item in json_ld(page):
        for key, value in walk(item):
            if key == "caption":
                texts.append(("JSON-LD caption", words(value), None))
    return [(where, text, element) for where, text, element in texts if text]


# Names that are the same in every language (the label's, the project's): an image showing one is
# described by it on every page.
NAMES = {"Made in Aachen-Nord", "All eyes on green spots"}


def _german_reference(crawl: Crawl, page: Fetched) -> set[str]:
    german = crawl.german_of(page)
    return german_strings(german) if german is not None else set()


def image_texts_in_page_language(crawl: Crawl) -> list[str]:
    """On en/nl/fr pages, alt texts, og:image:alt, twitter:image:alt and JSON-LD image captions are
    in the page's language, not the German text of the same image (unless marked `lang="de"`)."""
    found = []
    for page in crawl.of_kind("sitemap"):
        if not is_translated_page(page):
            continue
        german = _german_reference(crawl, page)
        problems = [
            f"{where} {text!r}"
            for where, text, element in image_texts(page)
            if text in german
            and text not in NAMES
            and (element is None or marked_language(element) != "de")
        ]
        found += _violations(page, problems)
    return found


def _product_pages(crawl: Crawl) -> list[Fetched]:
    return [
        page
        for page in crawl.of_kind("sitemap")
        if any(page.path.startswith(i) and page.path != i for i in crawl.product_index_paths)
    ]


# Where a product page shows the catalogue's texts (title, description, material, variant names,
# photo captions); the rest of the page is interface (labels) or names (the chain, the shops).
CONTENT = ("h1", "dd", "figcaption", "tbody th")


def _product_texts(page: Fetched, *, content_only: bool = False) -> list[tuple[str, object]]:
    """(text, element) of a product's own part of the page (not the production chain or the shop
    list below it); given `content_only`, only the catalogue's texts in it. Read once per page."""
    key = f"_product_texts_{content_only}"
    if key in page.__dict__:
        return page.__dict__[key]
    article = page.soup.find("article") or page.soup.find("main")
    texts = []
    if article is not None:
        content = {
            id(element) for selector in (*CONTENT, ".prose") for element in article.select(selector)
        }
        for node in article.find_all(string=True):
            parent = node.parent
            if parent.name in INVISIBLE or parent.find_parent(["section", "nav"]) is not None:
                continue
            if content_only and not any(id(e) in content for e in (parent, *parent.parents)):
                continue
            if text := words(str(node)):
                texts.append((text, parent))
    page.__dict__[key] = texts
    return texts


def german_fallback_is_marked(crawl: Crawl) -> list[str]:
    """On a translated product page, text shown in German (not translated yet) is inside
    `lang="de"`, and the page's interface labels ("Matière", "En stock") are not. German text is
    what the German page shows in the same place and the four versions do not all share (a name
    or a number is the same in every language)."""
    found = []
    known = crawl.catalogue_titles | crawl.catalogue_terms  # the catalogue's own, in that language
    for page in _product_pages(crawl):
        if not is_translated_page(page):
            continue
        versions = [crawl.version(page, language) for language in LANGUAGES]
        if any(version is None for version in versions):
            continue
        german = {text for text, _element in _product_texts(versions[0])}
        everywhere = set.intersection(*({text for text, _e in _product_texts(v)} for v in versions))
        problems = set()
        for text, element in _product_texts(page, content_only=True):
            if not re.search(r"[^\W\d_]{2}", text):
                continue
            language = marked_language(element)
            if (page.language, text) in known:
                continue
            if text in german and text not in everywhere and language != "de":
                problems.add(f'German {text[:60]!r} not marked lang="de"')
        for text, element in _product_texts(page):
            if marked_language(element) == "de" and text not in german:
                problems.add(f'{text[:60]!r} inside lang="de"')
        found += _violations(page, sorted(problems))
    return found


HEAD_TEXTS = ("og:title", "twitter:title", "description", "og:description", "twitter:description")


def _head_texts(page: Fetched) -> dict[str, tuple[str, object]]:
    """{name: (text, element)} of the `<title>` and the descriptive meta tags."""
    texts = {}
    if page.soup.title is not None:
        texts["title"] = (words(page.soup.title.get_text()), page.soup.title)
    for name in HEAD_TEXTS:
        tag = page.soup.find("meta", attrs={"property": name}) or page.soup.find(
            "meta", attrs={"name": name}
        )
        if tag is not None and tag.get("content"):
            texts[name] = (words(tag["content"]), tag)
    return texts


def german_head_texts_say_so(crawl: Crawl) -> list[str]:
    """On a translated product page shown with German fallback texts, the `<title>`, meta
    description and social tags that are German say so (`lang="de"` on the element)."""
    found = []
    for page in _product_pages(crawl):
        if not is_translated_page(page):
            continue
        versions = [crawl.version(page, language) for language in LANGUAGES]
        if any(version is None for version in versions):
            continue
        heads = [_head_texts(version) for version in versions]
        problems = []
        for name, (text, element) in _head_texts(page).items():
            german = heads[0].get(name, ("", None))[0]
            title = text.split(" · ")[0]
            if text != german or all(head.get(name, ("", None))[0] == text for head in heads):
                continue
            if (page.language, title) in crawl.catalogue_titles:
                continue
            if element.get("lang") != "de":
                problems.append(f'{name} {text[:60]!r} in German without lang="de"')
        found += _violations(page, problems)
    return found


def search_finds_shown_titles(crawl: Crawl) -> list[str]:
    """The French search finds a product by the title its French page shows (also a German
    fallback title)."""
    found = []
    for page in crawl.of_kind("search-title"):
        if not page.soup.find("a", href=page.note):
            found.append(f"{page.label}: no result for {page.note}")
    return found


# ---------------------------------------------------------------------------------------------
# D: vocabulary, shop names, rich-text links


PROSE = 80  # characters: a longer text is a sentence, not a label a code could stand in for


def raw_codes_shown(crawl: Crawl, codes: set[str]) -> list[str]:
    """No code from the feed (`sewing`, `mug`, `museum_shop`) is shown as it is: not as a
    text of its own (or a part of one between commas) nor as a JSON-LD `category`."""
    found = []
    for page in crawl.html_pages():
        if page.status != 200:
            continue
        problems = set()
        for text, _element in visible_strings(page):
            if len(text) > PROSE:  # "neighbours who sew, print, build": words in a sentence
                continue
            for part in re.split(r"[,·|/]", text):
                if part.strip() in codes:
                    problems.add(f"{part.strip()!r} in {words(text)!r}")
        for key, value in walk(json_ld(page)):
            if key == "category" and value in codes:
                problems.add(f"JSON-LD category {value!r}")
        found += _violations(page, sorted(problems))
    return found


def one_name_per_shop(crawl: Crawl) -> list[str]:
    """A product page names each shop once: the production chain's sellers and the where-to-buy
    list are the same names."""
    found = []
    for page in _product_pages(crawl):
        chain = {
            words(e.get_text(" ")) for e in page.soup.select(".chain__step--sell .chain__name")
        }
        where = {words(e.get_text(" ")) for e in page.soup.select(".stockist__name strong")}
        if chain and where and chain != where:
            found.append(
                f"{page.label}: chain only {sorted(chain - where)}, where-to-buy only {sorted(where - chain)}"
            )
    return found


def links_to_german_pages_say_so(crawl: Crawl) -> list[str]:
    """On en/nl/fr pages, a link to a German page carries `hreflang="de"`."""
    found = []
    for page in crawl.html_pages():
        if not is_translated_page(page):
            continue
        problems = {
            f"{link['href']} ({words(link.get_text(' '))[:40]!r})"
            for link in page.soup.find_all("a", href=True)
            if link["href"].startswith("/de/") and link.get("hreflang") != "de"
        }
        found += _violations(page, sorted(problems))
    return found
