"""Parts of pages kept under the content version (`{% fragment %}`, `core.fragments`): a second
render reads them instead of asking the database, and every edit shows on the very next request,
in previews at once. The page cache is off: every request renders its page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.typography import SOFT_HYPHEN
from tests.factories import (
    HomePageFactory,
    ProductFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    paragraph,
    publish,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.no_demo,
    pytest.mark.usefixtures("uncached_pages_with_fragments"),
]


@pytest.fixture
def story():
    home = HomePageFactory()
    stories = StoryIndexPageFactory(parent=home, slug="geschichten")
    product = ProductFactory(title="Kurierrucksack Lindenplatz")
    body = [
        *paragraph("<p>Im Depot entsteht es in Handarbeit.</p>"),
        ("product_teasers", {"heading": "Zum Mitnehmen", "products": [product]}),
    ]
    page = StoryPageFactory(parent=stories, slug="vom-sitz", lead="Wie es entsteht.", body=body)
    return page, product


def shown(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode().replace(SOFT_HYPHEN, "")


def queries(client, page) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(page.url)
    return len(captured)


def test_a_second_render_reads_the_fragments_and_shows_the_same(client, story):
    page, _product = story
    first = shown(client, page)
    assert "Im Depot entsteht es in Handarbeit." in first
    assert "Kurierrucksack Lindenplatz" in first
    first_queries = queries(client, page)  # the frame is cached now, the fragments too
    client.get(page.url)
    assert shown(client, page) == first
    # Without its fragments (a new content version) the same page asks more.
    from core import content_version

    content_version.invalidate()
    assert queries(client, page) > first_queries


def test_a_published_edit_shows_on_the_next_request(client, story):
    page, _product = story
    shown(client, page)
    page.body = paragraph("<p>Jetzt in der Nähwerkstatt am Kaiserplatz.</p>")
    page.search_description = "Neue Beschreibung für Suchmaschinen."
    publish(page)
    html = shown(client, page)
    assert "Jetzt in der Nähwerkstatt am Kaiserplatz." in html
    assert "Im Depot entsteht es" not in html
    assert '<meta name="description" content="Neue Beschreibung für Suchmaschinen.">' in html


def test_a_product_edit_shows_in_the_story_that_shows_the_product(client, story):
    page, product = story
    assert "Kurierrucksack Lindenplatz" in shown(client, page)
    product.title = "Kurierrucksack Talbot"
    product.save()
    html = shown(client, page)
    assert "Kurierrucksack Talbot" in html
    assert "Lindenplatz" not in html


def test_a_preview_shows_the_draft_and_the_live_page_stays(client, story):
    page, _product = story
    shown(client, page)  # the live body is kept as a fragment
    page.body = paragraph("<p>Entwurf: noch nicht veröffentlicht.</p>")
    page.save_revision()  # a draft: the content version stays
    preview = page.make_preview_request()
    assert "Entwurf: noch nicht veröffentlicht." in preview.render().content.decode()
    html = shown(client, page)
    assert "Im Depot entsteht es in Handarbeit." in html
    assert "Entwurf" not in html


def test_fragments_of_an_address_with_a_long_query_are_kept_under_a_short_key(
    client, story, monkeypatch
):
    """A fragment is kept per query (the parameters pages read): a long one, up to what the page
    cache keeps, still gives a key every cache backend takes (memcached refuses over 250
    characters) — and the second render reads it back."""
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    from core import pagecache

    monkeypatch.setattr(pagecache, "key_parameters", lambda: frozenset({"seite"}))
    page, _product = story
    address = f"{page.url}?seite=/{'a' * 400}"
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        first = client.get(address).content
        with CaptureQueriesContext(connection) as first_render:
            client.get(address)
        with CaptureQueriesContext(connection) as second_render:
            assert client.get(address).content == first
    assert len(second_render) <= len(first_render)
    from core import content_version

    content_version.invalidate()
    with CaptureQueriesContext(connection) as without_fragments:
        client.get(address)
    assert len(without_fragments) > len(second_render)


@pytest.mark.parametrize(
    "tag",
    [
        '{% fragment "part" page without_picture %}',  # misspelt
        '{% fragment "part" page without_pictures as %}',
        '{% fragment "part" %}',
    ],
)
def test_a_fragment_tag_written_wrong_says_what_it_takes(tag):
    """A template with a mistyped `{% fragment %}` fails when it is loaded, saying what the tag
    takes, instead of keeping a part under a name nobody meant."""
    from django.template import Engine, TemplateSyntaxError

    engine = Engine(libraries={"fragment_tags": "core.templatetags.fragment_tags"})
    with pytest.raises(TemplateSyntaxError, match="without_pictures"):
        engine.from_string("{% load fragment_tags %}" + tag + "x{% endfragment %}")
    for good in (
        '{% fragment "part" page %}',
        '{% fragment "part" page without_pictures %}',
        '{% fragment "part" page without_pictures as html %}',
        '{% fragment "part" page as html %}',
    ):
        engine.from_string("{% load fragment_tags %}" + good + "x{% endfragment %}")
