"""Designer and story pages as visitors see them, in each language, at a constant query cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from core.localize import translate
from core.typography import SOFT_HYPHEN  # from |hyphenate: not part of the words
from demo.images import demo_image
from designers.models import (
    DesignerIndexPage,
    DesignerPage,
    Discipline,
    StoryDesigner,
    StoryPage,
)
from tests.factories import (
    DesignerIndexPageFactory,
    DesignerPageFactory,
    HomePageFactory,
    ImageFactory,
    StoryIndexPageFactory,
)
from tests.factories import translate as translate_page

pytestmark = pytest.mark.django_db
no_demo = pytest.mark.no_demo


def german(model, **filters):
    return model.objects.get(locale__language_code="de", **filters)


def count_queries(client, url) -> int:
    client.get(url)  # warm-up: renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) > 0, "the queries of the request were not captured"
    return len(queries)


def add_designers(index, count, discipline, start=0):
    portrait = demo_image("Porträt Test", "Testporträt", (300, 375), portrait=True)
    for number in range(start, start + count):
        page = DesignerPage(
            title=f"Testdesigner {number:03}",
            slug=f"testdesigner-{number}",
            lead="Entwirft zu Testzwecken.",
            portrait=portrait,
            city="Aachen",
        )
        page.disciplines = [discipline]
        index.add_child(instance=page)
        page.save_revision().publish()


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/de/designerinnen/", ["Holz", "Keramik", "Textil"]),
        ("/en/designers/", ["Wood", "Ceramics", "Textiles"]),
        ("/nl/ontwerpers/", ["Hout", "Keramiek", "Textiel"]),
        ("/fr/createurs/", ["Bois", "Céramique", "Textile"]),
    ],
)
def test_designer_index_lists_everyone_with_disciplines_in_the_language(client, demo, path, names):
    html = client.get(path).content.decode().replace(SOFT_HYPHEN, "")
    for designer in ("Lena Hoffmann", "Yusuf Demir", "Marie Claes", "Studio Depot"):
        assert designer in html
    for name in names:
        assert name in html


def test_filter_by_discipline_shows_only_those_designers(client, demo):
    html = client.get("/nl/ontwerpers/?discipline=holz").content.decode().replace(SOFT_HYPHEN, "")
    assert "Yusuf Demir" in html and "Studio Depot" in html
    assert "Lena Hoffmann" not in html and "Marie Claes" not in html
    assert 'href="?discipline=holz" aria-current="page">Hout</a>' in html


@pytest.mark.parametrize(
    "query", ["?discipline=unbekannt", "?discipline=%00", "?page=abc", "?page=-4"]
)
def test_odd_query_strings_show_the_first_page_of_everyone(client, demo, query):
    response = client.get("/de/designerinnen/" + query)
    assert response.status_code == 200
    assert "Lena Hoffmann" in response.content.decode().replace(SOFT_HYPHEN, "")


def test_designer_index_is_paginated(client, demo):
    index = german(DesignerIndexPage)
    add_designers(index, 20, german(Discipline, slug="holz"))
    first = client.get("/de/designerinnen/").content.decode().replace(SOFT_HYPHEN, "")
    assert first.count('class="card card--portrait"') == 12
    assert 'href="?page=2"' in first
    last = (
        client.get("/de/designerinnen/?discipline=holz&page=99")
        .content.decode()
        .replace(SOFT_HYPHEN, "")
    )
    assert "Yusuf Demir" in last or "Testdesigner" in last
    assert 'aria-current="page">2</span>' in last


LISTS = {
    "de": ("/de/designerinnen/", "/de/geschichten/"),
    "en": ("/en/designers/", "/en/stories/"),
    "nl": ("/nl/ontwerpers/", "/nl/verhalen/"),
    "fr": ("/fr/createurs/", "/fr/histoires/"),
}


def listing_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    return html.split('<div class="listing">', 1)[1].split("</main>", 1)[0]


@pytest.mark.usefixtures("uncached_pages_with_fragments")
@pytest.mark.parametrize("code", list(LISTS))
def test_the_kept_lists_of_designers_and_stories_follow_every_change(client, demo, code):
    """The designers' and the stories' lists are page fragments kept per query (a page-cache
    miss reads them from the cache without a query): a designer renamed, a discipline renamed, a
    new story and a story unpublished each show on the next request, in every language."""
    designers_url, stories_url = LISTS[code]
    locale = Locale.objects.get(language_code=code)
    for url in (designers_url, stories_url, f"{designers_url}?discipline=textil"):
        listing_of(client, url)
    with CaptureQueriesContext(connection) as queries:
        listing_of(client, designers_url)
    assert not [q for q in queries if '"designers_designerpage"' in q["sql"]]

    lena = DesignerPage.objects.get(slug="lena-hoffmann", locale=locale)
    lena.title = "Lena Hoffmann-Wyck"
    lena.save_revision().publish()
    assert "Lena Hoffmann-Wyck" in listing_of(client, designers_url)
    assert "Lena Hoffmann-Wyck" in listing_of(client, f"{designers_url}?discipline=textil")

    textiles = Discipline.objects.get(slug="textil", locale=locale)
    textiles.name = f"Stoffe {code}"
    textiles.save()
    assert f"Stoffe {code}" in listing_of(client, designers_url)

    story = StoryPage.objects.live().filter(locale=locale).order_by("-date").first()
    assert story.title in listing_of(client, stories_url)
    story.unpublish()
    assert story.title not in listing_of(client, stories_url)
    index = story.get_parent()
    new = StoryPage(title=f"Neu im Depot {code}", slug="neu-im-depot", lead="Neu.", date=story.date)
    index.add_child(instance=new)
    new.save_revision().publish()
    assert f"Neu im Depot {code}" in listing_of(client, stories_url)


@pytest.mark.usefixtures("uncached_pages")
def test_designer_index_queries_do_not_grow_with_designers(client, demo):
    index = german(DesignerIndexPage)
    wood = german(Discipline, slug="holz")
    add_designers(index, 2, wood)
    few = count_queries(client, "/de/designerinnen/")
    add_designers(index, 190, wood, start=2)
    many = count_queries(client, "/de/designerinnen/")
    assert DesignerPage.objects.live().child_of(index).count() == 200
    assert many == few


@pytest.mark.parametrize(
    ("path", "lead", "discipline", "story"),
    [
        (
            "/de/designerinnen/lena-hoffmann/",
            "näht aus ausgemusterten",
            "Textil",
            "Vom Straßenbahnsitz zur Tasche",
        ),
        (
            "/en/designers/lena-hoffmann/",
            "sews bags with a history",
            "Textiles",
            "From tram seat to bag",
        ),
        (
            "/nl/ontwerpers/lena-hoffmann/",
            "naait tassen met een verhaal",
            "Textiel",
            "Van trambank tot tas",
        ),
        ("/fr/createurs/lena-hoffmann/", "coud des sacs", "Textile", "Du siège de tramway au sac"),
    ],
)
def test_designer_page_in_each_language(client, demo, path, lead, discipline, story):
    response = client.get(path)
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    assert response.status_code == 200
    assert "<h1>Lena Hoffmann</h1>" in html
    assert lead in html
    assert f'<p class="profile__disciplines">{discipline}</p>' in html
    assert story in html  # the story that features her, in the same language


@pytest.fixture
def home():
    """The test's own German home page (tests/factories.py), with English and Dutch copies."""
    home = HomePageFactory()
    translate_page(home, "en", "nl")
    return home


