"""Checks of JSON-LD structure, for any page's tests: `assert_valid_json_ld(html)`.

What search engines need to use the data: each object in `<script type="application/ld+json">`
names `@context` https://schema.org and a known `@type`, carries the properties that type needs
(`REQUIRED`), and every URL in it is absolute. `errors(data)` lists the problems; an empty list
means the data passes. Page types that add their own JSON-LD add their types to `REQUIRED` (and
`URL_PROPERTIES`) here.
"""

import json
import re
from urllib.parse import urlsplit

SCHEMA_ORG = "https://schema.org"

# Properties each @type must have, not empty (a Google rich result needs them, or schema.org's
# definition of the type makes no sense without them).
REQUIRED: dict[str, set[str]] = {
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item"},
    "Organization": {"name", "url", "logo"},
    "WebSite": {"name", "url", "inLanguage", "potentialAction"},
    "SearchAction": {"target", "query-input"},
    "EntryPoint": {"urlTemplate"},
    "ImageObject": {"url"},
    "Person": {"name", "url"},
    "Article": {"headline", "url", "datePublished", "author", "image", "inLanguage"},
    "Product": {"name", "url", "image", "brand", "offers"},
    "Brand": {"name"},
    "Offer": {"price", "priceCurrency", "availability"},
    "AggregateOffer": {"lowPrice", "highPrice", "priceCurrency", "offerCount"},
    "Place": {"name"},
    "Event": {"name", "startDate", "location", "eventStatus", "url"},
    "PostalAddress": {"addressLocality"},
    "Store": {"name", "url", "address"},
    "OnlineStore": {"name", "url"},
    "GeoCoordinates": {"latitude", "longitude"},
    "WebPage": {"name", "url", "inLanguage"},
    "Project": {"name", "url", "description"},
    "GovernmentOrganization": {"name"},
    "LocalBusiness": {"name"},
    "PropertyValue": {"name", "value"},
    "LocationFeatureSpecification": {"name", "value"},
}
# Properties whose string values are URLs and must be absolute.
URL_PROPERTIES = {"url", "item", "logo", "image", "@id", "urlTemplate", "sameAs", "availability"}

_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def extract(html: str) -> list[dict]:
    """The JSON-LD objects of a page, in order (each script may hold one object or a list)."""
    items = []
    for text in _SCRIPT.findall(html):
        data = json.loads(text)
        items.extend(data if isinstance(data, list) else [data])
    return items


def _is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _check(node, path: str, problems: list[str], top_level: bool) -> None:
    if isinstance(node, list):
        for index, item in enumerate(node):
            _check(item, f"{path}[{index}]", problems, top_level)
        return
    if not isinstance(node, dict):
        return
    if top_level and node.get("@context") != SCHEMA_ORG:
        problems.append(f"{path}: @context is {node.get('@context')!r}, not {SCHEMA_ORG!r}")
    kind = node.get("@type")
    if kind is None:
        if set(node) != {"@id"}:  # a bare {"@id": ...} refers to an object given elsewhere
            problems.append(f"{path}: no @type")
    elif kind not in REQUIRED:
        problems.append(f"{path}: unknown @type {kind!r} (add it to REQUIRED)")
    else:
        for key in sorted(REQUIRED[kind]):
            if node.get(key) in (None, "", [], {}):
                problems.append(f"{path}: {kind} without {key!r}")
    for key, value in node.items():
        if key in URL_PROPERTIES:
            for url in value if isinstance(value, list) else [value]:
                if isinstance(url, str) and not _is_absolute(url):
                    problems.append(f"{path}.{key}: {url!r} is not an absolute URL")
        if isinstance(value, dict | list):
            _check(value, f"{path}.{key}", problems, top_level=False)
    if kind == "BreadcrumbList":
        positions = [item.get("position") for item in node.get("itemListElement", [])]
        if positions != list(range(1, len(positions) + 1)):
            problems.append(f"{path}: positions {positions} are not 1, 2, 3, …")
    if kind == "Product":
        brand = node.get("brand")
        if isinstance(brand, dict) and brand.get("name") != "Made in Aachen-Nord":
            problems.append(f"{path}: brand is {brand.get('name')!r}")


def errors(data) -> list[str]:
    """Every structural problem of JSON-LD data: one object, a list of them, or a page's HTML."""
    items = extract(data) if isinstance(data, str) else data
    problems: list[str] = []
    _check(items, "$", problems, top_level=True)
    return problems


def assert_valid_json_ld(html_or_data, *, types: set[str] | None = None) -> list[dict]:
    """Assert the JSON-LD is valid and (optionally) has top-level objects of these types;
    return its objects."""
    items = extract(html_or_data) if isinstance(html_or_data, str) else list(html_or_data)
    assert items, "no JSON-LD"
    problems = errors(items)
    assert problems == [], "\n".join(problems)
    if types is not None:
        found = {item.get("@type") for item in items}
        assert types <= found, f"missing JSON-LD types: {types - found}"
    return items


def by_type(items: list[dict], kind: str) -> dict:
    """The one top-level object of a type."""
    matches = [item for item in items if item.get("@type") == kind]
    assert len(matches) == 1, f"{len(matches)} objects of type {kind}"
    return matches[0]
