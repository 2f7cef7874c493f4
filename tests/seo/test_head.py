"""What a search engine or a social network reads in the <head>: title, description, Open Graph
and Twitter card, with an image that never breaks the page."""

import logging
import re

import pytest
from wagtail.models import Locale

from designers.models import DesignerPage
from tests.seo.conftest import make_image, make_page

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "nl", "fr"]


def meta(html: str) -> dict[str, list[str]]:
    """Every <meta property|name=… content=…> of the page, by property or name."""
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html):
        found.setdefault(key, []).append(value)
    return found


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_title_description_and_open_graph(client, demo, code):
    home = demo.get_translation(Locale.objects.get(language_code=code)).specific
    html = client.get(f"/{code}/").content.decode()
    tags = meta(html)

    # The home page's SEO title already names the label: it is not repeated.
    assert title(html) == home.seo_title
    assert tags["description"] == [home.search_description]
    assert tags["og:title"] == [home.seo_title]
    assert tags["og:description"] == [home.search_description]
    assert tags["og:type"] == ["website"]
    assert tags["og:url"] == [f"http://testserver/{code}/"]
    assert tags["og:site_name"] == ["Made in Aachen-Nord"]
    locales = {"de": "de_DE", "en": "en_GB", "nl": "nl_NL", "fr": "fr_FR"}
    assert tags["og:locale"] == [locales[code]]
    assert sorted(tags["og:locale:alternate"]) == sorted(
        value for other, value in locales.items() if other != code
    )
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:title"] == [home.seo_title]


def test_social_image_is_a_1200_by_630_rendition_with_alt_text(client, demo):
    tags = meta(client.get("/de/").content.decode())
    (url,) = tags["og:image"]
    assert url.startswith("http://testserver/media/") and "fill-1200x630" in url
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    assert tags["og:image:alt"] == [demo.hero_image.description]
    assert tags["twitter:image"] == [url]
    # The rendition is really there, at that size.
    rendition = demo.hero_image.get_rendition("fill-1200x630")
    assert (rendition.width, rendition.height) == (1200, 630)
    assert url.endswith(rendition.url)


def test_content_page_title_carries_the_site_name(client, about):
    html = client.get("/de/ueber-das-projekt/").content.decode()
    assert title(html) == "Über das Projekt · Made in Aachen-Nord"
    tags = meta(html)
    assert tags["og:title"] == ["Über das Projekt"]
    assert tags["description"] == [about.search_description]


def test_seo_title_wins_over_the_title(client, about):
    about.seo_title = "Arbeit und Design im Aachener Norden"
    about.save_revision().publish()
    html = client.get("/de/ueber-das-projekt/").content.decode()
    assert title(html) == "Arbeit und Design im Aachener Norden · Made in Aachen-Nord"
    assert meta(html)["og:title"] == ["Arbeit und Design im Aachener Norden"]


def test_page_without_its_own_image_shares_the_home_image(client, demo, about):
    home_image = meta(client.get("/de/").content.decode())["og:image"]
    assert about.social_image is None
    assert meta(client.get("/de/ueber-das-projekt/").content.decode())["og:image"] == home_image


def test_page_with_its_own_social_image_shares_that(client, about):
    about.social_image = make_image(title="Teilen", alt="Werkbank mit Stoffen")
    about.save_revision().publish()
    tags = meta(client.get("/de/ueber-das-projekt/").content.decode())
    home_image = meta(client.get("/de/").content.decode())["og:image"]
    assert tags["og:image"] != home_image
    assert tags["og:image"][0].endswith(about.social_image.get_rendition("fill-1200x630").url)
    assert tags["og:image:alt"] == ["Werkbank mit Stoffen"]


def test_no_image_anywhere_means_no_image_tags(client, demo, about):
    from core.models import SiteSettings

    SiteSettings.objects.update(default_social_image=None)
    demo.hero_image = None
    demo.social_image = None
    demo.save_revision().publish()
    tags = meta(client.get("/de/ueber-das-projekt/").content.decode())
    assert "og:image" not in tags and "twitter:image" not in tags
    assert tags["twitter:card"] == ["summary"]
    assert tags["og:title"] == ["Über das Projekt"]


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_broken_image_file_is_left_out_and_logged(client, about, caplog, damage):
    image = make_image(title=f"Kaputt {damage}")
    if damage == "missing":
        image.file.storage.delete(image.file.name)
    else:
        with open(image.file.path, "wb") as file:
            file.write(b"this is no picture")
    about.social_image = image
    about.save_revision().publish()

    with caplog.at_level(logging.WARNING, logger="core.images"):
        response = client.get("/de/ueber-das-projekt/")
    assert response.status_code == 200
    tags = meta(response.content.decode())
    assert "og:image" not in tags and "twitter:image" not in tags
    assert tags["og:title"] == ["Über das Projekt"]
    # One line naming the image, without traceback (core.images.rendition_failed).
    (logged,) = [r for r in caplog.records if getattr(r, "event", "") == "image_rendition_failed"]
    assert (logged.image_id, logged.exc_info) == (image.pk, None)


def test_og_locale_alternates_are_the_live_translations_only(client, about):
    about.get_translation(Locale.objects.get(language_code="fr")).unpublish()
    tags = meta(client.get("/de/ueber-das-projekt/").content.decode())
    assert sorted(tags["og:locale:alternate"]) == ["en_GB", "nl_NL"]


def test_texts_are_escaped_in_the_head(client, demo):
    page = make_page(
        demo,
        title='Zitat "Holz" & <b>Stahl</b>',
        slug="zitat",
        search_description='Mit "Anführung" & <Klammern>',
    )
    html = client.get(page.url).content.decode()
    assert (
        '<meta property="og:title" content="Zitat &quot;Holz&quot; &amp; &lt;b&gt;Stahl&lt;/b&gt;">'
        in html
    )
    assert (
        '<meta name="description" content="Mit &quot;Anführung&quot; &amp; &lt;Klammern&gt;">'
        in html
    )
    assert (
        title(html) == "Zitat &quot;Holz&quot; &amp; &lt;b&gt;Stahl&lt;/b&gt; · Made in Aachen-Nord"
    )


def test_without_a_search_description_the_lead_describes_the_page(client, demo):
    designer = DesignerPage.objects.get(locale__language_code="de", slug="lena-hoffmann")
    designer.search_description = ""
    designer.lead = "Lena Hoffmann entwirft Möbel aus Restholz. " * 8
    designer.save_revision().publish()
    tags = meta(client.get(designer.url).content.decode())

    (description,) = tags["description"]
    # Cut at a word, short enough for a search result, and shared the same way.
    assert description.endswith(" Möbel …") and len(description) <= 162
    assert designer.lead.startswith(description.removesuffix(" …") + " ")
    assert tags["og:description"] == [description]


def test_a_search_description_wins_over_the_lead(client, demo):
    designer = DesignerPage.objects.get(locale__language_code="de", slug="lena-hoffmann")
    designer.search_description = "Möbel aus Restholz, gebaut in Aachen-Nord"
    designer.save_revision().publish()
    tags = meta(client.get(designer.url).content.decode())
    assert tags["description"] == ["Möbel aus Restholz, gebaut in Aachen-Nord"]


def test_a_rich_text_introduction_describes_the_page_as_plain_text(client, demo):
    demo.search_description = ""
    demo.intro = '<p>Design <b>aus dem</b> Aachener Norden &amp; <a href="/de/">mehr</a></p>'
    demo.save_revision().publish()
    tags = meta(client.get("/de/").content.decode())
    assert tags["description"] == ["Design aus dem Aachener Norden &amp; mehr"]