@no_demo
def test_designer_social_links_and_website(client, home):
    index = DesignerIndexPageFactory(parent=home)
    page = DesignerPageFactory(parent=index, title="Aylin Kaya", catalogue_ref="aylin-kaya")
    page.website = "https://kaya-schmuck.example"
    page.links.create(platform="instagram", url="https://instagram.example/kaya")
    page.save_revision().publish()
    html = client.get(page.url).content.decode().replace(SOFT_HYPHEN, "")
    assert 'href="https://kaya-schmuck.example" rel="noopener"' in html
    assert 'href="https://instagram.example/kaya" rel="noopener me">Instagram</a>' in html


def test_story_index_filters_by_topic(client, demo):
    html = client.get("/fr/histoires/?tag=material").content.decode().replace(SOFT_HYPHEN, "")
    assert "Du siège de tramway au sac" in html
    assert "Les émaux de la Soers" in html
    assert "Encre, raclette, patience" not in html  # tagged "Werkstatt" only
    assert 'aria-current="page">Matière</a>' in html


@pytest.mark.parametrize(
    ("path", "title", "tag", "quote"),
    [
        (
            "/de/geschichten/vom-sitz-zur-tasche/",
            "Vom Straßenbahnsitz zur Tasche",
            "Material",
            "Jedes Stück ist ein bisschen anders",
        ),
        (
            "/en/stories/from-seat-to-bag/",
            "From tram seat to bag",
            "Material",
            "Every piece is a little different",
        ),
        (
            "/nl/verhalen/van-bank-tot-tas/",
            "Van trambank tot tas",
            "Materiaal",
            "Elk stuk is een beetje anders",
        ),
        (
            "/fr/histoires/du-siege-au-sac/",
            "Du siège de tramway au sac",
            "Matière",
            "Chaque pièce est un peu différente",
        ),
    ],
)
def test_story_page_in_each_language(client, demo, path, title, tag, quote):
    response = client.get(path)
    html = response.content.decode().replace(SOFT_HYPHEN, "")
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert f">{tag}</a>" in html
    assert quote in html
    # The featured designer links to her page in the same language.
    designer = german(DesignerPage, catalogue_ref="lena-hoffmann")
    code = path.split("/")[1]
    assert designer.get_translation(Locale.objects.get(language_code=code)).url in html


