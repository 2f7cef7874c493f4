"""Every address a page names comes from the Wagtail Site's root URL, never from the request's host.

A visitor (or a crawler) reaching the site under a second host name (an old domain, the `www.`
form, a load balancer's name) gets the very same page: its canonical, `og:url`, hreflang
alternates, JSON-LD and the sitemap all point at the Site's configured root URL
(`core.seo.absolute_url`), so the copies never compete with each other.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Site

from designers.models import DesignerPage
from tests.seo import jsonld

pytestmark = pytest.mark.django_db
SECOND_HOST = "www.aachen-nord.example"
PRODUCT = "/fr/produits/talstrasse-stool/"
HOME = "/en/"


@pytest.fixture
def second_host(settings):
    """A second host name the site answers to (in ALLOWED_HOSTS), which no Wagtail Site names."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, SECOND_HOST]
    return SECOND_HOST


@pytest.fixture
def root_url(demo) -> str:
    return Site.objects.get(is_default_site=True).root_url


@pytest.fixture
def designer_path(demo) -> str:
    return DesignerPage.objects.live().filter(locale__language_code="nl").first().url


# Addresses of other sites: schema.org's vocabulary, the label's and designers' own profiles.
OTHER_SITES_KEYS = {"@context", "availability", "sameAs"}


def json_ld_urls(node) -> list[str]:
    """Every string in the JSON-LD that is an address of this site (http… or //…)."""
    if isinstance(node, dict):
        return [
            url
            for key, value in node.items()
            if key not in OTHER_SITES_KEYS
            for url in json_ld_urls(value)
        ]
    if isinstance(node, list):
        return [url for value in node for url in json_ld_urls(value)]
    if isinstance(node, str) and re.match(r"(https?:)?//", node):
        return [node]
    return []


def head_addresses(html: str) -> dict[str, list[str]]:
    return {
        "canonical": re.findall(r'<link rel="canonical" href="([^"]+)">', html),
        "hreflang": re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', html),
        "og:url": re.findall(r'<meta property="og:url" content="([^"]+)">', html),
        "og:image": re.findall(r'<meta property="og:image" content="([^"]+)">', html),
        "json-ld": json_ld_urls(jsonld.extract(html)),
    }


@pytest.mark.parametrize("kind", ["product", "designer", "home"])
def test_a_second_host_name_gives_the_sites_addresses(
    client, second_host, root_url, designer_path, kind
):
    path = {"product": PRODUCT, "designer": designer_path, "home": HOME}[kind]
    response = client.get(path, HTTP_HOST=second_host)
    assert response.status_code == 200
    html = response.content.decode()
    found = head_addresses(html)
    assert found["canonical"] == [f"{root_url}{path}"]
    assert found["og:url"] == [f"{root_url}{path}"]
    assert len(found["hreflang"]) >= 4  # the four languages (and x-default)
    assert found["json-ld"], "the page names addresses in its JSON-LD"
    for source, urls in found.items():
        for url in urls:
            assert url.startswith(f"{root_url}/"), f"{source}: {url}"
    assert second_host not in html


@pytest.mark.parametrize("kind", ["product", "designer", "home"])
def test_the_page_under_a_second_host_name_is_the_same_page(
    client, second_host, designer_path, kind
):
    """The page cache keeps a copy per host: both copies are the same page."""
    path = {"product": PRODUCT, "designer": designer_path, "home": HOME}[kind]
    first = client.get(path).content
    other = client.get(path, HTTP_HOST=second_host).content
    again = client.get(path, HTTP_HOST=second_host).content  # from the page cache
    assert other == first
    assert again == first


def test_the_product_pages_json_ld_names_the_sites_host(client, second_host, root_url):
    html = client.get(PRODUCT, HTTP_HOST=second_host).content.decode()
    product = jsonld.by_type(jsonld.extract(html), "Product")
    assert product["url"] == f"{root_url}{PRODUCT}"
    assert product["offers"]["url"] == f"{root_url}{PRODUCT}"
    assert product["creator"]["url"].startswith(f"{root_url}/fr/")
    crumbs = jsonld.by_type(jsonld.extract(html), "BreadcrumbList")["itemListElement"]
    assert [crumb["item"] for crumb in crumbs][-1] == f"{root_url}{PRODUCT}"


def test_sitemap_and_robots_txt_under_a_second_host_name(client, second_host, root_url):
    response = client.get("/sitemap.xml", HTTP_HOST=second_host)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    locations = [url.findtext("s:loc", namespaces=namespaces) for url in root]
    alternates = [link.get("href") for link in root.iterfind(".//x:link", namespaces)]
    assert f"{root_url}{PRODUCT}" in locations
    assert locations and alternates
    for url in locations + alternates:
        assert url.startswith(f"{root_url}/"), url
    robots = client.get("/robots.txt", HTTP_HOST=second_host).content.decode()
    assert f"Sitemap: {root_url}/sitemap.xml" in robots
    assert second_host.encode() not in response.content
