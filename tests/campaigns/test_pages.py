"""Campaign pages as visitors, search engines and editors see them, in every language."""

import html
import re
import uuid
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from campaigns.models import CampaignIndexPage, CampaignPage
from core.models import ContentPage
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from demo import campaigns as cdemo
from demo.texts import TRANSLATIONS
from designers.models import DesignerPage, StoryPage
from tests.seo.jsonld import assert_valid_json_ld, by_type
from tests.seo.test_sitemap import read_sitemap

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "nl", "fr"]
PATHS = {
    "de": "/de/kampagnen/kreativstandort-aachen-nord/",
    "en": "/en/campaigns/creative-location-aachen-nord/",
    "nl": "/nl/campagnes/creatieve-locatie-aken-noord/",
    "fr": "/fr/campagnes/quartier-creatif-aachen-nord/",
}


def text(german: str, code: str) -> str:
    """A demo text as the page in `code` shows it (HTML-escaped like the template does)."""
    return html.escape(german if code == "de" else TRANSLATIONS[code][german], quote=False)


def campaign(code="de") -> CampaignPage:
    return CampaignPage.objects.get(locale__language_code=code, campaign_code=cdemo.CAMPAIGN_CODE)


def enquiry_target(parent) -> ContentPage:
    """A stand-in for the enquiry form page (the enquiries app is built elsewhere)."""
    page = ContentPage(title="Anfrage", slug=f"anfrage-{uuid.uuid4().hex[:6]}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def set_enquiry_page(page: CampaignPage, target) -> CampaignPage:
    body = list(page.body.raw_data)
    for block in body:
        if block["type"] == "enquiry":
            block["value"]["page"] = target.pk if target else None
        if block["type"] == "hero":
            block["value"]["page"] = target.pk if target else None
    page.body = body
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def item(value):
    """A ListBlock item in Wagtail's block format."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def links_with_class(page_html: str, css_class: str) -> list[str]:
    pattern = rf'<a class="{css_class}" href="([^"]*)"'
    return [html.unescape(href) for href in re.findall(pattern, page_html)]


# Rendering ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_campaign_page_shows_every_block_in_its_language(client, demo, code):
    response = client.get(PATHS[code])
    assert response.status_code == 200
    page = response.content.decode().replace(SOFT_HYPHEN, "")
    assert f'<html lang="{code}">' in page
    c = cdemo.C
    # hero (as the page's h1), facts, heading, paragraph, text with image, testimonials,
    # gallery, spaces, location, partners, designers, stories, enquiry box
    assert f'<h1 class="campaign-hero__heading">{text(c["hero_heading"], code)}</h1>' in page
    for german in (
        c["facts_heading"],
        c["facts"][1][2],
        c["why_heading"],
        c["why"],
        c["depot"],
        c["voices"][0][0],
        c["gallery"][0][0],
        c["spaces"][1][0],
        c["location_text"],
        c["addresses"][0][0],
        c["partners_heading"],
        c["designers_heading"],
        c["stories_heading"],
        c["enquiry_heading"],
    ):
        assert text(german, code) in page, german
    assert text(c["facts"][0][0], code) in page  # the figure as plain text, in the language's style
    assert "Yusuf Demir" in page and 'class="partner__logo"' in page
    assert page.count('class="space"') == len(c["spaces"])
    # one h1, the first block's hero; the campaign's own stories in this language
    assert page.count("<h1") == 1
    story = StoryPage.objects.filter(locale__language_code=code).order_by("path").first()
    assert f'href="{story.url}"' in page


@pytest.mark.parametrize(
    ("code", "phrases"),
    [
        ("de", ["380\u00a0€ – 450\u00a0€ im Monat", "ab 1. März 2027", "sofort", "Werkstatt"]),
        ("en", ["€380 – €450 a month", "from 1 March 2027", "now", "Workshop"]),
        ("nl", ["€\u00a0380 – €\u00a0450 per maand", "vanaf 1 maart 2027", "direct", "Werkplaats"]),
        (
            "fr",
            [
                "380\u00a0€ – 450\u00a0€ par mois",
                "à partir du 1er mars 2027",
                "immédiatement",
                "Atelier",
            ],
        ),
    ],
)
def test_spaces_show_kind_rent_and_availability_in_the_visitors_language(
    client, demo, code, phrases
):
    page = client.get(PATHS[code]).content.decode().replace(SOFT_HYPHEN, "")
    for phrase in phrases:
        assert phrase in page, phrase
    assert f'href="mailto:{cdemo.CONTACT_EMAIL}"' in page


def test_map_loads_nothing_from_other_hosts_until_asked(client, demo):
    page = client.get(PATHS["de"]).content.decode().replace(SOFT_HYPHEN, "")
    assert "<iframe" not in page
    # Every src and srcset of the page is on this site; openstreetmap.org is only a link and a
    # data attribute the script reads when the visitor presses the button.
    # (The footer's links to the label's social profiles are plain links too, on every page.)
    content, footer = page.split('<footer class="site-footer">', 1)
    sources = re.findall(r'\b(?:src|srcset|href)="(https?://[^"]+)"', content)
    outside = {urlsplit(url).hostname for url in sources} - {"127.0.0.1", "localhost", "testserver"}
    assert outside == {"www.openstreetmap.org"}
    assert not re.search(r'\b(?:src|srcset)="https?://', footer)
    assert 'class="map__link" href="https://www.openstreetmap.org/?mlat=50.78360' in page
    assert 'data-map-embed="https://www.openstreetmap.org/export/embed.html?' in page
    assert '<button type="button" class="button map__load" hidden>' in page


def test_images_have_alt_text_or_are_decorative(client, demo):
    page = client.get(PATHS["de"]).content.decode().replace(SOFT_HYPHEN, "")
    alts = re.findall(r"<img [^>]*>", page)
    assert alts
    for tag in alts:
        assert re.search(r'\balt="[^"]*"', tag), tag
    assert f'alt="{cdemo.C["hero_alt"]}"' in page
    assert 'alt="Siebdruck Aachen-Nord"' in page  # a partner's logo says whose it is


def test_index_lists_the_campaign_and_the_navigation_leads_there(client, demo):
    for code, path in {"de": "/de/kampagnen/", "fr": "/fr/campagnes/"}.items():
        page = client.get(path).content.decode().replace(SOFT_HYPHEN, "")
        assert f'href="{PATHS[code]}"' in page
        assert text(cdemo.C["lead"], code) in page
        home = client.get(f"/{code}/").content.decode().replace(SOFT_HYPHEN, "")
        assert f'href="{path}"' in home


def test_campaign_without_hero_names_itself_in_its_header(client, demo):
    page = campaign()
    page.body = [block for block in list(page.body.raw_data) if block["type"] != "hero"]
    page.save_revision().publish()
    body = client.get(PATHS["de"]).content.decode().replace(SOFT_HYPHEN, "")
    assert f"<h1>{html.escape(page.title)}</h1>" in body
    assert body.count("<h1") == 1


# The enquiry link: the contract with the enquiry form -------------------------------------


def test_without_an_enquiry_page_the_box_has_no_button_and_the_hero_jumps_to_it(client, demo):
    set_enquiry_page(campaign(), None)  # the demo links its enquiry form; an editor removed it
    page = client.get(PATHS["de"]).content.decode().replace(SOFT_HYPHEN, "")
    assert 'id="anfrage"' in page
    assert links_with_class(page, "button button--light") == ["#anfrage"]
    assert links_with_class(page, "button") == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_enquiry_links_carry_the_campaign_code_and_are_marked_for_the_visits_utm(
    client, demo, code
):
    """The server names the campaign; `utm-links.js` adds the visit's utm_* in the browser
    (tests/browser/test_enquiry_form.py), so the page is the same for every campaign link."""
    target = enquiry_target(demo)
    set_enquiry_page(campaign(code), target)
    query = (
        "?utm_source=newsletter&utm_medium=email&utm_campaign=herbst-2026"
        "&utm_term=atelier&utm_content=knopf&gclid=abc&fbclid=def"
    )
    page = client.get(PATHS[code] + query).content.decode().replace(SOFT_HYPHEN, "")
    links = links_with_class(page, "button") + links_with_class(page, "button button--light")
    assert len(links) == 2
    for link in links:
        parts = urlsplit(link)
        # German target (no translation yet): the page itself, wherever the visitor came from
        assert parts.path == target.url
        assert parse_qsl(parts.query) == [("campaign", cdemo.CAMPAIGN_CODE)]
    assert page.count(" data-utm>") == 2
    assert "js/utm-links.js" in page
    assert "newsletter" not in page and "herbst-2026" not in page


@pytest.mark.parametrize(
    "query",
    [
        '?utm_source="><script>alert(1)</script>',
        "?utm_source=news%0D%0ASet-Cookie:%20a=b",
        "?utm_source=" + "x" * 500,
        "?utm_source=a&utm_source=b&utm_medium=ok",
    ],
)
def test_any_campaign_link_gets_the_campaign_pages_one_cached_copy(client, demo, query):
    target = enquiry_target(demo)
    set_enquiry_page(campaign(), target)
    plain = client.get(PATHS["de"])
    response = client.get(PATHS["de"] + query)
    assert response.status_code == 200
    assert (plain["X-Cache"], response["X-Cache"]) == ("miss", "hit")
    assert response.content == plain.content
    assert "Set-Cookie" not in response.headers
    assert links_with_class(plain.content.decode().replace(SOFT_HYPHEN, ""), "button") == [
        f"{target.url}?campaign={cdemo.CAMPAIGN_CODE}"
    ]


def test_enquiry_link_leads_to_the_translated_form_page_when_there_is_one(client, demo):
    from core.localize import translate

    target = enquiry_target(demo)
    set_enquiry_page(campaign(), target)
    set_enquiry_page(campaign("en"), target)
    english = translate(target, "en", {"Anfrage": "Enquiry"})
    page = client.get(PATHS["en"] + "?utm_source=x").content.decode().replace(SOFT_HYPHEN, "")
    assert links_with_class(page, "button") == [f"{english.url}?campaign={cdemo.CAMPAIGN_CODE}"]


# Search engines ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_json_ld_describes_the_campaign_page_with_breadcrumbs(client, demo, code):
    page = client.get(PATHS[code]).content.decode().replace(SOFT_HYPHEN, "")
    items = assert_valid_json_ld(page, types={"WebPage", "BreadcrumbList"})
    web_page = by_type(items, "WebPage")
    assert web_page["name"] == html.unescape(text(cdemo.C["title"], code))
    assert web_page["inLanguage"] == code
    assert web_page["url"].endswith(PATHS[code])
    assert web_page["primaryImageOfPage"]["url"].startswith("http")
    crumbs = by_type(items, "BreadcrumbList")["itemListElement"]
    assert [crumb["item"].split("/", 3)[-1] for crumb in crumbs][-1] == PATHS[code].lstrip("/")
    assert len(crumbs) == 3  # home, campaigns, the campaign


def test_open_graph_uses_the_campaigns_picture(client, demo):
    page = client.get(PATHS["nl"]).content.decode().replace(SOFT_HYPHEN, "")
    assert '<meta property="og:title"' in page
    assert re.search(r'<meta property="og:image" content="http[^"]+"', page)
    assert f'<meta name="description" content="{text(cdemo.C["search_description"], "nl")}"' in page


def test_sitemap_lists_the_campaign_in_every_language_with_alternates(client, demo):
    entries = read_sitemap(client)
    urls = {code: campaign(code).full_url for code in LANGUAGES}
    for url in urls.values():
        assert url in entries
        assert entries[url]["alternates"] == {**urls, "x-default": urls["de"]}
    for code in LANGUAGES:
        assert CampaignIndexPage.objects.get(locale__language_code=code).full_url in entries


# Cost ---------------------------------------------------------------------------------------


def count_queries(client, path) -> int:
    client.get(path)  # warm-up: renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(queries) > 0, "the queries of the request were not captured"
    return len(queries)


@pytest.mark.usefixtures("uncached_pages")
def test_queries_do_not_grow_with_blocks_or_featured_items(client, demo):
    page = campaign()
    few = count_queries(client, PATHS["de"])
    body = list(page.body.raw_data)
    designers = list(
        DesignerPage.objects.filter(locale__language_code="de").values_list("pk", flat=True)
    )
    stories = list(
        StoryPage.objects.filter(locale__language_code="de").values_list("pk", flat=True)
    )
    for block in body:
        value = block["value"]
        if block["type"] == "designers":
            value["designers"] = [item(pk) for pk in designers]
        if block["type"] == "stories":
            value["stories"] = [item(pk) for pk in stories]
        if block["type"] in ("spaces", "testimonials", "key_facts"):
            key = {"spaces": "spaces", "testimonials": "items", "key_facts": "facts"}[block["type"]]
            value[key] = [*value[key], *[item(entry["value"]) for entry in value[key][:2]]]
    extra = [
        dict(block, id=str(uuid.uuid4()))
        for block in body
        if block["type"] in ("paragraph", "spaces")
    ]
    page.body = body + extra
    page.save_revision().publish()
    assert len(designers) > 3 and len(stories) > 3
    many = count_queries(client, PATHS["de"])
    assert many == few
    # A whole render (no fragments): the stream's renditions in a query of their own.
    assert few == 19


# Editors --------------------------------------------------------------------------------------


def test_campaign_code_is_shared_by_translations_and_unique_between_campaigns(demo):
    index = CampaignIndexPage.objects.get(locale__language_code="de")
    other = CampaignPage(
        title="Zweite Kampagne",
        slug="zweite",
        campaign_code=cdemo.CAMPAIGN_CODE,
        lead="Noch eine.",
    )
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=other)
    assert "campaign_code" in error.value.message_dict
    campaign("fr").full_clean()  # a translation shares the code with its German page
    assert {p.campaign_code for p in CampaignPage.objects.all()} == {cdemo.CAMPAIGN_CODE}


def test_campaign_pages_go_only_below_the_campaign_index(demo):
    assert CampaignIndexPage in demo.specific_class.allowed_subpage_models()
    assert CampaignPage.allowed_parent_page_models() == [CampaignIndexPage]
    assert not Page.objects.filter(depth=3, content_type__model="campaignpage").exists()