def make_story(index, blocks: int, designer) -> StoryPage:
    image = ImageFactory(title="Geschichte Test", description="Testbild")
    body = []
    for number in range(blocks):
        kind = number % 3
        if kind == 0:
            body.append({"type": "paragraph", "value": f"<p>Absatz {number}.</p>"})
        elif kind == 1:
            body.append(
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "Testbild", "decorative": False},
                        "caption": "",
                    },
                }
            )
        else:
            body.append({"type": "quote", "value": {"quote": f"Zitat {number}", "attribution": ""}})
    story = StoryPage(
        title=f"Test mit {blocks} Blöcken",
        slug=f"test-{blocks}",
        lead="Test.",
        date=datetime.date(2026, 11, 1),
        hero_image=image,
        body=body,
    )
    story.featured_designers = [StoryDesigner(designer=designer)]
    index.add_child(instance=story)
    story.save_revision().publish()
    return story


@no_demo
@pytest.mark.usefixtures("uncached_pages")
def test_story_queries_do_not_grow_with_blocks(client, home):
    index = StoryIndexPageFactory(parent=home)
    designer = DesignerPageFactory(parent=DesignerIndexPageFactory(parent=home), title="Tom Becker")
    short = make_story(index, 2, designer)
    long = make_story(index, 40, designer)
    assert count_queries(client, long.url) == count_queries(client, short.url)


@no_demo
def test_translating_a_designer_and_syncing_a_change_from_german(client, home):
    index = DesignerIndexPageFactory(parent=home)
    translate_page(index, "en", title="Designers", slug="designers")
    page = DesignerPage(
        title="Nina Brandt", slug="nina-brandt", lead="Sie webt Teppiche.", city="Aachen"
    )
    index.add_child(instance=page)
    page.save_revision().publish()

    english = translate(page, "en", {"Sie webt Teppiche.": "She weaves rugs."})
    assert english.live and english.lead == "She weaves rugs."
    assert "She weaves rugs." in client.get(english.url).content.decode().replace(SOFT_HYPHEN, "")

    # The German page changes: a synchronised fact and a text.
    page.city = "Würselen"
    page.lead = "Sie webt Teppiche aus Wollresten."
    page.save_revision().publish()
    english = translate(page, "en", {})  # the "sync" an editor starts in the admin
    html = client.get(english.url).content.decode().replace(SOFT_HYPHEN, "")
    assert "Würselen" in html  # synchronised at once
    assert "Sie webt Teppiche aus Wollresten." in html  # the new text, in German until translated
    english = translate(
        page, "en", {"Sie webt Teppiche aus Wollresten.": "She weaves rugs from leftover wool."}
    )
    assert "She weaves rugs from leftover wool." in client.get(
        english.url
    ).content.decode().replace(SOFT_HYPHEN, "")


@pytest.mark.parametrize("code", ["de", "en", "nl", "fr"])
def test_designer_and_story_pages_describe_themselves_to_search_engines(client, demo, code):
    from tests.seo.jsonld import assert_valid_json_ld

    locale = Locale.objects.get(language_code=code)
    designer = german(DesignerPage, catalogue_ref="marie-claes").get_translation(locale)
    data = assert_valid_json_ld(client.get(designer.url).content.decode().replace(SOFT_HYPHEN, ""))
    person = next(item for item in data if item["@type"] == "Person")
    assert person["name"] == "Marie Claes"
    assert person["url"] == designer.get_full_url()
    assert {item["@type"] for item in data} >= {"Person", "BreadcrumbList"}

    story = StoryPage.objects.get(
        locale=locale, featured_designers__designer__catalogue_ref="marie-claes"
    )
    html = client.get(story.url).content.decode().replace(SOFT_HYPHEN, "")
    data = assert_valid_json_ld(html)
    article = next(item for item in data if item["@type"] == "Article")
    assert article["headline"] == story.title
    assert article["inLanguage"] == code
    assert article["author"][0]["url"] == designer.get_full_url()
    assert '<meta property="og:type" content="article">' in html


@no_demo
def test_an_editorial_image_needs_alt_text_or_the_decorative_mark(db):
    from django.core.exceptions import ValidationError

    from designers.blocks import StoryStreamBlock

    image = ImageFactory(title="Geschichte Test", description="Testbild")
    block = StoryStreamBlock()

    def image_block(alt_text, decorative):
        raw = [
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
                    "caption": "",
                },
            }
        ]
        return block.clean(block.to_python(raw))

    with pytest.raises(ValidationError):
        image_block("", False)
    image_block("Eine Werkbank im Depot", False)
    image_block("", True)
