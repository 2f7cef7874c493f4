"""The demo's easy-read section holds the key content issue 19 names: what the project is, how
the products are made and who makes them, where to buy, how to reach the team, and the
accessibility statement; each page leads to its standard German page, is listed on the start
page, and stands in the sitemap as German only."""

from xml.etree import ElementTree

import pytest

from accessibility.models import AccessibilityStatementPage
from core.models import SiteSettings
from core.typography import SOFT_HYPHEN
from demo import easyread as demo_easyread
from easyread.blocks import EasyReadStreamBlock
from easyread.models import EasyReadIndexPage, EasyReadPage
from enquiries.models import EnquiryFormPage
from products.models import ProductIndexPage
from project.models import ProjectPage
from shop_links.models import RetailerIndexPage

pytestmark = pytest.mark.django_db

START = "/de/leichte-sprache/"
# Each topic of the issue: the demo page's slug and the page type of its standard version.
TOPICS = {
    "what the project is": ("was-ist-made-in-aachen-nord", ProjectPage),
    "how products are made and who makes them": ("wie-entstehen-unsere-produkte", ProductIndexPage),
    "where to buy": ("wo-kann-man-die-produkte-kaufen", RetailerIndexPage),
    "how to reach the team": ("so-erreichen-sie-uns", EnquiryFormPage),
    "the accessibility statement": ("barrierefreiheit", AccessibilityStatementPage),
}


def shown(html: str) -> str:
    return html.replace(SOFT_HYPHEN, "").replace("&shy;", "").replace("&#x27;", "'")


@pytest.mark.parametrize("topic", list(TOPICS))
def test_the_demo_has_an_easy_read_page_for_each_key_topic(client, demo, topic):
    slug, standard_type = TOPICS[topic]
    start = EasyReadIndexPage.objects.live().get(locale__language_code="de")
    page = EasyReadPage.objects.child_of(start).live().public().get(slug=slug)
    assert page.url == f"{START}{slug}/"
    # Its standard version is the page on the same topic, linked at the top of the page.
    assert isinstance(page.standard_page.specific, standard_type), page.standard_page
    response = client.get(page.url)
    assert response.status_code == 200
    html = shown(response.content.decode())
    assert '<html lang="de"' in html
    assert f'<a href="{page.standard_page.url}">Diese Seite in Alltags·sprache</a>' in html
    # Every line of its text is one sentence (the rule the editor's form applies).
    EasyReadStreamBlock().clean(page.body)
    # The start page lists it.
    assert f'href="{page.url}"' in shown(client.get(START).content.decode())


def test_the_easy_read_contact_page_names_the_teams_current_address(client, demo):
    settings = SiteSettings.objects.get(locale__language_code="de")
    html = shown(client.get(f"{START}so-erreichen-sie-uns/").content.decode())
    assert settings.email == demo_easyread.EMAIL and settings.email in html
    assert demo_easyread.PHONE in html


def test_the_sitemap_lists_the_demos_easy_read_pages_as_german_only(client, demo):
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        entry.find("s:loc", ns).text: [
            (link.get("hreflang"), link.get("href")) for link in entry.findall("x:link", ns)
        ]
        for entry in sitemap.findall("s:url", ns)
    }
    pages = [EasyReadIndexPage.objects.live().get(), *EasyReadPage.objects.live()]
    assert len(pages) == 1 + len(TOPICS)
    for page in pages:
        url = page.full_url
        assert entries[url] == [("de", url), ("x-default", url)], url
        html = client.get(page.url).content.decode()
        assert f'<link rel="alternate" hreflang="de" href="{url}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="{url}">' in html
        assert 'hreflang="en"' not in html.split("</head>", 1)[0]
    # No other page claims to be an alternate of an easy-read page.
    easy = {page.full_url for page in pages}
    for loc, links in entries.items():
        if loc not in easy:
            assert not easy & {href for _code, href in links}, loc
